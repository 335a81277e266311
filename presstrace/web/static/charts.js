// presstrace workbench: charts drawn by uPlot (static/vendor) from a page's JSON block.
// A chart block is <script type="application/json" class="chart-data" data-target="ID">
// holding {"kind": "lines"|"bars", "x": [YYYY-MM-DD ...], "series": [{"label", "values"}],
// "percent": bool}; the chart goes into the element with that id. Labels reach the page
// through uPlot's legend, which writes them as text. The table under each chart holds the
// same numbers for readers without scripts.
(function () {
  "use strict";

  // Tableau 10: colours told apart by most readers, as the legend's swatches show them.
  var COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                 "#ff9da7", "#9c755f", "#bab0ac"];

  function seconds(day) {
    // "2022-03" (a month) is its first day; dates are read as UTC so no day shifts.
    var parts = day.split("-").map(Number);
    return Date.UTC(parts[0], (parts[1] || 1) - 1, parts[2] || 1) / 1000;
  }

  function format(percent) {
    return function (u, value) {
      if (value == null) { return "–"; }
      return percent ? (value * 100).toFixed(1) + "%" : String(value);
    };
  }

  function options(spec, width) {
    var bars = spec.kind === "bars";
    var series = [{ label: spec.xlabel || "period" }].concat(spec.series.map(function (s, i) {
      var colour = COLOURS[i % COLOURS.length];
      var line = { label: s.label, stroke: colour, width: 2, value: format(spec.percent),
                   points: { show: true, size: 5 } };
      if (bars) {
        line.fill = colour;
        line.paths = uPlot.paths.bars({ size: [0.8, 40] });
        line.points = { show: false };
      }
      return line;
    }));
    return {
      width: width, height: spec.height || 240, series: series,
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.05 : 1]; } } },
      axes: [{}, { values: function (u, ticks) { return ticks.map(function (t) { return format(spec.percent)(u, t); }); } }],
      cursor: { drag: { x: true, y: false } }
    };
  }

  function draw(block) {
    var spec = JSON.parse(block.textContent);
    var target = document.getElementById(block.dataset.target);
    if (!target || !spec.x.length) { return; }
    var data = [spec.x.map(seconds)].concat(spec.series.map(function (s) { return s.values; }));
    var width = Math.max(target.clientWidth || 0, 320);
    var chart = new uPlot(options(spec, width), data, target);
    target.dataset.ready = "true";
    window.addEventListener("resize", function () {
      chart.setSize({ width: Math.max(target.clientWidth, 320), height: spec.height || 240 });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof uPlot !== "function") { return; }
    document.querySelectorAll("script.chart-data").forEach(draw);
  });
})();

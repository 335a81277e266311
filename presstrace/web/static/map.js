// presstrace workbench: the map, drawn by Leaflet (static/vendor) with no tiles: the land is
// the Natural Earth outlines shipped in static/countries.json, so the map needs no network.
// Markers come from the page's JSON block; names reach the page through textContent only
// (a tooltip is given an element, never an HTML string).
(function () {
  "use strict";

  var WORLD = [[-58, -170], [78, 190]];

  function radius(mentions, most) {
    // area by mentions: the most mentioned 16 px across its radius, none under 3 px
    return Math.max(16 * Math.sqrt(mentions / (most || 1)), 3);
  }

  function textElement(text, className) {
    var el = document.createElement("span");
    if (className) { el.className = className; }
    el.textContent = text;
    return el;
  }

  function describe(m) {
    return m.name + (m.country ? ", " + m.country : "") + (m.demonym ? " (demonym)" : "") + ": " +
      m.mentions + " mention" + (m.mentions === 1 ? "" : "s") + " in " + m.articles + " article" +
      (m.articles === 1 ? "" : "s");
  }

  function drawLand(map) {
    fetch("/static/countries.json").then(function (res) { return res.json(); }).then(function (data) {
      var rings = [];
      data.countries.forEach(function (country) {
        country.rings.forEach(function (ring) {
          rings.push(ring.map(function (p) { return [p[1], p[0]]; }));
        });
      });
      L.polygon(rings, { className: "land", interactive: false }).addTo(map).bringToBack();
      map.getContainer().dataset.land = String(rings.length);
    });
  }

  function drawMarkers(map, spec) {
    var named = spec.markers.slice().sort(function (a, b) { return b.mentions - a.mentions; })
      .slice(0, spec.labels);
    // biggest first, so small markers stay on top and can be clicked
    spec.markers.slice().sort(function (a, b) { return b.mentions - a.mentions; }).forEach(function (m) {
      var marker = L.circleMarker([m.lat, m.lon], {
        radius: radius(m.mentions, spec.most), className: m.demonym ? "marker demonym" : "marker"
      }).addTo(map);
      var permanent = named.indexOf(m) >= 0;
      marker.bindTooltip(textElement(permanent ? m.name : describe(m)),
                         { permanent: permanent, direction: "right", className: permanent ? "label" : "" });
      marker.on("click", function () { window.location.assign(m.href); });
    });
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // A name that would cover one already shown (bigger places first) is hidden at this zoom:
  // the table under the map lists every place anyway.
  function declutter(map) {
    var shown = [];
    map.getContainer().querySelectorAll(".leaflet-tooltip.label").forEach(function (label) {
      label.classList.remove("crowded");
      var box = label.getBoundingClientRect();
      if (shown.some(function (other) { return overlaps(box, other); })) {
        label.classList.add("crowded");
      } else {
        shown.push(box);
      }
    });
  }

  function legend(spec) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "map-legend");
      var counts = [spec.most, Math.max(Math.round(spec.most / 4), 1), 1].filter(function (c, i, all) {
        return all.indexOf(c) === i;
      });
      counts.forEach(function (count) {
        var item = L.DomUtil.create("span", "legend-item", box);
        var dot = L.DomUtil.create("span", "legend-dot", item);
        var size = 2 * radius(count, spec.most);
        dot.style.width = size + "px";
        dot.style.height = size + "px";
        item.appendChild(textElement(String(count)));
      });
      box.appendChild(textElement("mentions", "legend-caption"));
      return box;
    };
    return control;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("map");
    var source = document.getElementById("map-data");
    if (!box || !source || typeof L !== "object") { return; }
    var spec = JSON.parse(source.textContent);
    box.hidden = false;
    var map = L.map(box, { zoomSnap: 0.25, worldCopyJump: true, attributionControl: false });
    L.control.attribution({ prefix: false }).addAttribution("Natural Earth · Leaflet").addTo(map);
    map.fitBounds(spec.bounds || WORLD, { padding: [30, 30], maxZoom: 6 });
    drawLand(map);
    drawMarkers(map, spec);
    if (spec.most > 0) { legend(spec).addTo(map); }
    declutter(map);
    map.on("zoomend moveend", function () { declutter(map); });
    box.dataset.ready = "true";
    window.presstraceMap = map;  // for the browser tests and the curious
  });
})();

// presstrace workbench: the network page's graph, drawn by Cytoscape.js (static/vendor).
// The graph comes from the page's JSON block; names reach the screen as canvas labels or
// through textContent, never as HTML. A click on an edge lists the reports behind it,
// read from /api/network/reports; a click on an entity opens its page.
(function () {
  "use strict";

  function maxOf(items, floor) {
    return items.reduce(function (most, el) { return Math.max(most, el.data.weight); }, floor);
  }

  function styles(most, heaviest, directed) {
    return [
      { selector: "node", style: {
        "label": "data(label)", "width": "mapData(weight, 1, " + most + ", 14, 56)",
        "height": "mapData(weight, 1, " + most + ", 14, 56)", "background-color": "#4e79a7",
        "font-size": 16, "color": "#1d2733", "text-valign": "bottom", "text-margin-y": 3,
        "text-background-color": "#ffffff", "text-background-opacity": 0.8,
        "text-background-padding": 1, "min-zoomed-font-size": 7 } },
      { selector: "edge", style: {
        "width": "mapData(weight, 1, " + heaviest + ", 1, 9)", "line-color": "#8a9aa8",
        "opacity": 0.7, "curve-style": "bezier", "label": "data(caption)", "font-size": 11,
        "color": "#4a5866", "text-rotation": "autorotate", "min-zoomed-font-size": 8,
        "target-arrow-shape": directed ? "triangle" : "none", "target-arrow-color": "#8a9aa8",
        "arrow-scale": 0.8 } },
      { selector: "edge:selected", style: { "line-color": "#e15759", "target-arrow-color": "#e15759",
                                            "opacity": 1 } },
      { selector: "node:selected", style: { "background-color": "#e15759" } }
    ];
  }

  function listItem(report) {
    var item = document.createElement("li");
    var text = document.createElement("q");
    text.textContent = report.text;
    item.appendChild(text);
    if (report.speaker) { item.appendChild(document.createTextNode(" — " + report.speaker)); }
    var meta = document.createElement("span");
    meta.className = "meta";
    var link = document.createElement("a");
    link.href = "/articles/" + encodeURIComponent(report.article_id);
    link.textContent = report.title || "article " + report.article_id;
    meta.appendChild(link);
    meta.appendChild(document.createTextNode(
      [report.outlet, (report.date || "").slice(0, 10)].filter(Boolean).map(function (s) { return ", " + s; }).join("")));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(meta);
    return item;
  }

  function showReports(edge, cy) {
    var panel = document.getElementById("edge-reports");
    var list = document.getElementById("edge-list");
    var data = edge.data();
    document.getElementById("edge-title").textContent =
      cy.getElementById(data.source).data("label") + " → " + cy.getElementById(data.target).data("label") +
      (data.type ? " · " + data.type : "");
    document.getElementById("edge-more").href = data.page;
    list.replaceChildren();
    panel.hidden = false;
    fetch(data.reports + "&limit=20", { headers: { "accept": "application/json" } })
      .then(function (res) { return res.ok ? res.json() : Promise.reject(res.status); })
      .then(function (page) {
        list.replaceChildren.apply(list, page.items.map(listItem));
        list.dataset.loaded = String(page.items.length);
      })
      .catch(function () {
        var item = document.createElement("li");
        item.textContent = "The reports could not be read.";
        list.replaceChildren(item);
      });
  }

  function draw(box, elements) {
    var directed = elements.edges.some(function (e) { return e.data.type; });
    var cy = cytoscape({
      container: box, elements: elements.nodes.concat(elements.edges),
      style: styles(maxOf(elements.nodes, 2), maxOf(elements.edges, 2), directed),
      layout: { name: "circle" }, minZoom: 0.2, maxZoom: 4
    });
    // A force layout from the circle, not from random places: the same graph looks the same.
    cy.layout({ name: "cose", randomize: false, animate: false, nodeRepulsion: function () { return 90000; },
                idealEdgeLength: function () { return 90; }, nodeOverlap: 20, padding: 20 }).run();
    cy.on("tap", "edge", function (event) { showReports(event.target, cy); });
    cy.on("tap", "node", function (event) {
      var href = event.target.data("href");
      if (href) { window.location.assign(href); }
    });
    box.dataset.ready = "true";
    window.presstraceGraph = cy;  // for the browser tests and the curious
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("graph");
    var source = document.getElementById("graph-data");
    if (!box || !source || typeof cytoscape !== "function") { return; }
    box.hidden = false;
    draw(box, JSON.parse(source.textContent));
  });
})();

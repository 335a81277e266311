// presstrace workbench: layer switches and tooltips for the article reader.
// Tooltip text is read from data-tip attributes and written with textContent, never as HTML.
(function () {
  "use strict";

  function setupToggles() {
    document.querySelectorAll("input[data-toggle]").forEach(function (box) {
      box.addEventListener("change", function () {
        document.body.classList.toggle("off-" + box.dataset.toggle, !box.checked);
      });
    });
  }

  function tipsFor(el, root) {
    // the hovered span and every highlighted span around it, innermost first
    var tips = [];
    for (var node = el; node && node !== root; node = node.parentElement) {
      if (node.dataset && node.dataset.tip && !document.body.classList.contains("off-" + node.dataset.layer)) {
        tips.push(node.dataset.tip);
      }
    }
    return tips;
  }

  function setupTips() {
    var tip = document.getElementById("tip");
    var root = document.getElementById("text");
    if (!tip || !root) { return; }
    function show(event) {
      var target = event.target.closest ? event.target.closest("[data-tip]") : null;
      var tips = target ? tipsFor(target, root) : [];
      if (!tips.length) { tip.hidden = true; return; }
      tip.replaceChildren.apply(tip, tips.map(function (t) {
        var line = document.createElement("div");
        line.textContent = t;
        return line;
      }));
      var box = target.getBoundingClientRect();
      tip.hidden = false;
      var top = box.bottom + 6;
      if (top + tip.offsetHeight > window.innerHeight) { top = box.top - tip.offsetHeight - 6; }
      tip.style.top = Math.max(top, 4) + "px";
      tip.style.left = Math.max(4, Math.min(box.left, window.innerWidth - tip.offsetWidth - 8)) + "px";
    }
    function hide() { tip.hidden = true; }
    root.addEventListener("mouseover", show);
    root.addEventListener("focusin", show);
    root.addEventListener("mouseleave", hide);
    root.addEventListener("focusout", hide);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupToggles();
    setupTips();
  });
})();

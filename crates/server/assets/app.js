// borderwatch map: zoom (wheel, buttons, pinch-free double-click), pan (drag) and a tooltip.
// Plain script, no build step, no dependency. The page works without it: markers are links.
// The view is kept in the URL hash as #zoom/lat/lon so a view can be shared.
(function () {
  "use strict";
  var svg = document.getElementById("map");
  if (!svg) return;
  var W = svg.viewBox.baseVal.width, H = svg.viewBox.baseVal.height;
  var tip = document.getElementById("tip");
  var view = { k: 1, cx: W / 2, cy: H / 2 }; // zoom factor and centre in map units
  var MAXK = 64;

  function project(lon, lat) { return [(lon + 180) * W / 360, (90 - lat) * W / 360]; }
  function unproject(x, y) { return [x * 360 / W - 180, 90 - y * 360 / W]; }

  function apply() {
    view.k = Math.max(1, Math.min(MAXK, view.k));
    var w = W / view.k, h = H / view.k;
    view.cx = Math.max(w / 2, Math.min(W - w / 2, view.cx));
    view.cy = Math.max(h / 2, Math.min(H - h / 2, view.cy));
    svg.setAttribute("viewBox", (view.cx - w / 2) + " " + (view.cy - h / 2) + " " + w + " " + h);
    // Markers keep their size on screen: radius shrinks as the map grows.
    var circles = svg.querySelectorAll(".marker circle");
    for (var i = 0; i < circles.length; i++) {
      var c = circles[i];
      if (!c.dataset.r) c.dataset.r = c.getAttribute("r");
      c.setAttribute("r", (parseFloat(c.dataset.r) / Math.sqrt(view.k)).toFixed(3));
    }
    var ll = unproject(view.cx, view.cy);
    var hash = "#" + Math.round(view.k * 100) / 100 + "/" + ll[1].toFixed(3) + "/" + ll[0].toFixed(3);
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  function fromHash() {
    var m = /^#([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(location.hash);
    if (!m) return false;
    var p = project(parseFloat(m[3]), parseFloat(m[2]));
    view.k = parseFloat(m[1]); view.cx = p[0]; view.cy = p[1];
    return true;
  }

  // Map units under a client point.
  function toMap(clientX, clientY) {
    var r = svg.getBoundingClientRect();
    var w = W / view.k, h = H / view.k;
    return [view.cx - w / 2 + (clientX - r.left) / r.width * w, view.cy - h / 2 + (clientY - r.top) / r.height * h];
  }

  function zoomAt(factor, clientX, clientY) {
    var before = toMap(clientX, clientY);
    view.k *= factor;
    view.k = Math.max(1, Math.min(MAXK, view.k));
    var r = svg.getBoundingClientRect();
    var w = W / view.k, h = H / view.k;
    view.cx = before[0] - ((clientX - r.left) / r.width - 0.5) * w;
    view.cy = before[1] - ((clientY - r.top) / r.height - 0.5) * h;
    apply();
  }

  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    zoomAt(e.deltaY < 0 ? 1.25 : 0.8, e.clientX, e.clientY);
  }, { passive: false });

  svg.addEventListener("dblclick", function (e) { e.preventDefault(); zoomAt(2, e.clientX, e.clientY); });

  var drag = null, moved = false;
  svg.addEventListener("pointerdown", function (e) {
    drag = { x: e.clientX, y: e.clientY, cx: view.cx, cy: view.cy }; moved = false;
  });
  window.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    moved = true; svg.classList.add("dragging");
    var r = svg.getBoundingClientRect();
    view.cx = drag.cx - dx / r.width * (W / view.k);
    view.cy = drag.cy - dy / r.height * (H / view.k);
    apply();
  });
  window.addEventListener("pointerup", function () { drag = null; svg.classList.remove("dragging"); });
  // A drag that ends on a marker must not follow its link.
  svg.addEventListener("click", function (e) { if (moved) { e.preventDefault(); moved = false; } }, true);

  document.querySelectorAll("[data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      var r = svg.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
      var z = b.getAttribute("data-zoom");
      if (z === "in") zoomAt(2, x, y);
      else if (z === "out") zoomAt(0.5, x, y);
      else { view = { k: 1, cx: W / 2, cy: H / 2 }; apply(); }
    });
  });

  // Tooltip: the crossing's name and status (and whether it is unconfirmed), next to the pointer.
  svg.addEventListener("pointerover", function (e) {
    var a = e.target.closest && e.target.closest(".marker");
    if (!a || !tip) return;
    tip.textContent = a.getAttribute("data-name") + " — " + a.getAttribute("data-status") +
      (a.getAttribute("data-stale") === "true" ? ", unconfirmed" : "");
    tip.hidden = false;
  });
  svg.addEventListener("pointermove", function (e) {
    if (!tip || tip.hidden) return;
    var box = svg.parentNode.getBoundingClientRect();
    tip.style.left = (e.clientX - box.left + 12) + "px";
    tip.style.top = (e.clientY - box.top + 12) + "px";
  });
  svg.addEventListener("pointerout", function (e) {
    var a = e.target.closest && e.target.closest(".marker");
    if (a && tip) tip.hidden = true;
  });

  window.addEventListener("hashchange", function () { if (fromHash()) apply(); });
  if (fromHash()) apply();
})();

/* The search page's enhancements: "near me" and the results map. Without this file (or without
   JavaScript) the page works the same: the postal code stands for the location and the list is
   complete. htmx swaps #results; the map is redrawn from its JSON after each swap. */
(function () {
  "use strict";

  var map = null;
  var markers = null;

  function mapData() {
    var element = document.getElementById("map-data");
    if (!element) return null;
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function popupContent(point) {
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    return link;
  }

  function resetMap(box) {
    // After htmx restores a page from history the map's old elements are plain HTML again.
    if (map) {
      try { map.remove(); } catch (error) { /* its elements are gone already */ }
    }
    map = null;
    markers = null;
    box.innerHTML = "";
  }

  function ensureMap(box) {
    if (map) return;
    map = L.map(box, { scrollWheelZoom: false });
    var tiles = box.dataset.tileUrl;
    if (tiles) {
      L.tileLayer(tiles, { attribution: box.dataset.tileAttribution || "", maxZoom: 19 }).addTo(map);
    } else {
      box.classList.add("map--plain");
    }
    markers = L.layerGroup().addTo(map);
  }

  function drawMap() {
    var box = document.getElementById("map");
    var layout = document.querySelector(".search-layout");
    if (!box || !window.L) return;
    var data = mapData();
    var points = data && data.markers ? data.markers : [];
    if (!points.length) {
      box.hidden = true;
      if (layout) layout.classList.remove("with-map");
      return;
    }
    box.hidden = false;
    if (layout) layout.classList.add("with-map");
    ensureMap(box);
    map.invalidateSize();
    markers.clearLayers();
    var bounds = [];
    points.forEach(function (point) {
      var icon = L.divIcon({ className: "map-marker", html: String(point.rank), iconSize: [32, 32] });
      var marker = L.marker([point.lat, point.lon], { icon: icon, title: point.title, keyboard: true });
      marker.bindPopup(popupContent(point));
      marker.addTo(markers);
      var element = marker.getElement();
      if (element) element.setAttribute("aria-label", point.title);
      bounds.push([point.lat, point.lon]);
    });
    if (data.here) {
      var here = L.divIcon({ className: "map-here", iconSize: [18, 18] });
      L.marker([data.here.lat, data.here.lon], {
        icon: here, title: (box.dataset.here || "") + ": " + data.here.title, keyboard: false, interactive: false
      }).addTo(markers);
      bounds.push([data.here.lat, data.here.lon]);
    }
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  }

  function setupNearMe() {
    var button = document.getElementById("near-me");
    var form = document.getElementById("search-form");
    if (!button || !form || !navigator.geolocation) return;
    var status = document.getElementById("near-me-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.locating;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          // About 100 m is near enough, and keeps the exact place out of links and history.
          form.elements.lat.value = position.coords.latitude.toFixed(3);
          form.elements.lon.value = position.coords.longitude.toFixed(3);
          status.textContent = "";
          if (form.requestSubmit) form.requestSubmit(); else form.submit();
        },
        function () {
          status.textContent = button.dataset.failed;
          var postcode = form.elements.postcode;
          if (postcode) postcode.focus();
        },
        { timeout: 10000, maximumAge: 600000 }
      );
    });
  }

  function focusResults(event) {
    // A paging link was replaced by the swap: continue reading from the results' heading.
    var source = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
    if (source && source.hasAttribute && source.hasAttribute("data-focus-results")) {
      var heading = document.getElementById("results-heading");
      if (heading) heading.focus();
    }
  }

  // Empty fields stay out of the address, so that links to a search stay short and readable.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var parameters = event.detail.parameters;
    var empty = [];
    if (parameters instanceof FormData) {
      parameters.forEach(function (value, key) { if (value === "") empty.push(key); });
      empty.forEach(function (key) { parameters.delete(key); });
    } else {
      Object.keys(parameters).forEach(function (key) {
        if (parameters[key] === "") delete parameters[key];
      });
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    setupNearMe();
    drawMap();
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "results") {
      drawMap();
      focusResults(event);
    }
  });
  document.body.addEventListener("htmx:historyRestore", function () {
    var box = document.getElementById("map");
    if (box) resetMap(box);
    setupNearMe();
    drawMap();
  });
})();

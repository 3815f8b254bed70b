/* The area planner's map. Each area's municipalities and postal areas are circles in the area's
   colour, with the area's number at its centre; today's family centres (F) and meeting places
   (M) and the suggested new meeting places (+) are marked with their own symbols. The colour
   only repeats the number and the name (tooltips, the legend). Without this file, or without
   JavaScript, the map stays hidden and the page's tables hold the same figures. */
(function () {
  "use strict";

  function mapData() {
    var element = document.getElementById("planning-map-data");
    if (!element) return null;
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function text(value) {
    // Tooltips take HTML: names go in as text, never as markup.
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  function badge(className, label, colour) {
    // Leaflet positions the icon with a transform of its own: the shape is the inner element.
    var span = text(label);
    span.className = className;
    if (colour) span.style.setProperty("--area-colour", colour);
    return span;
  }

  function symbol(className, label, title) {
    var icon = L.divIcon({
      className: "pl-marker",
      html: badge("pl-symbol " + className, label),
      iconSize: [26, 26]
    });
    return { icon: icon, title: title, keyboard: false, riseOnHover: true };
  }

  function radius(population) {
    // Area of the circle grows with the population; small places stay visible.
    var value = Math.sqrt(Math.max(population || 0, 0)) / 12;
    return Math.max(5, Math.min(18, value));
  }

  function place(marker, bounds, lat, lon) {
    bounds.push([lat, lon]);
    return marker;
  }

  function setStatus() {
    var form = document.getElementById("proposal-form");
    var status = document.getElementById("propose-status");
    if (!form || !status) return;
    form.addEventListener("submit", function () {
      status.textContent = status.dataset.computing || "";
      form.setAttribute("aria-busy", "true");
    });
  }

  // The convex hull of an area's member points (monotone chain): without map tiles it is what
  // shows an area as a region rather than a scatter of circles.
  function hull(points) {
    var sorted = points.slice().sort(function (a, b) { return a[1] - b[1] || a[0] - b[0]; });
    if (sorted.length < 3) return sorted;
    function cross(o, a, b) {
      return (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1]);
    }
    var lower = [], upper = [];
    sorted.forEach(function (p) {
      while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
      lower.push(p);
    });
    sorted.slice().reverse().forEach(function (p) {
      while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
      upper.push(p);
    });
    return lower.slice(0, -1).concat(upper.slice(0, -1));
  }

  function draw() {
    var box = document.getElementById("planning-map");
    var panel = document.getElementById("map-panel");
    var data = mapData();
    if (!box || !panel || !window.L || !data || !data.areas || !data.areas.length) return;
    panel.hidden = false;
    var labels = data.labels || {};
    var map = L.map(box, { scrollWheelZoom: false, zoomSnap: 0.25 });
    if (box.dataset.tileUrl) {
      L.tileLayer(box.dataset.tileUrl, {
        attribution: box.dataset.tileAttribution || "",
        maxZoom: 19
      }).addTo(map);
    } else {
      box.classList.add("map--plain");
    }
    var bounds = [];
    data.areas.forEach(function (area) {
      var name = area.number + " " + area.name;
      var outline = hull(area.members.map(function (m) { return [m.lat, m.lon]; }));
      if (outline.length >= 3) {
        L.polygon(outline, {
          color: area.colour,
          weight: 1,
          fillColor: area.colour,
          fillOpacity: 0.12,
          interactive: false,
          className: "pl-hull"
        }).addTo(map);
      }
      area.members.forEach(function (member) {
        var circle = L.circleMarker([member.lat, member.lon], {
          radius: radius(member.population),
          color: area.colour,
          weight: 2,
          fillColor: area.colour,
          fillOpacity: 0.45,
          className: "pl-member pl-area-" + area.number
        });
        circle.bindTooltip(text(name + ": " + member.name));
        place(circle, bounds, member.lat, member.lon).addTo(map);
      });
      if (area.lat !== null && area.lon !== null) {
        var icon = L.divIcon({
          className: "pl-marker pl-area-label",
          html: badge("pl-swatch pl-swatch--map", String(area.number), area.colour),
          iconSize: [30, 30]
        });
        L.marker([area.lat, area.lon], {
          icon: icon,
          title: (labels.area || "") + " " + name,
          keyboard: false,
          zIndexOffset: 500
        }).addTo(map);
      }
    });
    (data.sites || []).forEach(function (site) {
      var familyCentre = site.kind === "family_centre";
      var options = symbol(
        familyCentre ? "pl-symbol--family-centre" : "pl-symbol--meeting-place",
        (familyCentre ? labels.family_centre_symbol : labels.meeting_place_symbol) || "",
        (familyCentre ? labels.family_centre : labels.meeting_place) + ": " + site.name
      );
      place(L.marker([site.lat, site.lon], options), bounds, site.lat, site.lon).addTo(map);
    });
    (data.suggested || []).forEach(function (suggestion) {
      var title = labels.suggested + ": " + suggestion.name + " (" + suggestion.area + "), " +
        labels.children_reached + " " + suggestion.children;
      var options = symbol("pl-symbol--suggested", "+", title);
      options.zIndexOffset = 1000;
      place(L.marker([suggestion.lat, suggestion.lon], options), bounds, suggestion.lat, suggestion.lon)
        .addTo(map);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [16, 16], maxZoom: 13 });
    } else {
      map.setView([64.5, 26], 5);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setStatus();
    draw();
  });
})();

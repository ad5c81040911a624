// The map, fully offline: Leaflet with no tile layer, Natural Earth country outlines
// (world-atlas TopoJSON → GeoJSON with topojson-client) and one marker per placed incident.
// The three npm packages are served from /assets; without them the panel says how to install.

import { el } from "./dom.js";

const SCRIPTS = ["/assets/leaflet/leaflet.js", "/assets/topojson-client/topojson-client.min.js"];
const OUTLINES = "/assets/world-atlas/countries-110m.json";
const INSTALL = "bash scripts/setup";

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = el("script", { src });
    script.addEventListener("load", resolve);
    script.addEventListener("error", () => reject(new Error(`${src} is missing`)));
    document.head.append(script);
  });
}

function radius(incident) {
  return 4 + Math.min(incident.corroboration, 6) * 1.5;
}

export class IncidentMap {
  constructor(container, note, { onIncident }) {
    this.container = container;
    this.note = note;
    this.onIncident = onIncident;
    this.map = null;
    this.layer = null;
    this.fitted = false;
    this.pending = [];
  }

  // Load Leaflet and the outlines; resolves false (and explains) when they are not installed.
  async start() {
    try {
      for (const src of SCRIPTS) await loadScript(src);
      const response = await fetch(OUTLINES);
      if (!response.ok) throw new Error(`${OUTLINES} is missing`);
      const topology = await response.json();
      this.draw(topology);
    } catch (error) {
      this.container.classList.add("unavailable");
      this.note.replaceChildren(
        "The map needs its offline assets (Leaflet and Natural Earth outlines, from npm), " +
          "which are not installed: run ",
        el("code", {}, INSTALL),
        " in the livedesk checkout, then reload. ",
        el("span", { class: "detail" }, `(${error.message})`),
      );
      return false;
    }
    this.show(this.pending);
    return true;
  }

  draw(topology) {
    const L = window.L;
    this.map = L.map(this.container, { worldCopyJump: true, minZoom: 1, maxZoom: 10 });
    this.map.attributionControl.setPrefix(false);
    const countries = window.topojson.feature(topology, topology.objects.countries);
    L.geoJSON(countries, {
      interactive: false,
      style: { className: "country", color: "#8a94a6", weight: 0.6, fillColor: "#eef0f3", fillOpacity: 1 },
    }).addTo(this.map);
    this.map.attributionControl.addAttribution("Natural Earth");
    this.layer = L.layerGroup().addTo(this.map);
    this.map.setView([48.5, 31], 4);
  }

  // Replace the markers with one per incident that has coordinates.
  show(incidents) {
    this.pending = incidents;
    if (!this.map) return;
    const L = window.L;
    this.layer.clearLayers();
    const points = [];
    for (const incident of incidents) {
      const place = incident.place;
      if (!place || place.lat === null || place.lon === null) continue;
      const marker = L.circleMarker([place.lat, place.lon], {
        className: `incident-marker type-${incident.type.toLowerCase()}`,
        radius: radius(incident),
        weight: 1,
        fillOpacity: 0.55,
      });
      // Tooltip content is a DOM node, so report text is never parsed as HTML.
      marker.bindTooltip(el("span", {}, `${place.name}: ${incident.title}`), { sticky: true });
      marker.on("click", () => this.onIncident(incident.id));
      marker.addTo(this.layer);
      points.push([place.lat, place.lon]);
    }
    if (!this.fitted && points.length) {
      this.map.fitBounds(window.L.latLngBounds(core(points)).pad(0.4), { maxZoom: 6 });
      this.fitted = true;
    }
  }
}

// The bounds of the middle 80% of points on each axis: a stray far-off incident (a capital
// where talks are held) should not zoom the whole map out to the world.
function core(points) {
  if (points.length < 5) return points;
  const cut = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.round(q * (sorted.length - 1))];
    return [at(0.1), at(0.9)];
  };
  const [south, north] = cut(points.map((p) => p[0]));
  const [west, east] = cut(points.map((p) => p[1]));
  return [
    [south, west],
    [north, east],
  ];
}

// Figure series as small inline SVG charts: one line per series, a dot per report, the value
// axis from zero (so growth is not exaggerated), each dot titled with its source.

import { el, number, svg, when } from "./dom.js";

const WIDTH = 320;
const HEIGHT = 120;
const PAD = { left: 44, right: 10, top: 10, bottom: 22 };

function time(point) {
  const parsed = Date.parse(point.published || point.date || "");
  return Number.isNaN(parsed) ? null : parsed;
}

function short(value) {
  if (value >= 1e6) return `${(value / 1e6).toFixed(value >= 1e7 ? 0 : 1)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(value >= 1e4 ? 0 : 1)}k`;
  return String(value);
}

export function seriesChart(series) {
  const points = series.points
    .map((point) => ({ ...point, t: time(point) }))
    .filter((point) => point.t !== null && point.value !== null);
  const figure = el("figure", { class: "chart" }, el("figcaption", {}, series.label));
  if (!points.length) return figure;
  const t0 = Math.min(...points.map((p) => p.t));
  const t1 = Math.max(...points.map((p) => p.t));
  const top = Math.max(...points.map((p) => p.value)) || 1;
  const x = (t) =>
    PAD.left + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (v) => HEIGHT - PAD.bottom - (v / top) * (HEIGHT - PAD.top - PAD.bottom);
  const line = points.map((p) => `${x(p.t).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const chart = svg(
    "svg",
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: "img",
      "aria-label": `${series.label}: ${points.length} reported values`,
    },
    svg("line", { class: "axis", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0), y2: y(0) }),
    svg("line", { class: "axis", x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: y(0) }),
    svg("text", { class: "tick", x: PAD.left - 4, y: y(top) + 4, "text-anchor": "end" }, short(top)),
    svg("text", { class: "tick", x: PAD.left - 4, y: y(0), "text-anchor": "end" }, "0"),
    svg("text", { class: "tick", x: PAD.left, y: HEIGHT - 6 }, when(points[0].published).slice(0, 11)),
    svg(
      "text",
      { class: "tick", x: WIDTH - PAD.right, y: HEIGHT - 6, "text-anchor": "end" },
      when(points[points.length - 1].published).slice(0, 11),
    ),
    svg("polyline", { class: "series-line", points: line }),
    points.map((p) =>
      svg(
        "circle",
        { class: "series-dot", cx: x(p.t).toFixed(1), cy: y(p.value).toFixed(1), r: 3.5 },
        svg("title", {}, `${number(p.value)} · ${p.outlet || p.report} · ${when(p.published)}`),
      ),
    ),
  );
  figure.append(chart);
  const last = points[points.length - 1];
  figure.append(
    el("p", { class: "chart-note" }, `latest: ${number(last.value)} (${last.outlet || last.report})`),
  );
  return figure;
}

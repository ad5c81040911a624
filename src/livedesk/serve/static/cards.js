// What one incident, figure, key point, quote or report looks like on the page (shapes:
// docs/desk.md, docs/api.md).

import { el, number, when, words } from "./dom.js";

const QUALIFIERS = {
  at_least: "at least",
  more_than: "more than",
  less_than: "less than",
  about: "about",
  up_to: "up to",
  vague: "roughly",
  range: "",
  exact: "",
};

// "9" or "9–11" for a reconciliation's range.
export function range(figure) {
  if (figure.min === null || figure.min === undefined) return "?";
  return figure.min === figure.max
    ? number(figure.min)
    : `${number(figure.min)}–${number(figure.max)}`;
}

function sourceValue(source) {
  const qualifier = QUALIFIERS[source.qualifier] ?? words(source.qualifier);
  const value =
    source.low !== null && source.high !== null && source.high !== source.low
      ? `${number(source.low)}–${number(source.high)}`
      : number(source.value);
  return qualifier ? `${qualifier} ${value}` : value;
}

export function figureBlock(figure, { withTitle = null, onReport } = {}) {
  const flag = figure.disagree
    ? el("span", { class: "flag", title: "the sources give different numbers" }, "sources disagree")
    : null;
  return el(
    "div",
    { class: figure.disagree ? "figure disagree" : "figure" },
    el(
      "p",
      { class: "figure-head" },
      el("strong", {}, words(figure.kind)),
      " ",
      el("span", { class: "range" }, range(figure)),
      " ",
      flag,
    ),
    withTitle ? el("p", { class: "figure-title" }, withTitle) : null,
    el(
      "ul",
      { class: "figure-sources" },
      figure.sources.map((source) =>
        el(
          "li",
          {},
          reportLink(source.report, source.outlet || source.report, onReport),
          ": ",
          el("span", { class: "value" }, sourceValue(source)),
          source.speaker ? el("span", { class: "speaker" }, ` (${source.speaker})`) : null,
        ),
      ),
    ),
  );
}

function reportLink(reportId, label, onReport) {
  return el(
    "button",
    { type: "button", class: "link", "data-report": reportId, onclick: () => onReport(reportId) },
    label,
  );
}

function participants(list) {
  return list.map((p) => p.name).join(", ");
}

export function incidentCard(incident, { onReport }) {
  const place = incident.place ? incident.place.name : null;
  const who = [participants(incident.actors), participants(incident.recipients)];
  const outlets = incident.corroboration;
  return el(
    "li",
    { class: `incident status-${incident.status}`, "data-id": incident.id },
    el(
      "p",
      { class: "meta" },
      el("time", { datetime: incident.date || "" }, when(incident.date)),
      " · ",
      el("span", { class: "type" }, words(incident.type)),
      incident.mode ? ` (${words(incident.mode)})` : null,
      place ? " · " : null,
      place ? el("span", { class: "place" }, place) : null,
      incident.status === "anticipated" ? el("span", { class: "badge" }, "anticipated") : null,
    ),
    el("p", { class: "title" }, incident.title),
    who[0] || who[1]
      ? el("p", { class: "who" }, who[0] || "?", who[1] ? ` → ${who[1]}` : null)
      : null,
    incident.figures.length
      ? el(
          "div",
          { class: "figures" },
          incident.figures.map((figure) => figureBlock(figure, { onReport })),
        )
      : null,
    el(
      "div",
      { class: "sources" },
      el(
        "span",
        { class: outlets > 1 ? "corroboration many" : "corroboration" },
        outlets === 1 ? "1 outlet" : `${outlets} outlets`,
      ),
      el(
        "ul",
        {},
        incident.sources.map((source) =>
          el(
            "li",
            {},
            reportLink(source.report, source.outlet || source.report, onReport),
            source.url ? " " : null,
            source.url
              ? el(
                  "a",
                  { href: source.url, target: "_blank", rel: "noopener noreferrer", title: source.title },
                  "↗",
                )
              : null,
            el("span", { class: "time" }, ` ${when(source.published)}`),
            source.copies.length ? ` (+${source.copies.length} syndicated)` : null,
          ),
        ),
      ),
    ),
  );
}

export function pointItem(point, { onReport }) {
  return el(
    "li",
    {},
    el("span", { class: "point-text" }, point.text),
    " ",
    reportLink(point.report, point.outlet || point.report, onReport),
  );
}

export function quoteItem(quote, { onReport }) {
  const who = quote.speaker || "unnamed source";
  return el(
    "li",
    { class: "quote", "data-report": quote.report },
    el("q", { class: quote.direct ? "quote-text direct" : "quote-text" }, quote.text),
    el(
      "span",
      { class: "speaker" },
      ` — ${who}`,
      quote.anonymous ? el("span", { class: "badge" }, "anonymous source") : null,
    ),
    " ",
    reportLink(quote.report, `${quote.outlet || "unknown outlet"} · ${when(quote.published)}`, onReport),
  );
}

export function reportItem(report, { onReport, fresh = false }) {
  return el(
    "li",
    { class: fresh ? "report fresh" : "report", "data-id": report.id },
    reportLink(report.id, report.title || report.id, onReport),
    el(
      "span",
      { class: "time" },
      ` ${report.outlet || "unknown outlet"} · ${when(report.published)}`,
    ),
    report.duplicate_of ? el("span", { class: "badge" }, "syndicated copy") : null,
  );
}

export function reportDetail(report, { onClose }) {
  const reading = report.reading || {};
  const paragraphs = String(reading.body || "").split(/\n\s*\n/).filter((p) => p.trim());
  return el(
    "article",
    { class: "report-detail" },
    el("button", { type: "button", class: "close", onclick: onClose, "aria-label": "close" }, "×"),
    el("h3", {}, report.title || reading.title || report.id),
    el(
      "p",
      { class: "meta" },
      `${report.outlet || "unknown outlet"} · ${when(report.published)}`,
      report.url ? " · " : null,
      report.url
        ? el("a", { href: report.url, target: "_blank", rel: "noopener noreferrer" }, "original")
        : null,
    ),
    paragraphs.map((text) => el("p", { class: "body" }, text)),
  );
}

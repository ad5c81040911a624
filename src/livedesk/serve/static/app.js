// The live page: the brief, the incident timeline, the map, figures and series, filters and
// search, all from the JSON API; changes arrive on /api/stream and show without a reload.

import {
  figureBlock,
  incidentCard,
  pointItem,
  quoteItem,
  reportDetail,
  reportItem,
} from "./cards.js";
import { seriesChart } from "./charts.js";
import { clear, el, when, words } from "./dom.js";
import { IncidentMap } from "./map.js";

const PAGE = 50;
const MAX_REPORTS = 15;
const MAX_FIGURES = 12;
const MAX_CHARTS = 6;
const MAX_QUOTES = 12;
// What people said, not stances or beliefs read as attributions (kinds: docs/reading.md).
const SAID = new Set(["direct", "speech", null, undefined]);
// Changes often come in bursts (a batch of reports): refresh derived panels once per burst.
const SETTLE_MS = 600;

const $ = (id) => document.getElementById(id);

const state = {
  incidents: [],
  next: null,
  reports: [],
  types: new Set(),
  timers: {},
};

class ApiError extends Error {}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(body?.error?.message || `${path} answered ${response.status}`);
  }
  return body;
}

function later(name, fn) {
  clearTimeout(state.timers[name]);
  state.timers[name] = setTimeout(fn, SETTLE_MS);
}

function problem(node, error) {
  clear(node).append(el("p", { class: "error" }, error.message));
}

// -- filters ----------------------------------------------------------------------------------

function filters() {
  const form = $("filters");
  const values = {};
  for (const name of ["story", "type", "place", "actor", "q"]) {
    const value = form.elements[name].value.trim();
    if (value) values[name] = value;
  }
  return values;
}

function filtered() {
  return Object.keys(filters()).length > 0;
}

// -- the brief --------------------------------------------------------------------------------

async function loadBrief() {
  try {
    const brief = await api("/api/brief");
    $("headline").textContent = brief.headline?.text || "No reports in the desk yet";
    $("lead").textContent = brief.lead?.text || "Post reports to /api/reports to fill it.";
    $("brief-window").textContent = brief.window
      ? `${when(brief.window.start)} – ${when(brief.window.end)}`
      : "";
    clear($("points")).append(...brief.points.map((point) => pointItem(point, { onReport: openReport })));
  } catch (error) {
    problem($("points"), error);
  }
}

// -- the timeline ------------------------------------------------------------------------------

// Newest first, as the server orders them: day, then last report, then id; undated last.
function newestFirst(a, b) {
  return (
    compareDesc(a.date, b.date) || compareDesc(a.last_reported, b.last_reported) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function compareDesc(a, b) {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a < b ? 1 : -1;
}

async function loadIncidents({ more = false } = {}) {
  const params = new URLSearchParams({ ...filters(), limit: String(PAGE) });
  if (more && state.next) params.set("after", state.next);
  try {
    const page = await api(`/api/incidents?${params}`);
    state.incidents = more ? state.incidents.concat(page.items) : page.items;
    state.next = page.next;
    renderTimeline();
  } catch (error) {
    problem($("timeline"), error);
  }
}

function upsertIncident(incident) {
  if (filtered()) {
    later("incidents", () => loadIncidents());
    return;
  }
  state.incidents = state.incidents.filter((item) => item.id !== incident.id);
  state.incidents.push(incident);
  state.incidents.sort(newestFirst);
  renderTimeline();
}

function renderTimeline() {
  const list = clear($("timeline"));
  list.append(...state.incidents.map((incident) => incidentCard(incident, { onReport: openReport })));
  $("timeline-note").textContent = state.incidents.length
    ? ""
    : filtered()
      ? "No incident matches these filters."
      : "No incidents yet.";
  $("more").hidden = !state.next;
  for (const incident of state.incidents) state.types.add(incident.type);
  fillTypes();
  map.show(state.incidents);
  if (!state.reports.length) seedReports();
}

function focusIncident(id) {
  const card = document.querySelector(`li.incident[data-id="${CSS.escape(id)}"]`);
  if (!card) return;
  card.scrollIntoView({ behavior: "smooth", block: "center" });
  card.classList.add("focus");
  setTimeout(() => card.classList.remove("focus"), 1600);
}

// -- stories and types (filter choices) ---------------------------------------------------------

async function loadStories() {
  try {
    const stories = (await api("/api/stories")).items;
    const select = $("filters").elements.story;
    const chosen = select.value;
    select.replaceChildren(
      el("option", { value: "" }, "All stories"),
      ...stories.map((story) =>
        el("option", { value: story.id }, `${story.title} (${story.report_count})`),
      ),
    );
    select.value = chosen;
    for (const story of stories) for (const type of story.types) state.types.add(type);
    fillTypes();
  } catch (error) {
    console.warn(error);
  }
}

function fillTypes() {
  const select = $("filters").elements.type;
  const shown = [...select.options].map((option) => option.value).filter(Boolean);
  const wanted = [...state.types].sort();
  if (shown.join() === wanted.join()) return;
  const chosen = select.value;
  select.replaceChildren(
    el("option", { value: "" }, "All types"),
    ...wanted.map((type) => el("option", { value: type }, words(type))),
  );
  select.value = chosen;
}

// -- figures and series -------------------------------------------------------------------------

async function loadFigures() {
  try {
    const [figures, incidents] = [(await api("/api/figures")).items, new Map()];
    for (const incident of state.incidents) incidents.set(incident.id, incident);
    const shown = figures
      .filter((figure) => figure.sources.length > 1)
      .sort((a, b) => Number(b.disagree) - Number(a.disagree) || b.sources.length - a.sources.length)
      .slice(0, MAX_FIGURES);
    const box = clear($("figures"));
    if (!shown.length) box.append(el("p", { class: "empty" }, "No figure reported by more than one source yet."));
    for (const figure of shown) {
      const title = incidents.get(figure.incident)?.title ?? null;
      box.append(figureBlock(figure, { withTitle: title, onReport: openReport }));
    }
  } catch (error) {
    problem($("figures"), error);
  }
}

async function loadSeries() {
  try {
    const series = (await api("/api/series")).items
      .filter((item) => item.points.length > 1)
      .slice(0, MAX_CHARTS);
    const box = clear($("charts"));
    if (!series.length) box.append(el("p", { class: "empty" }, "No figure tracked over time yet."));
    box.append(...series.map(seriesChart));
  } catch (error) {
    problem($("charts"), error);
  }
}

async function loadQuotes() {
  try {
    const quotes = (await api("/api/quotes?limit=60")).items
      .filter((quote) => SAID.has(quote.kind) && quote.text.split(/\s+/).length >= 4)
      .slice(0, MAX_QUOTES);
    const list = clear($("quotes"));
    if (!quotes.length) list.append(el("li", { class: "empty" }, "No quotes read yet."));
    list.append(...quotes.map((quote) => quoteItem(quote, { onReport: openReport })));
  } catch (error) {
    problem($("quotes"), error);
  }
}

// -- reports, search and the report view --------------------------------------------------------

// Until reports arrive live, list the newest reports the loaded incidents cite.
function seedReports() {
  const seen = new Map();
  for (const incident of state.incidents) {
    for (const source of incident.sources) {
      if (!seen.has(source.report)) {
        seen.set(source.report, { id: source.report, ...source });
      }
    }
  }
  state.reports = [...seen.values()]
    .sort((a, b) => compareDesc(a.published, b.published))
    .slice(0, MAX_REPORTS);
  renderReports();
}

function addReport(report) {
  state.reports = [report, ...state.reports.filter((item) => item.id !== report.id)].slice(0, MAX_REPORTS);
  renderReports(report.id);
}

function renderReports(freshId = null) {
  clear($("reports")).append(
    ...state.reports.map((report) =>
      reportItem(report, { onReport: openReport, fresh: report.id === freshId }),
    ),
  );
}

async function runSearch() {
  const q = filters().q;
  const panel = $("search-panel");
  panel.hidden = !q;
  if (!q) return;
  try {
    const hits = (await api(`/api/search?${new URLSearchParams({ q })}`)).items;
    const list = clear($("search-results"));
    $("search-note").textContent = hits.length
      ? `${hits.length} report(s) contain every word of “${q}”.`
      : `No report contains every word of “${q}”.`;
    list.append(...hits.map((report) => reportItem(report, { onReport: openReport })));
  } catch (error) {
    problem($("search-results"), error);
  }
}

async function openReport(id) {
  const panel = $("report-panel");
  panel.hidden = false;
  try {
    const report = await api(`/api/reports/${encodeURIComponent(id)}`);
    clear(panel).append(reportDetail(report, { onClose: () => (panel.hidden = true) }));
  } catch (error) {
    problem(panel, error);
  }
  panel.scrollIntoView({ behavior: "smooth", block: "nearest" });
}

// -- counts and the live stream -----------------------------------------------------------------

async function loadCounts() {
  try {
    const health = await api("/healthz");
    const c = health.counts;
    $("counts").textContent = `${c.reports} reports · ${c.incidents} incidents · ${c.stories} stories`;
  } catch (error) {
    $("counts").textContent = "";
  }
}

function refreshDerived() {
  later("derived", () => {
    loadBrief();
    loadFigures();
    loadSeries();
    loadStories();
    loadQuotes();
    loadCounts();
  });
}

function loadAll() {
  loadIncidents().then(loadFigures);
  loadBrief();
  loadSeries();
  loadStories();
  loadQuotes();
  loadCounts();
  runSearch();
}

function setStatus(name, text) {
  const status = $("status");
  status.dataset.state = name;
  status.textContent = text;
}

function listen() {
  const source = new EventSource("/api/stream");
  let opened = false;
  source.addEventListener("ready", () => {
    // After a reconnect, events may have been missed: load everything again.
    if (opened) loadAll();
    opened = true;
    setStatus("live", "live");
  });
  source.addEventListener("report", (event) => {
    addReport(JSON.parse(event.data));
    if (filters().q) later("search", runSearch);
    refreshDerived();
  });
  source.addEventListener("incident", (event) => {
    upsertIncident(JSON.parse(event.data));
    refreshDerived();
  });
  source.addEventListener("reset", () => loadAll());
  source.addEventListener("error", () => setStatus("offline", "reconnecting…"));
}

// -- start --------------------------------------------------------------------------------------

const map = new IncidentMap($("map"), $("map-note"), { onIncident: focusIncident });

function start() {
  const form = $("filters");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    loadIncidents();
    runSearch();
  });
  form.addEventListener("change", () => {
    loadIncidents();
    runSearch();
  });
  form.addEventListener("input", (event) => {
    if (event.target.tagName === "INPUT") later("typing", () => (loadIncidents(), runSearch()));
  });
  form.addEventListener("reset", () => setTimeout(() => (loadIncidents(), runSearch()), 0));
  $("more").addEventListener("click", () => loadIncidents({ more: true }));
  map.start();
  loadAll();
  listen();
}

start();

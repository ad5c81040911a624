// DOM helpers. Report text is data, never markup: every string goes in as a text node
// (textContent), and links only ever point at http(s) URLs.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// el("a", {class: "x", href: url}, "text", otherNode): attributes are set one by one.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "href") {
      const safe = safeUrl(value);
      if (safe) node.setAttribute("href", safe);
    } else if (name.startsWith("on")) {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  return append(node, children);
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  return append(node, children);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

// Only absolute http(s) links leave the page; anything else (javascript:, data:) is dropped.
export function safeUrl(value) {
  try {
    const url = new URL(String(value), window.location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

// "2022-03-02T21:45:00Z" → "2 Mar 2022 21:45 UTC"; a day alone stays a day.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export function when(iso) {
  if (!iso) return "date unknown";
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!match) return iso;
  const [, year, month, day, hour, minute] = match;
  const date = `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
  return hour ? `${date} ${hour}:${minute} UTC` : date;
}

export function number(value) {
  return value === null || value === undefined ? "?" : Number(value).toLocaleString("en");
}

export function words(text) {
  return String(text || "").replaceAll("_", " ").toLowerCase();
}

// Building the page from data. Everything a plugin, a profile or an error supplies arrives here as a
// string and leaves as a text node or an attribute value: this file never parses markup, so a name
// like "<img onerror=…>" is shown as those characters and cannot run.

/**
 * Creates an element. `props` sets attributes, except: `class`, `text` (textContent), `dataset`,
 * `on` ({event: handler}) and boolean properties given as true/false (hidden, disabled, checked…).
 * Children may be nodes, strings (as text), arrays, or null/undefined/false (skipped).
 */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name === "dataset") Object.assign(node.dataset, value);
      else if (name === "on") for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
      else if (value === true) node.setAttribute(name, "");
      else node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces the children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let counter = 0;
/** A page-unique id for label/aria wiring. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * A link to a plugin-supplied address, only if it is http(s): a `javascript:` or `data:` URL from a
 * descriptor must not become clickable. Anything else is shown as text.
 */
export function externalLink(url, text) {
  let parsed;
  try {
    parsed = new URL(url, window.location.href);
  } catch {
    return h("span", null, text);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return h("span", null, text);
  return h("a", { href: parsed.href, target: "_blank", rel: "noopener noreferrer", class: "external" }, text,
    h("span", { class: "sr-only" }, " (opens in a new tab)"));
}

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const timeOnly = new Intl.DateTimeFormat("en", { timeStyle: "short" });

export function formatDateTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : dateTime.format(date);
}

export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : timeOnly.format(date);
}

/** A <time> element showing a date readably, with the exact instant for machines and tooltips. */
export function time(iso) {
  if (!iso) return h("span", { class: "muted" }, "—");
  return h("time", { datetime: iso, title: iso }, formatDateTime(iso));
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS = [["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];

/** "in 59 minutes", "3 hours ago": how far an instant is from now, in its largest whole unit. */
export function formatRelative(iso, now = Date.now()) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const seconds = Math.round((date.getTime() - now) / 1000);
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) || UNITS[UNITS.length - 1];
  return relative.format(Math.round(seconds / size), unit);
}

/** "1 action", "11 actions". */
export function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Turns a schema property name such as "employeeId" or "time_off" into "Employee id" / "Time off". */
export function humanize(key) {
  const words = String(key)
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

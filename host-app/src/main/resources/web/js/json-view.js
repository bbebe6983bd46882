// Pretty-printed JSON with its tokens coloured. Built from text nodes, like everything else, so a
// value such as "<script>" in a result stays text.

import { h } from "./dom.js";

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false)\b|\bnull\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

export function jsonView(value, label) {
  const text = JSON.stringify(value === undefined ? null : value, null, 2);
  const code = h("code");
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > last) code.appendChild(document.createTextNode(text.slice(last, match.index)));
    let kind = "number";
    if (match[1]) kind = match[2] ? "key" : "string";
    else if (match[3]) kind = "boolean";
    else if (match[0] === "null") kind = "null";
    if (kind === "key") {
      code.appendChild(h("span", { class: "json-key" }, match[1]));
      code.appendChild(document.createTextNode(match[2]));
    } else {
      code.appendChild(h("span", { class: `json-${kind}` }, match[0]));
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) code.appendChild(document.createTextNode(text.slice(last)));
  // Focusable so keyboard users can scroll a long result.
  return h("pre", { class: "json", tabindex: "0", "aria-label": label || "JSON" }, code);
}

export function jsonText(value) {
  return JSON.stringify(value === undefined ? null : value, null, 2);
}

// ---------- A result as a table ----------

/** The most rows a table shows: a larger list is cut, saying so, and stays whole in the JSON view. */
export const TABLE_ROW_LIMIT = 200;

function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isListOfRecords(value) {
  return Array.isArray(value) && value.length > 0 && value.every(isRecord);
}

/**
 * The lists of objects a result holds that read well as tables: the result itself, or each of its
 * members that is one (a directory's `employees` and `fields`). Each is [name, rows]; none for other results.
 */
export function tablesIn(value) {
  if (isListOfRecords(value)) return [[null, value]];
  if (!isRecord(value)) return [];
  return Object.entries(value).filter(([, member]) => isListOfRecords(member));
}

function cellText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A table of `rows`, a column per key in the order keys first appear, nested values as compact JSON. */
export function recordTable(rows, caption, limit = TABLE_ROW_LIMIT) {
  const columns = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  }
  const shown = rows.slice(0, limit);
  const count = rows.length === 1 ? "1 row" : `${rows.length.toLocaleString()} rows`;
  const cut = shown.length < rows.length ? `, the first ${shown.length.toLocaleString()} shown (the JSON view has all)` : "";
  return h("div", { class: "table-scroll result-table", tabindex: "0", role: "region", "aria-label": caption },
    h("table", { class: "data" },
      h("caption", null, `${caption}: ${count}${cut}`),
      h("thead", null, h("tr", null, columns.map((key) => h("th", { scope: "col" }, key)))),
      h("tbody", null, shown.map((row) => h("tr", null, columns.map((key) => {
        const value = row[key];
        return h("td", { class: value !== null && typeof value === "object" ? "code" : null }, cellText(value));
      }))))));
}

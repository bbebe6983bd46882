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

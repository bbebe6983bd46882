// A form generated from an action's input JSON Schema (2020-12), for trying the action by hand.
// It covers what action inputs use: strings (with date, date-time, email and uri formats, patterns,
// lengths), enums, integers and numbers, booleans, arrays of strings or enum values, and nested
// objects. Anything else is entered as JSON, so every schema stays usable. The host validates the
// input against the schema again; the checks here point at the field before the round trip.

import { h, uid, humanize } from "./dom.js";

export function schemaForm(schema) {
  const root = objectControl(null, schema || {}, true, "");
  return {
    element: root.element,
    /** The input object and the problems found (by path). */
    read() {
      const problems = [];
      const value = root.read(problems);
      return { value: value === undefined ? {} : value, problems };
    },
    /** Shows problems on their fields: [{path, message}]. Returns those that matched no field. */
    showProblems(problems) {
      root.clear();
      const unmatched = [];
      for (const problem of problems) if (!root.mark(problem.path, problem.message)) unmatched.push(problem);
      const first = root.element.querySelector("[aria-invalid=true]");
      if (first) first.focus();
      return unmatched;
    },
    clear: () => root.clear(),
  };
}

/**
 * Maps the host's INVALID_INPUT violations ("/fields/jobTitle: integer found, string expected", JSON
 * Pointer first) to field paths such as "fields.jobTitle", so each shows next to its field. Array
 * indexes point at the list's field; a violation without a path stays with the form.
 */
export function violationsToProblems(violations) {
  return violations.map((text) => {
    const match = /^(?:\$\.?|\/)?([^:\s]*):\s*(.*)$/.exec(String(text));
    if (!match) return { path: "", message: String(text) };
    const path = match[1].split(/[./]/).filter((segment) => segment && !/^\d+$/.test(segment)).join(".");
    return { path, message: match[2] };
  });
}

function primaryType(schema) {
  const type = schema.type;
  if (Array.isArray(type)) {
    const concrete = type.filter((t) => t !== "null");
    return concrete.length === 1 ? concrete[0] : undefined;
  }
  return type;
}

function control(name, schema, required, path) {
  if (Array.isArray(schema.enum)) return enumControl(name, schema, required, path);
  const type = primaryType(schema);
  if (type === "boolean") return booleanControl(name, schema, path);
  if (type === "string") return stringControl(name, schema, required, path);
  if (type === "integer" || type === "number") return numberControl(name, schema, required, path, type === "integer");
  if (type === "array") {
    const items = schema.items || {};
    if (Array.isArray(items.enum)) return enumListControl(name, schema, required, path);
    if (["string", "integer", "number"].includes(primaryType(items))) return listControl(name, schema, required, path);
  }
  if (type === "object" && schema.properties) return objectControl(name, schema, required, path);
  return jsonControl(name, schema, required, path);
}

// A field: label (with required mark), the input, help, hint and an error line wired by aria-describedby.
function field(name, schema, required, input, options = {}) {
  const id = input.id || uid("input");
  input.id = id;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const hints = [];
  if (options.hint) hints.push(options.hint);
  if (schema.default !== undefined && options.showDefault !== false) hints.push(`Default: ${display(schema.default)}.`);
  input.setAttribute("aria-describedby", [schema.description ? helpId : null, hints.length ? `${id}-hint` : null, errorId]
    .filter(Boolean).join(" "));
  if (required) {
    input.setAttribute("aria-required", "true");
  }
  // Help and hint share one line where they can; each keeps its own id for aria-describedby.
  const hint = hints.length ? h("span", { class: "hint", id: `${id}-hint` }, hints.join(" ")) : null;
  const element = h("div", { class: `field${options.inline ? " field-inline" : ""}`, dataset: { path: options.path } },
    options.inline ? null : labelFor(id, name, schema, required),
    options.inline ? h("div", { class: "check" }, input, labelFor(id, name, schema, required)) : input,
    schema.description || hint
      ? h("p", { class: "help" }, schema.description ? h("span", { id: helpId }, schema.description) : null,
        schema.description && hint ? " " : null, hint)
      : null,
    error);
  return {
    element,
    mark(message) {
      error.textContent = message;
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      element.classList.add("has-error");
    },
    clear() {
      error.hidden = true;
      error.textContent = "";
      input.removeAttribute("aria-invalid");
      element.classList.remove("has-error");
    },
  };
}

function labelFor(id, name, schema, required) {
  return h("label", { for: id }, schema.title || humanize(name || "value"),
    required ? [h("span", { class: "required", "aria-hidden": "true" }, " *"), h("span", { class: "sr-only" }, " (required)")] : null);
}

function display(value) {
  if (Array.isArray(value) && value.every((item) => typeof item !== "object")) return value.join(", ");
  return typeof value === "string" ? value : JSON.stringify(value);
}

function example(schema) {
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  return undefined;
}

// A control reads its value into the input object: undefined means "leave the key out".
function leaf(path, wrapped, read) {
  return {
    element: wrapped.element,
    read,
    mark(target, message) {
      if (target !== path) return false;
      wrapped.mark(message);
      return true;
    },
    clear: wrapped.clear,
  };
}

function stringControl(name, schema, required, path) {
  const format = schema.format;
  const long = (schema.maxLength || 0) >= 1000;
  let input;
  let hint = null;
  if (format === "date") {
    input = h("input", { type: "date", name: path });
  } else if (format === "date-time") {
    // datetime-local has no offset; the value is sent in UTC, which the hint shows as it is typed.
    input = h("input", { type: "datetime-local", name: path, step: "1" });
    hint = "Your local time; sent in UTC.";
  } else if (long) {
    input = h("textarea", { name: path, rows: "3", maxlength: schema.maxLength });
  } else {
    const type = { email: "email", uri: "url" }[format] || "text";
    input = h("input", { type, name: path, maxlength: schema.maxLength, spellcheck: "false", autocomplete: "off" });
  }
  const sample = example(schema);
  if (sample !== undefined && format !== "date" && format !== "date-time") input.placeholder = `e.g. ${display(sample)}`;
  const wrapped = field(name, schema, required, input, { hint, path });
  return leaf(path, wrapped, (problems) => {
    let value = input.value.trim();
    if (!value) {
      if (required) problems.push({ path, message: "A value is required." });
      return undefined;
    }
    if (format === "date-time") {
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) {
        problems.push({ path, message: "Enter a date and time." });
        return undefined;
      }
      value = date.toISOString().replace(/\.000Z$/, "Z");
    }
    if (schema.minLength && value.length < schema.minLength) {
      problems.push({ path, message: `Enter at least ${schema.minLength} characters.` });
    }
    if (schema.pattern && !test(schema.pattern, value)) {
      problems.push({ path, message: `Is not in the expected format${suchAs(schema)}.` });
    }
    return value;
  });
}

// People read a format from an example, never from the regular expression itself.
function suchAs(schema) {
  return Array.isArray(schema.examples) && schema.examples.length ? `, such as ${JSON.stringify(schema.examples[0])}` : "";
}

function test(pattern, value) {
  try {
    return new RegExp(pattern, "u").test(value); // JSON Schema patterns are not anchored
  } catch {
    return true;
  }
}

function numberControl(name, schema, required, path, integer) {
  const input = h("input", { type: "number", name: path, step: integer ? "1" : "any", inputmode: integer ? "numeric" : "decimal",
    min: schema.minimum, max: schema.maximum });
  const sample = example(schema);
  if (sample !== undefined) input.placeholder = `e.g. ${sample}`;
  const wrapped = field(name, schema, required, input, { path });
  return leaf(path, wrapped, (problems) => {
    const text = input.value.trim();
    if (!text) {
      if (input.validity.badInput) problems.push({ path, message: "Enter a number." });
      else if (required) problems.push({ path, message: "A value is required." });
      return undefined;
    }
    const value = Number(text);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      problems.push({ path, message: integer ? "Enter a whole number." : "Enter a number." });
      return undefined;
    }
    if (schema.minimum !== undefined && value < schema.minimum) problems.push({ path, message: `At least ${schema.minimum}.` });
    if (schema.maximum !== undefined && value > schema.maximum) problems.push({ path, message: `At most ${schema.maximum}.` });
    return value;
  });
}

function booleanControl(name, schema, path) {
  const input = h("input", { type: "checkbox", name: path });
  input.checked = schema.default === true;
  const wrapped = field(name, schema, false, input, { inline: true, path, showDefault: false });
  // A checkbox always has a value, so it is always sent: what the form shows is what runs.
  return leaf(path, wrapped, () => input.checked);
}

function enumControl(name, schema, required, path) {
  const select = h("select", { name: path },
    h("option", { value: "" }, required ? "Choose…" : schema.default !== undefined ? `Default (${display(schema.default)})` : "Not set"),
    schema.enum.map((value, index) => h("option", { value: String(index) }, display(value))));
  const wrapped = field(name, schema, required, select, { path, showDefault: false });
  return leaf(path, wrapped, (problems) => {
    if (select.value === "") {
      if (required) problems.push({ path, message: "Choose a value." });
      return undefined;
    }
    return schema.enum[Number(select.value)];
  });
}

function enumListControl(name, schema, required, path) {
  const legendId = uid("legend");
  const errorId = `${legendId}-error`;
  const boxes = schema.items.enum.map((value) => {
    const id = uid("choice");
    return { value, input: h("input", { type: "checkbox", id, name: path, value: String(value) }), id };
  });
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const element = h("fieldset", { class: "field choices", "aria-describedby": errorId, dataset: { path } },
    h("legend", { id: legendId }, schema.title || humanize(name),
      required ? [h("span", { class: "required", "aria-hidden": "true" }, " *"), h("span", { class: "sr-only" }, " (required)")] : null),
    schema.description ? h("p", { class: "help" }, schema.description) : null,
    h("div", { class: "choice-list" }, boxes.map(({ value, input, id }) =>
      h("div", { class: "check" }, input, h("label", { for: id }, display(value))))),
    error);
  return {
    element,
    read(problems) {
      const chosen = boxes.filter((box) => box.input.checked).map((box) => box.value);
      if (!chosen.length) {
        if (required) problems.push({ path, message: "Choose at least one." });
        return undefined;
      }
      return chosen;
    },
    mark(target, message) {
      if (target !== path) return false;
      error.textContent = message;
      error.hidden = false;
      element.classList.add("has-error");
      boxes[0].input.setAttribute("aria-invalid", "true");
      return true;
    },
    clear() {
      error.hidden = true;
      element.classList.remove("has-error");
      boxes[0].input.removeAttribute("aria-invalid");
    },
  };
}

function listControl(name, schema, required, path) {
  const itemType = primaryType(schema.items);
  const input = h("textarea", { name: path, rows: "3", spellcheck: "false" });
  const sample = example(schema) || schema.default;
  if (Array.isArray(sample)) input.placeholder = sample.slice(0, 3).join("\n");
  // The box grows with the list, so every value stays in sight.
  input.addEventListener("input", () => {
    input.rows = Math.min(12, Math.max(3, input.value.split("\n").length));
  });
  const wrapped = field(name, schema, required, input, { hint: "One value per line.", path });
  return leaf(path, wrapped, (problems) => {
    const lines = input.value.split("\n").map((line) => line.trim()).filter(Boolean);
    if (!lines.length) {
      if (required) problems.push({ path, message: "Enter at least one value." });
      return undefined;
    }
    if (itemType === "string") {
      const pattern = schema.items.pattern;
      const bad = pattern ? lines.filter((line) => !test(pattern, line)) : [];
      if (bad.length) problems.push({ path, message: `Not in the expected format${suchAs(schema.items)}: ${bad.join(", ")}` });
      return lines;
    }
    const numbers = lines.map(Number);
    if (numbers.some((n) => !Number.isFinite(n) || (itemType === "integer" && !Number.isInteger(n)))) {
      problems.push({ path, message: "Enter one number per line." });
    }
    return numbers;
  });
}

function objectControl(name, schema, required, path) {
  const requiredKeys = new Set(schema.required || []);
  const children = Object.entries(schema.properties || {}).map(([key, property]) =>
    control(key, property || {}, requiredKeys.has(key), path ? `${path}.${key}` : key));
  // Extra members the schema allows beyond its named properties, as a JSON object.
  const extra = schema.additionalProperties && typeof schema.additionalProperties === "object"
    ? jsonControl("more", { title: "Other fields (JSON object)", type: "object",
      description: schema.additionalProperties.description }, false, path ? `${path}.*` : "*")
    : null;
  const parts = [...children.map((child) => child.element), extra ? extra.element : null];
  const element = name === null
    ? h("div", { class: "fields" }, parts.length ? parts : h("p", { class: "muted" }, "This action takes no input."))
    : h("fieldset", { class: "field group", dataset: { path } },
      h("legend", null, schema.title || humanize(name),
        required ? [h("span", { class: "required", "aria-hidden": "true" }, " *"), h("span", { class: "sr-only" }, " (required)")] : null),
      schema.description ? h("p", { class: "help" }, schema.description) : null,
      h("div", { class: "fields" }, parts));
  const all = extra ? [...children, extra] : children;
  return {
    element,
    read(problems) {
      const value = {};
      for (const [index, key] of Object.keys(schema.properties || {}).entries()) {
        const member = children[index].read(problems);
        if (member !== undefined) value[key] = member;
      }
      if (extra) Object.assign(value, extra.read(problems) || {});
      if (name !== null && Object.keys(value).length === 0) {
        if (required) problems.push({ path, message: "Fill in at least one field." });
        return undefined;
      }
      return value;
    },
    mark(target, message) {
      if (all.some((child) => child.mark(target, message))) return true;
      return false;
    },
    clear() {
      all.forEach((child) => child.clear());
    },
  };
}

function jsonControl(name, schema, required, path) {
  const input = h("textarea", { name: path, rows: "4", spellcheck: "false", class: "code" });
  const sample = sampleOf(schema);
  if (sample !== undefined) input.placeholder = JSON.stringify(sample);
  const wrapped = field(name, schema, required, input, { hint: "Enter JSON.", path, showDefault: false });
  return leaf(path, wrapped, (problems) => {
    const text = input.value.trim();
    if (!text) {
      if (required) problems.push({ path, message: "A value is required." });
      return undefined;
    }
    try {
      const value = JSON.parse(text);
      if (schema.type === "object" && (value === null || typeof value !== "object" || Array.isArray(value))) {
        problems.push({ path, message: "Enter a JSON object, such as {\"name\": \"value\"}." });
        return undefined;
      }
      return value;
    } catch (error) {
      problems.push({ path, message: `Not valid JSON: ${error.message}` });
      return undefined;
    }
  });
}

// A small example value for a JSON field's placeholder, built from the schema.
function sampleOf(schema, depth = 0) {
  if (!schema || depth > 3) return undefined;
  const given = example(schema);
  if (given !== undefined) return given;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (primaryType(schema)) {
    case "object": {
      const out = {};
      for (const [key, property] of Object.entries(schema.properties || {})) out[key] = sampleOf(property, depth + 1);
      return out;
    }
    case "array": {
      const item = sampleOf(schema.items, depth + 1);
      return item === undefined ? [] : [item];
    }
    case "string": return schema.format === "date" ? "2026-01-31" : "text";
    case "integer": return 1;
    case "number": return 1.5;
    case "boolean": return true;
    default: return undefined;
  }
}

// Forms generated from a plugin's credential fields ({key, label, help, type, required, secret,
// pattern, formatHint, defaultValue}): the pre-authorization form, a profile's presets, a profile test.
// The pattern is only matched, never shown: people read the formatHint.
// The host validates again; checking here only saves a round trip and points at the field.

import { h, uid } from "./dom.js";

/**
 * What the API shows instead of a stored secret. Sending it back keeps the stored value, but only while every
 * non-secret value stays as stored: the host refuses to carry a secret to another destination.
 */
export const MASK = "••••••••";

const KEEP_HINT = "A value is stored. Leave the dots to keep it while the other values stay the same, or type a new one.";

const INPUT_TYPES = { TEXT: "text", PASSWORD: "password", URL: "url", EMAIL: "email" };

/**
 * @param fields the credential fields
 * @param options.values current values (secrets arrive as MASK)
 * @param options.presets when true every field is optional: a preset fixes a value for all end users,
 *   an empty one is left to each end user
 * @param options.verifying when true the values only test credentials and are not stored
 * @param options.oauth2 an OAuth 2.0 type's {scopes: [{name, description, byDefault}], ...}: its `scopes` field is
 *   shown as one checkbox per scope, sent as the chosen names separated by spaces
 * @param options.requiredKeys fields required even as presets (an OAuth app's client id and secret)
 */
export function credentialForm(fields, options = {}) {
  const values = options.values || {};
  const controls = new Map();
  const element = h("div", { class: "fields" });

  const requiredKeys = new Set(options.requiredKeys || []);
  const offeredScopes = options.oauth2 && Array.isArray(options.oauth2.scopes) ? options.oauth2.scopes : [];

  for (const field of fields) {
    if (field.key === SCOPES_KEY && offeredScopes.length) {
      const choices = scopeChoices(field, offeredScopes, values[field.key], options.presets);
      choices.element.addEventListener("change", () => showWhichSecretsToEnterAgain());
      element.appendChild(choices.element);
      controls.set(field.key, choices.control);
      continue;
    }
    const id = uid(`field-${field.key}`);
    const helpId = `${id}-help`;
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    const required = field.required && (!options.presets || requiredKeys.has(field.key));
    const stored = values[field.key];
    let hint = null;
    if (options.verifying) {
      hint = null; // values entered to test credentials are never stored
    } else if (field.secret && stored === MASK) {
      hint = KEEP_HINT;
    } else if (field.secret) {
      hint = "Stored encrypted; it cannot be read back.";
    } else if (options.presets && !required) {
      hint = "Leave empty to let each end user enter it.";
    } else if (field.formatHint) {
      hint = `Looks like: ${field.formatHint}`;
    }
    const input = h("input", {
      id,
      name: field.key,
      type: field.secret ? "password" : INPUT_TYPES[field.type] || "text",
      autocomplete: field.secret ? "new-password" : "off",
      spellcheck: "false",
      required,
      "aria-required": required ? "true" : null,
      "aria-describedby": [field.help ? helpId : null, hint ? hintId : null, errorId].filter(Boolean).join(" "),
    });
    input.value = stored !== undefined && stored !== null ? stored : field.secret ? "" : field.defaultValue || "";
    const error = h("p", { class: "field-error", id: errorId, hidden: true });
    // A kept secret's hint changes as the other values do, so it is announced.
    const hintElement = hint ? h("p", { class: "hint", id: hintId, "aria-live": stored === MASK ? "polite" : null }, hint) : null;
    const inputRow = field.secret ? h("div", { class: "input-with-button" }, input, revealButton(input, field.label)) : input;
    element.appendChild(h("div", { class: "field", dataset: { field: field.key } },
      h("label", { for: id }, field.label,
        required ? [h("span", { class: "required", "aria-hidden": "true" }, " *"), h("span", { class: "sr-only" }, " (required)")] : null,
        field.secret ? h("span", { class: "tag" }, "secret") : null),
      inputRow,
      field.help ? h("p", { class: "help", id: helpId }, field.help) : null,
      hintElement,
      error));
    controls.set(field.key, { field, input, error, required, hint: hintElement, value: () => input.value.trim() });
    input.addEventListener("input", () => showWhichSecretsToEnterAgain());
  }

  /** The labels of the non-secret fields whose value is no longer the stored one. */
  function changedLabels() {
    return [...controls.values()]
      .filter((control) => !control.field.secret && control.value() !== (values[control.field.key] || ""))
      .map(({ field }) => field.label);
  }

  /** A masked secret is kept only for the values it was stored with (the host checks the same). */
  function enterAgainMessage(field, changed) {
    return `You changed ${changed.join(", ")}: enter ${field.label} again. A stored secret is kept only while the other values stay the same.`;
  }

  function showWhichSecretsToEnterAgain() {
    const changed = changedLabels();
    for (const { field, input, hint } of controls.values()) {
      if (!field.secret || values[field.key] !== MASK || !hint) continue;
      const mustEnter = changed.length > 0 && input.value === MASK;
      hint.textContent = mustEnter ? enterAgainMessage(field, changed) : KEEP_HINT;
    }
  }

  function setError(key, message) {
    const control = controls.get(key);
    if (!control) return false;
    control.error.textContent = message;
    control.error.hidden = false;
    control.input.setAttribute("aria-invalid", "true");
    control.input.closest(".field").classList.add("has-error");
    return true;
  }

  function clearErrors() {
    for (const control of controls.values()) {
      control.error.hidden = true;
      control.error.textContent = "";
      control.input.removeAttribute("aria-invalid");
      control.input.closest(".field").classList.remove("has-error");
    }
  }

  function focusFirstError() {
    const first = [...controls.values()].find((control) => control.input.getAttribute("aria-invalid") === "true");
    if (first) first.input.focus();
  }

  return {
    element,
    setError,
    clearErrors,
    focusFirstError,
    labelOf: (key) => (controls.get(key) ? controls.get(key).field.label : key),
    /** The entered values (empty ones left out) and the problems found here, by field key. */
    read() {
      const entered = {};
      const problems = {};
      const changed = changedLabels();
      for (const [key, { field, required, value: current }] of controls) {
        const value = current();
        if (!value) {
          if (required) problems[key] = `${field.label} is required.`;
          continue;
        }
        if (field.secret && value === MASK && changed.length > 0) {
          problems[key] = enterAgainMessage(field, changed);
        } else if (field.pattern && !(field.secret && value === MASK) && !matches(field.pattern, value)) {
          problems[key] = field.formatHint
            ? `${field.label} must look like: ${field.formatHint}`
            : `${field.label} is not in the expected format`;
        }
        entered[key] = value;
      }
      return { values: entered, problems };
    },
    /** Shows problems found here or reported by the host (violations: [{field, message}]); true if any. */
    showProblems(problems) {
      clearErrors();
      const list = Array.isArray(problems) ? problems : Object.entries(problems).map(([field, message]) => ({ field, message }));
      let shown = false;
      for (const { field, message } of list) shown = setError(field, message) || shown;
      focusFirstError();
      return list.length > 0;
    },
  };
}

/** The key of an OAuth 2.0 type's scopes field, which the host adds beside the client id and secret. */
const SCOPES_KEY = "scopes";

/**
 * The scopes field as checkboxes (name and what it allows), the stored choice checked, else the default set. Its
 * control answers the checked names joined by spaces, in the order the plugin declares them; for a value set with no
 * stored choice, the default set left as it is answers nothing, so that the stored values stay as they are (a
 * masked secret is kept) and the host asks for the default set. Presets always carry the choice, for every end user.
 */
function scopeChoices(field, scopes, stored, presets) {
  const id = uid("field-scopes");
  const errorId = `${id}-error`;
  const chosen = new Set(typeof stored === "string" && stored.trim() ? stored.trim().split(/\s+/)
    : scopes.filter((scope) => scope.byDefault).map((scope) => scope.name));
  const boxes = scopes.map((scope, index) => {
    const boxId = `${id}-${index}`;
    const input = h("input", { type: "checkbox", id: boxId, name: field.key, value: scope.name,
      "aria-describedby": scope.description ? `${boxId}-text` : null });
    input.checked = chosen.has(scope.name);
    return { scope, input, id: boxId };
  });
  const defaults = scopes.filter((scope) => scope.byDefault).map((scope) => scope.name);
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const element = h("fieldset", { class: "field choices scope-choices", dataset: { field: field.key },
    "aria-describedby": `${id}-help ${errorId}` },
    h("legend", null, field.label),
    h("p", { class: "help", id: `${id}-help` }, "The permissions to ask the provider for. ",
      defaults.length ? `With none checked, the default set is asked for (${defaults.join(", ")}).` : "With none checked, none is asked for."),
    h("div", { class: "scope-list" }, boxes.map(({ scope, input, id: boxId }) => h("div", { class: "check scope" }, input,
      h("label", { for: boxId }, h("code", null, scope.name),
        scope.description ? h("span", { class: "scope-text", id: `${boxId}-text` }, scope.description) : null)))),
    error);
  const checked = () => boxes.filter((box) => box.input.checked).map((box) => box.scope.name).join(" ");
  const shown = checked();
  const nothingStored = !(typeof stored === "string" && stored.trim());
  const value = () => (!presets && nothingStored && checked() === shown ? "" : checked());
  // The first checkbox carries the error state and takes the focus when the host refuses the choice.
  const control = { field, input: boxes[0].input, error, required: false, hint: null, value };
  return { element, control };
}

/** The whole value must match, as the host checks it (Java's Matcher.matches). */
function matches(pattern, value) {
  try {
    return new RegExp(`^(?:${pattern})$`, "u").test(value);
  } catch {
    return true; // a pattern JavaScript cannot read is left to the host
  }
}

function revealButton(input, label) {
  const button = h("button", { type: "button", class: "button small reveal", "aria-label": `Show ${label}` }, "Show");
  // A stored secret is never sent back: its field holds only the mask, which Show would reveal as dots.
  const onlyTheMask = () => { button.hidden = input.value === MASK; };
  input.addEventListener("input", onlyTheMask);
  onlyTheMask();
  button.addEventListener("click", () => {
    const show = input.type === "password";
    input.type = show ? "text" : "password";
    button.textContent = show ? "Hide" : "Show";
    button.setAttribute("aria-label", `${show ? "Hide" : "Show"} ${label}`);
  });
  return button;
}

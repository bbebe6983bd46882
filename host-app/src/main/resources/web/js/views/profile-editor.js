// The form that creates or edits an authorization profile: its type (fixed once created), name,
// description and presets. Used inline on an integration ("Create New") and on the profiles page.

import { api, path } from "../api.js";
import { h, replace, uid } from "../dom.js";
import { MASK, credentialForm } from "../credential-form.js";
import { callbackUrlField } from "../oauth.js";
import { errorPanel, whileBusy } from "../ui.js";

/** The OAuth app's fields a profile of an OAuth 2.0 type must preset. */
const OAUTH_APP_KEYS = ["clientId", "clientSecret"];

/** Whether a field is offered as an ordinary preset: the plugin marks each (a company subdomain, never an end user's key). */
const presettable = (field) => field.presettable !== false;

/**
 * The fields the plugin leaves to each end user, behind an explicit, warned choice: an administrator may still give
 * every end user one shared value (the host then asks the request to say so, presetSecrets). Open when the profile
 * already presets one of them.
 */
function sharedSecretPresets(fields, values, prefix) {
  const form = credentialForm(fields, { presets: true, values });
  const warningId = `${prefix}-shared-warning`;
  const open = fields.some((field) => values[field.key]);
  const element = h("details", { class: "shared-presets", open },
    h("summary", null, "Advanced: preset a secret for every end user"),
    h("p", { class: "alert alert-warn", id: warningId },
      "Every end user then acts with this one value, as the same person in the remote system: what they do cannot be told"
      + " apart, and each can do what that value allows. Leave these empty so that each end user enters their own."),
    form.element);
  for (const input of element.querySelectorAll("input")) {
    input.setAttribute("aria-describedby", [warningId, input.getAttribute("aria-describedby")].filter(Boolean).join(" "));
  }
  return { element, form };
}

/** What an OAuth 2.0 profile holds and how its end users authorize, with the callback URL for the provider's app. */
function oauthAppHelp(oauth2) {
  return h("div", { class: "oauth-app" },
    h("p", { class: "notice" }, "Enter the client ID and secret of the OAuth app you registered with the provider, and the scopes"
      + " to ask for. End users never see them: each one's link opens the provider, where they sign in and consent; the"
      + " host checks each one's token with the plugin, then stores it, encrypted. That consent is the profile's test."),
    oauth2.callbackUrl ? callbackUrlField(oauth2, "the provider") : null);
}

/**
 * @param options.types the profile types to choose from
 * @param options.profile the profile to edit, or none to create one
 * @param options.onSaved called with the saved profile
 * @param options.onCancel called when the administrator cancels
 */
export function profileEditor({ types, profile, heading, onSaved, onCancel }) {
  const prefix = uid("profile");
  const headingId = `${prefix}-heading`;
  const typeSelect = h("select", { id: `${prefix}-type`, name: "type", disabled: Boolean(profile),
    "aria-describedby": `${prefix}-type-help` },
    types.map((type) => h("option", { value: type.id }, type.name)));
  if (profile) {
    if (!types.some((type) => type.id === profile.type)) typeSelect.appendChild(h("option", { value: profile.type }, profile.type));
    typeSelect.value = profile.type;
  }
  const typeHelp = h("p", { class: "help", id: `${prefix}-type-help` });
  const name = h("input", { id: `${prefix}-name`, name: "name", type: "text", required: true, "aria-required": "true",
    maxlength: "200", autocomplete: "off", "aria-describedby": `${prefix}-name-error` });
  const nameError = h("p", { class: "field-error", id: `${prefix}-name-error`, hidden: true });
  const description = h("textarea", { id: `${prefix}-description`, name: "description", rows: "2", maxlength: "1000" });
  name.value = profile ? profile.name : "";
  description.value = profile && profile.description ? profile.description : "";
  const presetsSlot = h("div");
  const outcome = h("div", { class: "form-outcome" });
  const progress = h("span", { class: "progress", role: "status", "aria-live": "polite" });
  const save = h("button", { type: "submit", class: "button primary", id: `${prefix}-save` }, "Save");
  let presets = null;
  let shared = null;

  function showType() {
    const type = types.find((candidate) => candidate.id === typeSelect.value);
    typeHelp.textContent = type ? [type.description, `Provided by the ${type.providedBy} plugin.`].filter(Boolean).join(" ") : "";
    const oauth2 = type && type.authorizationType === "OAUTH2" ? type.oauth2 || { grantTypes: [], scopes: [] } : null;
    const fields = type ? type.fields : [];
    const values = profile && profile.type === typeSelect.value ? profile.presets : {};
    presets = credentialForm(fields.filter(presettable), {
      presets: true,
      values,
      oauth2,
      // End users never see the OAuth app: the profile holds it for all of them.
      requiredKeys: oauth2 ? OAUTH_APP_KEYS : [],
    });
    const ownFields = fields.filter((field) => !presettable(field));
    shared = ownFields.length ? sharedSecretPresets(ownFields, values || {}, prefix) : null;
    replace(presetsSlot, h("fieldset", { class: "presets" },
      h("legend", null, "Presets"),
      h("p", { class: "help" }, "Values fixed for every end user of this profile, such as the company subdomain. End users enter only the rest."),
      oauth2 ? oauthAppHelp(oauth2) : null,
      presets.element,
      shared ? shared.element : null));
  }
  typeSelect.addEventListener("change", showType);
  showType();

  const form = h("form", { class: "subform profile-editor", novalidate: true, "aria-labelledby": headingId },
    h("h3", { id: headingId, tabindex: "-1" }, heading),
    h("div", { class: "field" }, h("label", { for: typeSelect.id }, "Type"), typeSelect, typeHelp),
    h("div", { class: "field" },
      h("label", { for: name.id }, "Name", h("span", { class: "required", "aria-hidden": "true" }, " *"),
        h("span", { class: "sr-only" }, " (required)")),
      name, nameError),
    h("div", { class: "field" }, h("label", { for: description.id }, "Description"), description),
    presetsSlot,
    h("div", { class: "button-row" }, save,
      h("button", { type: "button", class: "button", on: { click: () => onCancel() } }, "Cancel"), progress),
    outcome);

  function nameProblem(message) {
    nameError.textContent = message;
    nameError.hidden = !message;
    if (message) name.setAttribute("aria-invalid", "true");
    else name.removeAttribute("aria-invalid");
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    nameProblem("");
    const read = presets.read();
    const sharedRead = shared ? shared.form.read() : { values: {}, problems: {} };
    const shown = presets.showProblems(read.problems);
    const sharedShown = shared ? shared.form.showProblems(sharedRead.problems) : false;
    if (!name.value.trim()) {
      nameProblem("A name is required.");
      name.focus();
      return;
    }
    if (shown || sharedShown) return;
    const body = { name: name.value.trim(), description: description.value.trim(),
      presets: { ...read.values, ...sharedRead.values } };
    // Only a value entered under the warning is a choice to share; a kept mask presets nothing new.
    if (Object.values(sharedRead.values).some((value) => value !== MASK)) body.presetSecrets = true;
    try {
      const saved = await whileBusy(save, progress, "Saving…", () => (profile
        ? api.put(path`/api/authorization-profiles/${profile.id}`, body)
        : api.post("/api/authorization-profiles", { ...body, type: typeSelect.value })));
      onSaved(saved);
    } catch (error) {
      const violations = Array.isArray(error.details.violations) ? error.details.violations : [];
      const nameViolation = violations.find((violation) => violation.field === "name");
      if (nameViolation) nameProblem(nameViolation.message);
      if (error.kind === "CONFLICT") nameProblem(error.message);
      const presetViolations = violations.filter((violation) => violation.field !== "name");
      presets.showProblems(presetViolations);
      if (shared) shared.form.showProblems(presetViolations);
      const labelOf = (key) => (shared && presets.labelOf(key) === key ? shared.form.labelOf(key) : presets.labelOf(key));
      outcome.appendChild(errorPanel(error, { fieldLabel: labelOf }));
    }
  });

  return {
    element: form,
    focus: () => (profile ? name : typeSelect).focus(),
  };
}

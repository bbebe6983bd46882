// Authorization profiles: how end users authorize an integration (the credential mechanism and the
// values preset for all of them). Listed with where each is used; created, edited, tested, deleted.

import { api, path } from "../api.js";
import { h, replace, time } from "../dom.js";
import { credentialForm } from "../credential-form.js";
import { profileEditor } from "./profile-editor.js";
import {
  pageHead, emptyState, errorPanel, successPanel, whileBusy, confirmDialog, announce, authorizationTypeLabel,
} from "../ui.js";

export async function renderProfiles(main) {
  document.title = "Authorization profiles · Integration Host";
  const [profiles, types, integrations] = await Promise.all([
    api.get("/api/authorization-profiles"),
    api.get("/api/authorization-profile-types"),
    api.get("/api/integrations"),
  ]);
  profiles.sort((a, b) => a.name.localeCompare(b.name));
  const typeOf = (id) => types.find((type) => type.id === id);
  const integrationName = (id) => (integrations.find((integration) => integration.id === id) || { name: id }).name;

  const workArea = h("div", { class: "work-area" });
  const flash = h("div", { class: "flash" });
  const create = h("button", { type: "button", class: "button primary", id: "new-profile", disabled: types.length === 0 }, "New profile");

  async function reload(message, detail) {
    await renderProfiles(main);
    if (message) {
      main.querySelector(".flash").appendChild(successPanel(message, detail));
      announce(message);
    }
  }

  function openEditor(profile) {
    flash.replaceChildren();
    const editor = profileEditor({
      types,
      profile,
      heading: profile ? `Edit “${profile.name}”` : "New authorization profile",
      onCancel: () => workArea.replaceChildren(),
      // An update that removed end users' authorizations says so, and what it means for them.
      onSaved: (saved) => reload(profile ? `Profile “${saved.name}” saved.` : `Profile “${saved.name}” created.`, saved.notice),
    });
    replace(workArea, h("div", { class: "panel" }, editor.element));
    editor.focus();
  }
  create.addEventListener("click", () => openEditor(null));

  function openTest(profile) {
    flash.replaceChildren();
    const type = typeOf(profile.type);
    const presetKeys = new Set(Object.keys(profile.presets || {}));
    const remaining = type ? type.fields.filter((field) => !presetKeys.has(field.key)) : [];
    const form = credentialForm(remaining, { verifying: true });
    const outcome = h("div", { class: "form-outcome" });
    const progress = h("span", { class: "progress", role: "status", "aria-live": "polite" });
    const button = h("button", { type: "submit", class: "button primary", id: "run-profile-test" }, "Test");
    const headingId = `test-${profile.id}`;
    const element = h("form", { class: "subform", novalidate: true, "aria-labelledby": headingId },
      h("h3", { id: headingId, tabindex: "-1" }, `Test “${profile.name}”`),
      h("p", { class: "muted" }, remaining.length
        ? "Enter what an end user would; it is checked with the presets, and nothing is stored."
        : "Every field is preset; the test checks the presets. Nothing is stored."),
      form.element,
      h("div", { class: "button-row" }, button,
        h("button", { type: "button", class: "button", on: { click: () => workArea.replaceChildren() } }, "Close"), progress),
      outcome);
    element.addEventListener("submit", async (event) => {
      event.preventDefault();
      outcome.replaceChildren();
      const { values, problems } = form.read();
      if (form.showProblems(problems)) return;
      try {
        const check = await whileBusy(button, progress, "Testing…",
          () => api.post(path`/api/authorization-profiles/${profile.id}/test`, { values }));
        if (check.successful) {
          outcome.appendChild(successPanel("The credentials work.", check.message));
        } else {
          outcome.appendChild(errorPanel({ message: check.message, kind: check.kind, details: check },
            { title: "The credentials were not accepted.", upstreamName: type ? integrationName(type.providedBy) : undefined }));
        }
      } catch (error) {
        if (Array.isArray(error.details.violations)) form.showProblems(error.details.violations);
        outcome.appendChild(errorPanel(error, { fieldLabel: form.labelOf }));
      }
    });
    replace(workArea, h("div", { class: "panel" }, element));
    element.querySelector("h3").focus();
  }

  async function remove(profile, button) {
    flash.replaceChildren();
    const confirmed = await confirmDialog({
      title: `Delete “${profile.name}”?`,
      body: "End users who authorized through it keep their authorization until it is revoked; no new ones can use it.",
      confirm: "Delete profile",
    });
    if (!confirmed) return;
    try {
      await whileBusy(button, null, "", () => api.delete(path`/api/authorization-profiles/${profile.id}`));
      await reload(`Profile “${profile.name}” deleted.`);
    } catch (error) {
      const usedBy = Array.isArray(error.details.usedBy) ? error.details.usedBy.map(integrationName) : [];
      flash.replaceChildren(errorPanel(error, usedBy.length ? { title: `“${profile.name}” is in use by ${usedBy.join(", ")}.` } : {}));
    }
  }

  const table = profiles.length === 0 ? emptyState("No authorization profiles yet.",
    types.length
      ? "Create one to let end users authorize an integration with their own credentials."
      : "No installed plugin offers a profile type.")
    : h("div", { class: "table-scroll" }, h("table", { class: "data profiles", id: "profiles" },
      h("caption", { class: "sr-only" }, "Authorization profiles"),
      h("thead", null, h("tr", null,
        ["Name", "Type", "Presets", "Used by", "Updated"].map((title) => h("th", { scope: "col" }, title)),
        h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Actions")))),
      h("tbody", null, profiles.map((profile) => {
        const type = typeOf(profile.type);
        const deleteButton = h("button", { type: "button", class: "button small danger-outline", "aria-label": `Delete ${profile.name}` }, "Delete");
        deleteButton.addEventListener("click", () => remove(profile, deleteButton));
        const presets = Object.entries(profile.presets || {});
        const fieldOf = (key) => (type && type.fields.find((field) => field.key === key)) || { label: key };
        const label = (key) => fieldOf(key).label;
        // A value the plugin leaves to each end user, preset anyway: every end user acts with it, so the list says so.
        const shared = (key) => (fieldOf(key).presettable === false
          ? h("span", { class: "tag warn", title: "Every end user acts with this one value" }, "shared by every end user") : null);
        return h("tr", { dataset: { profileId: profile.id } },
          h("th", { scope: "row" }, h("span", { class: "profile-name" }, profile.name),
            profile.description ? h("span", { class: "muted small block" }, profile.description) : null),
          h("td", null, type ? type.name : profile.type,
            h("span", { class: "muted small block" }, type ? `${authorizationTypeLabel(type.authorizationType)} · ${type.providedBy}` : "type not installed")),
          h("td", null, presets.length
            ? h("dl", { class: "pairs" }, presets.map(([key, value]) => h("div", null, h("dt", null, label(key)), h("dd", null, value, shared(key)))))
            : h("span", { class: "muted" }, "None")),
          h("td", null, profile.usedBy && profile.usedBy.length
            ? h("ul", { class: "plain" }, profile.usedBy.map((id) => h("li", null,
              h("a", { href: `#/integrations/${encodeURIComponent(id)}/authorization` }, integrationName(id)))))
            : h("span", { class: "muted" }, "Not used")),
          h("td", { class: "nowrap" }, time(profile.updatedAt)),
          h("td", { class: "cell-actions" },
            h("button", { type: "button", class: "button small", "aria-label": `Edit ${profile.name}`,
              on: { click: () => openEditor(profile) } }, "Edit"),
            // An OAuth 2.0 profile yields a token only through an end user's consent: there is nothing to test here.
            type && type.authorizationType === "OAUTH2" ? null : h("button", { type: "button", class: "button small",
              "aria-label": `Test ${profile.name}`, on: { click: () => openTest(profile) } }, "Test"),
            deleteButton));
      }))));

  replace(main,
    pageHead("Authorization profiles",
      "A profile says how end users authorize an integration: the credential mechanism, and values preset for all of them, such as the company subdomain. End users enter the rest through their one-time link.",
      create),
    flash,
    workArea,
    h("section", { class: "panel flush", "aria-label": "Profiles" }, table));
}

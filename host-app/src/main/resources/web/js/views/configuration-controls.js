// The integration-wide buttons in its header: enable or disable it, and delete its configuration
// (after confirming: credentials and end users' authorizations go with it).

import { api, path } from "../api.js";
import { h } from "../dom.js";
import { errorPanel, successPanel, whileBusy, confirmDialog, announce } from "../ui.js";

/** Returns {buttons, outcome}: the buttons (with their progress) and where their failures show. */
export function configurationControls(context) {
  const integration = context.integration;
  const configuration = integration.configuration;
  const name = integration.name;
  const outcome = h("div", { class: "form-outcome head-outcome" });
  const progress = h("span", { class: "progress", role: "status", "aria-live": "polite" });
  if (!configuration) return { buttons: null, outcome };
  const buttons = [];

  async function change(button, text, work, done) {
    outcome.replaceChildren();
    try {
      const updated = await whileBusy(button, progress, text, work);
      await context.refresh(updated, done);
      announce(done.querySelector(".alert-title").textContent);
    } catch (error) {
      outcome.appendChild(errorPanel(error));
    }
  }

  // Disabling stops every call: it is told as a warning, not as a success.
  function noticePanel(title, line) {
    const panel = successPanel(title, line);
    panel.className = "alert alert-warn";
    return panel;
  }

  if (configuration.state === "ENABLED") {
    const disable = h("button", { type: "button", class: "button", id: "disable-integration" }, "Disable");
    disable.addEventListener("click", () => change(disable, `Disabling ${name}…`,
      () => api.post(path`/api/integrations/${integration.id}/disable`),
      noticePanel(`${name} is disabled.`, "Its configuration is kept; enable it again at any time.")));
    buttons.push(disable);
  } else if ((configuration.state === "DISABLED" || configuration.state === "CONFIGURED") && !configuration.credentialsRejectedAt) {
    const enable = h("button", { type: "button", class: "button primary", id: "enable-integration" },
      configuration.state === "DISABLED" ? "Enable again" : "Enable");
    enable.addEventListener("click", () => change(enable, `Enabling ${name}…`,
      () => api.post(path`/api/integrations/${integration.id}/enable`),
      successPanel(`${name} is enabled.`, "Bots and client applications can run its actions.")));
    buttons.push(enable);
  } else if (configuration.credentialsRejectedAt && configuration.mode === "PRE_AUTHORIZED") {
    // Re-authorizing is entering new credentials: take the administrator to the form that does it.
    const reauthorize = h("button", { type: "button", class: "button primary", id: "reauthorize-integration" }, "Re-authorize");
    reauthorize.addEventListener("click", () => {
      context.openTab("authorization");
      const field = document.querySelector("#pre-authorize-form input:not([type=hidden])");
      if (field) field.focus();
    });
    buttons.push(reauthorize);
  }
  const remove = h("button", { type: "button", class: "button danger-outline", id: "delete-configuration" }, "Delete configuration");
  remove.addEventListener("click", async () => {
    const confirmed = await confirmDialog({
      title: `Delete ${name}'s configuration?`,
      body: [configuration.mode === "USER_AUTHORIZED"
        ? "Every end user's authorization is removed; they will have to authorize again."
        : configuration.oauth2 ? "The OAuth connection is removed; its token is revoked at the provider where it offers revocation."
          : "The stored credentials are removed.", "The integration stays installed, and you can configure it again."],
      confirm: "Delete configuration",
    });
    if (!confirmed) return;
    await change(remove, "Deleting…", async () => {
      await api.delete(path`/api/integrations/${integration.id}/configuration`);
      return null;
    }, successPanel("The configuration was deleted.", `${name}'s credentials and end users' authorizations were removed.`));
  });
  buttons.push(remove);
  return { buttons: h("div", { class: "head-actions" }, progress, buttons), outcome };
}

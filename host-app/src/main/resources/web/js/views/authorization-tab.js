// The Authorization tab: the two authorization modes with their forms, the plugin's setup
// instructions and, for user authorization, the end users who authorized.

import { api, path } from "../api.js";
import { h, replace, time, uid, externalLink, plural } from "../dom.js";
import { credentialForm } from "../credential-form.js";
import { callbackUrlField, connectionFacts, connectionSummary, offersConsent, openConsent } from "../oauth.js";
import { profileEditor } from "./profile-editor.js";
import {
  authorizationTypeLabel, errorPanel, successPanel, whileBusy, confirmDialog, announce, MODE_LABELS, emptyState,
} from "../ui.js";

const MODE_TEXT = {
  PRE_AUTHORIZED: "You enter the credentials once; every call uses them.",
  USER_AUTHORIZED: "Each end user enters their own credentials, through a one-time link.",
};
// With OAuth 2.0 nobody types credentials a call uses: a connection is made at the provider.
const OAUTH_MODE_TEXT = {
  PRE_AUTHORIZED: "You connect once at the provider; every call uses that connection.",
  USER_AUTHORIZED: "Each end user connects their own account at the provider, through a one-time link.",
};

export function renderAuthorizationTab(panel, context, { flash } = {}) {
  const integration = context.integration;
  const endUsers = integration.configuration && integration.configuration.mode === "USER_AUTHORIZED" ? endUsersPanel(context) : null;
  const instructions = instructionsPanel(integration);
  const mainColumn = h("div", { class: "main-column" },
    integration.authorization ? authorizationPanel(context, instructions.showMode) : null,
    endUsers ? endUsers.element : null);
  replace(panel,
    flash ? h("div", { class: "flash" }, flash) : null,
    h("div", { class: "split" }, mainColumn, instructions.element));
  if (flash) panel.querySelector(".flash").scrollIntoView({ block: "nearest" });
  // End users authorize elsewhere (their link), so coming back to the tab shows the list afresh.
  return { select: () => endUsers && endUsers.reload() };
}

function configurationSummary(integration) {
  const configuration = integration.configuration;
  if (!configuration) return `Not configured yet. Choose how ${integration.name} authorizes, then enable it.`;
  const oauth = integration.authorization && integration.authorization.type === "OAUTH2";
  if (configuration.credentialsRejectedAt && configuration.mode === "PRE_AUTHORIZED" && oauth) {
    return [`${integration.name} no longer accepts the OAuth connection: it was refused `, time(configuration.credentialsRejectedAt),
      ". Reconnect below and consent again: calls fail until then."];
  }
  if (configuration.credentialsRejectedAt && configuration.mode === "PRE_AUTHORIZED") {
    return [`${integration.name} no longer accepts the credentials: they were rejected `, time(configuration.credentialsRejectedAt),
      ". Enter new ones below and re-authorize: calls fail until then."];
  }
  if (configuration.mode === "PRE_AUTHORIZED" && configuration.oauth2) {
    return ["Pre-authorized: every call uses the access token of the OAuth connection made ", time(configuration.updatedAt), "."];
  }
  const own = oauth ? "OAuth connection" : "credentials";
  return [configuration.mode === "PRE_AUTHORIZED"
    ? "Pre-authorized: every call uses the credentials saved " : `Users authorize: each call uses the end user's own ${own}; set up `,
  time(configuration.updatedAt), "."];
}

function authorizationPanel(context, onModeShown) {
  const integration = context.integration;
  const authorization = integration.authorization;
  const configuration = integration.configuration;
  const allowed = { PRE_AUTHORIZED: authorization.preAuthorize, USER_AUTHORIZED: authorization.userAuthorize };
  const initial = configuration && allowed[configuration.mode] ? configuration.mode
    : allowed.PRE_AUTHORIZED ? "PRE_AUTHORIZED" : "USER_AUTHORIZED";

  const panels = {
    PRE_AUTHORIZED: allowed.PRE_AUTHORIZED ? preAuthorizePanel(context) : null,
    USER_AUTHORIZED: allowed.USER_AUTHORIZED ? userAuthorizePanel(context) : null,
  };
  const options = Object.keys(MODE_LABELS).map((mode) => {
    const id = `mode-${mode.toLowerCase().replace("_", "-")}`;
    const input = h("input", { type: "radio", name: "authorization-mode", id, value: mode, disabled: !allowed[mode],
      "aria-describedby": `${id}-text` });
    input.checked = mode === initial;
    input.addEventListener("change", () => showMode(mode));
    return h("div", { class: `mode-option${allowed[mode] ? "" : " is-disabled"}` },
      input,
      h("label", { for: id },
        h("span", { class: "mode-title" }, MODE_LABELS[mode]),
        h("span", { class: "mode-text", id: `${id}-text` },
          allowed[mode] ? (authorization.type === "OAUTH2" ? OAUTH_MODE_TEXT : MODE_TEXT)[mode]
            : `${integration.name} does not offer this mode.`)));
  });

  function showMode(mode) {
    for (const [key, element] of Object.entries(panels)) if (element) element.hidden = key !== mode;
    onModeShown(mode);
  }
  showMode(initial);

  // Authorizing runs the plugin's connection test: while its plugin cannot run, the forms are shown but locked.
  const pluginDown = integration.plugin && integration.plugin.state !== "STARTED";
  return h("section", { class: "panel", "aria-labelledby": "authorization-heading" },
    h("div", { class: "panel-head" },
      h("h2", { id: "authorization-heading" }, "Authorization"),
      h("span", { class: "muted small" }, `Type: ${authorizationTypeLabel(authorization.type)}`)),
    h("p", { class: "panel-lead", id: "configuration-summary" }, configurationSummary(integration)),
    pluginDown ? h("p", { class: "notice", id: "plugin-down-notice" },
      `Its plugin is ${integration.plugin.state.toLowerCase()}, so credentials cannot be tested or saved. `,
      h("a", { href: "#/plugins" }, "See the plugin"), ".") : null,
    h("fieldset", { disabled: pluginDown, "aria-describedby": pluginDown ? "plugin-down-notice" : null },
      h("fieldset", { class: "modes" }, h("legend", null, "Authorization mode"), options),
      panels.PRE_AUTHORIZED, panels.USER_AUTHORIZED));
}

function switchWarning(configuration, mode) {
  if (!configuration || configuration.mode === mode) return null;
  return h("p", { class: "notice" }, mode === "PRE_AUTHORIZED"
    ? "It is now set up for users to authorize. Enabling pre-authorization removes every end user's authorization."
    : "It is now pre-authorized. Switching removes the saved credentials.");
}

/**
 * Switching mode deletes what the other mode stored: the administrator's credentials, or every end user's
 * authorization. Resolves true when nothing is deleted or the administrator confirms; the count of end users
 * affected is asked of the host at the moment of asking.
 */
async function confirmSwitch(integration, mode) {
  const configuration = integration.configuration;
  if (!configuration || configuration.mode === mode) return true;
  const name = integration.name;
  if (mode === "USER_AUTHORIZED") {
    return confirmDialog({
      title: `Let end users authorize ${name}?`,
      body: [configuration.oauth2 ? `The OAuth connection you made is removed, and its token revoked where ${name} offers it.`
        : "The credentials you stored are deleted; no call can use them afterwards.",
      "From then on each end user authorizes with their own credentials, through a one-time link."],
      confirm: "Delete them and switch",
    });
  }
  const users = await api.get(path`/api/integrations/${integration.id}/users`);
  const authorized = users.filter((user) => user.authorizedAt);
  return confirmDialog({
    title: `Pre-authorize ${name}?`,
    body: [authorized.length
      ? `${plural(authorized.length, "end user's authorization is", "end users' authorizations are")} removed: `
        + `${authorized.map((user) => user.userId).join(", ")}.`
      : "No end user has authorized yet, so no authorization is removed.",
    "From then on every call uses the credentials you enter here."],
    confirm: authorized.length ? "Remove them and switch" : "Switch",
  });
}

function enableLabel(configuration, mode) {
  if (!configuration || configuration.mode !== mode) return "Enable";
  if (configuration.credentialsRejectedAt) return "Re-authorize";
  return configuration.state === "ENABLED" ? "Save" : "Enable";
}

/** An OAuth 2.0 integration connects; once a connection is stored, the same button makes it again. */
function connectLabel(configuration) {
  return configuration && configuration.mode === "PRE_AUTHORIZED" && configuration.oauth2 ? "Reconnect" : "Connect";
}

/**
 * Above an OAuth 2.0 form: the stored connection (if any), the callback URL where the administrator consents at
 * the provider, and what Connect does.
 */
function oauthConnection(integration, oauth2) {
  const name = integration.name;
  const configuration = integration.configuration;
  const state = configuration && configuration.mode === "PRE_AUTHORIZED" ? configuration.oauth2 : null;
  const consent = offersConsent(oauth2);
  return h("div", { class: "oauth-connection" },
    state ? h("section", { class: "connection", id: "oauth-connection", "aria-labelledby": "oauth-connection-heading" },
      h("h3", { id: "oauth-connection-heading" }, `Connection to ${name}`),
      connectionFacts(state),
      configuration.state === "CONFIGURED" ? h("p", { class: "notice" },
        `Connected. Enable ${name} to let bots and client applications run its actions.`) : null) : null,
    consent ? callbackUrlField(oauth2, name) : null,
    h("p", { class: "help oauth-how" }, consent
      ? `Connect opens ${name}: you sign in there and consent, then ${name} sends you back here and the host stores the`
        + " tokens, encrypted. No token is ever shown."
      : `Connect fetches an access token from ${name} with the OAuth app's client credentials and tests it; no sign-in`
        + " is needed."));
}

function preAuthorizePanel(context) {
  const integration = context.integration;
  const configuration = integration.configuration;
  const name = integration.name;
  const authorization = integration.authorization;
  const oauth2 = authorization.type === "OAUTH2" ? authorization.oauth2 || { grantTypes: [], scopes: [] } : null;
  const form = credentialForm(authorization.fields, {
    values: configuration && configuration.mode === "PRE_AUTHORIZED" ? configuration.values : {},
    oauth2,
  });
  const outcome = h("div", { class: "form-outcome" });
  const progress = h("span", { class: "progress", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "submit", class: "button primary", id: "pre-authorize-enable" },
    oauth2 ? connectLabel(configuration) : enableLabel(configuration, "PRE_AUTHORIZED"));
  const element = h("form", { class: "mode-panel", id: "pre-authorize-form", novalidate: true,
    "aria-label": MODE_LABELS.PRE_AUTHORIZED },
    switchWarning(configuration, "PRE_AUTHORIZED"),
    oauth2 ? oauthConnection(integration, oauth2) : null,
    form.element,
    h("div", { class: "button-row" }, button, progress),
    outcome);

  function showFailure(error) {
    const details = error.details || {};
    if (Array.isArray(details.violations)) form.showProblems(details.violations);
    outcome.appendChild(errorPanel(error, { upstreamName: name, fieldLabel: form.labelOf }));
  }

  // Authorization code: the host starts the flow, the browser goes to the provider and comes back to the host's
  // callback, which stores the connection; this page is left on the way.
  async function connectAtProvider(values) {
    try {
      await whileBusy(button, progress, `Opening ${name}…`, async () => {
        const started = await api.post(path`/api/integrations/${integration.id}/authorization/oauth2`, { values });
        await openConsent(started.authorizationUrl);
      });
    } catch (error) {
      showFailure(error);
    }
  }

  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    const { values, problems } = form.read();
    if (form.showProblems(problems)) {
      outcome.appendChild(h("p", { class: "field-error", role: "alert" }, "Correct the highlighted fields."));
      return;
    }
    form.clearErrors();
    try {
      if (!await confirmSwitch(integration, "PRE_AUTHORIZED")) return;
    } catch (error) {
      showFailure(error);
      return;
    }
    if (offersConsent(oauth2)) {
      await connectAtProvider(values);
      return;
    }
    let answer = null;
    let enabled;
    try {
      enabled = await whileBusy(button, progress, oauth2 ? `Connecting to ${name}…` : `Testing the credentials with ${name}…`,
        async (step) => {
          answer = await api.put(path`/api/integrations/${integration.id}/authorization`, { mode: "PRE_AUTHORIZED", values });
          step(`Enabling ${name}…`);
          return api.post(path`/api/integrations/${integration.id}/enable`);
        });
    } catch (error) {
      if (answer) {
        // Stored but not enabled: the page shows the new state, and why enabling failed.
        await context.refresh(answer.integration, errorPanel(error, { title: `The credentials were saved, but ${name} could not be enabled.` }));
        return;
      }
      showFailure(error);
      return;
    }
    const test = answer.connectionTest;
    const flash = successPanel(oauth2 ? `${name} is connected and enabled.` : `${name} is enabled.`, test && test.message);
    await context.refresh(enabled, flash);
    announce(`${name} is enabled. ${test ? test.message : ""}`);
  });
  return element;
}

function userAuthorizePanel(context) {
  const integration = context.integration;
  const configuration = integration.configuration;
  const name = integration.name;
  const accepted = new Set(integration.acceptedProfileTypes || []);
  const select = h("select", { id: "profile-select", "aria-describedby": "profile-select-help" });
  const help = h("p", { class: "help", id: "profile-select-help" });
  const createButton = h("button", { type: "button", class: "button", id: "create-profile", "aria-expanded": "false", disabled: true,
    "aria-controls": "new-profile" }, "Create New");
  const editorSlot = h("div", { id: "new-profile" });
  const outcome = h("div", { class: "form-outcome" });
  const progress = h("span", { class: "progress", role: "status", "aria-live": "polite" });
  const enable = h("button", { type: "button", class: "button primary", id: "user-authorize-enable" },
    enableLabel(configuration, "USER_AUTHORIZED"));
  let types = [];

  async function loadProfiles(selectId) {
    const [profiles, allTypes] = await Promise.all([api.get("/api/authorization-profiles"), api.get("/api/authorization-profile-types")]);
    types = allTypes.filter((type) => accepted.has(type.id));
    const fitting = profiles.filter((profile) => accepted.has(profile.type));
    const typeName = (id) => (types.find((type) => type.id === id) || { name: id }).name;
    replace(select,
      h("option", { value: "" }, fitting.length ? "Choose a profile…" : "No profile yet: create one"),
      fitting.map((profile) => h("option", { value: profile.id }, `${profile.name} (${typeName(profile.type)})`)));
    select.value = selectId || (configuration && configuration.mode === "USER_AUTHORIZED" ? configuration.profileId : "") || "";
    help.textContent = types.length
      ? `Profiles of a type ${name} accepts: ${types.map((type) => type.name).join(", ")}.`
      : `No installed plugin offers a profile type ${name} accepts.`;
    createButton.disabled = types.length === 0;
  }

  createButton.addEventListener("click", () => {
    if (editorSlot.firstChild) {
      closeEditor();
      return;
    }
    const editor = profileEditor({
      types,
      heading: "New authorization profile",
      onCancel: closeEditor,
      async onSaved(profile) {
        closeEditor();
        await loadProfiles(profile.id);
        outcome.replaceChildren(successPanel(`Profile “${profile.name}” created and selected.`,
          `Click ${enable.textContent} to let end users authorize ${name} with it.`));
        announce(`Profile ${profile.name} created and selected.`);
        select.focus();
      },
    });
    replace(editorSlot, editor.element);
    createButton.setAttribute("aria-expanded", "true");
    editor.focus();
  });

  function closeEditor() {
    editorSlot.replaceChildren();
    createButton.setAttribute("aria-expanded", "false");
    createButton.focus();
  }

  enable.addEventListener("click", async () => {
    outcome.replaceChildren();
    if (!select.value) {
      outcome.appendChild(h("p", { class: "field-error", role: "alert" }, "Choose an authorization profile, or create one."));
      select.setAttribute("aria-invalid", "true");
      select.focus();
      return;
    }
    select.removeAttribute("aria-invalid");
    try {
      if (!await confirmSwitch(integration, "USER_AUTHORIZED")) return;
    } catch (error) {
      outcome.appendChild(errorPanel(error));
      return;
    }
    let saved = null;
    let enabled;
    try {
      enabled = await whileBusy(enable, progress, "Saving…", async (step) => {
        saved = await api.put(path`/api/integrations/${integration.id}/authorization`, { mode: "USER_AUTHORIZED", profileId: select.value });
        step(`Enabling ${name}…`);
        return api.post(path`/api/integrations/${integration.id}/enable`);
      });
    } catch (error) {
      if (saved) {
        await context.refresh(saved.integration, errorPanel(error, { title: `The profile was saved, but ${name} could not be enabled.` }));
        return;
      }
      outcome.appendChild(errorPanel(error));
      return;
    }
    await context.refresh(enabled, successPanel(`${name} is enabled for end users.`,
      "Each end user gets a one-time link to authorize the first time an action runs for them."));
    announce(`${name} is enabled for end users.`);
  });

  const element = h("div", { class: "mode-panel", id: "user-authorize-panel", role: "group", "aria-label": MODE_LABELS.USER_AUTHORIZED },
    switchWarning(configuration, "USER_AUTHORIZED"),
    h("div", { class: "field" },
      h("label", { for: "profile-select" }, "Select Authorization"),
      h("div", { class: "input-with-button" }, select, createButton),
      help),
    editorSlot,
    h("div", { class: "button-row" }, enable, progress),
    outcome);
  loadProfiles().catch((error) => outcome.appendChild(errorPanel(error, { title: "The profiles could not be loaded." })));
  return element;
}

function endUsersPanel(context) {
  const integration = context.integration;
  const body = h("div", null, h("p", { class: "muted" }, "Loading…"));
  const outcome = h("div", { class: "form-outcome" });

  async function load() {
    const [users, profiles] = await Promise.all([
      api.get(path`/api/integrations/${integration.id}/users`),
      api.get("/api/authorization-profiles"),
    ]);
    const profileName = (id) => (profiles.find((profile) => profile.id === id) || { name: id }).name;
    // End users of an OAuth 2.0 profile have a connection to show; others have only their stored values.
    const connections = users.some((user) => user.oauth2);
    if (!users.length) {
      replace(body, emptyState("No end user has authorized yet.",
        "When an action runs for an end user who has not authorized, the answer carries a one-time link for them."));
      return;
    }
    replace(body, h("table", { class: "data", id: "end-users" },
      h("caption", { class: "sr-only" }, `End users who authorized ${integration.name}`),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "End user"), h("th", { scope: "col" }, "Profile"),
        h("th", { scope: "col" }, "Authorized"), connections ? h("th", { scope: "col" }, "OAuth connection") : null,
        h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Actions")))),
      h("tbody", null, users.map((user) => {
        const revoke = h("button", { type: "button", class: "button small danger-outline",
          "aria-label": `Revoke ${user.userId}'s authorization` }, "Revoke");
        revoke.addEventListener("click", async () => {
          const confirmed = await confirmDialog({
            title: `Revoke ${user.userId}'s authorization?`,
            body: [user.oauth2
              ? "Their tokens are deleted, and revoked at the provider where it offers revocation."
              : "Their stored credentials are deleted.", "The next action run for them asks them to authorize again."],
            confirm: "Revoke",
          });
          if (!confirmed) return;
          outcome.replaceChildren();
          try {
            await api.delete(path`/api/integrations/${integration.id}/users/${user.userId}`);
            announce(`${user.userId}'s authorization was revoked.`);
            outcome.appendChild(successPanel(`${user.userId}'s authorization was revoked.`));
            await load();
          } catch (error) {
            outcome.appendChild(errorPanel(error));
          }
        });
        return h("tr", { dataset: { userId: user.userId } },
          h("td", null, h("span", { class: "user-id" }, user.userId)),
          h("td", null, profileName(user.profileId)),
          h("td", null, time(user.authorizedAt)),
          connections ? h("td", { class: "oauth-cell" }, user.oauth2 ? connectionSummary(user.oauth2) : h("span", { class: "muted" }, "—")) : null,
          h("td", { class: "cell-actions" }, revoke));
      }))));
  }
  const reload = () => load().catch((error) => replace(body, errorPanel(error, { title: "The end users could not be loaded." })));
  reload();
  const headingId = uid("end-users");
  return {
    reload,
    element: h("section", { class: "panel", "aria-labelledby": headingId },
      h("div", { class: "panel-head" }, h("h2", { id: headingId }, "End users"),
        h("span", { class: "muted small" }, "Who authorized with their own credentials")),
      outcome, body),
  };
}

/**
 * The steps beside the form follow the mode chosen: pre-authorizing follows the plugin's own steps; letting users
 * authorize is done on this page's controls, so its steps name them as they read here.
 */
function instructionsPanel(integration) {
  let list = h("p");
  const element = h("aside", { class: "side-column", "aria-labelledby": "setup-heading" },
    h("section", { class: "panel instructions" },
      h("h2", { id: "setup-heading" }, "Setup instructions"),
      list,
      integration.documentationUrl ? h("p", { class: "small" }, "More in ",
        externalLink(integration.documentationUrl, `${integration.name}'s documentation`), ".") : null));
  function showMode(mode) {
    const steps = mode === "USER_AUTHORIZED" ? userAuthorizeSteps(integration) : integration.setupInstructions || [];
    const shown = steps.length
      ? h("ol", { class: "steps", id: "setup-steps", dataset: { mode } }, steps.map((step) => h("li", null, step)))
      : h("p", { class: "muted", id: "setup-steps", dataset: { mode } }, `${integration.name} ships no setup instructions.`);
    list.replaceWith(shown);
    list = shown;
  }
  showMode("PRE_AUTHORIZED");
  return { element, showMode };
}

function userAuthorizeSteps(integration) {
  const name = integration.name;
  const oauth = integration.authorization && integration.authorization.type === "OAUTH2";
  const configuration = integration.configuration;
  const button = enableLabel(configuration, "USER_AUTHORIZED");
  return [
    "Under “Select Authorization”, in the form beside these steps, choose an authorization profile: it says what "
      + `each end user enters to authorize ${name}, and what you preset for them.`,
    "If there is none yet, click “Create New”, choose the profile's type, give it a name that says what it is for, "
      + "fill in what you preset, and click “Save”. The new profile is selected.",
    `With the profile selected, click “${button}”. ${name} is then enabled for end users; `
      + "no credentials of yours are stored.",
    oauth
      ? `What end users see: the first time an action runs for one of them, the answer carries a one-time link. `
        + `Opening it, they connect their own ${name} account; later actions use that connection.`
      : `What end users see: the first time an action runs for one of them, the answer carries a one-time link. `
        + `Opening it, they enter their own ${name} credentials, which are tested and stored encrypted; later `
        + "actions use them.",
    "The End users panel lists who authorized, and revokes an authorization.",
  ];
}

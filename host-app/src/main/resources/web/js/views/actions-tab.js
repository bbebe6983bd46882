// The Actions tab: every action the integration offers, with a form generated from its input schema
// to run it as a bot would, and what came back: the result, the error, or the link an end user
// must open to authorize.

import { api, path } from "../api.js";
import { h, replace, formatTime, uid } from "../dom.js";
import { schemaForm, violationsToProblems } from "../schema-form.js";
import { jsonView, jsonText, tablesIn, recordTable } from "../json-view.js";
import { curlCommand } from "../curl.js";
import { errorPanel, whileBusy, copyButton, emptyState, statusLabel, announce, confirmDialog } from "../ui.js";

export function renderActionsTab(panel, context, { action } = {}) {
  const integration = context.integration;
  const actions = integration.actions || [];
  if (!actions.length) {
    replace(panel, emptyState("No actions", `${integration.name} offers no actions.`));
    return {};
  }
  // Each action's page is kept while the tab lives, so switching actions loses no input or result.
  const pages = new Map();
  const links = new Map();
  const detail = h("div", { class: "action-detail" });
  // Reads first: they are what an administrator tries first, and running one by mistake changes nothing.
  const groups = [
    ["Read data", actions.filter(isRead)],
    ["Change data", actions.filter((candidate) => !isRead(candidate))],
  ].filter(([, members]) => members.length);
  const list = h("nav", { class: "action-list", "aria-label": `${integration.name} actions` },
    groups.map(([title, members]) => {
      const headingId = uid("action-group");
      return h("div", { class: "action-group", dataset: { effect: isRead(members[0]) ? "READ" : "WRITE" } },
        h("h3", { id: headingId }, title),
        h("ul", { "aria-labelledby": headingId }, members.map((candidate) => {
          const link = h("a", { href: `#/integrations/${encodeURIComponent(integration.id)}/actions/${encodeURIComponent(candidate.id)}`,
            dataset: { actionId: candidate.id } }, candidate.name,
            isRead(candidate) ? null : h("span", { class: "write-mark" }, h("span", { "aria-hidden": "true" }, "✎"),
              h("span", { class: "sr-only" }, " (changes data)")));
          links.set(candidate.id, link);
          return h("li", null, link);
        })));
    }));
  replace(panel, notice(integration), h("div", { class: "actions-layout" }, list, detail));

  function select(actionId) {
    const chosen = actions.find((candidate) => candidate.id === actionId) || actions.find(isRead) || actions[0];
    for (const [id, link] of links) {
      if (id === chosen.id) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    if (!pages.has(chosen.id)) pages.set(chosen.id, actionPage(context, chosen));
    replace(detail, pages.get(chosen.id));
  }
  select(action);
  return { select };
}

// An action that does not say what it does is taken to change data, as the host reads it.
function isRead(action) {
  return action.effect === "READ";
}

// Why actions cannot run now, per status, and where that is put right.
const NOT_RUNNABLE = {
  AVAILABLE: ["is not configured yet", "authorization", "Set up its authorization"],
  CONFIGURED: ["is authorized but not enabled", "authorization", "Enable it"],
  DISABLED: ["is disabled", "authorization", "Enable it again"],
  ERROR: ["needs attention", "authorization", "Re-authorize it"],
  PLUGIN_DISABLED: ["cannot run: its plugin is disabled", "plugins", "See the plugin"],
  PLUGIN_FAILED: ["cannot run: its plugin failed to load", "plugins", "See why"],
  PLUGIN_MISSING: ["cannot run: its plugin is not installed", "plugins", "Install it again"],
  WRONG_PLUGIN: ["cannot run: its configuration was made with another plugin", "plugins", "See the plugins"],
};

function notice(integration) {
  if (integration.status === "ENABLED") return null;
  const [state, where, fix] = NOT_RUNNABLE[integration.status]
    || [`is ${statusLabel(integration.status).toLowerCase()}`, "authorization", "Set up its authorization"];
  const href = where === "plugins" ? "#/plugins" : `#/integrations/${encodeURIComponent(integration.id)}/authorization`;
  return h("p", { class: "notice" }, `${integration.name} ${state}. Running an action shows the error a bot would get. `,
    h("a", { href }, fix), ".");
}

function actionPage(context, action) {
  const integration = context.integration;
  const userMode = integration.configuration && integration.configuration.mode === "USER_AUTHORIZED";
  const headingId = uid("action");
  const form = schemaForm(action.inputSchema);
  const userInput = userMode ? h("input", { id: `${headingId}-user`, name: "userId", type: "text", required: true,
    "aria-required": "true", autocomplete: "off", spellcheck: "false", "aria-describedby": `${headingId}-user-help ${headingId}-user-error` }) : null;
  const userError = h("p", { class: "field-error", id: `${headingId}-user-error`, hidden: true });
  const run = h("button", { type: "submit", class: "button primary", dataset: { run: action.id } }, "Run");
  const progress = h("span", { class: "progress", role: "status", "aria-live": "polite" });
  const outcome = h("div", { class: "run-outcome" });

  const element = h("section", { class: "panel action-page", "aria-labelledby": headingId, dataset: { actionId: action.id } },
    h("h2", { id: headingId }, action.name),
    isRead(action) ? null : h("p", { class: "write-note" }, h("span", { class: "badge badge-info" }, "Changes data"),
      ` Running it changes data in ${integration.name}: you are asked first.`),
    h("p", { class: "description" }, action.description || ""),
    action.output && action.output.description
      ? h("div", { class: "returns" }, h("span", { class: "returns-label" }, "Returns"), h("p", null, action.output.description))
      : null,
    h("form", { class: "action-form", novalidate: true, "aria-labelledby": headingId },
      userMode ? h("fieldset", { class: "run-as" },
        h("legend", null, "Run for"),
        h("div", { class: "field" },
          h("label", { for: userInput.id }, "End user id", h("span", { class: "required", "aria-hidden": "true" }, " *"),
            h("span", { class: "sr-only" }, " (required)")),
          userInput,
          h("p", { class: "help", id: `${headingId}-user-help` },
            `${integration.name} lets users authorize: the action runs with this end user's own credentials. If they have not authorized yet, you get a link for them.`),
          userError)) : null,
      h("fieldset", { class: "input" }, h("legend", null, "Input"), form.element),
      h("div", { class: "button-row" }, run, progress)),
    outcome);

  element.querySelector("form").addEventListener("submit", async (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    const { value, problems } = form.read();
    form.showProblems(problems);
    let userId = null;
    if (userMode) {
      userId = userInput.value.trim();
      userError.hidden = Boolean(userId);
      userError.textContent = userId ? "" : "Enter the id of the end user to run the action for.";
      if (userId) userInput.removeAttribute("aria-invalid");
      else userInput.setAttribute("aria-invalid", "true");
    }
    if (problems.length || (userMode && !userId)) {
      outcome.appendChild(h("p", { class: "field-error", role: "alert" }, "Correct the highlighted fields."));
      if (userMode && !userId) userInput.focus();
      return;
    }
    if (!isRead(action) && !(await confirmDialog({
      title: `Run “${action.name}”?`,
      body: [`${action.name} will change data in ${integration.name}${userId ? ` with the credentials of end user “${userId}”` : ""}.`,
        "This is not a preview: the change is made as a bot's call would make it."],
      confirm: `Run ${action.name}`,
    }))) {
      return;
    }
    const body = userMode ? { input: value, userId } : { input: value };
    const requestPath = path`/api/integrations/${integration.id}/actions/${action.id}`;
    try {
      const answer = await whileBusy(run, progress, `Running “${action.name}”…`, () => api.post(requestPath, body));
      replace(outcome, resultPanel(answer, requestPath, body));
      announce(`${action.name} succeeded in ${answer.durationMillis} milliseconds.`);
    } catch (error) {
      if (error.kind === "AUTHORIZATION_REQUIRED" && error.details.authorizationUrl) {
        replace(outcome, authorizationRequired(integration, error), requestDetails(requestPath, body));
        return;
      }
      if (["INVALID_CREDENTIALS", "INTEGRATION_ERROR", "DISABLED", "NOT_ENABLED", "NOT_CONFIGURED"].includes(error.kind)) {
        context.refreshStatus().catch(() => {});
      }
      const shown = errorPanel(error, { upstreamName: integration.name });
      if (error.kind === "INVALID_INPUT" && Array.isArray(error.details.violations)) {
        form.showProblems(violationsToProblems(error.details.violations));
      }
      replace(outcome, h("div", { class: "result result-bad" }, shown), requestDetails(requestPath, body));
    }
  });
  return element;
}

function resultPanel(answer, requestPath, body) {
  return h("section", { class: "result result-ok", "aria-label": "Result" },
    h("div", { class: "result-head" },
      h("h3", null, "Result"),
      h("span", { class: "badge badge-ok" }, "Succeeded"),
      h("span", { class: "muted small" }, `in ${answer.durationMillis} ms`),
      h("span", { class: "muted small correlation" }, "correlation id ", h("code", null, answer.correlationId)),
      h("span", { class: "spacer" }),
      copyButton(() => jsonText(answer.result), null, "Copy JSON"),
      copyButton(() => curlCommand(window.location.origin, requestPath, body), null, "Copy as curl")),
    resultViews(answer.result),
    requestDetails(requestPath, body));
}

// The JSON, and beside it a table of each list of objects the result holds (an employee directory), one at a time.
function resultViews(result) {
  const tables = tablesIn(result);
  if (!tables.length) return jsonView(result, "Result JSON");
  const views = [["JSON", () => jsonView(result, "Result JSON")],
    ...tables.map(([name, rows]) => [name ? `Table: ${name}` : "Table", () => recordTable(rows, name ? `Result, ${name}` : "Result")])];
  const area = h("div", { class: "result-view" });
  const built = new Map();
  const buttons = views.map(([label], index) => h("button", { type: "button", class: "button small",
    dataset: { view: label }, on: { click: () => show(index) } }, label));
  function show(index) {
    buttons.forEach((button, other) => button.setAttribute("aria-pressed", String(other === index)));
    if (!built.has(index)) built.set(index, views[index][1]());
    replace(area, built.get(index));
  }
  show(0);
  return [h("div", { class: "view-switch", role: "group", "aria-label": "Show the result as" }, buttons), area];
}

function requestDetails(requestPath, body) {
  return h("details", { class: "request" },
    h("summary", null, "Request sent"),
    h("p", { class: "small muted" }, "What a bot sends to run this action (with its administrator token):"),
    h("pre", { class: "json" }, h("code", null, `POST ${requestPath}\n${jsonText(body)}`)));
}

function authorizationRequired(integration, error) {
  const url = error.details.authorizationUrl;
  const user = error.details.userId;
  const id = uid("authorization-link");
  const input = h("input", { id, type: "text", readonly: true, class: "code", value: url });
  let safe = null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "https:" || parsed.protocol === "http:") safe = parsed.href;
  } catch {
    safe = null;
  }
  return h("div", { class: "alert alert-warn authorization-required", role: "alert" },
    h("p", { class: "alert-title" }, `${user ? `“${user}”` : "The end user"} must authorize ${integration.name} first`),
    h("p", null, error.message),
    h("div", { class: "field" },
      h("label", { for: id }, `Authorization link for ${user || "the end user"}`,
        error.details.expiresAt ? h("span", { class: "muted" }, ` · works once, until ${formatTime(error.details.expiresAt)}`) : null),
      h("div", { class: "input-with-button" }, input,
        copyButton(() => url, input, "Copy link"),
        safe ? h("a", { class: "button small", href: safe, target: "_blank", rel: "noopener noreferrer", id: "open-authorization-link" },
          "Open", h("span", { class: "sr-only" }, " (opens in a new tab)")) : null)),
    error.remedy ? h("p", { class: "remedy" }, error.remedy) : null);
}

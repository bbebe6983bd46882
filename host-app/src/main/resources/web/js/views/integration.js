// One integration: its header and three tabs (Authorization, Actions, Activity). Switching tabs
// changes the URL (so it can be bookmarked and the Back button works) but keeps the page, and with
// it whatever was typed in the other tabs.

import { api, path } from "../api.js";
import { h, replace, externalLink, plural } from "../dom.js";
import { statusBadge, authorizationTypeLabel, integrationIcon, pageHead, emptyState } from "../ui.js";
import { renderAuthorizationTab } from "./authorization-tab.js";
import { renderActionsTab } from "./actions-tab.js";
import { renderActivityTab } from "./activity-tab.js";
import { configurationControls } from "./configuration-controls.js";

const TABS = [
  { id: "authorization", label: "Authorization", render: renderAuthorizationTab },
  { id: "actions", label: "Actions", render: renderActionsTab },
  { id: "activity", label: "Activity", render: renderActivityTab },
];

let current = null;

/** Returns false when it only switched tabs of the integration already shown. */
export async function showIntegration(main, { id, tab, action }) {
  if (current && current.id === id && main.contains(current.root)) {
    current.select(tab, action);
    return false;
  }
  let integration;
  try {
    integration = await api.get(path`/api/integrations/${id}`);
  } catch (error) {
    if (error.status !== 404) throw error;
    current = null;
    document.title = "Integration not found · Integration Host";
    replace(main, pageHead("Integration not found", error.message),
      emptyState("It may have been uninstalled.", "Its plugin jar is no longer in the plugins folder."),
      h("a", { class: "button", href: "#/integrations" }, "Back to the integrations"));
    return true;
  }
  current = build(main, integration);
  current.select(tab, action);
  return true;
}

function build(main, first) {
  let integration = first;
  const id = integration.id;
  const header = h("div", { class: "integration-header" });
  const tablist = h("div", { class: "tabs", role: "tablist", "aria-label": "Integration sections" });
  const state = { id, root: null, select };
  const tabs = TABS.map((spec) => {
    const button = h("button", { type: "button", role: "tab", id: `tab-${spec.id}`, "aria-controls": `panel-${spec.id}`,
      "aria-selected": "false", tabindex: "-1", class: "tab" }, spec.label, spec.id === "actions" ? h("span", { class: "count" }) : null);
    const panel = h("section", { role: "tabpanel", id: `panel-${spec.id}`, "aria-labelledby": `tab-${spec.id}`, tabindex: "0",
      class: "tabpanel", hidden: true });
    button.addEventListener("click", () => go(spec.id));
    return { spec, button, panel, stale: true, view: null };
  });
  tablist.addEventListener("keydown", (event) => {
    // Arrow keys move between tabs (and open them), as screen-reader users expect of a tablist.
    const index = tabs.findIndex((tab) => tab.button === document.activeElement);
    if (index < 0) return;
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = tabs[(moves[event.key] + tabs.length) % tabs.length];
    next.button.focus();
    go(next.spec.id);
  });
  tablist.append(...tabs.map((tab) => tab.button));

  const context = {
    get integration() {
      return integration;
    },
    /** Shows a new state of the integration everywhere; `flash` is a panel shown atop the tab. */
    async refresh(updated, flash) {
      integration = updated || await api.get(path`/api/integrations/${id}`);
      renderHeader();
      for (const tab of tabs) tab.stale = true;
      const selected = tabs.find((tab) => !tab.panel.hidden);
      if (selected) show(selected, state.action, flash);
    },
    /** Opens a tab at once (and puts it in the URL), for a control that takes the administrator there. */
    openTab(tabId) {
      select(tabId);
      go(tabId);
    },
    /** Shows a changed status (say, credentials rejected during a run) without redrawing the open tab. */
    async refreshStatus() {
      integration = await api.get(path`/api/integrations/${id}`);
      renderHeader();
      for (const tab of tabs) if (tab.panel.hidden) tab.stale = true;
    },
  };

  function renderHeader() {
    document.title = `${integration.name} · Integration Host`;
    const plugin = integration.plugin;
    const authorization = integration.authorization;
    const controls = configurationControls(context);
    replace(header,
      h("nav", { class: "breadcrumb", "aria-label": "Breadcrumb" },
        h("a", { href: "#/integrations" }, "Integrations"), h("span", { "aria-hidden": "true" }, " / "),
        h("span", { "aria-current": "page" }, integration.name)),
      h("div", { class: "integration-head" },
        integrationIcon(integration, "large"),
        h("div", { class: "integration-head-text" },
          h("div", { class: "title-row" }, h("h1", { tabindex: "-1" }, integration.name), statusBadge(integration.status)),
          h("p", { class: "description" }, integration.description || ""),
          h("ul", { class: "meta-list" },
            plugin ? h("li", null, `Version ${plugin.version}`) : null,
            plugin && plugin.provider ? h("li", null, `by ${plugin.provider}`) : null,
            integration.category ? h("li", null, integration.category) : null,
            authorization ? h("li", null, authorizationTypeLabel(authorization.type)) : null,
            integration.documentationUrl ? h("li", null, externalLink(integration.documentationUrl, "Documentation")) : null)),
        controls.buttons),
      // Why it cannot be used (credentials rejected, plugin failed or missing) stands under its name.
      integration.statusReason ? h("div", { class: "alert alert-bad head-reason" }, h("p", null, integration.statusReason)) : null,
      controls.outcome);
    const count = tabs[1].button.querySelector(".count");
    count.textContent = String((integration.actions || []).length);
    count.setAttribute("aria-label", plural((integration.actions || []).length, "action", "actions"));
  }

  function go(tabId) {
    const target = `#/integrations/${encodeURIComponent(id)}/${tabId}`;
    const selectedAction = tabId === "actions" && state.action ? `/${encodeURIComponent(state.action)}` : "";
    if (window.location.hash !== target + selectedAction) window.location.hash = target + selectedAction;
  }

  function select(tabId, action) {
    state.action = tabId === "actions" ? action || state.action : state.action;
    const tab = tabs.find((candidate) => candidate.spec.id === tabId) || tabs[0];
    for (const other of tabs) {
      const selected = other === tab;
      other.button.setAttribute("aria-selected", String(selected));
      other.button.tabIndex = selected ? 0 : -1;
      other.panel.hidden = !selected;
    }
    show(tab, state.action);
  }

  function show(tab, action, flash) {
    if (tab.stale || !tab.view) {
      tab.view = tab.spec.render(tab.panel, context, { action, flash });
      tab.stale = false;
    } else if (tab.view && tab.view.select) {
      tab.view.select(action);
    }
  }

  renderHeader();
  state.root = h("div", { class: "integration-page", dataset: { integrationId: id } },
    header, tablist, tabs.map((tab) => tab.panel));
  replace(main, state.root);
  return state;
}

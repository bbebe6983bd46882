// The catalog: every integration the installed plugins provide, split into those already configured
// and those available to configure, with what an administrator needs to choose one.

import { api } from "../api.js";
import { h, replace, plural } from "../dom.js";
import { pageHead, statusBadge, authorizationTypeLabel, integrationIcon, emptyState, announce } from "../ui.js";

let searchTerm = "";

export async function renderCatalog(main) {
  document.title = "Integrations · Integration Host";
  const integrations = await api.get("/api/integrations");
  integrations.sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id));

  const search = h("input", { id: "catalog-search", type: "search", placeholder: "Search by name", autocomplete: "off",
    "aria-controls": "catalog-regions" });
  search.value = searchTerm;
  const summary = h("p", { class: "sr-only", role: "status", "aria-live": "polite" });
  const configured = region("configured", "Configured",
    "Authorized integrations, enabled or not.",
    "No integration is configured yet. Choose one below to set it up.");
  const available = region("available", "Available",
    "Installed integrations waiting to be configured.",
    "Every installed integration is configured. Drop another plugin jar into the plugins folder to add more.");

  function show() {
    const term = searchTerm.trim().toLowerCase();
    const shown = integrations.filter((integration) => !term || (integration.name || integration.id).toLowerCase().includes(term));
    configured.fill(shown.filter((integration) => integration.configured), term);
    available.fill(shown.filter((integration) => !integration.configured), term);
    summary.textContent = term ? `${plural(shown.length, "integration matches", "integrations match")} “${searchTerm.trim()}”.` : "";
  }
  search.addEventListener("input", () => {
    searchTerm = search.value;
    show();
  });

  const searchBox = h("div", { class: "search" },
    h("label", { for: "catalog-search", class: "sr-only" }, "Search integrations by name"),
    search);
  replace(main,
    pageHead("Integrations", "Integrations come from plugin jars in the host's plugins folder. Configure one to let bots and their users run its actions.", searchBox),
    summary,
    integrations.length === 0
      ? emptyState("No integrations are installed", "Drop a plugin jar into the plugins folder, or install one on the Plugins page.")
      : h("div", { id: "catalog-regions", class: "regions" }, configured.element, available.element));
  show();
  if (searchTerm) announce(summary.textContent);
}

function region(id, title, description, emptyText) {
  const list = h("ul", { class: "cards", "aria-labelledby": `${id}-heading` });
  const count = h("span", { class: "count" });
  const empty = h("div", { class: "empty small" });
  const element = h("section", { class: "region", id: `region-${id}`, "aria-labelledby": `${id}-heading` },
    h("div", { class: "region-head" },
      h("h2", { id: `${id}-heading` }, title, " ", count),
      h("p", { class: "muted" }, description)),
    list,
    empty);
  return {
    element,
    fill(integrations, term) {
      count.textContent = String(integrations.length);
      count.setAttribute("aria-label", plural(integrations.length, "integration", "integrations"));
      replace(list, integrations.map(card));
      list.hidden = integrations.length === 0;
      empty.hidden = integrations.length > 0;
      replace(empty, h("p", null, term ? `No ${title.toLowerCase()} integration matches “${term}”.` : emptyText));
    },
  };
}

function card(integration) {
  const link = `#/integrations/${encodeURIComponent(integration.id)}`;
  const authorization = integration.authorization;
  const plugin = integration.plugin;
  const fact = (term, value, className) => h("div", { class: className }, h("dt", null, term), h("dd", null, value));
  return h("li", { class: "card integration-card", dataset: { integrationId: integration.id, status: integration.status } },
    h("div", { class: "card-head" },
      integrationIcon(integration),
      h("div", { class: "card-title" },
        h("h3", null, h("a", { href: link, class: "stretched" }, integration.name || integration.id)),
        h("p", { class: "muted small" }, [integration.category, plugin && plugin.provider].filter(Boolean).join(" · ") || "\u00a0")),
      statusBadge(integration.status)),
    h("p", { class: "description" }, integration.description || ""),
    h("dl", { class: "facts" },
      fact("Version", plugin ? plugin.version : "—", "fact-version"),
      fact("Authorization", authorization ? authorizationTypeLabel(authorization.type) : "—", "fact-type"),
      fact("Pre-authorize", authorization ? yesNo(authorization.preAuthorize) : "—", "fact-pre"),
      fact("Allow users to authorize", authorization ? yesNo(authorization.userAuthorize) : "—", "fact-user")),
    integration.statusReason ? h("p", { class: "reason" }, integration.statusReason) : null,
    h("div", { class: "card-foot" },
      h("span", { class: "muted small" }, integration.actions ? plural(integration.actions.length, "action", "actions") : ""),
      h("span", { class: "card-cta", "aria-hidden": "true" }, integration.configured ? "Manage →" : "Configure →")));
}

function yesNo(value) {
  return value ? "Yes" : "No";
}

// The Activity tab: the integration's audit trail, newest first (credential tests and changes, links
// issued, end users' authorizations, every action run). It never contains a secret.

import { api } from "../api.js";
import { h, replace, time } from "../dom.js";
import { emptyState, errorPanel } from "../ui.js";

export function renderActivityTab(panel, context) {
  const integration = context.integration;
  const body = h("div", null, h("p", { class: "muted" }, "Loading…"));
  const reload = h("button", { type: "button", class: "button small" }, "Refresh");
  reload.addEventListener("click", load);
  replace(panel, h("section", { class: "panel", "aria-labelledby": "activity-heading" },
    h("div", { class: "panel-head" }, h("h2", { id: "activity-heading" }, "Activity"),
      h("span", { class: "muted small" }, "The latest 100 events"), h("span", { class: "spacer" }), reload),
    body));

  async function load() {
    try {
      const events = await api.get(`/api/audit?integrationId=${encodeURIComponent(integration.id)}&limit=100`);
      if (!events.length) {
        replace(body, emptyState("Nothing happened yet.", "Configuring the integration and running its actions is recorded here."));
        return;
      }
      replace(body, h("div", { class: "table-scroll" }, h("table", { class: "data activity" },
        h("caption", { class: "sr-only" }, `Audit trail of ${integration.name}`),
        h("thead", null, h("tr", null, ["When", "Who", "What", "End user", "Outcome", "Details"].map((title) =>
          h("th", { scope: "col" }, title)))),
        h("tbody", null, events.map((event) => h("tr", null,
          h("td", { class: "nowrap" }, time(event.occurredAt)),
          h("td", null, event.actor || ""),
          h("td", null, h("code", null, event.action || "")),
          h("td", null, event.userId || ""),
          h("td", null, h("span", { class: `badge ${event.outcome === "SUCCESS" ? "badge-ok" : event.outcome === "FAILURE" ? "badge-bad" : "badge-neutral"}` },
            event.outcome || "")),
          h("td", { class: "detail" }, event.detail || "")))))));
    } catch (error) {
      replace(body, errorPanel(error, { title: "The activity could not be loaded." }));
    }
  }
  load();
  return {};
}

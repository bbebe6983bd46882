// Small pieces every screen shares: status badges, the error panel, confirmation dialogs, busy
// buttons, copy-to-clipboard and the polite announcer for screen readers.

import { h, replace } from "./dom.js";

const STATUS = {
  AVAILABLE: ["Available", "neutral", "Not configured yet."],
  CONFIGURED: ["Configured, not enabled", "info", "Authorized, but bots cannot use it until it is enabled."],
  ENABLED: ["Enabled", "ok", "Bots and client applications can run its actions."],
  DISABLED: ["Disabled", "muted", "Its configuration is kept; enable it again at any time."],
  ERROR: ["Error", "bad", "It needs attention."],
  PLUGIN_DISABLED: ["Plugin disabled", "bad", "Its plugin is disabled."],
  PLUGIN_FAILED: ["Plugin failed", "bad", "Its plugin failed to load."],
  PLUGIN_MISSING: ["Plugin missing", "bad", "Its plugin is no longer installed."],
  WRONG_PLUGIN: ["Wrong plugin", "bad", "The plugin that provides it here is not the one its configuration was made with."],
};

// A plugin's states (Plugins page) mean something else than an integration's of the same name.
const PLUGIN_STATUS = {
  STARTED: ["Started", "ok", "Loaded and running."],
  DISABLED: ["Disabled", "bad", "Loaded but not started: see the reason."],
  FAILED: ["Failed", "bad", "Could not be loaded or started: see the reason."],
  IGNORED: ["Ignored", "muted", "Not a plugin jar: the host leaves it alone."],
};

// A plugin's worker process (Plugins page).
const WORKER_STATUS = {
  IDLE: ["Idle", "muted", "No process now: it starts on the integration's next call."],
  STARTING: ["Starting", "info", "Its process is starting."],
  RUNNING: ["Running", "ok", "Its process is running."],
  FAILED: ["Failed", "bad", "It crashed too often, or the plugin does not start in it: see the reason. Restart it once the cause is dealt with."],
};

export function statusLabel(status) {
  return (STATUS[status] || [status])[0];
}

/** An integration's status as a coloured badge; hovering it tells what the status means. */
export function statusBadge(status) {
  return badge(STATUS, status);
}

/** A plugin's state as a coloured badge. */
export function pluginStateBadge(state) {
  return badge(PLUGIN_STATUS, state);
}

/** A plugin worker's state as a coloured badge. */
export function workerStateBadge(state) {
  return badge(WORKER_STATUS, state);
}

function badge(meanings, status) {
  const [label, tone, meaning] = meanings[status] || [status, "neutral", ""];
  return h("span", { class: `badge badge-${tone}`, dataset: { status }, title: meaning || null }, label);
}

const AUTHORIZATION_TYPES = {
  BASIC: "Basic Auth",
  API_KEY: "API key",
  BEARER_TOKEN: "Bearer token",
  OAUTH2: "OAuth 2.0",
  CUSTOM: "Custom",
};

export function authorizationTypeLabel(type) {
  return AUTHORIZATION_TYPES[type] || type || "—";
}

export const MODE_LABELS = {
  PRE_AUTHORIZED: "Pre-authorize the integration",
  USER_AUTHORIZED: "Allow users to authorize the integration",
};

/** Where the announcer says it, screen readers read it; nothing is shown. */
export function announce(message) {
  const announcer = document.getElementById("announcer");
  announcer.textContent = "";
  // A fresh text node after clearing makes repeated identical messages announced again.
  window.setTimeout(() => { announcer.textContent = message; }, 50);
}

/**
 * The panel for a failed request: what failed, what to do, and what the remote system said. Field
 * violations are listed; callers that can attach them to inputs do so as well.
 */
export function errorPanel(error, options = {}) {
  const details = error.details || {};
  const upstream = details.upstream;
  const violations = Array.isArray(details.violations) ? details.violations : [];
  const facts = [];
  if (upstream && (upstream.status || upstream.requestId)) {
    const parts = [];
    if (upstream.status) parts.push(`answered HTTP ${upstream.status}`);
    if (upstream.requestId) parts.push(`request id ${upstream.requestId}`);
    facts.push(h("li", null, `${options.upstreamName || "The remote system"} ${parts.join(", ")}`));
  }
  if (details.retryable === true) facts.push(h("li", null, "This may work if you try again later."));
  if (details.correlationId) facts.push(h("li", null, "Correlation id ", h("code", null, details.correlationId)));
  return h("div", { class: "alert alert-bad", role: "alert", dataset: { kind: error.kind } },
    h("p", { class: "alert-title" }, options.title || error.message),
    options.title ? h("p", null, error.message) : null,
    violations.length ? h("ul", { class: "violations" }, violations.map((violation) => h("li", null,
      typeof violation === "string" ? violation
        : [h("strong", null, options.fieldLabel ? options.fieldLabel(violation.field) : violation.field), `: ${violation.message}`]))) : null,
    error.remedy ? h("p", { class: "remedy" }, error.remedy) : null,
    facts.length ? h("ul", { class: "alert-facts" }, facts) : null);
}

export function successPanel(title, ...lines) {
  return h("div", { class: "alert alert-ok", role: "status" },
    h("p", { class: "alert-title" }, title),
    lines.filter(Boolean).map((line) => h("p", null, line)));
}

/** A panel for a page whose data could not be loaded, with a way to try again. */
export function loadFailure(error, retry) {
  return h("div", { class: "load-failure" }, errorPanel(error, { title: "This page could not be loaded." }),
    retry ? h("button", { type: "button", class: "button", on: { click: retry } }, "Try again") : null);
}

/**
 * Marks a button busy while `work` runs: disabled, a spinner, and a progress text in `progress`
 * (a live region) so the wait is visible and announced. Returns what `work` returns.
 */
export async function whileBusy(button, progress, text, work) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.classList.add("is-busy");
  if (progress) replace(progress, h("span", { class: "spinner", "aria-hidden": "true" }), h("span", null, text));
  try {
    return await work((next) => {
      if (progress) replace(progress, h("span", { class: "spinner", "aria-hidden": "true" }), h("span", null, next));
    });
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.classList.remove("is-busy");
    if (progress) progress.replaceChildren();
  }
}

/**
 * Asks before something that cannot be undone, in a modal dialog (focus moves into it; Escape
 * cancels). Resolves true when confirmed.
 */
export function confirmDialog({ title, body, confirm, danger = true }) {
  return new Promise((resolve) => {
    const titleId = `confirm-title-${Date.now()}`;
    const dialog = h("dialog", { class: "modal modal-small", "aria-labelledby": titleId },
      h("h2", { id: titleId }, title),
      (Array.isArray(body) ? body : [body]).map((line) => h("p", null, line)),
      h("div", { class: "modal-actions" },
        h("button", { type: "button", class: "button", value: "cancel", on: { click: () => dialog.close("cancel") } }, "Cancel"),
        h("button", { type: "button", class: danger ? "button danger" : "button primary", value: "confirm",
          on: { click: () => dialog.close("confirm") } }, confirm)));
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "confirm");
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    dialog.querySelector("button[value=cancel]").focus();
  });
}

/** Copies text, falling back to selecting an input where the clipboard API is unavailable. */
export async function copyText(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    announce("Copied to the clipboard.");
    return true;
  } catch {
    if (input) {
      input.focus();
      input.select();
      announce("Selected; press Ctrl+C to copy.");
    }
    return false;
  }
}

export function copyButton(getText, input, label = "Copy") {
  const button = h("button", { type: "button", class: "button small" }, label);
  button.addEventListener("click", async () => {
    if (await copyText(getText(), input)) {
      button.textContent = "Copied";
      window.setTimeout(() => { button.textContent = label; }, 1500);
    }
  });
  return button;
}

/** The header of a page: title (focus target after navigation), lead text and optional tools. */
export function pageHead(title, lead, ...tools) {
  return h("div", { class: "page-head" },
    h("div", { class: "page-head-text" },
      h("h1", { tabindex: "-1" }, title),
      lead ? h("p", { class: "lead" }, lead) : null),
    tools.length ? h("div", { class: "page-head-tools" }, tools) : null);
}

export function emptyState(title, text) {
  return h("div", { class: "empty" }, h("p", { class: "empty-title" }, title), text ? h("p", null, text) : null);
}


/**
 * The integration's icon from its plugin jar, or its initial when it has none or it fails to load
 * (a failed or missing plugin has no icon to serve).
 */
export function integrationIcon(integration, size = "medium") {
  const fallback = () => h("span", { class: `icon icon-${size} icon-fallback`, "aria-hidden": "true" },
    (integration.name || integration.id || "?").trim().charAt(0).toUpperCase());
  if (!integration.iconUrl) return fallback();
  const img = h("img", { class: `icon icon-${size}`, src: integration.iconUrl, alt: "", width: "48", height: "48" });
  img.addEventListener("error", () => img.replaceWith(fallback()), { once: true });
  return img;
}

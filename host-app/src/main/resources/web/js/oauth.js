// What the OAuth 2.0 screens share: the host's callback URL to copy into the provider's app settings, and the
// state of a connection (connected as whom, scopes granted, expiry, last refresh). The API never sends a
// token to the page, so none can be shown here.

import { h, time, formatRelative, uid } from "./dom.js";
import { copyButton } from "./ui.js";

/** Whether `oauth2` ({grantTypes, scopes, callbackUrl}) lets the administrator or an end user consent at the provider. */
export function offersConsent(oauth2) {
  return Boolean(oauth2) && (oauth2.grantTypes || []).includes("AUTHORIZATION_CODE");
}

/** The callback URL, read-only with a Copy button, and where it goes. */
export function callbackUrlField(oauth2, providerName) {
  const id = uid("callback-url");
  const input = h("input", { id, type: "text", readonly: true, class: "code callback-url", spellcheck: "false",
    "aria-describedby": `${id}-help` });
  input.value = oauth2.callbackUrl || "";
  const copy = copyButton(() => input.value, input, "Copy");
  copy.setAttribute("aria-label", "Copy the callback URL");
  return h("div", { class: "field callback", dataset: { field: "callbackUrl" } },
    h("label", { for: id }, "Callback URL"),
    h("div", { class: "input-with-button" }, input, copy),
    h("p", { class: "help", id: `${id}-help` },
      `Paste it into the redirect URI (callback URL) setting of the OAuth app you registered with ${providerName}: `
        + "the provider sends the consent back to this address only."));
}

/** Scope names from the API, which may send them as a list or as one space-separated string. */
export function scopeNames(scopes) {
  if (Array.isArray(scopes)) return scopes;
  return typeof scopes === "string" && scopes.trim() ? scopes.trim().split(/\s+/) : [];
}

/** An instant as "in 59 minutes" with the exact date beside it. */
export function relativeTime(iso) {
  if (!iso) return null;
  return h("span", { class: "relative-time" }, formatRelative(iso), " (", time(iso), ")");
}

function scopeList(scopes) {
  const names = scopeNames(scopes);
  return names.length ? h("ul", { class: "scope-tags" }, names.map((name) => h("li", null, h("code", null, name))))
    : h("span", { class: "muted" }, "None");
}

function expiry(state) {
  if (!state.expiresAt) return h("span", { class: "muted" }, "The provider gave no expiry.");
  const past = new Date(state.expiresAt).getTime() <= Date.now();
  return [relativeTime(state.expiresAt), h("span", { class: "muted small block" }, state.refreshable
    ? "Refreshed automatically before it expires."
    : past ? "Expired: reconnect to go on." : "It cannot be refreshed: reconnect when it expires.")];
}

/**
 * The facts of a stored connection (`{connectedAs, scopes, expiresAt, refreshedAt, storedAt, refreshable}`), as a
 * definition list with one class per fact so that each can be found.
 */
export function connectionFacts(state) {
  const fact = (name, label, value) => h("div", { class: `fact-${name}` }, h("dt", null, label), h("dd", null, value));
  return h("dl", { class: "facts connection-facts" },
    // What the connection test said when the connection was made, e.g. "Connected as jane.doe".
    fact("connected-as", "Account", state.connectedAs || h("span", { class: "muted" }, "Not reported by the connection test")),
    fact("scopes", "Scopes granted", scopeList(state.scopes)),
    fact("expires", "Expires", expiry(state)),
    fact("refreshed", "Last refreshed", state.refreshedAt ? relativeTime(state.refreshedAt) : h("span", { class: "muted" }, "Not yet")),
    state.storedAt ? fact("stored", "Connected", time(state.storedAt)) : null);
}

/** One line for a table cell: who, and until when. */
export function connectionSummary(state) {
  return h("span", { class: "connection-summary" },
    state.connectedAs ? h("span", { class: "block" }, state.connectedAs) : null,
    h("span", { class: "muted small block" }, state.expiresAt
      ? [new Date(state.expiresAt).getTime() <= Date.now() ? "Expired " : "Expires ", formatRelative(state.expiresAt),
        state.refreshable ? " · refreshable" : ""]
      : "No expiry given"),
    scopeNames(state.scopes).length ? h("span", { class: "muted small block" }, `Scopes: ${scopeNames(state.scopes).join(" ")}`) : null);
}

/**
 * Sends the browser to the provider's consent page. Only an http(s) address is followed (the host builds it from
 * the descriptor's template or the operator's override). Resolves when the page is left, so that whatever shows
 * the progress keeps showing it until then (or for at most half a minute, should the browser stay).
 */
export function openConsent(authorizationUrl) {
  const target = new URL(authorizationUrl, window.location.href);
  if (target.protocol !== "https:" && target.protocol !== "http:") {
    return Promise.reject(new Error("The host answered an authorization address that is not http(s); nothing was opened."));
  }
  return new Promise((resolve) => {
    window.addEventListener("pagehide", resolve, { once: true });
    window.setTimeout(resolve, 30000);
    window.location.assign(target.href);
  });
}

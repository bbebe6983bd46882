// The host's REST API as the pages use it: signed in by an HttpOnly session cookie (the page never
// sees it), with the session's CSRF token sent on every change. A 401 anywhere means the session is
// gone; the app listens for it and shows the sign-in page.

let csrfToken = null;

/** An error answer in the host's shape: {error: {kind, message, remedy, ...details}}. */
export class ApiError extends Error {
  constructor(status, error) {
    super(error.message || `The host answered ${status}.`);
    this.status = status;
    this.kind = error.kind || `HTTP_${status}`;
    this.remedy = error.remedy || null;
    this.details = error;
  }
}

export const SIGNED_OUT_EVENT = "host:signed-out";

async function send(method, path, body, contentType) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = contentType;
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response;
  try {
    response = await fetch(path, { method, headers, body, credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new ApiError(0, {
      kind: "HOST_UNREACHABLE",
      message: "The host could not be reached.",
      remedy: "Check that the host is running and reachable, then try again.",
    });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, (json && json.error) || {
      message: `The host answered ${response.status} ${response.statusText}.`,
      remedy: "Try again; if it persists, check the host's log.",
    });
    if (response.status === 401 && path !== "/api/session") {
      csrfToken = null;
      window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT));
    }
    throw error;
  }
  return json;
}

function json(method, path, body) {
  return send(method, path, body === undefined ? undefined : JSON.stringify(body), "application/json");
}

export const api = {
  get: (path) => json("GET", path),
  post: (path, body) => json("POST", path, body === undefined ? {} : body),
  put: (path, body) => json("PUT", path, body),
  delete: (path) => json("DELETE", path),
  /** Sends a file as the raw body, e.g. a plugin jar. */
  upload: (path, file, contentType) => send("POST", path, file, contentType),
};

/** Path segments from data (ids, user ids) are always encoded. */
export function path(strings, ...values) {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? encodeURIComponent(values[i]) : ""), "");
}

export const session = {
  /** Whether a session exists; remembers its CSRF token. */
  async resume() {
    try {
      const answer = await json("GET", "/api/session");
      csrfToken = answer.csrfToken;
      return true;
    } catch (error) {
      if (error.status === 401) return false;
      throw error;
    }
  },
  async signIn(token) {
    const answer = await json("POST", "/api/session", { token });
    csrfToken = answer.csrfToken;
  },
  async signOut() {
    try {
      await json("DELETE", "/api/session");
    } finally {
      csrfToken = null;
    }
  },
};

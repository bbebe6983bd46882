// Sign-in: the administrator's token is exchanged for a session cookie the page cannot read.

import { session } from "../api.js";
import { h, replace } from "../dom.js";
import { errorPanel, whileBusy } from "../ui.js";

export function renderSignIn(main, { message, onSignedIn }) {
  const input = h("input", { id: "admin-token", name: "token", type: "password", autocomplete: "current-password",
    required: true, "aria-required": "true", "aria-describedby": "admin-token-help", spellcheck: "false" });
  const outcome = h("div", { class: "form-outcome" });
  const progress = h("span", { class: "progress", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "submit", class: "button primary wide", id: "sign-in" }, "Sign in");
  const form = h("form", { class: "signin-form", novalidate: true },
    h("div", { class: "field" },
      h("label", { for: "admin-token" }, "Administrator token"),
      input,
      h("p", { class: "help", id: "admin-token-help" },
        "The token set in HOST_ADMIN_TOKEN, or the one the host printed when it first started.")),
    outcome,
    button,
    progress);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    // One message at a time: the reason the page was shown gives way to the outcome of this attempt.
    outcome.replaceChildren();
    notice?.remove();
    const token = input.value.trim();
    if (!token) {
      outcome.appendChild(h("p", { class: "field-error", role: "alert" }, "Enter the administrator token."));
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    try {
      await whileBusy(button, progress, "Signing in…", () => session.signIn(token));
      onSignedIn();
    } catch (error) {
      input.setAttribute("aria-invalid", "true");
      // The API's own remedy speaks to REST clients (send a Bearer header); this page says it in its own words.
      outcome.appendChild(error.status === 401
        ? h("p", { class: "alert alert-bad", role: "alert" },
          "That token is not the administrator's. Check it and try again.")
        : errorPanel(error));
      input.select();
      input.focus();
    }
  });

  const notice = message ? h("p", { class: "notice", role: "status" }, message) : null;
  replace(main, h("section", { class: "signin", "aria-labelledby": "signin-title" },
    h("div", { class: "signin-card" },
      h("img", { class: "signin-logo", src: "/img/logo.svg", alt: "", width: "48", height: "48" }),
      h("h1", { id: "signin-title", tabindex: "-1" }, "Sign in to Integration Host"),
      h("p", { class: "lead" }, "Manage integrations, their credentials and authorization profiles."),
      notice,
      form)));
  input.focus();
}

// The administrator's single-page app: signs in, then shows the screen the URL's hash names, e.g.
// #/integrations/<id>/actions. Hash routes keep every screen linkable and reloadable while
// the host serves one static page.

import { session, SIGNED_OUT_EVENT } from "./api.js";
import { h, replace } from "./dom.js";
import { loadFailure, pageHead, emptyState } from "./ui.js";
import { renderSignIn } from "./views/signin.js";
import { renderCatalog } from "./views/catalog.js";
import { showIntegration } from "./views/integration.js";
import { renderProfiles } from "./views/profiles.js";
import { renderPlugins } from "./views/plugins.js";

const main = document.getElementById("main");
const nav = document.querySelector(".mainnav");
const signOutButton = document.getElementById("sign-out");
let signedIn = false;
let firstRender = true;

const routes = [
  { pattern: /^\/integrations$/, section: "integrations", show: () => renderCatalog(main) },
  {
    pattern: /^\/integrations\/([^/]+)(?:\/(authorization|actions|activity))?(?:\/([^/]+))?$/,
    section: "integrations",
    show: ([id, tab, action]) => showIntegration(main, { id: decodeURIComponent(id), tab: tab || "authorization",
      action: action ? decodeURIComponent(action) : null }),
  },
  { pattern: /^\/profiles$/, section: "profiles", show: () => renderProfiles(main) },
  { pattern: /^\/plugins$/, section: "plugins", show: () => renderPlugins(main) },
];

function currentPath() {
  const hash = window.location.hash.replace(/^#/, "");
  return hash && hash !== "/" ? hash : "/integrations";
}

async function route() {
  if (!signedIn) {
    showSignIn();
    return;
  }
  const path = currentPath();
  const match = routes.map((candidate) => ({ candidate, groups: candidate.pattern.exec(path) })).find((m) => m.groups);
  markSection(match ? match.candidate.section : null);
  if (!match) {
    document.title = "Not found · Integration Host";
    replace(main, pageHead("Page not found", "There is nothing at this address."),
      emptyState("Nothing here", "Go back to the integrations."), h("a", { class: "button", href: "#/integrations" }, "Integrations"));
    focusHeading();
    return;
  }
  try {
    // A view may keep itself (switching tabs of one integration); it returns true when it re-rendered.
    const rendered = await match.candidate.show(match.groups.slice(1));
    if (rendered !== false) focusHeading();
  } catch (error) {
    if (error.status === 401) return; // the sign-in page is already on its way
    replace(main, pageHead("Something went wrong"), loadFailure(error, route));
  }
}

// After navigating, focus moves to the new page's heading so keyboard and screen-reader users start
// there; not on the first load, where the browser's own start is expected.
function focusHeading() {
  if (firstRender) {
    firstRender = false;
    return;
  }
  const heading = main.querySelector("h1");
  if (heading) heading.focus({ preventScroll: false });
}

function markSection(section) {
  for (const link of nav.querySelectorAll("a")) {
    if (link.dataset.section === section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function setSignedIn(value) {
  signedIn = value;
  nav.hidden = !value;
  signOutButton.hidden = !value;
  document.body.classList.toggle("signed-out", !value);
}

function showSignIn(message) {
  setSignedIn(false);
  document.title = "Sign in · Integration Host";
  renderSignIn(main, {
    message,
    onSignedIn() {
      setSignedIn(true);
      route();
    },
  });
}

signOutButton.addEventListener("click", async () => {
  try {
    await session.signOut();
  } catch {
    // Signed out locally either way; the cookie is HttpOnly and expires on its own.
  }
  showSignIn("You are signed out.");
});

window.addEventListener(SIGNED_OUT_EVENT, () => {
  if (signedIn) showSignIn("Your session has ended. Sign in again to continue.");
});
window.addEventListener("hashchange", route);

async function start() {
  try {
    setSignedIn(await session.resume());
  } catch (error) {
    replace(main, pageHead("Integration Host"), loadFailure(error, start));
    return;
  }
  route();
}

start();

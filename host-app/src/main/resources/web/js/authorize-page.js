// The end user's link page works without this script (it is rendered on the server); the script adds what needs one:
// the Show toggle of a secret field, the link to where a value is created once the fields it names are filled in, and
// the link's expiry in the reader's own time. Served as a file: the page's policy allows no inline script.

/** A secret field's Show button: a toggle (aria-pressed) that shows the value as text while pressed. */
function enableRevealButtons() {
  for (const button of document.querySelectorAll("button.reveal[aria-controls]")) {
    const input = document.getElementById(button.getAttribute("aria-controls"));
    if (!input) continue;
    button.hidden = false;
    button.addEventListener("click", () => {
      const show = button.getAttribute("aria-pressed") !== "true";
      input.type = show ? "text" : "password";
      button.setAttribute("aria-pressed", String(show));
      button.textContent = show ? "Hide" : "Show";
    });
  }
}

/** A plain name, as the server takes one into a link (a whole address pasted into a subdomain field is not guessed at). */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;

/** A help link's {key} placeholders filled in from the form's fields as the end user types; hidden while one is empty. */
function enableHelpLinks() {
  const links = [...document.querySelectorAll("a[data-href-template]")];
  if (!links.length) return;
  const form = links[0].closest("form");
  const update = () => {
    for (const link of links) {
      let complete = true;
      const href = link.dataset.hrefTemplate.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (placeholder, key) => {
        const input = form.elements.namedItem(key);
        const value = input && typeof input.value === "string" ? input.value.trim() : "";
        if (!PLAIN_NAME.test(value)) {
          complete = false;
          return placeholder;
        }
        return encodeURIComponent(value);
      });
      link.hidden = !complete;
      if (complete) link.href = href;
      else link.removeAttribute("href");
    }
  };
  form.addEventListener("input", update);
  update();
}

/** The expiry in the reader's own time zone (the server can only write UTC). */
function showLocalTimes() {
  for (const time of document.querySelectorAll("time[data-local-time]")) {
    const at = new Date(time.getAttribute("datetime"));
    if (!Number.isNaN(at.getTime())) time.textContent = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }
}

enableRevealButtons();
enableHelpLinks();
showLocalTimes();

"use strict";
// Everything a plugin supplies is inserted with textContent, never as markup.
(function () {
  const list = document.getElementById("integrations");
  const status = document.getElementById("status");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function card(integration) {
    const item = el("li", "card");
    item.dataset.integrationId = integration.id;
    const head = el("div", "card-head");
    if (integration.iconUrl) {
      const icon = el("img", "icon");
      icon.src = integration.iconUrl;
      icon.alt = "";
      head.appendChild(icon);
    }
    head.appendChild(el("h2", "name", integration.name));
    item.appendChild(head);
    item.appendChild(el("p", "description", integration.description));
    const facts = el("dl", "facts");
    const add = (term, value) => { facts.appendChild(el("dt", null, term)); facts.appendChild(el("dd", null, value)); };
    add("Version", integration.plugin.version);
    add("Authorization", integration.authorization.type);
    add("Pre-authorize", integration.authorization.preAuthorize ? "Yes" : "No");
    add("Allow users to authorize", integration.authorization.userAuthorize ? "Yes" : "No");
    add("Status", integration.status);
    item.appendChild(facts);
    if (integration.statusReason) item.appendChild(el("p", "reason", integration.statusReason));
    return item;
  }

  fetch("/api/integrations", { headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) throw new Error("The host answered " + response.status);
      return response.json();
    })
    .then((integrations) => {
      integrations.forEach((integration) => list.appendChild(card(integration)));
      status.textContent = integrations.length === 0
        ? "No integrations are installed. Drop a plugin jar into the plugins folder and restart the host."
        : integrations.length + (integrations.length === 1 ? " integration" : " integrations");
    })
    .catch((failure) => { status.textContent = "Could not load the integrations: " + failure.message; });
})();

// Plugins: every jar in the plugins folder and what became of it (started, disabled, failed and
// why), where its code runs (a worker process, sandboxed or not, or the host's process) and what its
// worker is doing, with installing a jar, restarting a failed worker and uninstalling a plugin
// without restarting the host.

import { api, path } from "../api.js";
import { h, replace, plural, time } from "../dom.js";
import { pageHead, emptyState, errorPanel, successPanel, whileBusy, confirmDialog, announce, pluginStateBadge, workerStateBadge } from "../ui.js";

export async function renderPlugins(main, message) {
  document.title = "Plugins · Integration Host";
  const plugins = await api.get("/api/plugins");
  plugins.sort((a, b) => (a.pluginId || a.fileName).localeCompare(b.pluginId || b.fileName));
  const flash = h("div", { class: "flash" }, message ? successPanel(message) : null);

  const file = h("input", { id: "plugin-file", type: "file", accept: ".jar,application/java-archive", "aria-describedby": "plugin-file-help" });
  const install = h("button", { type: "submit", class: "button primary", id: "install-plugin" }, "Install");
  const progress = h("span", { class: "progress", role: "status", "aria-live": "polite" });
  const outcome = h("div", { class: "form-outcome" });
  const installForm = h("form", { class: "install-form", novalidate: true },
    h("div", { class: "field" },
      h("label", { for: "plugin-file" }, "Plugin jar"),
      file,
      h("p", { class: "help", id: "plugin-file-help" },
        "The jar is checked whole (packaging, descriptor, start) before it is installed; one that fails is refused with every reason. A jar with the id of an installed plugin replaces it once it has started; until then the old version keeps serving.")),
    h("p", { class: "notice", id: "plugin-trust" },
      "Each plugin's code runs in a worker process of its own, with only its own settings, a temporary folder and a "
      + "limited heap, in a bubblewrap sandbox where one is available; a worker still reaches the network the host reaches. "
      + "A plugin the operator names in HOST_IN_PROCESS_PLUGINS runs inside the host's process and can reach everything "
      + "the host can: its environment, its data folder and every stored credential. Install only plugins you trust."),
    h("div", { class: "button-row" }, install, progress),
    outcome);
  installForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    const jar = file.files && file.files[0];
    if (!jar) {
      outcome.appendChild(h("p", { class: "field-error", role: "alert" }, "Choose a plugin jar first."));
      file.focus();
      return;
    }
    try {
      const status = await whileBusy(install, progress, `Installing ${jar.name}…`,
        () => api.upload(`/api/plugins?fileName=${encodeURIComponent(storedFileName(jar.name))}`, jar, "application/java-archive"));
      const text = status.state === "STARTED"
        ? `Plugin ${status.pluginId} ${status.version} is installed and started.`
        : `Plugin ${status.pluginId} was installed but is ${status.state.toLowerCase()}: ${status.reason || "see below"}.`;
      announce(text);
      await renderPlugins(main, text);
    } catch (error) {
      const reasons = Array.isArray(error.details.reasons) ? error.details.reasons : [];
      outcome.appendChild(errorPanel(error));
      if (reasons.length) outcome.lastChild.appendChild(h("ul", { class: "violations" }, reasons.map((reason) => h("li", null, reason))));
    }
  });

  async function uninstall(plugin, button) {
    const confirmed = await confirmDialog({
      title: `Uninstall ${plugin.pluginId}?`,
      body: ["The plugin is stopped and its jar deleted from the plugins folder.",
        "The configuration of its integration is kept (shown as “Plugin missing”) until you delete it."],
      confirm: "Uninstall",
    });
    if (!confirmed) return;
    try {
      await whileBusy(button, null, "", () => api.delete(path`/api/plugins/${plugin.pluginId}`));
      announce(`${plugin.pluginId} was uninstalled.`);
      await renderPlugins(main, `Plugin ${plugin.pluginId} was uninstalled.`);
    } catch (error) {
      replace(flash, errorPanel(error));
    }
  }

  async function rollback(plugin, button) {
    const confirmed = await confirmDialog({
      title: `Roll ${plugin.pluginId} back to ${plugin.previousVersion}?`,
      body: [`Version ${plugin.previousVersion} is installed again in place of ${plugin.version}, with the same checks as an upload.`,
        `${plugin.version} is kept instead, so you can go forward again. Stored credentials made for fields that ${plugin.previousVersion} declares differently may need re-authorizing.`],
      confirm: `Roll back to ${plugin.previousVersion}`,
    });
    if (!confirmed) return;
    try {
      const status = await whileBusy(button, null, "", () => api.post(path`/api/plugins/${plugin.pluginId}/rollback`));
      const text = `Plugin ${status.pluginId} was rolled back to ${status.version}.`;
      announce(text);
      await renderPlugins(main, text);
    } catch (error) {
      const reasons = Array.isArray(error.details.reasons) ? error.details.reasons : [];
      replace(flash, errorPanel(error));
      if (reasons.length) flash.lastChild.appendChild(h("ul", { class: "violations" }, reasons.map((reason) => h("li", null, reason))));
    }
  }

  async function restart(plugin, button, progress) {
    try {
      const status = await whileBusy(button, progress, `Restarting the worker of ${plugin.pluginId}…`,
        () => api.post(path`/api/plugins/${plugin.pluginId}/restart`));
      const text = `The worker of ${status.pluginId} may start again: the integration's next call starts it.`;
      announce(text);
      await renderPlugins(main, text);
    } catch (error) {
      replace(flash, errorPanel(error));
    }
  }

  // Workers without a sandbox see this host's files: said once, above the list, with the host's reason.
  const unsandboxed = plugins.find((plugin) => plugin.isolation && plugin.isolation.mode === "worker" && plugin.isolation.sandbox === "none");
  const banner = unsandboxed ? h("div", { class: "alert alert-warn", id: "isolation-banner", role: "status" },
    h("p", { class: "alert-title" },
      `Weaker isolation: bubblewrap is not available (${unsandboxed.isolation.sandboxNote || "no reason given"}) — plugins can read the files this host's user can.`),
    h("p", null, "Install bubblewrap (the Debian package bubblewrap) and restart the host to run each worker in a sandbox.")) : null;

  const table = plugins.length === 0
    ? emptyState("No plugins installed.", "Drop a plugin jar into the plugins folder and restart the host, or install one here.")
    : h("div", { class: "table-scroll" }, h("table", { class: "data plugins", id: "plugins" },
      h("caption", { class: "sr-only" }, "Installed plugins"),
      h("thead", null, h("tr", null, ["Plugin", "Version", "Provider", "State", "Runs in", "Details"].map((title) => h("th", { scope: "col" }, title)),
        h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Actions")))),
      h("tbody", null, plugins.map((plugin) => {
        // An ignored file is no plugin: there is nothing to uninstall, the operator removes it from the folder.
        const remove = plugin.pluginId && plugin.state !== "IGNORED" ? h("button", { type: "button", class: "button small danger-outline",
          "aria-label": `Uninstall ${plugin.pluginId}` }, "Uninstall") : null;
        if (remove) remove.addEventListener("click", () => uninstall(plugin, remove));
        // Shown only when the host keeps the version the last upgrade replaced.
        const back = plugin.pluginId && plugin.previousVersion ? h("button", { type: "button", class: "button small",
          "aria-label": `Roll ${plugin.pluginId} back to ${plugin.previousVersion}` }, `Roll back to ${plugin.previousVersion}`) : null;
        if (back) back.addEventListener("click", () => rollback(plugin, back));
        // Shown only when the worker is failed: the host does not start it again until asked to.
        const worker = plugin.isolation && plugin.isolation.worker;
        const restartProgress = h("span", { class: "progress", role: "status", "aria-live": "polite" });
        const again = worker && worker.state === "FAILED" ? h("button", { type: "button", class: "button small restart-worker",
          "aria-label": `Restart the worker of ${plugin.pluginId}` }, "Restart") : null;
        if (again) again.addEventListener("click", () => restart(plugin, again, restartProgress));
        return h("tr", { dataset: { pluginId: plugin.pluginId || "", state: plugin.state } },
          h("th", { scope: "row" }, h("span", { class: "plugin-id" }, plugin.pluginId || "(unreadable)"),
            plugin.description ? h("span", { class: "muted small block" }, plugin.description) : null,
            h("span", { class: "muted small block" }, h("code", null, plugin.fileName || ""))),
          h("td", { class: "nowrap" }, plugin.version || "—"),
          h("td", null, plugin.provider || "—"),
          h("td", null, pluginStateBadge(plugin.state)),
          h("td", { class: "isolation" }, isolationCell(plugin.isolation)),
          h("td", { class: "detail" },
            plugin.reason ? h("p", { class: "reason" }, plugin.reason) : null,
            plugin.abandonedCalls > 0 ? h("p", { class: "reason abandoned-calls" },
              `${plural(plugin.abandonedCalls, "call", "calls")} still running after their time-out: it cannot be upgraded or reinstalled until they end or the host restarts.`) : null,
            plugin.integrationId ? h("p", null, "Provides ",
              h("a", { href: `#/integrations/${encodeURIComponent(plugin.integrationId)}` }, plugin.integrationId)) : null,
            plugin.requires ? h("p", { class: "muted small" }, `Requires platform API ${plugin.requires}`) : null),
          h("td", { class: "cell-actions" }, again, back, remove, again ? restartProgress : null));
      }))));

  replace(main,
    pageHead("Plugins", "Every plugin jar in the host's plugins folder, and what became of it. A jar that cannot be used is listed with the reason; the other plugins keep working."),
    flash,
    banner,
    h("section", { class: "panel flush", "aria-label": "Installed plugins" }, table),
    h("section", { class: "panel", "aria-labelledby": "install-heading" },
      h("h2", { id: "install-heading" }, "Install a plugin"), installForm));
}

const RUNS_IN = {
  bubblewrap: "Worker process, sandboxed",
  none: "Worker process, no sandbox",
};

// Where a plugin's code runs, and what its worker is doing: its state, its process while it runs, its
// restarts and last crash. A file that is no plugin runs nowhere.
function isolationCell(isolation) {
  if (!isolation) return h("span", { class: "muted" }, "—");
  if (isolation.mode !== "worker") {
    return h("p", { class: "runs-in", dataset: { mode: isolation.mode } }, "Host process (trusted)");
  }
  const worker = isolation.worker;
  return [
    h("p", { class: "runs-in", dataset: { mode: isolation.mode, sandbox: isolation.sandbox || "" },
      title: isolation.sandboxNote || null }, RUNS_IN[isolation.sandbox] || "Worker process"),
    worker ? h("p", { class: "worker-state", dataset: { state: worker.state } }, workerStateBadge(worker.state)) : null,
    worker && worker.state === "RUNNING" && worker.pid ? h("p", { class: "muted small worker-process" },
      "pid ", h("code", null, String(worker.pid)), worker.startedAt ? [", since ", time(worker.startedAt)] : null) : null,
    worker && worker.restarts > 0 ? h("p", { class: "muted small worker-restarts" },
      `Restarted ${plural(worker.restarts, "time", "times")}`) : null,
    worker && worker.lastCrash ? h("p", { class: "muted small worker-crash" }, `Last crash: it ${worker.lastCrash}`,
      worker.lastCrashAt ? [" at ", time(worker.lastCrashAt)] : null) : null,
  ];
}

// The host keeps plugin jars under plain file names; browsers name a second download "plugin (1).jar".
function storedFileName(name) {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/-+\./g, ".").replace(/^[^A-Za-z0-9]+/, "");
  return /\.jar$/i.test(cleaned) ? cleaned.replace(/\.jar$/i, ".jar") : `${cleaned || "plugin"}.jar`;
}

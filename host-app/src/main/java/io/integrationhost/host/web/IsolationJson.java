package io.integrationhost.host.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.integrationhost.runtime.plugins.PluginState;
import io.integrationhost.runtime.plugins.PluginStatus;
import io.integrationhost.runtime.worker.Isolation;
import io.integrationhost.runtime.worker.Sandbox;
import io.integrationhost.runtime.worker.WorkerStatus;

/**
 * Where a plugin's code runs, as {@code GET /api/plugins} shows it. Its members are always present, {@code null} where
 * they do not apply, so that a client reads "no sandbox" and "no worker" rather than guesses them from a missing key.
 *
 * @param mode {@code worker} (a process of its own) or {@code in-process} (trusted by the operator, in the host's process)
 * @param sandbox {@code bubblewrap} or {@code none} for a worker; {@code null} in the host's process
 * @param sandboxNote why a worker runs without a sandbox (weaker isolation), or {@code null}
 * @param worker what its worker is doing; {@code null} in the host's process, or when the plugin has no worker (disabled,
 *     or failed before the host gave it one)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record IsolationJson(String mode, String sandbox, String sandboxNote, WorkerStatus worker) {

    /** Where {@code plugin}'s code runs; {@code null} for a file that is no plugin (one the host ignored). */
    static IsolationJson of(Isolation isolation, PluginStatus plugin, WorkerStatus worker) {
        if (plugin.state() == PluginState.IGNORED) {
            return null;
        }
        if (!isolation.isolates(plugin.pluginId())) {
            return new IsolationJson("in-process", null, null, null);
        }
        Sandbox sandbox = isolation.sandbox();
        return new IsolationJson("worker", sandbox.available() ? "bubblewrap" : "none", sandbox.reason(), worker);
    }
}

package io.integrationhost.host.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.integrationhost.host.plugins.PluginWorkers;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginSnapshot;
import io.integrationhost.runtime.plugins.PluginStatus;
import io.integrationhost.runtime.worker.PluginWorker;
import io.integrationhost.runtime.worker.WorkerStatus;

/**
 * A plugin as {@code GET /api/plugins} shows it: its status, how many of its calls the host stopped waiting for still
 * run, and where its code runs. While any abandoned calls run, the plugin cannot be upgraded or installed again
 * ({@code 409 PLUGIN_BUSY}), so an administrator sees that before trying.
 *
 * <p>The status shown is the effective one: a plugin whose worker is failed (it crashed too often, or its start code
 * failed there) is {@code FAILED} with the worker's reason, though the host loaded it, since none of its calls can run
 * until it is restarted.
 *
 * @param abandonedCalls  the calls of the plugin's id that timed out (or whose caller was stopped) whose code still runs
 * @param previousVersion the version {@code POST /api/plugins/{pluginId}/rollback} would bring back, {@code null} when none is kept
 * @param isolation       where its code runs, and what its worker is doing; {@code null} for a file that is no plugin
 */
record PluginJson(@JsonUnwrapped PluginStatus status, int abandonedCalls, String previousVersion, IsolationJson isolation) {

    /** {@code status} as the plugins are now. */
    static PluginJson of(PluginStatus status, PluginCalls calls, PluginRuntime plugins) {
        return of(status, plugins.snapshot(), calls, plugins);
    }

    /** {@code status}, one of {@code snapshot}'s plugins. */
    static PluginJson of(PluginStatus status, PluginSnapshot snapshot, PluginCalls calls, PluginRuntime plugins) {
        // Read once: the state and the reason shown come from the same moment.
        WorkerStatus worker = PluginWorkers.of(snapshot, status).map(PluginWorker::status).orElse(null);
        return new PluginJson(effective(status, worker), calls.abandonedCalls(status.pluginId()),
                plugins.previousVersion(status.pluginId()).orElse(null),
                IsolationJson.of(plugins.isolation(), status, worker));
    }

    private static PluginStatus effective(PluginStatus status, WorkerStatus worker) {
        if (worker == null || worker.state() != WorkerStatus.State.FAILED) {
            return status;
        }
        return status.failed(worker.failure());
    }
}

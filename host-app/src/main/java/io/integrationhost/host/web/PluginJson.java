package io.integrationhost.host.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.integrationhost.host.plugins.PluginAdministration;
import io.integrationhost.host.plugins.PluginSync;
import io.integrationhost.host.plugins.PluginWorkers;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginSnapshot;
import io.integrationhost.runtime.plugins.PluginStatus;
import io.integrationhost.runtime.worker.PluginWorker;
import io.integrationhost.runtime.worker.WorkerStatus;
import java.util.List;
import java.util.Map;

/**
 * A plugin as {@code GET /api/plugins} shows it: its status, how many of its calls the host stopped waiting for still
 * run, where its code runs, and what each host instance on the same database made of it. While any abandoned calls
 * run, the plugin cannot be upgraded or installed again ({@code 409 PLUGIN_BUSY}), so an administrator sees that before
 * trying.
 *
 * <p>The status shown is the effective one: a plugin whose worker is failed (it crashed too often, or its start code
 * failed there) is {@code FAILED} with the worker's reason, though the host loaded it, since none of its calls can run
 * until it is restarted.
 *
 * @param abandonedCalls  the calls of the plugin's id that timed out (or whose caller was stopped) whose code still runs
 * @param previousVersion the version {@code POST /api/plugins/{pluginId}/rollback} would bring back, {@code null} when none is kept
 * @param isolation       where its code runs, and what its worker is doing; {@code null} for a file that is no plugin
 * @param instances       each instance's state of it, as that instance last reported it (this one included)
 * @param cluster         in the answer to a change only: how the cluster took it
 */
record PluginJson(@JsonUnwrapped PluginStatus status, int abandonedCalls, String previousVersion, IsolationJson isolation,
                  List<PluginSync.PluginOnInstance> instances, @JsonInclude(JsonInclude.Include.NON_NULL) ClusterJson cluster) {

    /**
     * How the cluster took a change.
     *
     * @param otherInstances the other live instances when it was written
     * @param notCaughtUp those that had not applied it when the answer was given (past the lease they call no plugin until they catch up)
     */
    record ClusterJson(String instanceId, long generation, int otherInstances, List<String> notCaughtUp) {

        static ClusterJson of(PluginAdministration.Change change, PluginSync sync) {
            return new ClusterJson(sync.instanceId(), change.generation(), change.otherInstances(), change.notCaughtUp());
        }
    }

    /** The answer to a change: the plugin as it is now, and how the cluster took it. */
    static PluginJson of(PluginAdministration.Change change, PluginCalls calls, PluginRuntime plugins, PluginSync sync) {
        PluginJson now = of(change.status(), plugins.snapshot(), calls, plugins, sync.instancesByPlugin());
        return new PluginJson(now.status, now.abandonedCalls, now.previousVersion, now.isolation, now.instances,
                ClusterJson.of(change, sync));
    }

    /** {@code status}, one of {@code snapshot}'s plugins. */
    static PluginJson of(PluginStatus status, PluginSnapshot snapshot, PluginCalls calls, PluginRuntime plugins,
                         Map<String, List<PluginSync.PluginOnInstance>> instances) {
        // Read once: the state and the reason shown come from the same moment.
        WorkerStatus worker = PluginWorkers.of(snapshot, status).map(PluginWorker::status).orElse(null);
        return new PluginJson(effective(status, worker), calls.abandonedCalls(status.pluginId()),
                plugins.previousVersion(status.pluginId()).orElse(null),
                IsolationJson.of(plugins.isolation(), status, worker),
                instances.getOrDefault(status.pluginId(), List.of()), null);
    }

    private static PluginStatus effective(PluginStatus status, WorkerStatus worker) {
        if (worker == null || worker.state() != WorkerStatus.State.FAILED) {
            return status;
        }
        return status.failed(worker.failure());
    }
}

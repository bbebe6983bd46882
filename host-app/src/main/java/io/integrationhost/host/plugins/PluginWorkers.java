package io.integrationhost.host.plugins;

import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.PluginSnapshot;
import io.integrationhost.runtime.plugins.PluginStatus;
import io.integrationhost.runtime.worker.OutOfProcess;
import io.integrationhost.runtime.worker.PluginWorker;
import java.util.List;
import java.util.Optional;

/**
 * The workers that run the installed plugins' code, found through what is installed: an integration whose code runs
 * out of process names its worker. The host keeps no list of its own, so what the API shows, what the metrics count
 * and what a restart resets is always the worker that the snapshot's calls go to.
 */
public final class PluginWorkers {

    private PluginWorkers() {
    }

    /**
     * The worker of {@code plugin}; none when it runs in the host's process, is disabled, or failed before the host
     * gave it one (its descriptor refused, its upload's start failed).
     */
    public static Optional<PluginWorker> of(PluginSnapshot snapshot, PluginStatus plugin) {
        if (plugin.integrationId() == null) {
            return Optional.empty();
        }
        // The integration's own plugin only: a second jar that claims the same id is refused and has no worker.
        return snapshot.integration(plugin.integrationId())
                .filter(installed -> installed.plugin().pluginId().equals(plugin.pluginId())
                        && installed.plugin().fileName().equals(plugin.fileName()))
                .flatMap(PluginWorkers::worker);
    }

    /** The worker of every installed plugin that has one. */
    public static List<PluginWorker> all(PluginSnapshot snapshot) {
        return snapshot.integrations().values().stream().map(PluginWorkers::worker).flatMap(Optional::stream).toList();
    }

    private static Optional<PluginWorker> worker(InstalledIntegration installed) {
        return installed.code() instanceof OutOfProcess outOfProcess ? Optional.of(outOfProcess.worker()) : Optional.empty();
    }
}

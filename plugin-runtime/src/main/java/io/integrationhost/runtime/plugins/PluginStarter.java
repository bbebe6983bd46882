package io.integrationhost.runtime.plugins;

import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.Integration;
import io.integrationhost.api.PlatformApi;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.integrationhost.runtime.worker.Isolation;
import io.integrationhost.runtime.worker.PluginWorker;
import io.integrationhost.runtime.worker.WorkerIntegration;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a plugin PF4J has loaded and adds the integration it provides: its descriptor read from its own jar, its
 * icon, its start code run, its extensions matched to the descriptor. A jar of the plugins folder and an upload go
 * through the same steps, so an upload is held to every check a jar of the folder gets.
 */
final class PluginStarter {

    private static final Logger log = LoggerFactory.getLogger(PluginStarter.class);

    private final DescriptorReader descriptorReader = new DescriptorReader();
    private final Isolation isolation;

    PluginStarter(Isolation isolation) {
        this.isolation = isolation;
    }

    /** The plugin's descriptor, read from its own jar and checked against the platform's rules. */
    DescriptorReader.Result readDescriptor(PluginWrapper plugin) {
        PluginDescriptor pf4j = plugin.getDescriptor();
        return descriptorReader.read(loaderOf(plugin)::findOwnResource, pf4j.getVersion(), pf4j.getRequires());
    }

    /**
     * Starts one plugin {@code loadedBy} loaded, whose descriptor was {@code read}, and adds what it provides to
     * {@code integrations}: also when its start fails, so that its metadata stays visible with the reason. A plugin the
     * host isolates runs in a worker process instead, which {@code eager} starts now (see {@link #inWorker}).
     */
    PluginStatus start(HostPluginManager loadedBy, PluginWrapper plugin, DescriptorReader.Result read,
                       Map<String, InstalledIntegration> integrations, boolean eager) {
        PluginDescriptor pf4j = plugin.getDescriptor();
        String fileName = fileName(plugin);
        if (plugin.getPluginState().isDisabled()) {
            String reason = loadedBy.satisfiesRequirement(pf4j)
                    ? "Disabled by the operator."
                    : "Requires platform API " + pf4j.getRequires() + "; this host provides " + PlatformApi.VERSION + ".";
            return disabled(plugin, reason, read, integrations);
        }
        if (!read.valid()) {
            return new PluginStatus(pf4j.getPluginId(), pf4j.getVersion(), pf4j.getProvider(), pf4j.getPluginDescription(),
                    pf4j.getRequires(), fileName, PluginState.FAILED, read.reason(), null, read.violations());
        }
        IntegrationDescriptor descriptor = read.descriptor();
        if (integrations.containsKey(descriptor.id())) {
            return PluginStatuses.of(pf4j, fileName, PluginState.FAILED, "The integration id '" + descriptor.id()
                    + "' is already provided by plugin '" + integrations.get(descriptor.id()).plugin().pluginId() + "'.",
                    descriptor.id());
        }
        InstalledIntegration.Icon icon = PluginIcons.read(loaderOf(plugin), descriptor.icon());
        Started started = isolation.isolates(pf4j.getPluginId())
                ? inWorker(plugin, descriptor, eager)
                : inProcess(loadedBy, plugin, descriptor);
        PluginStatus status = started.failure() == null
                ? PluginStatuses.of(pf4j, fileName, PluginState.STARTED, null, descriptor.id())
                : PluginStatuses.of(pf4j, fileName, PluginState.FAILED, started.failure(), descriptor.id());
        integrations.put(descriptor.id(), new InstalledIntegration(descriptor, status, started.code(), started.profiles(), icon,
                ActionInputSchemas.compile(descriptor)));
        return status;
    }

    /** A plugin's started code, or why it did not start ({@code code} is {@code null} then). */
    record Started(Integration code, Map<String, AuthorizationProfile> profiles, String failure) {

        static Started failed(String failure) {
            return new Started(null, Map.of(), failure);
        }
    }

    /**
     * Runs the plugin's start code in this process and matches its extensions to its descriptor: the host does it for
     * a plugin it runs in its own process, and a worker for the one plugin it runs.
     */
    static Started inProcess(HostPluginManager loadedBy, PluginWrapper plugin, IntegrationDescriptor descriptor) {
        String failure = startCode(loadedBy, plugin);
        if (failure != null) {
            return Started.failed(failure);
        }
        try {
            return new Started(ExtensionMatch.integration(loadedBy, plugin, descriptor),
                    ExtensionMatch.profiles(loadedBy, plugin, descriptor), null);
        } catch (ExtensionMatch.Mismatch | RuntimeException | LinkageError e) {
            loadedBy.stopPlugin(plugin.getPluginId());
            return Started.failed(PluginFailures.describe(e));
        }
    }

    /**
     * Stands for the plugin's code with its worker, which runs none of it in this process. {@code eager} starts the
     * worker now and waits until it is ready (an upload, whose code must be seen to start before it is installed);
     * otherwise it starts on the first call.
     */
    private Started inWorker(PluginWrapper plugin, IntegrationDescriptor descriptor, boolean eager) {
        PluginWorker worker = isolation.worker(plugin.getPluginPath(), plugin.getDescriptor().getPluginId(),
                plugin.getDescriptor().getVersion(), descriptor);
        if (eager) {
            String failure = worker.startNow();
            if (failure != null) {
                worker.close();
                return Started.failed(failure);
            }
        }
        return new Started(new WorkerIntegration(worker), WorkerIntegration.profiles(worker, descriptor), null);
    }

    /**
     * A disabled plugin's code never runs, but its metadata is data: the catalog still shows what it is and why it
     * is off, and a configuration made before stays attached to it instead of looking orphaned.
     */
    private static PluginStatus disabled(PluginWrapper plugin, String reason, DescriptorReader.Result read,
                                         Map<String, InstalledIntegration> integrations) {
        PluginDescriptor pf4j = plugin.getDescriptor();
        if (read.descriptor() == null || integrations.containsKey(read.descriptor().id())) {
            return PluginStatuses.of(pf4j, fileName(plugin), PluginState.DISABLED, reason, null);
        }
        IntegrationDescriptor descriptor = read.descriptor();
        PluginStatus status = PluginStatuses.of(pf4j, fileName(plugin), PluginState.DISABLED, reason, descriptor.id());
        integrations.put(descriptor.id(), new InstalledIntegration(descriptor, status, null, Map.of(),
                PluginIcons.read(loaderOf(plugin), descriptor.icon()), ActionInputSchemas.compile(descriptor)));
        return status;
    }

    /** Runs the plugin's start code; the reason it did not start, or {@code null}. */
    private static String startCode(HostPluginManager manager, PluginWrapper plugin) {
        if (!manager.getResolvedPlugins().contains(plugin)) {
            return "Its dependencies could not be resolved: " + PluginFailures.describe(plugin.getFailedException());
        }
        org.pf4j.PluginState state = manager.startPlugin(plugin.getPluginId());
        return state == org.pf4j.PluginState.STARTED ? null
                : "Failed to start: " + PluginFailures.describe(plugin.getFailedException());
    }

    /** Closes what a plugin's extensions hold; a failure to close one is logged and the others still close. */
    static void closeQuietly(InstalledIntegration installed) {
        closeQuietly(installed.id(), installed.runnable().orElse(null), installed.profiles());
    }

    /** Closes an integration's code and its profile-type extensions; a failure to close one is logged. */
    static void closeQuietly(String integrationId, Integration code, Map<String, AuthorizationProfile> profiles) {
        List<AutoCloseable> resources = new ArrayList<>(profiles.values());
        if (code != null) {
            resources.add(code);
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Closing an extension of {} failed: {}", integrationId, PluginFailures.describe(e));
            }
        }
    }

    static String fileName(PluginWrapper plugin) {
        return plugin.getPluginPath().getFileName().toString();
    }

    private static HostPluginClassLoader loaderOf(PluginWrapper plugin) {
        return (HostPluginClassLoader) plugin.getPluginClassLoader();
    }
}

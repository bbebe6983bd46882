package io.integrationhost.runtime.plugins;

import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.Integration;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.runtime.worker.Isolation;
import java.nio.file.Path;
import java.util.Map;
import org.pf4j.PluginWrapper;

/**
 * A worker's one plugin: its jar loaded by PF4J under the host's class-loading rule, its descriptor read and checked,
 * its start code run and its extensions matched, exactly as the host does for a plugin in its own process.
 */
public final class WorkerLoad implements AutoCloseable {

    private final HostPluginManager manager;
    private final PluginWrapper plugin;
    private final IntegrationDescriptor descriptor;
    private final Integration code;
    private final Map<String, AuthorizationProfile> profiles;

    private WorkerLoad(HostPluginManager manager, PluginWrapper plugin, IntegrationDescriptor descriptor, Integration code,
                       Map<String, AuthorizationProfile> profiles) {
        this.manager = manager;
        this.plugin = plugin;
        this.descriptor = descriptor;
        this.code = code;
        this.profiles = profiles;
    }

    /** Why a plugin did not start in its worker. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Loads and starts the plugin of {@code jar}.
     *
     * @throws Refused with the reason, in the words the host uses for a plugin that does not start
     */
    public static WorkerLoad start(Path jar) throws Refused {
        HostPluginManager manager = new HostPluginManager(jar.toAbsolutePath().getParent());
        PluginWrapper plugin;
        try {
            plugin = manager.getPlugin(manager.loadPlugin(jar));
        } catch (RuntimeException | LinkageError e) {
            throw new Refused(manager.loadFailures().getOrDefault(jar, PluginFailures.describe(e)));
        }
        DescriptorReader.Result read = new PluginStarter(Isolation.NONE).readDescriptor(plugin);
        if (!read.valid()) {
            throw new Refused(read.reason());
        }
        PluginStarter.Started started = PluginStarter.inProcess(manager, plugin, read.descriptor());
        if (started.failure() != null) {
            throw new Refused(started.failure());
        }
        return new WorkerLoad(manager, plugin, read.descriptor(), started.code(), started.profiles());
    }

    public String pluginId() {
        return plugin.getPluginId();
    }

    public String version() {
        return plugin.getDescriptor().getVersion();
    }

    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    public Integration code() {
        return code;
    }

    public Map<String, AuthorizationProfile> profiles() {
        return profiles;
    }

    /** The class loader the plugin's code runs under. */
    public ClassLoader classLoader() {
        return plugin.getPluginClassLoader();
    }

    /** Closes the extensions and stops the plugin. */
    @Override
    public void close() {
        PluginStarter.closeQuietly(descriptor.id(), code, profiles);
        InstalledPlugins.unloadEach(manager);
    }
}

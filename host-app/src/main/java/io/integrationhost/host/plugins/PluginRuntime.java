package io.integrationhost.host.plugins;

import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.Integration;
import io.integrationhost.api.PlatformApi;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugin jars of one folder and keeps what came of each: started, disabled or failed with the
 * reason. One bad jar never stops the others, and its failure is visible rather than logged and lost.
 *
 * <p>All changes happen under one lock (PF4J's manager is not thread-safe); readers get an immutable
 * {@link PluginSnapshot} and never wait.
 */
public final class PluginRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginRuntime.class);
    private static final int MAX_ICON_BYTES = 256 * 1024;

    private final Path pluginsDir;
    private final DescriptorReader descriptorReader = new DescriptorReader();
    private final Object lock = new Object();
    private HostPluginManager manager;
    private volatile PluginSnapshot snapshot = PluginSnapshot.EMPTY;

    public PluginRuntime(Path pluginsDir) {
        this.pluginsDir = pluginsDir.toAbsolutePath().normalize();
    }

    public Path pluginsDir() {
        return pluginsDir;
    }

    public PluginSnapshot snapshot() {
        return snapshot;
    }

    /** Loads (or reloads) every jar in the plugins folder and starts those that are valid. */
    public PluginSnapshot load() {
        synchronized (lock) {
            unloadAll();
            try {
                Files.createDirectories(pluginsDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the plugins folder " + pluginsDir, e);
            }
            manager = new HostPluginManager(pluginsDir);
            try {
                manager.loadPlugins();
            } catch (RuntimeException e) {
                log.error("Resolving plugins failed: {}", PluginFailures.describe(e));
            }
            List<PluginStatus> statuses = new ArrayList<>();
            Map<String, InstalledIntegration> integrations = new LinkedHashMap<>();
            for (PluginWrapper plugin : manager.getPlugins()) {
                statuses.add(startOne(plugin, integrations));
            }
            manager.loadFailures().forEach((path, reason) -> statuses.add(new PluginStatus(
                    path.getFileName().toString(), null, null, null, null, path.getFileName().toString(),
                    PluginState.FAILED, reason, null)));
            statuses.sort(Comparator.comparing(PluginStatus::pluginId));
            snapshot = new PluginSnapshot(statuses, integrations);
            statuses.forEach(PluginRuntime::logOutcome);
            return snapshot;
        }
    }

    private PluginStatus startOne(PluginWrapper plugin, Map<String, InstalledIntegration> integrations) {
        PluginDescriptor pf4j = plugin.getDescriptor();
        String fileName = plugin.getPluginPath().getFileName().toString();
        HostPluginClassLoader loader = (HostPluginClassLoader) plugin.getPluginClassLoader();

        if (plugin.getPluginState().isDisabled()) {
            String reason = manager.satisfiesRequirement(pf4j)
                    ? "Disabled by the operator."
                    : "Requires platform API " + pf4j.getRequires() + "; this host provides " + PlatformApi.VERSION + ".";
            return status(pf4j, fileName, PluginState.DISABLED, reason, null);
        }

        DescriptorReader.Result read = descriptorReader.read(loader::findOwnResource);
        if (!read.valid()) {
            return status(pf4j, fileName, PluginState.FAILED,
                    "Invalid " + PlatformApi.DESCRIPTOR_RESOURCE + ": " + String.join("; ", read.violations()), null);
        }
        IntegrationDescriptor descriptor = read.descriptor();
        if (integrations.containsKey(descriptor.id())) {
            return status(pf4j, fileName, PluginState.FAILED, "The integration id '" + descriptor.id()
                    + "' is already provided by plugin '" + integrations.get(descriptor.id()).plugin().pluginId() + "'.",
                    descriptor.id());
        }
        InstalledIntegration.Icon icon = readIcon(loader.findOwnResource(descriptor.icon()), descriptor.icon());

        String failure = startCode(plugin);
        Integration code = null;
        Map<String, AuthorizationProfile> profiles = new HashMap<>();
        if (failure == null) {
            try {
                code = findIntegration(plugin, descriptor);
                profiles = findProfiles(plugin, descriptor);
            } catch (PluginStartException | RuntimeException | LinkageError e) {
                failure = PluginFailures.describe(e);
                manager.stopPlugin(plugin.getPluginId());
                code = null;
                profiles = Map.of();
            }
        }
        PluginStatus status = failure == null
                ? status(pf4j, fileName, PluginState.STARTED, null, descriptor.id())
                : status(pf4j, fileName, PluginState.FAILED, failure, descriptor.id());
        integrations.put(descriptor.id(), new InstalledIntegration(descriptor, status, code, profiles, icon,
                ActionInputSchemas.compile(descriptor)));
        return status;
    }

    /** Starts the plugin's code; the reason it did not start, or {@code null}. */
    private String startCode(PluginWrapper plugin) {
        if (!manager.getResolvedPlugins().contains(plugin)) {
            return "Its dependencies could not be resolved: " + PluginFailures.describe(plugin.getFailedException());
        }
        org.pf4j.PluginState state = manager.startPlugin(plugin.getPluginId());
        return state == org.pf4j.PluginState.STARTED ? null
                : "Failed to start: " + PluginFailures.describe(plugin.getFailedException());
    }

    private Integration findIntegration(PluginWrapper plugin, IntegrationDescriptor descriptor) throws PluginStartException {
        List<Integration> found = manager.getExtensions(Integration.class, plugin.getPluginId());
        List<Integration> matching = found.stream().filter(i -> descriptor.id().equals(i.integrationId())).toList();
        if (matching.size() != 1) {
            throw new PluginStartException("Expected one Integration extension with integrationId() '" + descriptor.id()
                    + "', found " + matching.size() + " (of " + found.size() + " Integration extensions). Is the class"
                    + " annotated with @Extension and listed in META-INF/extensions.idx?");
        }
        return matching.get(0);
    }

    private Map<String, AuthorizationProfile> findProfiles(PluginWrapper plugin, IntegrationDescriptor descriptor)
            throws PluginStartException {
        Map<String, AuthorizationProfile> byId = new HashMap<>();
        for (AuthorizationProfile profile : manager.getExtensions(AuthorizationProfile.class, plugin.getPluginId())) {
            byId.put(profile.profileTypeId(), profile);
        }
        for (ProfileTypeSpec type : descriptor.authorizationProfiles()) {
            if (!byId.containsKey(type.id())) {
                throw new PluginStartException("The descriptor declares the authorization profile type '" + type.id()
                        + "' but no AuthorizationProfile extension has that profileTypeId().");
            }
        }
        byId.keySet().retainAll(descriptor.authorizationProfiles().stream().map(ProfileTypeSpec::id).toList());
        return byId;
    }

    private static InstalledIntegration.Icon readIcon(URL url, String name) {
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readNBytes(MAX_ICON_BYTES + 1);
            if (bytes.length > MAX_ICON_BYTES) {
                log.warn("Icon {} is larger than {} bytes; not shown", name, MAX_ICON_BYTES);
                return null;
            }
            return new InstalledIntegration.Icon(name.endsWith(".svg") ? "image/svg+xml" : "image/png", bytes);
        } catch (IOException e) {
            log.warn("Icon {} cannot be read: {}", name, PluginFailures.describe(e));
            return null;
        }
    }

    private static PluginStatus status(PluginDescriptor pf4j, String fileName, PluginState state, String reason,
                                       String integrationId) {
        return new PluginStatus(pf4j.getPluginId(), pf4j.getVersion(), pf4j.getProvider(), pf4j.getPluginDescription(),
                pf4j.getRequires(), fileName, state, reason, integrationId);
    }

    private static void logOutcome(PluginStatus status) {
        if (status.state() == PluginState.STARTED) {
            log.info("Plugin {} {} started ({})", status.pluginId(), status.version(), status.fileName());
        } else {
            log.warn("Plugin {} is {}: {}", status.pluginId(), status.state(), status.reason());
        }
    }

    private void unloadAll() {
        if (manager == null) {
            return;
        }
        for (InstalledIntegration installed : snapshot.integrations().values()) {
            installed.runnable().ifPresent(code -> {
                try {
                    code.close();
                } catch (RuntimeException e) {
                    log.warn("Closing integration {} failed: {}", installed.id(), PluginFailures.describe(e));
                }
            });
        }
        snapshot = PluginSnapshot.EMPTY;
        try {
            manager.stopPlugins();
            manager.unloadPlugins();
        } catch (RuntimeException e) {
            log.warn("Unloading plugins failed: {}", PluginFailures.describe(e));
        }
        manager = null;
    }

    @Override
    public void close() {
        synchronized (lock) {
            unloadAll();
        }
    }

    /** A plugin that loaded but whose extensions do not match its descriptor. */
    private static final class PluginStartException extends Exception {
        private static final long serialVersionUID = 1L;

        PluginStartException(String message) {
            super(message);
        }
    }
}

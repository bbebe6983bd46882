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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.integrationhost.api.PluginPackaging;
import io.integrationhost.host.error.HostException;
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
    private static final long MAX_PLUGIN_BYTES = 64L * 1024 * 1024;

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
            statuses.forEach(PluginRuntime::logOutcome);
            return publish(statuses, integrations);
        }
    }

    private PluginSnapshot publish(List<PluginStatus> statuses, Map<String, InstalledIntegration> integrations) {
        List<PluginStatus> sorted = new ArrayList<>(statuses);
        sorted.sort(Comparator.comparing(PluginStatus::pluginId));
        snapshot = new PluginSnapshot(sorted, integrations);
        return snapshot;
    }

    /**
     * Installs an uploaded plugin jar without disturbing the other plugins: the jar is checked against
     * the packaging rules before it enters the plugins folder, then loaded and started like one found
     * at start-up. A jar with the id of an installed plugin replaces it (an upgrade).
     *
     * @return what came of it: started, or failed or disabled with the reason
     * @throws HostException when the jar is refused; nothing is left in the plugins folder then
     */
    public PluginStatus install(String fileName, InputStream content) {
        if (fileName == null || !fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.jar")) {
            throw HostException.badRequest("The file name must end in .jar and contain only letters, digits, '.', '_' and '-'.",
                    "Rename the file, e.g. my-plugin-1.0.0.jar.");
        }
        synchronized (lock) {
            requireLoaded();
            Path incoming = null;
            try {
                Path staging = Files.createDirectories(pluginsDir.resolve(".incoming"));
                incoming = Files.createTempFile(staging, "upload-", ".jar");
                try (InputStream bounded = content) {
                    long size = Files.copy(bounded, incoming, StandardCopyOption.REPLACE_EXISTING);
                    if (size > MAX_PLUGIN_BYTES) {
                        throw refused(List.of("The jar is larger than " + MAX_PLUGIN_BYTES / (1024 * 1024) + " MiB."));
                    }
                }
                List<String> violations;
                try {
                    violations = PluginPackaging.violations(incoming);
                } catch (IOException e) {
                    throw refused(List.of("The file is not a readable jar: " + PluginFailures.describe(e)));
                }
                if (!violations.isEmpty()) {
                    throw refused(violations);
                }
                String pluginId;
                try {
                    pluginId = new org.pf4j.ManifestPluginDescriptorFinder().find(incoming).getPluginId();
                } catch (RuntimeException e) {
                    throw refused(List.of("The jar's manifest has no valid plugin descriptor: " + PluginFailures.describe(e)));
                }
                Path target = pluginsDir.resolve(fileName);
                Optional<PluginStatus> sameFile = snapshot.plugins().stream()
                        .filter(p -> p.fileName().equals(fileName) && !p.pluginId().equals(pluginId) && !p.pluginId().equals(fileName))
                        .findFirst();
                if (sameFile.isPresent()) {
                    throw HostException.conflict("The file " + fileName + " belongs to the installed plugin '"
                            + sameFile.get().pluginId() + "'.", "Upload the jar under another file name, or uninstall that plugin first.");
                }
                if (snapshot.plugin(pluginId).isPresent()) {
                    removeLocked(pluginId);
                }
                removeLocked(fileName);
                Files.move(incoming, target, StandardCopyOption.REPLACE_EXISTING);
                incoming = null;
                return loadOneLocked(target);
            } catch (IOException e) {
                throw new UncheckedIOException("Installing " + fileName + " failed", e);
            } finally {
                if (incoming != null) {
                    try {
                        Files.deleteIfExists(incoming);
                    } catch (IOException e) {
                        log.warn("Cannot delete {}: {}", incoming, e.getMessage());
                    }
                }
            }
        }
    }

    /** Stops and unloads a plugin and deletes its jar; configurations of its integration are kept. */
    public void uninstall(String pluginId) {
        synchronized (lock) {
            requireLoaded();
            if (snapshot.plugin(pluginId).isEmpty()) {
                throw HostException.notFound("No plugin with id '" + pluginId + "' is installed.");
            }
            removeLocked(pluginId);
        }
    }

    private PluginStatus loadOneLocked(Path jar) {
        List<PluginStatus> statuses = new ArrayList<>(snapshot.plugins());
        Map<String, InstalledIntegration> integrations = new LinkedHashMap<>(snapshot.integrations());
        PluginStatus status;
        try {
            String pluginId = manager.loadPlugin(jar);
            status = startOne(manager.getPlugin(pluginId), integrations);
        } catch (RuntimeException | LinkageError e) {
            String reason = manager.loadFailures().getOrDefault(jar, PluginFailures.describe(e));
            status = new PluginStatus(jar.getFileName().toString(), null, null, null, null, jar.getFileName().toString(),
                    PluginState.FAILED, reason, null);
        }
        statuses.add(status);
        logOutcome(status);
        publish(statuses, integrations);
        return status;
    }

    /** Removes an installed plugin (by id, or a failed jar by file name), if there is one. */
    private void removeLocked(String pluginIdOrFile) {
        Optional<PluginStatus> found = snapshot.plugin(pluginIdOrFile);
        if (found.isEmpty()) {
            return;
        }
        PluginStatus status = found.get();
        Map<String, InstalledIntegration> integrations = new LinkedHashMap<>(snapshot.integrations());
        if (status.integrationId() != null && integrations.containsKey(status.integrationId())
                && integrations.get(status.integrationId()).plugin().pluginId().equals(status.pluginId())) {
            InstalledIntegration removed = integrations.remove(status.integrationId());
            closeQuietly(removed);
        }
        Path jar = pluginsDir.resolve(status.fileName());
        if (manager.getPlugin(status.pluginId()) != null) {
            try {
                manager.unloadPlugin(status.pluginId());
            } catch (RuntimeException e) {
                log.warn("Unloading plugin {} failed: {}", status.pluginId(), PluginFailures.describe(e));
            }
        }
        manager.forgetLoadFailure(jar);
        try {
            Files.deleteIfExists(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + jar, e);
        }
        List<PluginStatus> statuses = new ArrayList<>(snapshot.plugins());
        statuses.remove(status);
        publish(statuses, integrations);
        log.info("Plugin {} uninstalled ({})", status.pluginId(), status.fileName());
    }

    private void requireLoaded() {
        if (manager == null) {
            throw new IllegalStateException("The plugin runtime is not loaded");
        }
    }

    private static HostException refused(List<String> reasons) {
        return new HostException(400, "PLUGIN_REFUSED", "The plugin jar was not installed: " + String.join(" ", reasons),
                "Fix the plugin's packaging (see the plugin development guide) and upload it again.",
                Map.of("reasons", reasons));
    }

    private static void closeQuietly(InstalledIntegration installed) {
        List<AutoCloseable> resources = new ArrayList<>(installed.profiles().values());
        installed.runnable().ifPresent(resources::add);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Closing an extension of {} failed: {}", installed.id(), PluginFailures.describe(e));
            }
        }
    }

    private PluginStatus startOne(PluginWrapper plugin, Map<String, InstalledIntegration> integrations) {
        PluginDescriptor pf4j = plugin.getDescriptor();
        String fileName = plugin.getPluginPath().getFileName().toString();
        HostPluginClassLoader loader = (HostPluginClassLoader) plugin.getPluginClassLoader();

        DescriptorReader.Result read = descriptorReader.read(loader::findOwnResource, pf4j.getVersion(), pf4j.getRequires());
        if (plugin.getPluginState().isDisabled()) {
            String reason = manager.satisfiesRequirement(pf4j)
                    ? "Disabled by the operator."
                    : "Requires platform API " + pf4j.getRequires() + "; this host provides " + PlatformApi.VERSION + ".";
            return disabledOne(pf4j, fileName, reason, read, loader, integrations);
        }
        if (!read.valid()) {
            return status(pf4j, fileName, PluginState.FAILED, read.reason(), null);
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

    /**
     * A disabled plugin's code never runs, but its metadata is data: the catalog still shows what it is and why it
     * is off, and a configuration made before stays attached to it instead of looking orphaned.
     */
    private PluginStatus disabledOne(PluginDescriptor pf4j, String fileName, String reason, DescriptorReader.Result read,
                                     HostPluginClassLoader loader, Map<String, InstalledIntegration> integrations) {
        if (read.descriptor() == null || integrations.containsKey(read.descriptor().id())) {
            return status(pf4j, fileName, PluginState.DISABLED, reason, null);
        }
        IntegrationDescriptor descriptor = read.descriptor();
        PluginStatus status = status(pf4j, fileName, PluginState.DISABLED, reason, descriptor.id());
        integrations.put(descriptor.id(), new InstalledIntegration(descriptor, status, null, Map.of(),
                readIcon(loader.findOwnResource(descriptor.icon()), descriptor.icon()), ActionInputSchemas.compile(descriptor)));
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
        snapshot.integrations().values().forEach(PluginRuntime::closeQuietly);
        snapshot = PluginSnapshot.EMPTY;
        // One by one: PF4J 3.15's stopPlugins() fails with a ConcurrentModificationException as soon as
        // one plugin is started (pf4j#656).
        for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
            try {
                manager.unloadPlugin(plugin.getPluginId());
            } catch (RuntimeException e) {
                log.warn("Unloading plugin {} failed: {}", plugin.getPluginId(), PluginFailures.describe(e));
            }
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

package io.integrationhost.runtime.plugins;

import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.Integration;
import io.integrationhost.api.PlatformApi;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
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
    private static final int MAX_ICON_BYTES = PluginPackaging.MAX_ICON_BYTES;
    private static final long MAX_PLUGIN_BYTES = 64L * 1024 * 1024;

    private final Path pluginsDir;
    private final ReloadCheck reloadCheck;
    private final IntegrationClaims claims;
    private final DescriptorReader descriptorReader = new DescriptorReader();
    private final Object lock = new Object();
    private HostPluginManager manager;
    private volatile PluginSnapshot snapshot = PluginSnapshot.EMPTY;

    /** A runtime with no configurations to consult: of several plugins claiming one integration id, the lowest Plugin-Id provides it. */
    public PluginRuntime(Path pluginsDir) {
        this(pluginsDir, IntegrationOwners.NONE, ReloadCheck.NONE);
    }

    /**
     * @param owners the plugin each configured integration belongs to, which alone may provide it
     * @param reloadCheck asked before a jar replaces a plugin or brings one back (an upgrade or a reinstall)
     */
    public PluginRuntime(Path pluginsDir, IntegrationOwners owners, ReloadCheck reloadCheck) {
        this.pluginsDir = pluginsDir.toAbsolutePath().normalize();
        this.claims = new IntegrationClaims(owners);
        this.reloadCheck = reloadCheck;
    }

    public Path pluginsDir() {
        return pluginsDir;
    }

    public PluginSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Loads (or reloads) every jar in the plugins folder and starts those that are valid. Of several that claim one
     * integration id, one provides it, chosen by {@link IntegrationClaims}; the others fail without being started.
     */
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
            // In the order of their ids, not PF4J's: which plugin provides what must not depend on how the jars load.
            List<PluginWrapper> loaded = new ArrayList<>(manager.getPlugins());
            loaded.sort(Comparator.comparing(PluginWrapper::getPluginId));
            Map<PluginWrapper, DescriptorReader.Result> reads = new LinkedHashMap<>();
            Map<String, String> claimed = new LinkedHashMap<>();
            for (PluginWrapper plugin : loaded) {
                DescriptorReader.Result read = readDescriptor(plugin);
                reads.put(plugin, read);
                if (read.valid()) {
                    claimed.put(plugin.getPluginId(), read.descriptor().id());
                }
            }
            // A plugin that claims an integration id another provides is refused before any of its code runs.
            Map<String, String> refused = claims.refused(claimed);
            List<PluginStatus> statuses = new ArrayList<>();
            Map<String, InstalledIntegration> integrations = new LinkedHashMap<>();
            for (PluginWrapper plugin : loaded) {
                String reason = refused.get(plugin.getPluginId());
                statuses.add(reason == null ? startOne(manager, plugin, reads.get(plugin), integrations)
                        : status(plugin.getDescriptor(), fileName(plugin), PluginState.FAILED, reason, claimed.get(plugin.getPluginId())));
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
     * Installs an uploaded plugin jar without disturbing the other plugins. The jar is checked whole before anything
     * installed is touched: the packaging rules, its manifest, then loaded and started in a throwaway plugin manager
     * of its own, with every check a jar of the plugins folder gets (descriptor, {@code Plugin-Requires}, start,
     * extensions) and the integration id it claims, which must not belong to another plugin. Only a jar that passes
     * enters the plugins folder. A jar with the id of an installed plugin replaces it (an upgrade): the old version
     * serves until the new one has started in its place, and serves again if it does not.
     *
     * @return what came of it: started, or disabled by the operator
     * @throws HostException when the jar is refused, with every reason; nothing is left in the plugins folder then
     */
    public PluginStatus install(String fileName, InputStream content) {
        if (fileName == null || !fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.jar")) {
            throw HostException.badRequest("The file name must end in .jar and contain only letters, digits, '.', '_' and '-'.",
                    "Rename the file, e.g. my-plugin-1.0.0.jar.");
        }
        // Received before the lock is taken: a slow upload must not hold up every other plugin change.
        Path incoming = receive(content);
        synchronized (lock) {
            Path replacedJar = null;
            try {
                requireLoaded();
                Path staging = incoming.getParent();
                List<String> violations;
                try {
                    violations = PluginPackaging.violations(incoming);
                } catch (IOException e) {
                    throw refused(List.of("The file is not a readable jar: " + PluginFailures.describe(e)));
                }
                if (!violations.isEmpty()) {
                    throw refused(violations);
                }
                String pluginId = pluginIdOf(incoming);
                reloadCheck.requireReloadable(pluginId);
                Path target = pluginsDir.resolve(fileName);
                Optional<PluginStatus> sameFile = snapshot.plugins().stream()
                        .filter(p -> p.fileName().equals(fileName) && !p.pluginId().equals(pluginId) && !p.pluginId().equals(fileName))
                        .findFirst();
                if (sameFile.isPresent()) {
                    throw HostException.conflict("The file " + fileName + " belongs to the installed plugin '"
                            + sameFile.get().pluginId() + "'.", "Upload the jar under another file name, or uninstall that plugin first.");
                }
                tryOut(incoming, pluginId);

                // Only now is anything installed touched; the old version is kept aside until the new one has started.
                Optional<PluginStatus> replaced = snapshot.plugin(pluginId);
                if (replaced.isPresent()) {
                    replacedJar = Files.createTempFile(staging, "replaced-", ".jar");
                    removeLocked(pluginId, replacedJar);
                }
                removeLocked(fileName, null);
                Files.move(incoming, target, StandardCopyOption.REPLACE_EXISTING);
                incoming = null;
                PluginStatus status = loadOneLocked(target);
                if (status.state() == PluginState.FAILED) {
                    removeLocked(status.pluginId(), null);
                    if (replaced.isPresent()) {
                        Path restored = pluginsDir.resolve(replaced.get().fileName());
                        Files.move(replacedJar, restored, StandardCopyOption.REPLACE_EXISTING);
                        replacedJar = null;
                        loadOneLocked(restored);
                    }
                    throw refused(status.reasons());
                }
                return status;
            } catch (IOException e) {
                throw new UncheckedIOException("Installing " + fileName + " failed", e);
            } finally {
                deleteQuietly(incoming);
                deleteQuietly(replacedJar);
            }
        }
    }

    /**
     * Writes an upload into the staging folder. An upload that breaks off or is too large is refused, and nothing of
     * it is kept; a failure to write it is the host's own.
     */
    private Path receive(InputStream content) {
        Path incoming;
        try {
            incoming = Files.createTempFile(Files.createDirectories(pluginsDir.resolve(".incoming")), "upload-", ".jar");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage an upload in " + pluginsDir, e);
        }
        try (InputStream in = content; OutputStream out = Files.newOutputStream(incoming)) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int read; (read = readUpload(in, buffer)) != -1; ) {
                size += read;
                if (size > MAX_PLUGIN_BYTES) {
                    throw refused(List.of("The jar is larger than " + MAX_PLUGIN_BYTES / (1024 * 1024) + " MiB."));
                }
                out.write(buffer, 0, read);
            }
            return incoming;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(incoming);
            throw e instanceof RuntimeException unchecked ? unchecked
                    : new UncheckedIOException("Cannot stage an upload in " + pluginsDir, (IOException) e);
        }
    }

    /** Reads the next part of an upload; the client's connection breaking off is the client's failure, not the host's. */
    private static int readUpload(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw refused(List.of("The upload broke off before the whole jar arrived (" + PluginFailures.describe(e)
                    + "); send it again."));
        }
    }

    /** The Plugin-Id of an uploaded jar's manifest; a jar without one is refused. */
    private static String pluginIdOf(Path jar) {
        String pluginId;
        try {
            pluginId = new org.pf4j.ManifestPluginDescriptorFinder().find(jar).getPluginId();
        } catch (RuntimeException e) {
            throw refused(List.of("The jar's manifest has no valid plugin descriptor: " + PluginFailures.describe(e)));
        }
        if (pluginId == null || pluginId.isBlank()) {
            throw refused(List.of("The jar's manifest (META-INF/MANIFEST.MF) has no Plugin-Id: every plugin names its id there."));
        }
        return pluginId;
    }

    /**
     * Loads and starts an uploaded jar in a throwaway plugin manager over the staging folder, with the checks of
     * {@link #load()}, then unloads it again. The integration id it claims is checked before any of its code runs.
     *
     * @throws HostException with every reason the jar would not start for
     */
    private void tryOut(Path staged, String pluginId) {
        HostPluginManager trial = new HostPluginManager(staged.getParent());
        Map<String, InstalledIntegration> started = new HashMap<>();
        try {
            PluginWrapper plugin;
            try {
                plugin = trial.getPlugin(trial.loadCheckedPlugin(staged));
            } catch (RuntimeException | LinkageError e) {
                throw refused(List.of(trial.loadFailures().getOrDefault(staged, PluginFailures.describe(e))));
            }
            DescriptorReader.Result read = readDescriptor(plugin);
            if (read.valid()) {
                String integrationId = read.descriptor().id();
                Optional<String> provider = snapshot.integration(integrationId).map(installed -> installed.plugin().pluginId());
                claims.uploadRefusal(pluginId, integrationId, provider).ifPresent(refusal -> {
                    throw refusal;
                });
            }
            PluginStatus status = startOne(trial, plugin, read, started);
            if (status.state() != PluginState.STARTED) {
                throw refused(status.reasons());
            }
        } finally {
            started.values().forEach(PluginRuntime::closeQuietly);
            unloadEach(trial);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }

    /** Stops and unloads a plugin and deletes its jar; configurations of its integration are kept. */
    public void uninstall(String pluginId) {
        synchronized (lock) {
            requireLoaded();
            if (snapshot.plugin(pluginId).isEmpty()) {
                throw HostException.notFound("No plugin with id '" + pluginId + "' is installed.");
            }
            removeLocked(pluginId, null);
        }
    }

    /** Loads and starts one jar of the plugins folder that passed {@link #tryOut}. */
    private PluginStatus loadOneLocked(Path jar) {
        List<PluginStatus> statuses = new ArrayList<>(snapshot.plugins());
        Map<String, InstalledIntegration> integrations = new LinkedHashMap<>(snapshot.integrations());
        PluginStatus status;
        try {
            PluginWrapper plugin = manager.getPlugin(manager.loadCheckedPlugin(jar));
            status = startOne(manager, plugin, readDescriptor(plugin), integrations);
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

    /**
     * Removes an installed plugin (by id, or a failed jar by file name), if there is one.
     *
     * @param keepAt where its jar goes, or {@code null} to delete it
     */
    private void removeLocked(String pluginIdOrFile, Path keepAt) {
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
            if (keepAt == null) {
                Files.deleteIfExists(jar);
            } else {
                Files.move(jar, keepAt, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + jar, e);
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
        String sentences = String.join(" ", reasons.stream().map(reason -> reason.endsWith(".") ? reason : reason + ".").toList());
        return new HostException(FailureKind.PLUGIN_REFUSED, "The plugin jar was not installed: " + sentences,
                "Fix what 'reasons' lists (the plugin development guide explains each rule) and upload the jar again;"
                        + " an installed version of the plugin keeps running meanwhile.",
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

    private DescriptorReader.Result readDescriptor(PluginWrapper plugin) {
        PluginDescriptor pf4j = plugin.getDescriptor();
        return descriptorReader.read(((HostPluginClassLoader) plugin.getPluginClassLoader())::findOwnResource,
                pf4j.getVersion(), pf4j.getRequires());
    }

    private static String fileName(PluginWrapper plugin) {
        return plugin.getPluginPath().getFileName().toString();
    }

    /** Starts one plugin {@code loadedBy} loaded, whose descriptor was {@code read}, and adds what it provides. */
    private PluginStatus startOne(HostPluginManager loadedBy, PluginWrapper plugin, DescriptorReader.Result read,
                                  Map<String, InstalledIntegration> integrations) {
        PluginDescriptor pf4j = plugin.getDescriptor();
        String fileName = fileName(plugin);
        HostPluginClassLoader loader = (HostPluginClassLoader) plugin.getPluginClassLoader();

        if (plugin.getPluginState().isDisabled()) {
            String reason = loadedBy.satisfiesRequirement(pf4j)
                    ? "Disabled by the operator."
                    : "Requires platform API " + pf4j.getRequires() + "; this host provides " + PlatformApi.VERSION + ".";
            return disabledOne(pf4j, fileName, reason, read, loader, integrations);
        }
        if (!read.valid()) {
            return new PluginStatus(pf4j.getPluginId(), pf4j.getVersion(), pf4j.getProvider(), pf4j.getPluginDescription(),
                    pf4j.getRequires(), fileName, PluginState.FAILED, read.reason(), null, read.violations());
        }
        IntegrationDescriptor descriptor = read.descriptor();
        if (integrations.containsKey(descriptor.id())) {
            return status(pf4j, fileName, PluginState.FAILED, "The integration id '" + descriptor.id()
                    + "' is already provided by plugin '" + integrations.get(descriptor.id()).plugin().pluginId() + "'.",
                    descriptor.id());
        }
        InstalledIntegration.Icon icon = readIcon(loader.findOwnResource(descriptor.icon()), descriptor.icon());

        String failure = startCode(loadedBy, plugin);
        Integration code = null;
        Map<String, AuthorizationProfile> profiles = new HashMap<>();
        if (failure == null) {
            try {
                code = findIntegration(loadedBy, plugin, descriptor);
                profiles = findProfiles(loadedBy, plugin, descriptor);
            } catch (PluginStartException | RuntimeException | LinkageError e) {
                failure = PluginFailures.describe(e);
                loadedBy.stopPlugin(plugin.getPluginId());
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
    private static String startCode(HostPluginManager manager, PluginWrapper plugin) {
        if (!manager.getResolvedPlugins().contains(plugin)) {
            return "Its dependencies could not be resolved: " + PluginFailures.describe(plugin.getFailedException());
        }
        org.pf4j.PluginState state = manager.startPlugin(plugin.getPluginId());
        return state == org.pf4j.PluginState.STARTED ? null
                : "Failed to start: " + PluginFailures.describe(plugin.getFailedException());
    }

    private static Integration findIntegration(HostPluginManager manager, PluginWrapper plugin, IntegrationDescriptor descriptor)
            throws PluginStartException {
        List<Integration> found = manager.getExtensions(Integration.class, plugin.getPluginId());
        List<Integration> matching = found.stream().filter(i -> descriptor.id().equals(i.integrationId())).toList();
        if (matching.size() != 1) {
            throw new PluginStartException("Expected one Integration extension with integrationId() '" + descriptor.id()
                    + "', found " + matching.size() + " (of " + found.size() + " Integration extensions). Is the class"
                    + " annotated with @Extension and listed in META-INF/extensions.idx?");
        }
        return matching.get(0);
    }

    private static Map<String, AuthorizationProfile> findProfiles(HostPluginManager manager, PluginWrapper plugin,
                                                                  IntegrationDescriptor descriptor) throws PluginStartException {
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
        unloadEach(manager);
        manager = null;
    }

    private static void unloadEach(HostPluginManager manager) {
        // One by one: PF4J 3.15's stopPlugins() fails with a ConcurrentModificationException as soon as
        // one plugin is started (pf4j#656).
        for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
            try {
                manager.unloadPlugin(plugin.getPluginId());
            } catch (RuntimeException e) {
                log.warn("Unloading plugin {} failed: {}", plugin.getPluginId(), PluginFailures.describe(e));
            }
        }
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

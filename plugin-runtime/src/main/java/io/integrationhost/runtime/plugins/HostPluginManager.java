package io.integrationhost.runtime.plugins;

import io.integrationhost.api.PlatformApi;
import io.integrationhost.api.PluginPackaging;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginStatusProvider;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * PF4J configured for the host: plugin jars only, manifest descriptors, the host's class-loading rule,
 * the platform version enforced, and every jar that fails to load remembered with its reason (PF4J
 * itself only logs and forgets such a jar).
 *
 * <p>Not thread-safe, like PF4J's own manager: {@link PluginRuntime} serialises access.
 * One manager holds the jars of the plugins folder; each plugin installed by upload has one of its own.
 */
final class HostPluginManager extends DefaultPluginManager {

    private final Map<Path, String> loadFailures = new ConcurrentHashMap<>();
    /** The Plugin-Id of a jar refused for its packaging, where its manifest names one. */
    private final Map<Path, String> refusedIds = new ConcurrentHashMap<>();
    /** While the whole folder loads: a failed jar is remembered, not thrown to PF4J, which would log a stack trace. */
    private boolean loadingFolder;
    /** A jar whose packaging was checked before it was handed over, so it is not scanned again. */
    private Path checked;

    HostPluginManager(Path pluginsDir) {
        super(pluginsDir);
        setSystemVersion(PlatformApi.VERSION);
        // One plugin with a missing dependency must not stop the others from loading.
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    /**
     * A manager for one uploaded jar, over its staging folder, that honours the operator's {@code enabled.txt} and
     * {@code disabled.txt} of the plugins folder: the upload is checked and then runs in it, under the same settings
     * as a jar of the folder.
     */
    static HostPluginManager forUpload(Path staging, Path pluginsDir) {
        HostPluginManager manager = new HostPluginManager(staging);
        if (System.getProperty(PLUGINS_DIR_CONFIG_PROPERTY_NAME) == null) {
            manager.pluginStatusProvider = new DefaultPluginStatusProvider(pluginsDir);
        }
        return manager;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new JarPluginRepository(getPluginsRoots());
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder();
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new HostPluginClassLoader(pluginManager, descriptor, getClass().getClassLoader());
            }
        };
    }

    /** Loads every jar of the folder; each one that fails is kept with its reason, for one line of the host's own. */
    @Override
    public void loadPlugins() {
        loadingFolder = true;
        try {
            super.loadPlugins();
        } finally {
            loadingFolder = false;
        }
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            if (!pluginPath.equals(checked)) {
                refuseBundledPlatformClasses(pluginPath);
            }
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException | LinkageError failure) {
            // A jar refused for its packaging says so, whether or not another jar with its id loaded before it.
            Optional<String> duplicate = refusedIds.containsKey(pluginPath) ? Optional.empty() : alreadyLoadedFrom(pluginPath);
            loadFailures.put(pluginPath, duplicate.orElseGet(() -> PluginFailures.describe(failure)));
            return failed(failure instanceof PluginRuntimeException pluginFailure
                    ? pluginFailure : new PluginRuntimeException(failure, "Cannot load plugin '{}'", pluginPath));
        }
    }

    /** PF4J's loop over the folder ignores what a load returns: null there means the jar is not loaded. */
    private PluginWrapper failed(PluginRuntimeException failure) {
        if (loadingFolder) {
            return null;
        }
        throw failure;
    }

    /**
     * For a jar whose Plugin-Id another jar already provides: which file that is, and at which version. PF4J's own
     * message for it prints its internal objects.
     */
    private Optional<String> alreadyLoadedFrom(Path pluginPath) {
        return pluginIdOf(pluginPath).map(this::getPlugin).filter(loaded -> !loaded.getPluginPath().equals(pluginPath))
                .map(loaded -> "The plugin id '" + loaded.getPluginId() + "' is already provided by "
                        + loaded.getPluginPath().getFileName() + " (version " + loaded.getDescriptor().getVersion()
                        + "); only one jar of a plugin id is loaded. Remove one of the two from the plugins folder.");
    }

    private void refuseBundledPlatformClasses(Path pluginPath) {
        List<String> violations;
        try {
            violations = PluginPackaging.violations(pluginPath);
        } catch (IOException e) {
            throw new PluginRuntimeException("The file is not a readable jar: " + PluginFailures.describe(e));
        }
        if (!violations.isEmpty()) {
            pluginIdOf(pluginPath).ifPresent(pluginId -> refusedIds.put(pluginPath, pluginId));
            throw new PluginRuntimeException("Refused: " + String.join(" ", violations));
        }
    }

    /**
     * Loads one jar whose packaging the caller has already checked against {@link PluginPackaging} (an upload is
     * checked before it is loaded): the jar is not scanned again.
     *
     * @return the plugin's id
     */
    String loadCheckedPlugin(Path jar) {
        checked = jar;
        try {
            return loadPlugin(jar);
        } finally {
            checked = null;
        }
    }

    /** The jars that could not be loaded at all, with the reason. */
    Map<Path, String> loadFailures() {
        return Map.copyOf(loadFailures);
    }

    /** The Plugin-Id of a jar that could not be loaded, where its manifest could be read. */
    Optional<String> refusedPluginId(Path jar) {
        return Optional.ofNullable(refusedIds.get(jar));
    }

    /** Forgets the failure of a jar that was removed. */
    void forgetLoadFailure(Path jar) {
        loadFailures.remove(jar);
        refusedIds.remove(jar);
    }

    private Optional<String> pluginIdOf(Path jar) {
        try {
            return Optional.ofNullable(getPluginDescriptorFinder().find(jar).getPluginId()).filter(id -> !id.isBlank());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Whether the plugin's {@code Plugin-Requires} is satisfied by this host's platform version. */
    boolean satisfiesRequirement(PluginDescriptor descriptor) {
        String requires = descriptor.getRequires() == null ? "*" : descriptor.getRequires().trim();
        return requires.isEmpty() || "*".equals(requires)
                || getVersionManager().checkVersionConstraint(getSystemVersion(), requires);
    }
}

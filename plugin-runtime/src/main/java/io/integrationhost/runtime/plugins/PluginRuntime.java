package io.integrationhost.runtime.plugins;

import io.integrationhost.runtime.error.HostException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The plugins of one folder, as the host and the plugin test kit load them: what came of each jar (started, disabled
 * or failed with the reason) and the integrations they provide. It composes the jobs: {@link FolderLoad} loads the
 * folder, {@link UploadStaging} and {@link UploadInstall} install an upload, {@link InstalledPlugins} holds what is
 * installed and removes a plugin, {@link PluginStarter} starts each one (with {@link ExtensionMatch} and
 * {@link PluginIcons}).
 *
 * <p>Installing and uninstalling are an administrator's operations on the plugins folder, which only the host offers;
 * they stay here rather than in the host application because they change the same PF4J managers and the same
 * snapshot as loading, under the one lock: an upload is checked by the manager it then runs in, so the check cannot
 * live apart from the runtime that keeps the plugin.
 *
 * <p>All changes happen under one lock (PF4J's manager is not thread-safe); readers get an immutable
 * {@link PluginSnapshot} and never wait.
 */
public final class PluginRuntime implements AutoCloseable {

    /** The largest plugin jar an upload may bring; the web layer refuses a larger body before reading it. */
    public static final long MAX_JAR_BYTES = 64L * 1024 * 1024;

    private final Path pluginsDir;
    private final Object lock = new Object();
    private final InstalledPlugins installed;
    private final FolderLoad folder;
    private final UploadStaging staging;
    private final UploadInstall uploads;

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
        IntegrationClaims claims = new IntegrationClaims(owners);
        PluginStarter starter = new PluginStarter();
        this.installed = new InstalledPlugins(this.pluginsDir);
        this.folder = new FolderLoad(this.pluginsDir, claims, starter);
        this.staging = new UploadStaging(this.pluginsDir);
        this.uploads = new UploadInstall(this.pluginsDir, reloadCheck, claims, starter, installed);
    }

    public Path pluginsDir() {
        return pluginsDir;
    }

    public PluginSnapshot snapshot() {
        return installed.snapshot();
    }

    /**
     * Loads (or reloads) every jar in the plugins folder and starts those that are valid. Of several that claim one
     * integration id, one provides it, chosen by {@link IntegrationClaims}; the others fail without being started.
     */
    public PluginSnapshot load() {
        synchronized (lock) {
            installed.unloadAll();
            return installed.loaded(folder.load());
        }
    }

    /**
     * Installs an uploaded plugin jar without disturbing the other plugins (see {@link UploadInstall}): checked whole,
     * loaded and started once, and only then put in place of the version it replaces (an upgrade).
     *
     * @return what came of it: started, or disabled by the operator
     * @throws HostException when the jar is refused, with every reason; nothing is left in the plugins folder then
     */
    public PluginStatus install(String fileName, InputStream content) {
        // Received before the lock is taken: a slow upload must not hold up every other plugin change.
        Path staged = staging.receive(fileName, content);
        synchronized (lock) {
            return uploads.install(staged);
        }
    }

    /** Stops and unloads a plugin and deletes its jar; configurations of its integration are kept. */
    public void uninstall(String pluginId) {
        synchronized (lock) {
            installed.requireLoaded();
            if (!installed.remove(pluginId)) {
                throw HostException.notFound("No plugin with id '" + pluginId + "' is installed.");
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            installed.unloadAll();
        }
    }
}

package io.integrationhost.runtime.plugins;

import io.integrationhost.runtime.error.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import io.integrationhost.runtime.worker.Isolation;

/**
 * The plugins of one folder, as the host and the plugin test kit load them: what came of each jar (started, disabled
 * or failed with the reason) and the integrations they provide. It composes the jobs: {@link FolderLoad} loads the
 * folder, {@link UploadStaging} and {@link UploadInstall} install an upload, {@link InstalledPlugins} holds what is
 * installed and removes a plugin, {@link PreviousVersions} keeps the version an upgrade replaced (for a rollback),
 * {@link PluginStarter} starts each one (with {@link ExtensionMatch} and {@link PluginIcons}).
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
    private final PreviousVersions previous;
    private final Isolation isolation;
    private volatile UpgradeCheck upgradeCheck = UpgradeCheck.NONE;

    /** A runtime with no configurations to consult: of several plugins claiming one integration id, the lowest Plugin-Id provides it. */
    public PluginRuntime(Path pluginsDir) {
        this(pluginsDir, IntegrationOwners.NONE, ReloadCheck.NONE);
    }

    /**
     * @param owners the plugin each configured integration belongs to, which alone may provide it
     * @param reloadCheck asked before a jar replaces a plugin or brings one back (an upgrade or a reinstall)
     */
    public PluginRuntime(Path pluginsDir, IntegrationOwners owners, ReloadCheck reloadCheck) {
        this(pluginsDir, owners, reloadCheck, Isolation.NONE);
    }

    /**
     * @param isolation which plugins run in worker processes of their own, and how; the others run in this process.
     *     The runtime ends its workers when it closes.
     */
    public PluginRuntime(Path pluginsDir, IntegrationOwners owners, ReloadCheck reloadCheck, Isolation isolation) {
        this.pluginsDir = pluginsDir.toAbsolutePath().normalize();
        this.isolation = isolation;
        IntegrationClaims claims = new IntegrationClaims(owners);
        PluginStarter starter = new PluginStarter(isolation);
        this.installed = new InstalledPlugins(this.pluginsDir);
        this.folder = new FolderLoad(this.pluginsDir, claims, starter);
        this.staging = new UploadStaging(this.pluginsDir);
        this.previous = new PreviousVersions(this.pluginsDir);
        this.uploads = new UploadInstall(this.pluginsDir, reloadCheck, claims, starter, installed, previous,
                () -> upgradeCheck);
    }

    /**
     * What a new version of an installed plugin must pass before it takes over (see {@link UpgradeCheck}); none unless
     * set. The host sets it once its stored configurations can be read, after the first load.
     */
    public void checkUpgradesWith(UpgradeCheck check) {
        this.upgradeCheck = check;
    }

    /** How the plugins run: which of them in worker processes, and whether in a sandbox. */
    public Isolation isolation() {
        return isolation;
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

    /**
     * Brings back the version of a plugin that its last upgrade replaced, installed exactly as an upload of that jar
     * would be (every check, the owner of its integration id, start once). The version it replaces is kept in turn,
     * so a second rollback goes forward again.
     *
     * @return what came of it, as for {@link #install}
     * @throws HostException {@code NOT_FOUND} when no such plugin is installed, {@code CONFLICT} when no previous
     *                       version of it is kept, or the reasons the kept jar is refused (it stays kept then)
     */
    public PluginStatus rollback(String pluginId) {
        synchronized (lock) {
            installed.requireLoaded();
            Path kept = previous.jar(pluginId).orElseThrow(() -> noPreviousVersion(pluginId));
            Path staged;
            try {
                staged = staging.receive(kept.getFileName().toString(), Files.newInputStream(kept));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + kept, e);
            }
            return uploads.install(staged);
        }
    }

    /** The version of a plugin a rollback would bring back, if one is kept. */
    public Optional<String> previousVersion(String pluginId) {
        return previous.version(pluginId);
    }

    private HostException noPreviousVersion(String pluginId) {
        if (installed.snapshot().plugin(pluginId).filter(p -> p.pluginId().equals(pluginId)).isEmpty()) {
            return HostException.notFound("No plugin with id '" + pluginId + "' is installed.");
        }
        return HostException.conflict("No previous version of plugin '" + pluginId + "' is kept to roll back to.",
                "A previous version is kept when an upload replaces one with another version; to go back now, upload"
                        + " the jar of the version you want.");
    }

    /** Stops and unloads a plugin and deletes its jar, and the previous version kept of it; configurations of its integration are kept. */
    public void uninstall(String pluginId) {
        synchronized (lock) {
            installed.requireLoaded();
            if (!installed.remove(pluginId)) {
                throw HostException.notFound("No plugin with id '" + pluginId + "' is installed.");
            }
            previous.forget(pluginId);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            installed.unloadAll();
            isolation.close();
        }
    }
}

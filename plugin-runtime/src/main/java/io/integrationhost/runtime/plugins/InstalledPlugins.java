package io.integrationhost.runtime.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is installed: the PF4J managers that hold the plugins, and the {@link PluginSnapshot} readers get. The jars of
 * the plugins folder share the manager that loaded the folder; a plugin installed by upload keeps the manager it was
 * checked in, over the staging folder its jar runs from (see {@link UploadStaging}). Removing a plugin (an uninstall,
 * or the version an upgrade replaces) unloads it from whichever manager holds it and deletes its jar.
 *
 * <p>Not thread-safe: {@link PluginRuntime} serialises every change; the snapshot is published whole.
 */
final class InstalledPlugins {

    private static final Logger log = LoggerFactory.getLogger(InstalledPlugins.class);

    private final Path pluginsDir;
    private HostPluginManager folder;
    /** The plugins installed by upload since the folder was loaded, by plugin id. */
    private final Map<String, Upload> uploads = new HashMap<>();
    private volatile PluginSnapshot snapshot = PluginSnapshot.EMPTY;

    /** An uploaded plugin's own manager and the staging folder its jar runs from. */
    private record Upload(HostPluginManager manager, Path staging) {
    }

    InstalledPlugins(Path pluginsDir) {
        this.pluginsDir = pluginsDir;
    }

    PluginSnapshot snapshot() {
        return snapshot;
    }

    void requireLoaded() {
        if (folder == null) {
            throw new IllegalStateException("The plugin runtime is not loaded");
        }
    }

    /** Takes over what loading the plugins folder made; call {@link #unloadAll} first. */
    PluginSnapshot loaded(FolderLoad.Loaded loaded) {
        folder = loaded.manager();
        return publish(loaded.statuses(), loaded.integrations());
    }

    /**
     * Puts a plugin installed by upload in place of the installed ones {@code replaced} names (by id, or a failed jar by
     * file name), in one published snapshot: a call sees the old version or the new one, never neither. Only then are
     * the old ones closed (calls on an old worker finish there; later ones go to the new version), unloaded and their
     * jars deleted, and {@code place} puts the new jar in the plugins folder.
     */
    void replace(List<String> replaced, PluginStatus status, InstalledIntegration integration, HostPluginManager manager,
                 Path staging, Runnable place) {
        List<PluginStatus> old = replaced.stream().map(snapshot::plugin).flatMap(Optional::stream).distinct().toList();
        List<PluginStatus> statuses = new ArrayList<>(snapshot.plugins());
        statuses.removeAll(old);
        statuses.add(status);
        Map<String, InstalledIntegration> integrations = new LinkedHashMap<>(snapshot.integrations());
        List<InstalledIntegration> provided = new ArrayList<>();
        for (PluginStatus each : old) {
            providedBy(each, integrations).ifPresent(integrationOf -> {
                integrations.remove(integrationOf.id());
                provided.add(integrationOf);
            });
        }
        if (integration != null) {
            integrations.put(integration.id(), integration);
        }
        Map<String, Upload> oldUploads = new HashMap<>();
        old.forEach(each -> {
            Upload upload = uploads.remove(each.pluginId());
            if (upload != null) {
                oldUploads.put(each.pluginId(), upload);
            }
        });
        uploads.put(status.pluginId(), new Upload(manager, staging));
        publish(statuses, integrations);
        provided.forEach(PluginStarter::closeQuietly);
        old.forEach(each -> unloadAndDelete(each, oldUploads.get(each.pluginId())));
        place.run();
    }

    /** Removes an installed plugin (by id, or a failed jar by file name) and deletes its jar; {@code false} when there is none. */
    boolean remove(String pluginIdOrFile) {
        Optional<PluginStatus> found = snapshot.plugin(pluginIdOrFile);
        if (found.isEmpty()) {
            return false;
        }
        PluginStatus status = found.get();
        Map<String, InstalledIntegration> integrations = new LinkedHashMap<>(snapshot.integrations());
        providedBy(status, integrations).ifPresent(provided -> {
            integrations.remove(provided.id());
            PluginStarter.closeQuietly(provided);
        });
        unloadAndDelete(status, uploads.remove(status.pluginId()));
        List<PluginStatus> statuses = new ArrayList<>(snapshot.plugins());
        statuses.remove(status);
        publish(statuses, integrations);
        log.info("Plugin {} uninstalled ({})", status.pluginId(), status.fileName());
        return true;
    }

    /** The integration {@code status}'s plugin provides among {@code integrations}, if any. */
    private static Optional<InstalledIntegration> providedBy(PluginStatus status, Map<String, InstalledIntegration> integrations) {
        InstalledIntegration provided = status.integrationId() == null ? null : integrations.get(status.integrationId());
        return provided != null && provided.plugin().pluginId().equals(status.pluginId()) ? Optional.of(provided)
                : Optional.empty();
    }

    /** Unloads a plugin from the manager that loaded it ({@code upload}'s, or the folder's) and deletes its jar. */
    private void unloadAndDelete(PluginStatus status, Upload upload) {
        Path jar = pluginsDir.resolve(status.fileName());
        unload(upload == null ? folder : upload.manager(), status.pluginId());
        folder.forgetLoadFailure(jar);
        try {
            Files.deleteIfExists(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + jar, e);
        }
        if (upload != null) {
            UploadStaging.discard(upload.staging());
        }
    }

    /** Closes every integration and unloads every plugin, of the folder and of uploads alike. */
    void unloadAll() {
        snapshot.integrations().values().forEach(PluginStarter::closeQuietly);
        snapshot = PluginSnapshot.EMPTY;
        if (folder != null) {
            unloadEach(folder);
            folder = null;
        }
        uploads.values().forEach(upload -> {
            unloadEach(upload.manager());
            UploadStaging.discard(upload.staging());
        });
        uploads.clear();
    }

    /** Unloads every plugin of a manager. */
    static void unloadEach(HostPluginManager manager) {
        // One by one: PF4J 3.15's stopPlugins() fails with a ConcurrentModificationException as soon as
        // one plugin is started (pf4j#656).
        for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
            unload(manager, plugin.getPluginId());
        }
    }

    private static void unload(HostPluginManager manager, String pluginId) {
        if (manager.getPlugin(pluginId) == null) {
            return;
        }
        try {
            manager.unloadPlugin(pluginId);
        } catch (RuntimeException e) {
            log.warn("Unloading plugin {} failed: {}", pluginId, PluginFailures.describe(e));
        }
    }

    private PluginSnapshot publish(List<PluginStatus> statuses, Map<String, InstalledIntegration> integrations) {
        List<PluginStatus> sorted = new ArrayList<>(statuses);
        sorted.sort(Comparator.comparing(PluginStatus::pluginId));
        snapshot = new PluginSnapshot(sorted, integrations);
        return snapshot;
    }
}

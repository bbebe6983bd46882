package io.integrationhost.host.plugins;

import io.integrationhost.runtime.plugins.PluginState;
import io.integrationhost.runtime.plugins.PluginStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The jar files of this instance's plugins folder, and what the dropped-jar rule did with them. */
final class FolderJars {

    private static final Logger log = LoggerFactory.getLogger(FolderJars.class);

    private final Path pluginsDir;
    /** A note per plugin id on what the rule did here, shown as its reason on this instance. */
    private final Map<String, String> notes = new ConcurrentHashMap<>();
    /** The checksum of the set's jar this instance last ran of each plugin id. */
    private final Map<String, String> fromSet = new ConcurrentHashMap<>();

    FolderJars(Path pluginsDir) {
        this.pluginsDir = pluginsDir;
    }

    /** Whether a loaded plugin may be published: it was read and loaded (started, or disabled by the operator). */
    boolean publishable(PluginStatus local) {
        return (local.state() == PluginState.STARTED || local.state() == PluginState.DISABLED) && local.version() != null
                && Files.isRegularFile(pluginsDir.resolve(local.fileName()));
    }

    Optional<byte[]> read(PluginStatus local) {
        try {
            return Optional.of(Files.readAllBytes(pluginsDir.resolve(local.fileName())));
        } catch (IOException e) {
            log.warn("Cannot read {} of the plugins folder: {}", local.fileName(), e.toString());
            return Optional.empty();
        }
    }

    Optional<String> sha256(PluginStatus local) {
        return read(local).map(ClusterPlugins::sha256);
    }

    void published(PluginStatus local) {
        notes.put(local.pluginId(), "Published to the cluster's plugin set from this instance's plugins folder ("
                + local.fileName() + ").");
    }

    /** The cluster's jar replaced a local one of the same plugin id at another checksum: said once, and kept as its reason. */
    void replaced(PluginStatus old, ClusterPlugins.Entry entry) {
        String note = "This instance's " + old.fileName() + " (" + old.version() + ") differed from the cluster's jar: replaced by"
                + " the cluster's " + entry.fileName() + " (" + entry.version() + ", SHA-256 " + entry.sha256() + ").";
        if (!note.equals(notes.put(old.pluginId(), note))) {
            log.warn("Plugin {}: {}", old.pluginId(), note);
        }
    }

    void inSet(String pluginId, String sha256) {
        fromSet.put(pluginId, sha256);
    }

    boolean fromSet(String pluginId, String sha256) {
        return sha256.equals(fromSet.get(pluginId));
    }

    void forget(String pluginId) {
        notes.remove(pluginId);
    }

    Optional<String> note(String pluginId) {
        return Optional.ofNullable(notes.get(pluginId));
    }
}

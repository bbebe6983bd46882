package io.integrationhost.runtime.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one previous version kept of each plugin, for a rollback: the jar an upgrade replaced, in
 * {@code .previous/<pluginId>/} of the plugins folder. It lives in the plugins folder so that it survives a restart,
 * and in a hidden folder so that loading the folder passes it over (PF4J reads only the folder's own jars, and hidden
 * names are no files to report). Uninstalling a plugin removes what is kept of it.
 */
final class PreviousVersions {

    private static final Logger log = LoggerFactory.getLogger(PreviousVersions.class);

    private final Path previous;

    PreviousVersions(Path pluginsDir) {
        this.previous = pluginsDir.resolve(".previous");
    }

    /** The kept jar of a plugin, if any. */
    Optional<Path> jar(String pluginId) {
        Optional<Path> kept = folderOf(pluginId).filter(Files::isDirectory);
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        Path folder = kept.get();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(".jar")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder, e);
        }
    }

    /** The version of a plugin's kept jar, as its manifest names it; empty when none is kept or it cannot be read. */
    Optional<String> version(String pluginId) {
        return jar(pluginId).flatMap(jar -> {
            try {
                return Optional.ofNullable(new ManifestPluginDescriptorFinder().find(jar).getVersion());
            } catch (RuntimeException e) {
                log.warn("Cannot read the version of {}: {}", jar, PluginFailures.describe(e));
                return Optional.empty();
            }
        });
    }

    /**
     * Keeps {@code jar} as the previous version of a plugin, in place of whatever was kept; the copy is written beside
     * and moved in, so a failure never leaves half a jar kept.
     */
    void keep(String pluginId, Path jar) {
        Optional<Path> kept = folderOf(pluginId);
        if (kept.isEmpty() || !Files.isRegularFile(jar)) {
            log.warn("The previous version of plugin {} cannot be kept: {} is not a jar in its own folder", pluginId, jar.getFileName());
            return;
        }
        Path folder = kept.get();
        try {
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(previous, "keep-", ".part");
            try {
                Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
                clear(folder);
                Files.move(partial, folder.resolve(jar.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the previous version of " + pluginId, e);
        }
    }

    /** Removes what is kept of a plugin (its uninstall). */
    void forget(String pluginId) {
        folderOf(pluginId).filter(Files::isDirectory).ifPresent(UploadStaging::discard);
    }

    private static void clear(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The folder a plugin's kept jar is in; none for an id that would name a path outside {@code .previous/}. */
    private Optional<Path> folderOf(String pluginId) {
        // A plugin id comes from a manifest or a request path: it must name one folder inside .previous, no other path.
        if (pluginId == null || pluginId.isBlank() || pluginId.startsWith(".") || pluginId.contains("/") || pluginId.contains("\\")) {
            return Optional.empty();
        }
        return Optional.of(previous.resolve(pluginId));
    }
}

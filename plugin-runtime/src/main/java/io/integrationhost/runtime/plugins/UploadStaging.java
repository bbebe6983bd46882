package io.integrationhost.runtime.plugins;

import io.integrationhost.runtime.error.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives an uploaded jar into a staging folder of its own, {@code .incoming/upload-…/} in the plugins folder, under
 * the file name it is to be installed as. That folder is also where the upload is checked and, once it passes, keeps
 * running from: its class loader reads the jar by that path, so the jar is never moved (the plugins folder gets a
 * link to the same file, for the next start). The folder goes when the plugin is unloaded or refused.
 */
final class UploadStaging {

    private static final Logger log = LoggerFactory.getLogger(UploadStaging.class);

    private final Path incoming;

    UploadStaging(Path pluginsDir) {
        this.incoming = pluginsDir.resolve(".incoming");
    }

    /**
     * Writes an upload into a new staging folder. An upload that breaks off or is too large is refused, and nothing
     * of it is kept; a failure to write it is the host's own.
     *
     * @return the staged jar
     */
    Path receive(String fileName, InputStream content) {
        if (fileName == null || !fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.jar")) {
            throw HostException.badRequest("The file name must end in .jar and contain only letters, digits, '.', '_' and '-'.",
                    "Rename the file, e.g. my-plugin-1.0.0.jar.");
        }
        Path staging;
        try {
            staging = Files.createTempDirectory(Files.createDirectories(incoming), "upload-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage an upload in " + incoming, e);
        }
        Path jar = staging.resolve(fileName);
        try (InputStream in = content; OutputStream out = Files.newOutputStream(jar)) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int read; (read = readUpload(in, buffer)) != -1; ) {
                size += read;
                if (size > PluginRuntime.MAX_JAR_BYTES) {
                    throw PluginStatuses.refused(List.of("The jar is larger than " + PluginRuntime.MAX_JAR_BYTES / (1024 * 1024) + " MiB."));
                }
                out.write(buffer, 0, read);
            }
            return jar;
        } catch (IOException | RuntimeException e) {
            discard(staging);
            throw e instanceof RuntimeException unchecked ? unchecked
                    : new UncheckedIOException("Cannot stage an upload in " + incoming, (IOException) e);
        }
    }

    /** Reads the next part of an upload; the client's connection breaking off is the client's failure, not the host's. */
    private static int readUpload(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw PluginStatuses.refused(List.of("The upload broke off before the whole jar arrived ("
                    + PluginFailures.describe(e) + "); send it again."));
        }
    }

    /** Deletes a staging folder and what it holds; what cannot be deleted is logged and left. */
    static void discard(Path staging) {
        try (Stream<Path> files = Files.walk(staging)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", staging, e.getMessage());
        }
    }
}

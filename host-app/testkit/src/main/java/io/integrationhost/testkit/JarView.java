package io.integrationhost.testkit;

import io.integrationhost.api.PluginPackaging;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * The parts of a plugin jar the contract checks read, looked up in the jar alone, as the host looks
 * resources up in a plugin's own jar and never on a class path.
 */
final class JarView implements AutoCloseable {

    private final JarFile file;

    private JarView(JarFile file) {
        this.file = file;
    }

    static JarView open(Path jar) throws IOException {
        return new JarView(new JarFile(jar.toFile()));
    }

    boolean has(String entry) {
        return file.getEntry(entry) != null;
    }

    byte[] bytes(String entry) {
        ZipEntry found = file.getEntry(entry);
        if (found == null) {
            throw new IllegalArgumentException(entry + " is not in the jar");
        }
        try (InputStream in = file.getInputStream(found)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A URL serving the entry's bytes, or {@code null} when the jar has no such entry. The bytes are read
     * through this view, not through a {@code jar:} URL, so no JVM-wide cache keeps the jar open.
     */
    URL resource(String name) {
        if (!has(name)) {
            return null;
        }
        try {
            return new URL(null, "plugin-jar:/" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) {
                    return new URLConnection(url) {
                        @Override
                        public void connect() {
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes(name));
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The manifest's main attributes; empty when the jar has no manifest. */
    Attributes manifest() {
        try {
            Manifest manifest = file.getManifest();
            return manifest == null ? new Attributes() : manifest.getMainAttributes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class names PF4J's extension index lists, comments and blank lines left out. */
    List<String> extensionIndex() {
        if (!has(PluginPackaging.EXTENSION_INDEX)) {
            return List.of();
        }
        return new String(bytes(PluginPackaging.EXTENSION_INDEX), StandardCharsets.UTF_8).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}

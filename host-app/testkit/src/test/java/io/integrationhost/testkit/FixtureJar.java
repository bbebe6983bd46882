package io.integrationhost.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.testkit.fixtures.EchoIntegration;
import io.integrationhost.testkit.fixtures.EchoProfile;
import io.integrationhost.testkit.fixtures.OAuthEchoIntegration;
import io.integrationhost.testkit.fixtures.OAuthEchoProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds plugin jars for the kit's tests, as a plugin's Maven build would: a manifest, the descriptor, an
 * icon, the extension index and the compiled classes themselves (copied from the test class path), so the
 * host loads them from the jar. Starts from the valid Echo plugin (or its OAuth 2.0 sibling); each method breaks or
 * changes one thing.
 */
final class FixtureJar {

    static final byte[] SVG_ICON = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>"
            .getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final List<String> extensionIndex = new ArrayList<>();
    private final String fileName;
    private ObjectNode descriptor;

    private FixtureJar(String id, String requires, ObjectNode descriptor, Class<?>... extensions) {
        manifest.put("Plugin-Id", id);
        manifest.put("Plugin-Version", "1.0.0");
        manifest.put("Plugin-Requires", requires);
        manifest.put("Plugin-Provider", "Kit Tests");
        entries.put("icon.svg", SVG_ICON);
        for (Class<?> extension : extensions) {
            packing(extension);
            extensionIndex.add(extension.getName());
        }
        this.fileName = id + "-plugin-1.0.0.jar";
        this.descriptor = descriptor;
    }

    /** The valid Echo plugin: both extensions, an icon, a descriptor that passes every check. */
    static FixtureJar echo() {
        return new FixtureJar("echo", ">=1.0.0 & <2.0.0", echoDescriptor(), EchoIntegration.class, EchoProfile.class);
    }

    /**
     * The valid OAuth Echo plugin: an OAuth 2.0 integration and profile type whose code presents each call's access
     * token to the remote API; it uses the contract's 1.3.0 members, so it requires 1.3.0.
     */
    static FixtureJar oauthEcho() {
        return new FixtureJar("oauth-echo", ">=1.3.0 & <2.0.0", oauthEchoDescriptor(), OAuthEchoIntegration.class,
                OAuthEchoProfile.class);
    }

    /** The Echo descriptor, to change and pass to {@link #descriptor(ObjectNode)}. */
    static ObjectNode echoDescriptor() {
        return descriptorResource("/fixtures/echo-integration.json");
    }

    /** The OAuth Echo descriptor, to change and pass to {@link #descriptor(ObjectNode)}. */
    static ObjectNode oauthEchoDescriptor() {
        return descriptorResource("/fixtures/oauth-echo-integration.json");
    }

    private static ObjectNode descriptorResource(String name) {
        try (InputStream in = FixtureJar.class.getResourceAsStream(name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FixtureJar descriptor(ObjectNode json) {
        this.descriptor = json;
        return this;
    }

    /** Sets a manifest attribute, or removes it when {@code value} is {@code null}. */
    FixtureJar manifest(String name, String value) {
        if (value == null) {
            manifest.remove(name);
        } else {
            manifest.put(name, value);
        }
        return this;
    }

    FixtureJar entry(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    FixtureJar withoutEntry(String name) {
        entries.remove(name);
        return this;
    }

    /** Copies a compiled class from the test class path into the jar. */
    FixtureJar packing(Class<?> type) {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
            entries.put(entry, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Leaves a class out of the jar while the extension index still names it. */
    FixtureJar notPacking(Class<?> type) {
        return withoutEntry(type.getName().replace('.', '/') + ".class");
    }

    FixtureJar extensionIndex(String... classNames) {
        extensionIndex.clear();
        extensionIndex.addAll(List.of(classNames));
        return this;
    }

    /** Writes the jar as {@code folder/fileName} and answers its path. */
    Path writeTo(Path folder, String fileName) {
        Manifest jarManifest = new Manifest();
        jarManifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((name, value) -> jarManifest.getMainAttributes().putValue(name, value));
        Path jar = folder.resolve(fileName);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, jarManifest)) {
            if (descriptor != null) {
                put(out, "integration.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(descriptor));
            }
            if (!extensionIndex.isEmpty()) {
                put(out, "META-INF/extensions.idx", (String.join("\n", extensionIndex) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                put(out, entry.getKey(), entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    Path writeTo(Path folder) {
        return writeTo(folder, fileName);
    }

    /** Leaves the descriptor out of the jar. */
    FixtureJar withoutDescriptor() {
        this.descriptor = null;
        return this;
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }
}

package io.integrationhost.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The packaging rules every plugin jar must follow, checked by the host before it loads a jar and by a
 * plugin's own build.
 *
 * <p>The contract, PF4J and SLF4J must exist once, in the host. PF4J loads plugin classes plugin-first,
 * so a copy bundled in a jar would win inside that plugin: its {@code Integration} would be a different
 * type from the host's (no extensions found, "cannot be cast" errors), and a second SLF4J would violate
 * loader constraints. Mark them {@code provided}.
 */
public final class PluginPackaging {

    /**
     * The packages every plugin class loader takes from the host, never from the plugin's jar, with the library each
     * belongs to; so a plugin jar must not contain them. Since 1.2.0.
     */
    public static final Map<String, String> SHARED_PACKAGES = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            PlatformApi.PACKAGE, "platform-api",
            "org.pf4j", "PF4J",
            "org.slf4j", "SLF4J")));

    /** Jar entry prefixes a plugin jar must not contain, with the library each belongs to: the {@link #SHARED_PACKAGES}. */
    public static final Map<String, String> FORBIDDEN_PREFIXES = Collections.unmodifiableMap(new TreeMap<>(
            SHARED_PACKAGES.entrySet().stream().collect(Collectors.toMap(
                    shared -> shared.getKey().replace('.', '/') + "/", Map.Entry::getValue))));

    /** The largest icon, in bytes, the host shows; a plugin's descriptor must name one no larger. Since 1.2.0. */
    public static final int MAX_ICON_BYTES = 256 * 1024;

    /** The index PF4J's annotation processor writes; without it the host finds no extensions. */
    public static final String EXTENSION_INDEX = "META-INF/extensions.idx";

    private PluginPackaging() {
    }

    /**
     * Whether the class named {@code className} (binary name, such as {@code org.pf4j.Plugin}) is in one of the
     * {@link #SHARED_PACKAGES} or their subpackages.
     *
     * @since 1.2.0
     */
    public static boolean isShared(String className) {
        return SHARED_PACKAGES.keySet().stream().anyMatch(shared -> className.startsWith(shared + "."));
    }

    /**
     * Every rule the jar breaks, as sentences for a person; empty when it follows them all.
     *
     * @throws IOException when the file is not a readable jar
     */
    public static List<String> violations(Path jar) throws IOException {
        List<String> violations = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Map<String, String> bundled = new TreeMap<>();
            file.stream().forEach(entry -> FORBIDDEN_PREFIXES.forEach((prefix, library) -> {
                if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class")) {
                    bundled.putIfAbsent(library, entry.getName());
                }
            }));
            bundled.forEach((library, example) -> violations.add("The jar bundles " + library + " classes (for example "
                    + example + "); declare " + library + " as a 'provided' dependency so the host's copy is used."));
            if (file.getEntry(EXTENSION_INDEX) == null) {
                violations.add("The jar has no " + EXTENSION_INDEX
                        + "; run PF4J's ExtensionAnnotationProcessor when compiling the plugin.");
            }
            if (file.getEntry(PlatformApi.DESCRIPTOR_RESOURCE) == null) {
                violations.add("The jar has no " + PlatformApi.DESCRIPTOR_RESOURCE + " descriptor at its root.");
            }
        }
        return violations;
    }
}

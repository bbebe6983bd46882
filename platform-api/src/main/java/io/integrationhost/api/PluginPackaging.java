package io.integrationhost.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;

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

    /** Jar entry prefixes a plugin jar must not contain, with the library each belongs to. */
    public static final Map<String, String> FORBIDDEN_PREFIXES = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            PlatformApi.PACKAGE.replace('.', '/') + "/", "platform-api",
            "org/pf4j/", "PF4J",
            "org/slf4j/", "SLF4J")));

    /** The index PF4J's annotation processor writes; without it the host finds no extensions. */
    public static final String EXTENSION_INDEX = "META-INF/extensions.idx";

    private PluginPackaging() {
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

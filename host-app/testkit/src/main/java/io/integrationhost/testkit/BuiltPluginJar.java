package io.integrationhost.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the plugin jar that the plugin project's own build just packaged, so that its tests check the
 * artifact an operator will install rather than the classes on the test class path.
 *
 * <p>Run such tests after {@code package}, as Maven Failsafe integration tests ({@code *IT.java}).
 */
public final class BuiltPluginJar {

    /** System property naming the jar explicitly, for builds whose jar is not the only one in {@code target/}. */
    public static final String PROPERTY = "plugin.jar";

    private BuiltPluginJar() {
    }

    /**
     * The jar named by the {@value #PROPERTY} system property or, without it, the single jar in
     * {@code target/} (leaving out the pre-shading {@code original-*.jar} and source, javadoc and test jars).
     *
     * @throws AssertionError when there is no such jar, or more than one
     */
    public static Path path() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path jar = Path.of(configured);
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError("-D" + PROPERTY + " names " + jar.toAbsolutePath() + ", which does not exist; build it first.");
            }
            return jar;
        }
        return inFolder(Path.of("target"));
    }

    /** The single plugin jar in {@code folder}, as {@link #path()} picks it. */
    static Path inFolder(Path folder) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(BuiltPluginJar::isPluginJarName).sorted().toList();
        } catch (IOException e) {
            if (!Files.isDirectory(folder)) {
                throw new AssertionError("There is no " + folder.toAbsolutePath() + " folder; run the plugin's tests with "
                        + "Maven after 'package' (mvn verify runs *IT tests on the built jar).");
            }
            throw new UncheckedIOException(e);
        }
        if (jars.size() != 1) {
            throw new AssertionError((jars.isEmpty() ? "No plugin jar" : "Several jars " + jars) + " in "
                    + folder.toAbsolutePath() + "; run 'mvn verify' (the jar is packaged before *IT tests run), or name "
                    + "the jar with -D" + PROPERTY + "=...");
        }
        return jars.get(0);
    }

    private static boolean isPluginJarName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jar") && !name.startsWith("original-") && !name.endsWith("-sources.jar")
                && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar") && Files.isRegularFile(file);
    }
}

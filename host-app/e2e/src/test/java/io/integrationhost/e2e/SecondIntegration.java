package io.integrationhost.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The second integration of the end-to-end suite: generated from the plugin project template with another
 * authorization type than BambooHR's (an API key in a header) and one mode only (pre-authorization), and
 * built by Maven once per test run, as a plugin developer would build it.
 */
public final class SecondIntegration {

    public static final String ID = "acme-tickets";
    public static final String NAME = "Acme Tickets";
    public static final String PROVIDER = "Acme Tools";

    private static Path jar;

    private SecondIntegration() {
    }

    /** The plugin jar, generated and built on first use. */
    public static synchronized Path jar() throws IOException, InterruptedException {
        if (jar == null) {
            Path work = Files.createTempDirectory("second-integration-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(work)));
            jar = TemplatePluginProject.generate(work, ID, "--name", NAME, "--modes", "PRE_AUTHORIZED", "--provider", PROVIDER)
                    .build();
        }
        return jar;
    }

    /** Copies the jar into {@code root}/plugins, as an operator drops it there. */
    public static Path installInto(Path root) throws IOException, InterruptedException {
        return Files.copy(jar(), Files.createDirectories(root.resolve("plugins")).resolve(ID + "-plugin.jar"));
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}

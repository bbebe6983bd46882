package io.integrationhost.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The plugin jars this Maven build produced, copied into target/plugins before the tests run. */
final class BundledPlugins {

    private BundledPlugins() {
    }

    static Path bambooHrJar() {
        String dir = System.getProperty("bundled.plugins.dir");
        if (dir == null) {
            throw new IllegalStateException("bundled.plugins.dir is not set; run the tests through Maven (mvn verify)");
        }
        Path jar = Path.of(dir, "bamboohr-plugin.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; the build copies it there before the tests run");
        }
        return jar;
    }

    /** Copies the built BambooHR plugin jar into {@code root}/plugins. */
    static Path installBambooHr(Path root) throws IOException {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        return Files.copy(bambooHrJar(), plugins.resolve("bamboohr-plugin.jar"), StandardCopyOption.REPLACE_EXISTING);
    }
}

package io.integrationhost.testkit;

import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginSnapshot;
import io.integrationhost.runtime.plugins.PluginStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One plugin jar loaded by the host's own plugin runtime, from a plugins folder of its own that holds
 * nothing else, exactly as the host loads the jars of its plugins folder.
 */
final class LoadedPlugin implements AutoCloseable {

    private final Path pluginsDir;
    private final PluginRuntime runtime;
    private final PluginStatus status;
    private final InstalledIntegration integration;

    private LoadedPlugin(Path pluginsDir, PluginRuntime runtime, PluginStatus status, InstalledIntegration integration) {
        this.pluginsDir = pluginsDir;
        this.runtime = runtime;
        this.status = status;
        this.integration = integration;
    }

    static LoadedPlugin load(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("No plugin jar at " + jar.toAbsolutePath() + "; build it first (mvn package).");
        }
        Path pluginsDir;
        try {
            pluginsDir = Files.createTempDirectory("plugin-testkit-");
            Files.copy(jar, pluginsDir.resolve(jar.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare a plugins folder for " + jar, e);
        }
        PluginRuntime runtime = new PluginRuntime(pluginsDir);
        PluginSnapshot snapshot = runtime.load();
        PluginStatus status = snapshot.plugins().stream()
                .filter(plugin -> plugin.fileName().equals(jar.getFileName().toString()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The plugin runtime reported nothing about " + jar));
        InstalledIntegration integration = status.integrationId() == null ? null
                : snapshot.integration(status.integrationId()).orElse(null);
        return new LoadedPlugin(pluginsDir, runtime, status, integration);
    }

    /** What the host made of the jar: started, disabled or failed, and why. */
    PluginStatus status() {
        return status;
    }

    /** The integration, when the descriptor could be read; its code is there only when the plugin started. */
    Optional<InstalledIntegration> integration() {
        return Optional.ofNullable(integration);
    }

    @Override
    public void close() {
        runtime.close();
        try (Stream<Path> files = Files.walk(pluginsDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind costs nothing; the test's outcome matters more.
        }
    }
}

package io.integrationhost.testkit;

import io.integrationhost.api.PlatformApi;
import io.integrationhost.runtime.json.Json;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.IntegrationOwners;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginSnapshot;
import io.integrationhost.runtime.plugins.PluginStatus;
import io.integrationhost.runtime.plugins.ReloadCheck;
import io.integrationhost.runtime.worker.Isolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One plugin jar loaded by the host's own plugin runtime, from a plugins folder of its own that holds
 * nothing else, exactly as the host loads the jars of its plugins folder: in this process, or in a worker process of
 * its own as {@link Isolation} says (the runtime then reads only the jar's metadata here).
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

    /** The jar loaded in this process. */
    static LoadedPlugin load(Path jar) {
        return load(jar, Isolation.NONE);
    }

    /** The jar loaded as {@code isolation} says; the runtime ends its workers when it closes. */
    static LoadedPlugin load(Path jar, Isolation isolation) {
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
        PluginRuntime runtime = new PluginRuntime(pluginsDir, IntegrationOwners.NONE, ReloadCheck.NONE, isolation);
        PluginSnapshot snapshot = runtime.load();
        PluginStatus status = snapshot.plugins().stream()
                .filter(plugin -> plugin.fileName().equals(jar.getFileName().toString()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The plugin runtime reported nothing about " + jar));
        InstalledIntegration integration = status.integrationId() == null ? null
                : snapshot.integration(status.integrationId()).orElse(null);
        return new LoadedPlugin(pluginsDir, runtime, status, integration);
    }

    /**
     * The integration id the jar's descriptor declares, read from the jar alone (no code of it runs), or empty when it
     * declares none: what names a worker's settings before the runtime has read the descriptor.
     */
    static Optional<String> declaredIntegrationId(Path jar) {
        try (JarView view = JarView.open(jar)) {
            if (!view.has(PlatformApi.DESCRIPTOR_RESOURCE)) {
                return Optional.empty();
            }
            String id = Json.mapper().readTree(view.bytes(PlatformApi.DESCRIPTOR_RESOURCE)).path("id").asText("");
            return id.isBlank() ? Optional.empty() : Optional.of(id);
        } catch (IOException | RuntimeException e) {
            // The runtime reports what is wrong with the jar when it loads it.
            return Optional.empty();
        }
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

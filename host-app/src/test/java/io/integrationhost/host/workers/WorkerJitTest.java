package io.integrationhost.host.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.config.StartupException;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's JVM compiles with its first tier only unless the operator asks for the JVM's full tiered compilation
 * ({@code HOST_PLUGIN_WORKER_JIT}); the JVM the host started is looked at, not the host's settings.
 */
class WorkerJitTest {

    private static final String QUICK = "-XX:TieredStopAtLevel=1";

    @TempDir
    Path root;

    @Test
    void aWorkersJvmCompilesWithItsFirstTierOnlyByDefault() throws IOException {
        assertThat(workerCommand(Map.of())).contains(QUICK);
    }

    @Test
    void theOperatorMayGiveWorkersTheFullTieredCompilation() throws IOException {
        String command = workerCommand(Map.of("HOST_PLUGIN_WORKER_JIT", "full"));

        assertThat(command).contains("WorkerMain").doesNotContain("TieredStopAtLevel");
    }

    @Test
    void anUnknownCompilerChoiceStopsTheHostWithTheSettingsName() throws IOException {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));

        assertThatThrownBy(() -> RunningHost.start(root, Map.of("HOST_PLUGIN_WORKER_JIT", "fast")))
                .isInstanceOf(StartupException.class)
                .hasMessage("HOST_PLUGIN_WORKER_JIT must be quick or full, was 'fast'.");
    }

    /** The command line of the JVM that ran a call of the fixture service. */
    private String workerCommand(Map<String, String> settings) throws IOException {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        try (RunningHost host = RunningHost.start(root, settings)) {
            host.enablePreAuthorized("svc");
            assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"))).status())
                    .isEqualTo(200);
            JsonNode worker = host.getJson("/api/plugins").get(0).path("isolation").path("worker");
            long pid = worker.path("pid").asLong();
            return Stream.concat(ProcessHandle.of(pid).stream(), ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants))
                    .map(process -> commandLine(process.pid()))
                    .filter(command -> command.contains("WorkerMain"))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("no worker JVM under pid " + pid));
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}

package io.integrationhost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose calls hang in code that swallows interruption keeps its threads after the host stopped waiting.
 * It may hold at most half of the host's call threads: more of its calls are refused at once, and every other
 * plugin keeps running.
 */
class StuckPluginIsolationTest {

    /** More than the host's 32 call threads. */
    private static final int STUCK_CALLS = 40;

    @TempDir
    Path root;

    @Test
    void aPluginStuckInEveryCallCannotTakeTheThreadsOfTheOthers() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.service("stuck").writeTo(plugins);
        FixturePlugins.service("healthy").writeTo(plugins);
        try (RunningHost host = RunningHost.start(root, Map.of("HOST_ACTION_TIMEOUT_SECONDS", "2"))) {
            for (String id : List.of("stuck", "healthy")) {
                host.put("/api/integrations/" + id + "/authorization", Map.of("mode", "PRE_AUTHORIZED",
                        "values", Map.of("account", "acme", "token", "good-token")));
                host.post("/api/integrations/" + id + "/enable", null);
            }
            ExecutorService clients = Executors.newFixedThreadPool(STUCK_CALLS);
            List<Future<Response>> stuck = new ArrayList<>();
            for (int i = 0; i < STUCK_CALLS; i++) {
                stuck.add(clients.submit(() -> host.post("/api/integrations/stuck/actions/ignore-interrupts", Map.of("input", Map.of()))));
            }
            Thread.sleep(500); // every stuck call has reached the host and holds a thread or was refused

            Response healthy = host.post("/api/integrations/healthy/actions/echo", Map.of("input", Map.of("text", "still here")));

            assertThat(healthy.status()).as(healthy.raw().body()).isEqualTo(200);
            List<String> kinds = new ArrayList<>();
            for (Future<Response> call : stuck) {
                kinds.add(call.get().error().path("kind").asText());
            }
            clients.shutdown();
            assertThat(kinds).as("the calls beyond half the pool are refused at once").filteredOn("HOST_BUSY"::equals)
                    .hasSizeGreaterThanOrEqualTo(STUCK_CALLS - 16);
            assertThat(kinds).filteredOn("TIMEOUT"::equals).hasSizeLessThanOrEqualTo(16).isNotEmpty();
        }
    }
}

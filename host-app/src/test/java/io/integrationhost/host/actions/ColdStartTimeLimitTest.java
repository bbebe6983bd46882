package io.integrationhost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.fixtures.SlowStartPlugin;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import io.integrationhost.runtime.worker.WorkerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's worker starts on the first call of its integration, and again on the first call after it stopped when
 * idle. A call's time limit is the plugin's time to answer it: the worker's start is no part of it, as a plugin's start
 * in the host's process is no part of any call.
 */
class ColdStartTimeLimitTest {

    @TempDir
    Path root;

    @Test
    void callsThatStartAWorkerSlowerThanTheTimeLimitAreAnsweredAndTheLimitStillHoldsForThePluginsWork() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.service("slow").pluginClass(SlowStartPlugin.class).writeTo(plugins);
        try (RunningHost host = RunningHost.start(root, Map.of("HOST_ACTION_TIMEOUT_SECONDS", "1",
                "HOST_PLUGIN_WORKER_IDLE_SECONDS", "1"))) {
            // The connection test of the configuration is the plugin's first call: it starts the worker.
            Response configured = host.put("/api/integrations/slow/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("account", "acme", "token", "good-token")));
            assertThat(configured.status()).as(configured.raw().body()).isEqualTo(200);
            assertThat(host.post("/api/integrations/slow/enable", null).status()).isEqualTo(200);
            assertThat(echo(host).status()).isEqualTo(200);

            awaitIdle(host);
            Response afterIdle = echo(host);

            assertThat(afterIdle.status()).as(afterIdle.raw().body()).isEqualTo(200);
            assertThat(afterIdle.body().path("result").path("account").asText()).isEqualTo("acme");
            Response hung = host.post("/api/integrations/slow/actions/hang", Map.of());
            assertThat(hung.status()).isEqualTo(504);
            assertThat(hung.error().path("kind").asText()).isEqualTo("TIMEOUT");
            assertThat(hung.error().path("message").asText()).contains("within 1 s");
        }
    }

    private static Response echo(RunningHost host) {
        return host.post("/api/integrations/slow/actions/echo", Map.of("input", Map.of("text", "x")));
    }

    /** Until the plugin's worker has stopped for want of calls (at most 20 s). */
    private static void awaitIdle(RunningHost host) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (host.worker("slow").status().state() != WorkerStatus.State.IDLE) {
            assertThat(System.nanoTime()).as("the worker stops when idle").isLessThan(until);
            Thread.sleep(50);
        }
    }
}

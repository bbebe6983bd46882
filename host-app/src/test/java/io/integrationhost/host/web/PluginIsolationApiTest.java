package io.integrationhost.host.web;

import io.integrationhost.host.support.Bubblewrap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.fixtures.FailingStartPlugin;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/plugins} says where each plugin's code runs (a worker process of its own, sandboxed or not, or the
 * host's process) and what its worker is doing; {@code POST /api/plugins/{pluginId}/restart} lets a failed worker start
 * again. Real hosts, real fixture jars, real worker processes.
 */
class PluginIsolationApiTest {

    private static JsonNode plugin(RunningHost host, String pluginId) {
        for (JsonNode plugin : host.getJson("/api/plugins")) {
            if (pluginId.equals(plugin.path("pluginId").asText())) {
                return plugin;
            }
        }
        throw new AssertionError("GET /api/plugins lists no plugin " + pluginId);
    }

    private static void echo(RunningHost host, String integrationId) {
        RunningHost.Response answer = host.post("/api/integrations/" + integrationId + "/actions/echo",
                Map.of("input", Map.of("text", "hi")));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    }

    /** The plugin's entry once {@code condition} holds, which the host's supervisor reaches on its own thread. */
    private static JsonNode pluginOnce(RunningHost host, String pluginId, Predicate<JsonNode> condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode plugin = plugin(host, pluginId);
        while (!condition.test(plugin) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(50);
            plugin = plugin(host, pluginId);
        }
        return plugin;
    }

    @Nested
    class InASandboxedWorker {

        @RegisterExtension
        final HostWithFixtures svc = HostWithFixtures.service("svc");

        @Test
        void aPluginRunsInASandboxedWorkerThatIsIdleUntilTheFirstCallAndRunningWithItsPidAfterIt() {
            Bubblewrap.assumeAvailable();
            RunningHost host = svc.host();

            JsonNode before = plugin(host, "svc").path("isolation");
            assertThat(before.path("mode").asText()).isEqualTo("worker");
            assertThat(before.path("sandbox").asText()).isEqualTo("bubblewrap");
            assertThat(before.has("sandboxNote")).isTrue();
            assertThat(before.path("sandboxNote").isNull()).isTrue();
            assertThat(before.path("worker").path("state").asText()).as("no process before a call").isEqualTo("IDLE");
            assertThat(before.path("worker").has("pid")).isFalse();

            host.enablePreAuthorized("svc");
            echo(host, "svc");

            JsonNode plugin = plugin(host, "svc");
            JsonNode worker = plugin.path("isolation").path("worker");
            assertThat(plugin.path("state").asText()).isEqualTo("STARTED");
            assertThat(worker.path("state").asText()).isEqualTo("RUNNING");
            long pid = worker.path("pid").asLong();
            assertThat(pid).isPositive().isNotEqualTo(ProcessHandle.current().pid());
            assertThat(ProcessHandle.of(pid)).as("a live process of its own").hasValueSatisfying(process -> {
                assertThat(process.isAlive()).isTrue();
                assertThat(process.parent().map(ProcessHandle::pid)).hasValue(ProcessHandle.current().pid());
            });
            assertThat(Instant.parse(worker.path("startedAt").asText())).isBefore(Instant.now());
            assertThat(worker.path("lastStartMillis").isIntegralNumber()).isTrue();
            assertThat(worker.path("restarts").asInt()).isZero();
            assertThat(worker.path("callsInFlight").asInt()).isZero();
            assertThat(worker.has("lastCrash")).isFalse();
        }

        @Test
        void aWorkerThatIsKilledCountsARestartWithItsReasonAndTheNextCallStartsANewOne() throws Exception {
            RunningHost host = svc.host();
            host.enablePreAuthorized("svc");
            echo(host, "svc");
            long pid = plugin(host, "svc").path("isolation").path("worker").path("pid").asLong();

            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            JsonNode crashed = pluginOnce(host, "svc", p -> p.path("isolation").path("worker").path("restarts").asInt() > 0)
                    .path("isolation").path("worker");

            assertThat(crashed.path("restarts").asInt()).isEqualTo(1);
            assertThat(crashed.path("lastCrash").asText()).isEqualTo("was killed (signal 9)");
            assertThat(Instant.parse(crashed.path("lastCrashAt").asText())).isBefore(Instant.now());
            assertThat(crashed.path("state").asText()).isEqualTo("IDLE");
            assertThat(plugin(host, "svc").path("state").asText()).as("one crash does not fail the plugin").isEqualTo("STARTED");

            echo(host, "svc");
            JsonNode again = plugin(host, "svc").path("isolation").path("worker");
            assertThat(again.path("state").asText()).isEqualTo("RUNNING");
            assertThat(again.path("pid").asLong()).isNotEqualTo(pid);
            assertThat(again.path("restarts").asInt()).isEqualTo(1);
        }

        @Test
        void restartingAPluginThatIsNotInstalledIsNotFound() {
            RunningHost.Response answer = svc.host().post("/api/plugins/nope/restart", null);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.error().path("kind").asText()).isEqualTo("NOT_FOUND");
        }
    }

    @Nested
    class InTheHostsProcess {

        @RegisterExtension
        final HostWithFixtures svc = HostWithFixtures.service("svc").setting("HOST_IN_PROCESS_PLUGINS", "svc").preAuthorized();

        @Test
        void aPluginTheOperatorTrustsRunsInTheHostsProcessWithNoSandboxAndNoWorker() {
            echo(svc.host(), "svc");

            JsonNode isolation = plugin(svc.host(), "svc").path("isolation");

            assertThat(isolation.path("mode").asText()).isEqualTo("in-process");
            assertThat(isolation.has("sandbox")).isTrue();
            assertThat(isolation.path("sandbox").isNull()).isTrue();
            assertThat(isolation.has("worker")).isTrue();
            assertThat(isolation.path("worker").isNull()).isTrue();
        }

        @Test
        void restartingAPluginThatRunsInTheHostsProcessIsAConflictThatSaysWhy() {
            RunningHost.Response answer = svc.host().post("/api/plugins/svc/restart", null);

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.error().path("kind").asText()).isEqualTo("CONFLICT");
            assertThat(answer.error().path("message").asText()).contains("runs in the host's process");
            assertThat(answer.error().path("remedy").asText()).contains("HOST_IN_PROCESS_PLUGINS");
            assertThat(svc.host().getJson("/api/audit?limit=100")).noneMatch(e -> e.path("action").asText().equals("plugin.restart"));
        }
    }

    @Nested
    class WithoutASandbox {

        @RegisterExtension
        final HostWithFixtures svc = HostWithFixtures.service("svc").setting("HOST_PLUGIN_SANDBOX", "none").preAuthorized();

        @Test
        void aWorkerWithoutASandboxSaysSoWithTheReason() {
            echo(svc.host(), "svc");

            JsonNode isolation = plugin(svc.host(), "svc").path("isolation");

            assertThat(isolation.path("mode").asText()).isEqualTo("worker");
            assertThat(isolation.path("sandbox").asText()).isEqualTo("none");
            assertThat(isolation.path("sandboxNote").asText()).contains("HOST_PLUGIN_SANDBOX=none");
            assertThat(isolation.path("worker").path("state").asText()).isEqualTo("RUNNING");
        }
    }

    @Nested
    class WhoseStartFails {

        @RegisterExtension
        final HostWithFixtures broken = HostWithFixtures.on("broken", failingStart("broken"));

        private static FixturePlugins failingStart(String pluginId) {
            try {
                return FixturePlugins.plugin(pluginId).pluginClass(FailingStartPlugin.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The first call of the integration: its connection test, which starts its worker. */
        private RunningHost.Response authorize() {
            return broken.host().put("/api/integrations/broken/authorization",
                    Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("token", "good-token")));
        }

        @Test
        void aPluginWhoseStartFailsInItsWorkerIsShownFailedWithTheReasonAndARestartLetsTheNextCallTryAgain() {
            RunningHost host = broken.host();
            JsonNode loaded = plugin(host, "broken");
            assertThat(loaded.path("state").asText()).as("the host runs none of its code to load it").isEqualTo("STARTED");
            assertThat(loaded.path("isolation").path("worker").path("state").asText()).isEqualTo("IDLE");

            assertThat(authorize().status()).isGreaterThanOrEqualTo(400);

            JsonNode failed = plugin(host, "broken");
            String reason = failed.path("reason").asText();
            assertThat(failed.path("state").asText()).isEqualTo("FAILED");
            assertThat(reason).contains("fixture refuses to start");
            assertThat(failed.path("reasons")).hasSize(1);
            assertThat(failed.path("reasons").get(0).asText()).isEqualTo(reason);
            assertThat(failed.path("isolation").path("worker").path("state").asText()).isEqualTo("FAILED");
            assertThat(failed.path("isolation").path("worker").path("failure").asText()).isEqualTo(reason);
            assertThat(failed.path("version").asText()).isEqualTo(loaded.path("version").asText());
            assertThat(failed.path("fileName").asText()).isEqualTo(loaded.path("fileName").asText());
            assertThat(failed.path("integrationId").asText()).isEqualTo("broken");

            RunningHost.Response restarted = host.post("/api/plugins/broken/restart", null);

            assertThat(restarted.status()).as(restarted.raw().body()).isEqualTo(200);
            assertThat(restarted.body().path("pluginId").asText()).isEqualTo("broken");
            assertThat(restarted.body().path("state").asText()).isEqualTo("STARTED");
            assertThat(restarted.body().path("isolation").path("worker").path("state").asText()).isEqualTo("IDLE");
            JsonNode audited = host.getJson("/api/audit?limit=100").get(0);
            assertThat(audited.path("action").asText()).isEqualTo("plugin.restart");
            assertThat(audited.path("actor").asText()).isEqualTo("admin");
            assertThat(audited.path("integrationId").asText()).isEqualTo("broken");
            assertThat(audited.path("outcome").asText()).isEqualTo("SUCCESS");
            assertThat(audited.path("detail").asText()).startsWith("broken 1.0.0: its worker was FAILED: ").contains(reason);

            assertThat(authorize().status()).as("the next call starts a worker again").isGreaterThanOrEqualTo(400);

            JsonNode failedAgain = plugin(host, "broken");
            assertThat(failedAgain.path("state").asText()).isEqualTo("FAILED");
            assertThat(failedAgain.path("reason").asText()).isEqualTo(reason);
        }
    }
}

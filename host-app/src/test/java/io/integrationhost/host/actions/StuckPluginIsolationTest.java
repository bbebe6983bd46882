package io.integrationhost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import io.integrationhost.runtime.worker.WorkerStatus;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * plugin keeps running. Uninstalling or upgrading it does not give it more: it is not loaded again while they run.
 *
 * <p>That is the plugin in the host's process. In its worker (the default) the stuck threads are the worker's: the
 * worker keeps the same share, and is replaced once its threads do not come free, so an upgrade waits for nothing.
 */
class StuckPluginIsolationTest {

    /** More than the host's 32 call threads. */
    private static final int STUCK_CALLS = 40;
    /** Half of the host's call threads: the most one plugin may hold. */
    private static final int SHARE = 16;

    @TempDir
    Path root;

    @Test
    void aPluginStuckInEveryCallCannotTakeTheThreadsOfTheOthers() throws Exception {
        try (RunningHost host = startStuckAndHealthy(2)) {
            ExecutorService clients = Executors.newFixedThreadPool(STUCK_CALLS);
            List<Future<Response>> stuck = new ArrayList<>();
            for (int i = 0; i < STUCK_CALLS; i++) {
                stuck.add(clients.submit(() -> host.post("/api/integrations/stuck/actions/ignore-interrupts", Map.of("input", Map.of()))));
            }
            Thread.sleep(500); // every stuck call has reached the host and holds a thread or was refused

            Response healthy = echo(host, "healthy");

            assertThat(healthy.status()).as(healthy.raw().body()).isEqualTo(200);
            List<String> kinds = kinds(stuck);
            clients.shutdown();
            assertThat(kinds).as("the calls beyond half the pool are refused at once").filteredOn("HOST_BUSY"::equals)
                    .hasSizeGreaterThanOrEqualTo(STUCK_CALLS - SHARE);
            assertThat(kinds).filteredOn("TIMEOUT"::equals).hasSizeLessThanOrEqualTo(SHARE).isNotEmpty();
        }
    }

    @Test
    void aPluginWhoseStuckCallsStillRunIsNotLoadedAgainUntilTheyEndAndTheOthersKeepAnswering() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Path stuckJar = installStuckAndHealthy(plugins);
        Path hold = Files.createFile(root.resolve("stuck-calls-hold-while-this-exists"));
        try (RunningHost host = startHolding(hold)) {
            host.enablePreAuthorized("stuck");
            host.enablePreAuthorized("healthy");
            List<String> kinds = callStuckAtOnce(host, SHARE + 4);
            assertThat(kinds).as("the host stopped waiting for a whole share of calls").filteredOn("TIMEOUT"::equals).hasSize(SHARE);

            Response upgrade = upload(host, stuckJar, "stuck-2.jar");

            assertThat(upgrade.status()).as(upgrade.raw().body()).isEqualTo(409);
            assertThat(upgrade.error().path("kind").asText()).isEqualTo("PLUGIN_BUSY");
            assertThat(upgrade.error().path("message").asText()).contains(SHARE + " of its calls are still running");
            assertThat(upgrade.error().path("remedy").asText()).startsWith("Restart the host");
            assertThat(host.getJson("/api/plugins").findValuesAsText("fileName")).contains("stuck.jar").doesNotContain("stuck-2.jar");
            assertThat(echo(host, "healthy").status()).isEqualTo(200);

            assertThat(host.delete("/api/plugins/stuck").status()).isEqualTo(204);
            Response reinstall = upload(host, stuckJar, "stuck.jar");

            assertThat(reinstall.status()).as(reinstall.raw().body()).isEqualTo(409);
            assertThat(reinstall.error().path("kind").asText()).isEqualTo("PLUGIN_BUSY");
            assertThat(reinstall.error().path("abandonedCalls").asInt()).isEqualTo(SHARE);
            assertThat(Files.exists(plugins.resolve("stuck.jar"))).as("nothing is kept").isFalse();
            assertThat(echo(host, "healthy").status()).isEqualTo(200);

            Files.delete(hold);
            Response afterTheyEnded = uploadOnceTheyEnded(host, stuckJar);

            assertThat(afterTheyEnded.status()).as(afterTheyEnded.raw().body()).isEqualTo(201);
            assertThat(echo(host, "stuck").status()).as("its share is whole again").isEqualTo(200);
            assertThat(echo(host, "healthy").status()).isEqualTo(200);
        }
    }

    @Test
    void aPluginWhoseCallsAreStuckInItsWorkerIsUpgradedAtOnceAndTheOthersKeepAnswering() throws Exception {
        Path stuckJar = installStuckAndHealthy(Files.createDirectories(root.resolve("plugins")));
        // No hold file (a sandboxed worker does not see the test's files): each stuck call holds its thread for 4 s.
        try (RunningHost host = RunningHost.start(root, Map.of("HOST_ACTION_TIMEOUT_SECONDS", "1"))) {
            host.enablePreAuthorized("stuck");
            host.enablePreAuthorized("healthy");
            List<String> kinds = callStuckAtOnce(host, SHARE + 4);
            assertThat(kinds).as("the host stopped waiting for a whole share of calls").filteredOn("TIMEOUT"::equals).hasSize(SHARE);
            assertThat(kinds).as("the calls beyond the share are refused at once").filteredOn("HOST_BUSY"::equals).hasSize(4);

            Response upgrade = upload(host, stuckJar, "stuck-2.jar");

            assertThat(upgrade.status()).as("the stuck threads hold none of the host's: " + upgrade.raw().body()).isEqualTo(201);
            assertThat(host.getJson("/api/plugins").findValuesAsText("fileName")).contains("stuck-2.jar").doesNotContain("stuck.jar");
            assertThat(echo(host, "stuck").status()).as("the new version's worker answers").isEqualTo(200);
            assertThat(echo(host, "healthy").status()).isEqualTo(200);
        }
    }

    @Test
    void theListOfPluginsShowsHowManyCallsOfAPluginStillRunAfterTheHostStoppedWaitingForThem() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.service("stuck").writeTo(plugins);
        FixturePlugins.service("healthy").writeTo(plugins);
        Path hold = Files.createFile(root.resolve("stuck-calls-hold-while-this-exists"));
        try (RunningHost host = startHolding(hold)) {
            host.enablePreAuthorized("stuck");
            host.enablePreAuthorized("healthy");
            assertThat(abandonedCalls(host)).containsEntry("stuck", 0).containsEntry("healthy", 0);

            assertThat(callStuckAtOnce(host, 3)).containsExactly("TIMEOUT", "TIMEOUT", "TIMEOUT");

            assertThat(abandonedCalls(host)).as("while their code still runs").containsEntry("stuck", 3).containsEntry("healthy", 0);

            Files.delete(hold);
            Map<String, Integer> afterTheyEnded = abandonedCallsOnceTheyEnded(host, "stuck");

            assertThat(afterTheyEnded).containsEntry("stuck", 0).containsEntry("healthy", 0);
        }
    }

    @Test
    void aWorkerWhoseStuckCallsDoNotComeFreeIsReplacedAndTheNextCallIsAnsweredByANewProcess() throws Exception {
        try (RunningHost host = startStuckAndHealthy(1)) {
            long stuckPid = host.worker("stuck").status().pid();
            long healthyPid = host.worker("healthy").status().pid();

            assertThat(callStuckAtOnce(host, 3)).containsExactly("TIMEOUT", "TIMEOUT", "TIMEOUT");
            awaitEnded(stuckPid);

            Response next = echo(host, "stuck");
            assertThat(next.status()).as(next.raw().body()).isEqualTo(200);
            WorkerStatus replaced = host.worker("stuck").status();
            assertThat(replaced.state()).isEqualTo(WorkerStatus.State.RUNNING);
            assertThat(replaced.pid()).isNotEqualTo(stuckPid);
            assertThat(replaced.restarts()).as("a replacement is no crash").isZero();
            assertThat(echo(host, "healthy").status()).isEqualTo(200);
            assertThat(host.worker("healthy").status().pid()).isEqualTo(healthyPid);
        }
    }

    /** Writes {@code stuck.jar} and {@code healthy.jar} into {@code plugins}; answers a copy of the first kept apart. */
    private Path installStuckAndHealthy(Path plugins) throws Exception {
        Path stuckJar = FixturePlugins.service("stuck").writeTo(Files.createDirectories(root.resolve("uploads")));
        Files.copy(stuckJar, plugins.resolve("stuck.jar"));
        FixturePlugins.service("healthy").writeTo(plugins);
        return stuckJar;
    }

    /** A host with a time-out of {@code seconds} on the plugins {@code stuck} and {@code healthy}, both enabled. */
    private RunningHost startStuckAndHealthy(int seconds) throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.service("stuck").writeTo(plugins);
        FixturePlugins.service("healthy").writeTo(plugins);
        RunningHost host = RunningHost.start(root, Map.of("HOST_ACTION_TIMEOUT_SECONDS", String.valueOf(seconds)));
        try {
            host.enablePreAuthorized("stuck");
            host.enablePreAuthorized("healthy");
            return host;
        } catch (RuntimeException | AssertionError e) {
            host.close();
            throw e;
        }
    }

    /** Until process {@code pid} has ended (at most 20 s). */
    private static void awaitEnded(long pid) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(System.nanoTime()).as("the stuck worker (pid %d) ends", pid).isLessThan(until);
            Thread.sleep(50);
        }
    }

    /** Each listed plugin's {@code abandonedCalls}, by plugin id. */
    private static Map<String, Integer> abandonedCalls(RunningHost host) {
        Map<String, Integer> byId = new HashMap<>();
        host.getJson("/api/plugins").forEach(plugin -> {
            assertThat(plugin.has("abandonedCalls")).as(plugin.toString()).isTrue();
            byId.put(plugin.path("pluginId").asText(), plugin.path("abandonedCalls").asInt());
        });
        return byId;
    }

    /** The list once no call of {@code pluginId} runs any more (its stuck calls notice within 50 ms), or after 10 s. */
    private static Map<String, Integer> abandonedCallsOnceTheyEnded(RunningHost host, String pluginId) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        Map<String, Integer> list = abandonedCalls(host);
        while (list.getOrDefault(pluginId, 0) > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
            list = abandonedCalls(host);
        }
        return list;
    }

    /**
     * A host with a time-out of 1 s, whose {@code stuck} plugin's calls hold their threads while {@code hold} exists.
     * That plugin runs in the host's process: its stuck calls hold threads of the host's pool, which is what these
     * tests are about.
     */
    private RunningHost startHolding(Path hold) {
        return RunningHost.start(root, Map.of("HOST_ACTION_TIMEOUT_SECONDS", "1", "STUCK_HOLD_FILE", hold.toString(),
                "HOST_IN_PROCESS_PLUGINS", "stuck"));
    }

    /** The error kinds {@code count} calls of {@code stuck} sent at once were answered with. */
    private static List<String> callStuckAtOnce(RunningHost host, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(clients.submit(() -> host.post("/api/integrations/stuck/actions/ignore-interrupts", Map.of("input", Map.of()))));
            }
            return kinds(calls);
        } finally {
            clients.shutdown();
        }
    }

    private static Response echo(RunningHost host, String integrationId) {
        return host.post("/api/integrations/" + integrationId + "/actions/echo", Map.of("input", Map.of("text", "still here")));
    }

    private static List<String> kinds(List<Future<Response>> answers) throws Exception {
        List<String> kinds = new ArrayList<>();
        for (Future<Response> answer : answers) {
            kinds.add(answer.get().error().path("kind").asText());
        }
        return kinds;
    }

    private static Response upload(RunningHost host, Path jar, String fileName) throws Exception {
        var answer = host.send(HttpRequest.newBuilder(host.uri("/api/plugins?fileName=" + fileName))
                .header("Authorization", "Bearer " + RunningHost.ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.ofFile(jar)));
        return new Response(answer.statusCode(), RunningHost.parse(answer.body()), answer);
    }

    /** Installs {@code jar} as soon as the host no longer refuses it as busy (its stuck calls notice within 50 ms). */
    private static Response uploadOnceTheyEnded(RunningHost host, Path jar) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        Response answer = upload(host, jar, "stuck.jar");
        while (answer.status() == 409 && System.nanoTime() < until) {
            Thread.sleep(50);
            answer = upload(host, jar, "stuck.jar");
        }
        return answer;
    }
}

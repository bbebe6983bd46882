package io.integrationhost.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.DatabaseRelay;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two host instances in one JVM over one PostgreSQL database, each with a plugins folder and a data folder of its own:
 * a plugin installed, upgraded or uninstalled through one applies to the other. Skipped (with a notice) when
 * {@code TEST_POSTGRES_URL} is not set.
 */
class ClusterPluginSetTest {

    /** Short rounds, so that the lease (3 rounds + 2 s) is short too. */
    private static final Map<String, String> FAST_SYNC = Map.of("HOST_CLUSTER_SYNC_MILLIS", "200",
            "HOST_IN_PROCESS_PLUGINS", "svc");
    private static final Map<String, Object> ECHO = Map.of("input", Map.of("text", "x"));

    @TempDir
    Path root;
    private String url;

    @BeforeEach
    void freshDatabase() {
        url = Databases.POSTGRESQL.freshUrl(root.resolve("unused"));
    }

    private RunningHost instance(String name) throws Exception {
        return instance(name, FAST_SYNC);
    }

    private RunningHost instance(String name, Map<String, String> environment) throws Exception {
        return RunningHost.instance(Files.createDirectories(root.resolve(name + "-plugins")), root.resolve(name + "-data"), url,
                environment);
    }

    private Path jar(String version) throws Exception {
        return FixturePlugins.service("svc").version(version).writeTo(Files.createDirectories(root.resolve("jars-" + version)));
    }

    @Test
    void aPluginInstalledThroughOneInstanceIsServedByTheOtherWithinSeconds() throws Exception {
        try (RunningHost a = instance("a"); RunningHost b = instance("b")) {
            Response installed = a.uploadPlugin(jar("1.0.0"), "svc.jar");

            assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
            assertThat(installed.body().path("cluster").path("otherInstances").asInt()).isEqualTo(1);
            a.enablePreAuthorized("svc");
            Response served = eventually(() -> b.post("/api/integrations/svc/actions/echo", ECHO), r -> r.status() == 200);
            assertThat(served.status()).as(served.raw().body()).isEqualTo(200);
            assertThat(plugin(b, "svc").path("state").asText()).isEqualTo("STARTED");
            assertThat(Files.exists(root.resolve("b-plugins").resolve("svc.jar"))).isTrue();
            assertThat(eventually(() -> plugin(a, "svc").path("instances"), instances -> instances.size() == 2))
                    .allSatisfy(instance -> {
                        assertThat(instance.path("state").asText()).isEqualTo("STARTED");
                        assertThat(instance.path("version").asText()).isEqualTo("1.0.0");
                        assertThat(instance.path("live").asBoolean()).isTrue();
                    });
        }
    }

    @Test
    void anUpgradeThroughOneInstanceIsWhatTheOtherServesOnceItIsAnswered() throws Exception {
        try (RunningHost a = instance("a"); RunningHost b = instance("b")) {
            a.uploadPlugin(jar("1.0.0"), "svc.jar");
            eventually(() -> versionServed(b), "1.0.0"::equals);

            Response upgraded = a.uploadPlugin(jar("2.0.0"), "svc.jar");

            assertThat(upgraded.status()).as(upgraded.raw().body()).isEqualTo(201);
            assertThat(upgraded.body().path("cluster").path("notCaughtUp")).isEmpty();
            // No waiting here: the upgrade answered only once B had applied it.
            assertThat(versionServed(b)).isEqualTo("2.0.0");
            a.enablePreAuthorized("svc");
            assertThat(b.post("/api/integrations/svc/actions/echo", ECHO).status()).isEqualTo(200);
        }
    }

    @Test
    void onceAnUninstallIsAnsweredNoCallThroughTheOtherInstanceReachesThePlugin() throws Exception {
        // The default interval: B's round may come up to a second after A wrote the change.
        Map<String, String> defaultSync = Map.of("HOST_IN_PROCESS_PLUGINS", "svc");
        try (RunningHost a = instance("a", defaultSync); RunningHost b = instance("b", defaultSync)) {
            a.uploadPlugin(jar("1.0.0"), "svc.jar");
            a.enablePreAuthorized("svc");
            eventually(() -> b.post("/api/integrations/svc/actions/echo", ECHO), r -> r.status() == 200);

            record Call(long startedAt, Response answer) {
            }
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService callers = Executors.newFixedThreadPool(4);
            List<Future<List<Call>>> calling = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calling.add(callers.submit(() -> {
                    List<Call> calls = new ArrayList<>();
                    while (!stop.get()) {
                        long startedAt = System.nanoTime();
                        calls.add(new Call(startedAt, b.post("/api/integrations/svc/actions/echo", ECHO)));
                    }
                    return calls;
                }));
            }
            Thread.sleep(300);
            Response uninstalled = a.delete("/api/plugins/svc");
            long answeredAt = System.nanoTime();
            Thread.sleep(1000);
            stop.set(true);
            List<Call> calls = new ArrayList<>();
            for (Future<List<Call>> each : calling) {
                calls.addAll(each.get());
            }
            callers.shutdown();

            assertThat(uninstalled.status()).as(uninstalled.raw().body()).isEqualTo(204);
            assertThat(calls).filteredOn(call -> call.startedAt() < answeredAt && call.answer().status() == 200).isNotEmpty();
            assertThat(calls).filteredOn(call -> call.startedAt() > answeredAt).isNotEmpty().allSatisfy(call ->
                    assertThat(call.answer().error().path("kind").asText()).as(call.answer().raw().body())
                            .isIn("NOT_FOUND", "PLUGINS_OUT_OF_SYNC"));
            assertThat(calls).allSatisfy(call -> assertThat(call.answer().status()).as(call.answer().raw().body())
                    .isIn(200, 404, 503));
            assertThat(plugins(b)).noneMatch(plugin -> plugin.path("pluginId").asText().equals("svc"));
        }
    }

    @Test
    void aJarInTheFolderThatTheSetLacksIsPublishedAndOneAtAnotherChecksumGivesWayToTheSets() throws Exception {
        Path aPlugins = Files.createDirectories(root.resolve("a-plugins"));
        Files.copy(jar("1.0.0"), aPlugins.resolve("svc.jar"));
        Path bPlugins = Files.createDirectories(root.resolve("b-plugins"));
        Files.copy(jar("1.0.1"), bPlugins.resolve("svc.jar"));
        try (RunningHost a = instance("a"); RunningHost b = instance("b")) {
            JsonNode svcOnB = plugin(b, "svc");

            assertThat(svcOnB.path("version").asText()).isEqualTo("1.0.0");
            assertThat(Files.readAllBytes(bPlugins.resolve("svc.jar"))).isEqualTo(Files.readAllBytes(aPlugins.resolve("svc.jar")));
            assertThat(plugin(a, "svc").path("version").asText()).isEqualTo("1.0.0");
            JsonNode onB = instanceState(svcOnB, b);
            assertThat(onB.path("reason").asText()).contains("differed from the cluster's jar").contains("1.0.1");
            JsonNode onA = instanceState(plugin(a, "svc"), a);
            assertThat(onA.path("reason").asText()).contains("Published to the cluster's plugin set");
        }
    }

    @Test
    void aJarWhoseChecksumDoesNotMatchIsRefusedOnTheInstanceThatReadsItWithTheReason() throws Exception {
        try (RunningHost a = instance("a")) {
            a.uploadPlugin(jar("1.0.0"), "svc.jar");
            Databases.execute(url, "UPDATE cluster_plugins SET sha256 = '" + "0".repeat(64) + "' WHERE plugin_id = 'svc'");
            try (RunningHost b = instance("b")) {
                assertThat(b.get("/api/integrations/svc").statusCode()).as("B provides no integration svc").isEqualTo(404);
                assertThat(Files.exists(root.resolve("b-plugins").resolve("svc.jar"))).isFalse();
                JsonNode svcOnB = plugin(b, "svc");
                assertThat(svcOnB.path("state").asText()).isEqualTo("FAILED");
                assertThat(svcOnB.path("reason").asText()).contains("does not match its checksum");
                assertThat(instanceState(svcOnB, b).path("state").asText()).isEqualTo("FAILED");
            }
        }
    }

    @Test
    void anInstallWhoseWriteToTheSetFailsIsUndoneOnTheInstanceAndTheAnswerSaysSo() throws Exception {
        try (RunningHost a = instance("a")) {
            Databases.execute(url, "CREATE FUNCTION refuse_plugins() RETURNS trigger LANGUAGE plpgsql AS"
                            + " $$ BEGIN RAISE EXCEPTION 'the plugin set is read-only'; END $$",
                    "CREATE TRIGGER refuse_plugins BEFORE INSERT OR UPDATE ON cluster_plugins FOR EACH ROW"
                            + " EXECUTE FUNCTION refuse_plugins()");

            Response refused = a.uploadPlugin(jar("1.0.0"), "svc.jar");

            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(500);
            assertThat(refused.error().path("message").asText()).contains("could not be written")
                    .contains("it was undone on this instance");
            assertThat(plugins(a)).noneMatch(plugin -> plugin.path("pluginId").asText().equals("svc"));
            assertThat(Files.exists(root.resolve("a-plugins").resolve("svc.jar"))).isFalse();
            assertThat(Databases.count(url, "SELECT COUNT(*) FROM audit_event WHERE action = 'plugin.installed'")).isZero();
        }
    }

    @Test
    void anInstanceThatStoppedHeartBeatingShowsAsNotLive() throws Exception {
        try (RunningHost a = instance("a")) {
            a.uploadPlugin(jar("1.0.0"), "svc.jar");
            String bId;
            try (RunningHost b = instance("b")) {
                bId = b.host().services().pluginAdministration().sync().instanceId();
                assertThat(eventually(() -> instanceNamed(plugin(a, "svc"), bId), node -> !node.isMissingNode())
                        .path("live").asBoolean()).isTrue();
            }

            JsonNode stopped = eventually(() -> instanceNamed(plugin(a, "svc"), bId), node -> !node.path("live").asBoolean());
            assertThat(stopped.path("live").asBoolean()).isFalse();
            // Not live, so an uninstall does not wait for it.
            assertThat(a.delete("/api/plugins/svc").status()).isEqualTo(204);
        }
    }

    @Test
    void anInstanceThatCannotReadTheSetRefusesPluginCallsUntilItCan() throws Exception {
        try (RunningHost a = instance("a")) {
            a.uploadPlugin(jar("1.0.0"), "svc.jar");
            a.enablePreAuthorized("svc");
            assertThat(a.post("/api/integrations/svc/actions/echo", ECHO).status()).isEqualTo(200);
            try (Connection locker = DriverManager.getConnection(url)) {
                locker.setAutoCommit(false);
                locker.createStatement().execute("LOCK TABLE cluster_generation IN ACCESS EXCLUSIVE MODE");
                Response refused = eventually(() -> a.post("/api/integrations/svc/actions/echo", ECHO), r -> r.status() != 200);

                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.error().path("kind").asText()).isEqualTo("PLUGINS_OUT_OF_SYNC");
                assertThat(refused.error().path("remedy").asText()).contains("another instance");
                locker.rollback();
            }
            assertThat(eventually(() -> a.post("/api/integrations/svc/actions/echo", ECHO), r -> r.status() == 200).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void anInstanceCutOffFromTheDatabaseDuringAnUpgradeIsNamedInTheAnswerAndCallsNoPluginUntilItCatchesUp()
            throws Exception {
        try (DatabaseRelay relay = DatabaseRelay.to(url); RunningHost a = instance("a");
             RunningHost b = RunningHost.instance(Files.createDirectories(root.resolve("b-plugins")), root.resolve("b-data"),
                     relay.url(url), FAST_SYNC)) {
            a.uploadPlugin(jar("1.0.0"), "svc.jar");
            a.enablePreAuthorized("svc");
            eventually(() -> b.post("/api/integrations/svc/actions/echo", ECHO), r -> r.status() == 200);
            String bId = b.host().services().pluginAdministration().sync().instanceId();
            relay.pause();

            Response upgraded = a.uploadPlugin(jar("2.0.0"), "svc.jar");

            assertThat(upgraded.status()).as(upgraded.raw().body()).isEqualTo(201);
            assertThat(upgraded.body().path("cluster").path("notCaughtUp")).extracting(JsonNode::asText).containsExactly(bId);
            Response refused = b.post("/api/integrations/svc/actions/echo", ECHO);
            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(503);
            assertThat(refused.error().path("kind").asText()).isEqualTo("PLUGINS_OUT_OF_SYNC");
            relay.resume();
            assertThat(eventually(() -> b.post("/api/integrations/svc/actions/echo", ECHO), r -> r.status() == 200).status())
                    .isEqualTo(200);
            assertThat(versionServed(b)).isEqualTo("2.0.0");
        }
    }

    /** The version of the plugin providing integration svc on {@code host}, or none while it provides none. */
    private static String versionServed(RunningHost host) {
        var answer = host.get("/api/integrations/svc");
        return answer.statusCode() != 200 ? "none" : RunningHost.parse(answer.body()).path("plugin").path("version").asText();
    }

    private static JsonNode plugin(RunningHost host, String pluginId) {
        return plugins(host).stream().filter(plugin -> plugin.path("pluginId").asText().equals(pluginId)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + pluginId + " in " + host.getJson("/api/plugins")));
    }

    private static List<JsonNode> plugins(RunningHost host) {
        return StreamSupport.stream(host.getJson("/api/plugins").spliterator(), false).toList();
    }

    private static JsonNode instanceState(JsonNode plugin, RunningHost instance) {
        return instanceNamed(plugin, instance.host().services().pluginAdministration().sync().instanceId());
    }

    private static JsonNode instanceNamed(JsonNode plugin, String instanceId) {
        for (JsonNode instance : plugin.path("instances")) {
            if (instance.path("instanceId").asText().equals(instanceId)) {
                return instance;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The first of {@code read}'s answers {@code done} accepts, within 15 s; the last one after that. */
    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = read.get();
        }
        return value;
    }
}

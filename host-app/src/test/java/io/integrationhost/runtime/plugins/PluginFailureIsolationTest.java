package io.integrationhost.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.fixtures.FailingStartPlugin;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.runtime.worker.WorkerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Bad plugins side by side with good ones: each failure is visible with its reason, and the host and the
 * other plugins keep working.
 */
class PluginFailureIsolationTest {

    @TempDir
    Path root;
    Path plugins;

    /**
     * The failing plugin in the host's process, whose start code runs as the plugins folder is loaded; in a worker
     * (the default) it runs when the worker starts, on the plugin's first call.
     */
    private static final Map<String, String> IN_PROCESS_CRASHES = Map.of("HOST_IN_PROCESS_PLUGINS", "crashes");

    @BeforeEach
    void plugins() throws Exception {
        plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.plugin("good").writeTo(plugins);
        FixturePlugins.plugin("also-good").writeTo(plugins);
    }

    @Test
    void descriptorThatDoesNotValidateFailsThePluginWithEveryViolation() throws Exception {
        FixturePlugins.plugin("bad-descriptor").descriptor("""
                {"id": "Bad Id!", "name": "", "icon": "icon.svg",
                 "authorization": {"type": "CARRIER_PIGEON", "modes": [], "fields": []},
                 "actions": []}
                """).writeTo(plugins);

        Map<String, JsonNode> status = startAndReadPlugins();

        JsonNode bad = status.get("bad-descriptor");
        assertThat(bad.path("state").asText()).isEqualTo("FAILED");
        assertThat(bad.path("reason").asText())
                .contains("Invalid integration.json")
                .contains("$.id").contains("$.name")
                .contains("$.authorization.type").contains("$.authorization.modes")
                .contains("'description'");
        assertGoodPluginsStillWork(status);
    }

    @Test
    void descriptorBreakingRulesTheSchemaCannotExpressIsRefusedToo() throws Exception {
        FixturePlugins.plugin("dup-actions").descriptor(FixturePlugins.descriptorFor("dup-actions", "Dup")
                .replace("\"icon.svg\"", "\"missing.svg\"")
                .replace("\"actions\": [", "\"actions\": [{\"id\": \"echo\", \"name\": \"Again\", \"description\": \"x\", "
                        + "\"inputSchema\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"nonsense\"}}}},"))
                .writeTo(plugins);

        JsonNode bad = startAndReadPlugins().get("dup-actions");

        assertThat(bad.path("state").asText()).isEqualTo("FAILED");
        assertThat(bad.path("reason").asText())
                .contains("'missing.svg' is not in the jar")
                .contains("the id 'echo' is declared more than once")
                .contains("inputSchema is not a valid JSON Schema");
    }

    @Test
    void schemaErrorsRuleBreachesAndTheKitsRulesAreAllReportedInOneAnswer() throws Exception {
        FixturePlugins.plugin("many-faults").descriptor(FixturePlugins.descriptorFor("many-faults", "")
                .replace("\"fields\": [", "\"fields\": [{\"key\": \"apiToken\", \"label\": \"API token\", "
                        + "\"required\": true, \"secret\": false},")
                .replace("\"actions\": [", "\"actions\": [{\"id\": \"echo\", \"name\": \"Again\", \"description\": \"x\", "
                        + "\"inputSchema\": {\"type\": \"object\", \"required\": [\"thingId\"]}},"))
                .writeTo(plugins);

        JsonNode bad = startAndReadPlugins().get("many-faults");

        assertThat(bad.path("state").asText()).isEqualTo("FAILED");
        assertThat(bad.path("reason").asText()).isEqualTo("Invalid integration.json: "
                + "$.name: must not be empty; "
                + "$.actions: the id 'echo' is declared more than once; "
                + "$.authorization.fields: 'apiToken' (API token) looks like a secret but is not flagged \"secret\": true; "
                + "secret values are encrypted at rest and masked in every answer. If it really is public, say so with "
                + "\"publicDespiteName\": true; "
                + "$.actions[echo].inputSchema requires 'thingId' but does not declare it under 'properties', so a form "
                + "built from the schema cannot ask for it");
    }

    @Test
    void aPluginRequiresThatAlsoAcceptsTheNextMajorVersionFailsThePluginAsTheKitFailsIt() throws Exception {
        FixturePlugins.plugin("unbounded").requires(">=1.0.0").writeTo(plugins);

        JsonNode unbounded = startAndReadPlugins().get("unbounded");

        assertThat(unbounded.path("state").asText()).isEqualTo("FAILED");
        assertThat(unbounded.path("reason").asText()).isEqualTo("Invalid manifest: Plugin-Requires '>=1.0.0' also accepts "
                + "platform 2.0.0, whose contract may change incompatibly; bound it, such as >=1.3.0 & <2.0.0.");
    }

    @Test
    void unsatisfiedPluginRequiresIsNotStartedAndSaysWhy() throws Exception {
        FixturePlugins.plugin("from-the-future").requires(">=9.0.0").writeTo(plugins);

        Map<String, JsonNode> status = startAndReadPlugins();

        JsonNode future = status.get("from-the-future");
        assertThat(future.path("state").asText()).isEqualTo("DISABLED");
        assertThat(future.path("reason").asText()).contains(">=9.0.0").contains("this host provides 1.3.0");
        assertGoodPluginsStillWork(status);
    }

    @Test
    void aPluginNotStartedForItsPluginRequiresStaysInTheCatalogAsDisabledWithItsMetadataAndCannotRun() throws Exception {
        FixturePlugins.plugin("from-the-future").requires(">=9.0.0").writeTo(plugins);

        try (RunningHost host = RunningHost.start(root)) {
            JsonNode future = host.getJson("/api/integrations/from-the-future");
            assertThat(future.path("status").asText()).isEqualTo("PLUGIN_DISABLED");
            assertThat(future.path("statusReason").asText()).contains(">=9.0.0");
            assertThat(future.path("plugin").path("state").asText()).isEqualTo("DISABLED");
            assertThat(future.path("actions").get(0).path("id").asText()).isEqualTo("echo");

            RunningHost.Response ran = host.post("/api/integrations/from-the-future/actions/echo", Map.of("input", Map.of("text", "hi")));
            assertThat(ran.status()).isEqualTo(503);
            assertThat(ran.error().path("kind").asText()).isEqualTo("PLUGIN_UNAVAILABLE");
            assertThat(ran.error().path("message").asText()).contains(">=9.0.0");
        }
    }

    @Test
    void exceptionInThePluginStartFailsOnlyThatPluginAndItsMetadataStaysVisible() throws Exception {
        FixturePlugins.plugin("crashes").pluginClass(FailingStartPlugin.class).writeTo(plugins);

        try (RunningHost host = RunningHost.start(root, IN_PROCESS_CRASHES)) {
            Map<String, JsonNode> status = byId(host.getJson("/api/plugins"), "pluginId");
            assertThat(status.get("crashes").path("state").asText()).isEqualTo("FAILED");
            assertThat(status.get("crashes").path("reason").asText()).contains("fixture refuses to start");
            assertGoodPluginsStillWork(status);

            JsonNode crashed = host.getJson("/api/integrations/crashes");
            assertThat(crashed.path("status").asText()).isEqualTo("PLUGIN_FAILED");
            assertThat(crashed.path("statusReason").asText()).contains("fixture refuses to start");
            assertThat(crashed.path("name").asText()).isEqualTo("crashes");
        }
    }

    @Test
    void profileTypesOfAPluginThatCannotRunAreNotOfferedAndCreatingAProfileOfOneSaysWhy() throws Exception {
        FixturePlugins.service("crashes").pluginClass(FailingStartPlugin.class).writeTo(plugins);

        try (RunningHost host = RunningHost.start(root, IN_PROCESS_CRASHES)) {
            assertThat(host.getJson("/api/authorization-profile-types")).isEmpty();

            RunningHost.Response refused = host.post("/api/authorization-profiles", Map.of("name", "Users", "type", "fixture-token"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.error().path("kind").asText()).isEqualTo("PROFILE_TYPE_UNAVAILABLE");
            assertThat(refused.error().path("message").asText()).contains("'fixture-token'").contains("crashes")
                    .contains("fixture refuses to start");
            assertThat(refused.error().path("remedy").asText()).contains("Plugins page");
            assertThat(host.getJson("/api/authorization-profiles")).isEmpty();
            RunningHost.Response unknown = host.post("/api/authorization-profiles", Map.of("name", "Users", "type", "nope"));
            assertThat(unknown.status()).isEqualTo(400);
        }
    }

    @Test
    void exceptionInThePluginStartInItsWorkerFailsOnlyThatPluginAtItsFirstCallWithTheSameReason() throws Exception {
        FixturePlugins.plugin("crashes").pluginClass(FailingStartPlugin.class).writeTo(plugins);

        try (RunningHost host = RunningHost.start(root)) {
            JsonNode metadata = host.getJson("/api/integrations/crashes");
            assertThat(metadata.path("name").asText()).as("its metadata, read without running its code").isEqualTo("crashes");

            RunningHost.Response first = configure(host, "crashes");

            assertThat(first.status()).as(first.raw().body()).isEqualTo(503);
            assertThat(first.error().path("kind").asText()).isEqualTo("PLUGIN_UNAVAILABLE");
            assertThat(first.error().path("message").asText()).contains("fixture refuses to start");
            WorkerStatus worker = host.worker("crashes").status();
            assertThat(worker.state()).isEqualTo(WorkerStatus.State.FAILED);
            assertThat(worker.failure()).contains("fixture refuses to start");
            assertThat(worker.restarts()).as("a plugin that does not start is not started again").isZero();
            RunningHost.Response again = configure(host, "crashes");
            assertThat(again.error().path("message").asText()).contains("fixture refuses to start");
            assertThat(host.worker("crashes").status().pid()).as("no worker started again").isNull();
            Map<String, JsonNode> status = byId(host.getJson("/api/plugins"), "pluginId");
            assertThat(status.get("crashes").path("state").asText()).isEqualTo("FAILED");
            assertThat(status.get("crashes").path("reason").asText()).contains("fixture refuses to start");
            // The catalog says what the Plugins page says, once a call has shown that the worker cannot start.
            JsonNode failed = host.getJson("/api/integrations/crashes");
            assertThat(failed.path("status").asText()).isEqualTo("PLUGIN_FAILED");
            assertThat(failed.path("statusReason").asText()).contains("fixture refuses to start");
            assertGoodPluginsStillWork(status);
            assertThat(configure(host, "good").status()).isEqualTo(200);
            assertThat(host.post("/api/integrations/good/enable", null).status()).isEqualTo(200);
            assertThat(host.post("/api/integrations/good/actions/echo", Map.of("input", Map.of("text", "hi"))).status())
                    .isEqualTo(200);
            assertThat(host.getJson("/api/integrations/crashes").path("name").asText()).isEqualTo("crashes");
        }
    }

    @Test
    void aProfileTypeOfAPluginWhoseStartFailsInItsWorkerSaysWhyWhenAProfileOfItIsTested() throws Exception {
        FixturePlugins.service("crashes").pluginClass(FailingStartPlugin.class).writeTo(plugins);

        try (RunningHost host = RunningHost.start(root)) {
            // Offered while no call has shown that its worker cannot start: listing it runs none of the plugin's code.
            RunningHost.Response created = host.post("/api/authorization-profiles", Map.of("name", "Users", "type", "fixture-token"));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);

            RunningHost.Response tested = host.post("/api/authorization-profiles/" + created.body().path("id").asText() + "/test",
                    Map.of("values", Map.of("account", "alice", "token", "good-alice")));

            assertThat(tested.status()).as(tested.raw().body()).isEqualTo(503);
            assertThat(tested.error().path("kind").asText()).isEqualTo("PLUGIN_UNAVAILABLE");
            assertThat(tested.error().path("message").asText()).contains("'crashes'").contains("fixture refuses to start");
            assertThat(tested.error().path("remedy").asText()).contains("Plugins page");
            assertThat(host.worker("crashes").status().state()).isEqualTo(WorkerStatus.State.FAILED);
        }
    }

    /** Configures integration {@code id} (of {@link FixturePlugins#plugin}) with a token: its connection test runs. */
    private static RunningHost.Response configure(RunningHost host, String id) {
        return host.put("/api/integrations/" + id + "/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("token", "good-token")));
    }

    @Test
    void jarThatBundlesThePlatformApiIsRefused() throws Exception {
        FixturePlugins.plugin("bundles-api").bundling(FixturePlugins.platformApiClass()).writeTo(plugins);

        Map<String, JsonNode> status = startAndReadPlugins();

        JsonNode bundling = status.get("bundles-api");
        assertThat(bundling.path("fileName").asText()).isEqualTo("bundles-api.jar");
        assertThat(bundling.path("state").asText()).isEqualTo("FAILED");
        assertThat(bundling.path("reason").asText())
                .contains("bundles platform-api classes")
                .contains("io/integrationhost/api/Integration.class")
                .contains("provided");
        assertGoodPluginsStillWork(status);
    }

    @Test
    void corruptJarIsReportedAndTheHostStaysUp() throws Exception {
        Files.write(plugins.resolve("corrupt.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5});

        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.getJson("/health").path("status").asText()).isEqualTo("UP");
            Map<String, JsonNode> status = byId(host.getJson("/api/plugins"), "pluginId");
            assertThat(status.get("corrupt.jar").path("state").asText()).isEqualTo("FAILED");
            assertThat(status.get("corrupt.jar").path("reason").asText()).contains("not a readable jar");
            assertGoodPluginsStillWork(status);
        }
    }

    @Test
    void aJarRefusedForItsPackagingIsListedByItsPluginIdNotItsFileName() throws Exception {
        Path jar = FixturePlugins.plugin("bundles-api").bundling(FixturePlugins.platformApiClass()).writeTo(plugins);
        Files.move(jar, plugins.resolve("helper-tools-2.3.jar"));

        Map<String, JsonNode> status = startAndReadPlugins();

        JsonNode refused = status.get("bundles-api");
        assertThat(refused).as("listed by its Plugin-Id: %s", status.keySet()).isNotNull();
        assertThat(refused.path("fileName").asText()).isEqualTo("helper-tools-2.3.jar");
        assertThat(refused.path("state").asText()).isEqualTo("FAILED");
        assertThat(refused.path("reason").asText()).contains("bundles platform-api classes");
        assertThat(status).doesNotContainKey("helper-tools-2.3.jar");
        assertGoodPluginsStillWork(status);
    }

    @Test
    void aSecondJarWithAPluginIdAlreadyLoadedSaysWhichFileProvidesItAndAtWhichVersion() throws Exception {
        Files.copy(plugins.resolve("good.jar"), plugins.resolve("good-copy.jar"));

        Map<String, JsonNode> status = startAndReadPlugins();

        JsonNode loaded = status.get("good");
        String providing = loaded.path("fileName").asText();
        String duplicate = providing.equals("good.jar") ? "good-copy.jar" : "good.jar";
        JsonNode refused = status.get(duplicate);
        assertThat(refused.path("state").asText()).isEqualTo("FAILED");
        assertThat(refused.path("reason").asText())
                .contains("'good'")
                .contains(providing)
                .contains("1.0.0")
                .doesNotContain("PluginWrapper")
                .doesNotContain("PluginDescriptor");
        assertGoodPluginsStillWork(status);
    }

    @Test
    void aBadJarGivesOneLogLineWithItsReasonAndNoStackTrace() throws Exception {
        Files.write(plugins.resolve("corrupt.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5});
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        rootLogger.addAppender(log);
        try {
            startAndReadPlugins();
        } finally {
            rootLogger.detachAppender(log);
        }

        List<ILoggingEvent> aboutTheJar = log.list.stream()
                .filter(event -> event.getFormattedMessage().contains("corrupt.jar")
                        || (event.getThrowableProxy() != null && String.valueOf(event.getThrowableProxy().getMessage()).contains("corrupt.jar")))
                .toList();
        assertThat(aboutTheJar).as("log lines about the bad jar: %s", aboutTheJar).hasSize(1);
        assertThat(aboutTheJar.get(0).getFormattedMessage()).contains("not a readable jar");
        assertThat(aboutTheJar.get(0).getThrowableProxy()).isNull();
    }

    @Test
    void aFileThatIsNotAJarIsListedAsIgnoredWithTheReason() throws Exception {
        Files.writeString(plugins.resolve("README.txt"), "Plugins for the HR team.");
        Files.writeString(plugins.resolve("disabled.txt"), "");
        Files.createDirectories(plugins.resolve("old"));

        Map<String, JsonNode> status = startAndReadPlugins();

        JsonNode ignored = status.get("README.txt");
        assertThat(ignored).as("listed: %s", status.keySet()).isNotNull();
        assertThat(ignored.path("state").asText()).isEqualTo("IGNORED");
        assertThat(ignored.path("fileName").asText()).isEqualTo("README.txt");
        assertThat(ignored.path("reason").asText()).contains("not a jar").contains(".jar");
        // The operator's settings files and folders are not plugins to report.
        assertThat(status).doesNotContainKeys("disabled.txt", "old");
        assertGoodPluginsStillWork(status);
    }

    private Map<String, JsonNode> startAndReadPlugins() {
        try (RunningHost host = RunningHost.start(root)) {
            Map<String, JsonNode> status = byId(host.getJson("/api/plugins"), "pluginId");
            Map<String, JsonNode> integrations = byId(host.getJson("/api/integrations"), "id");
            assertThat(integrations).containsKeys("also-good", "good");
            return status;
        }
    }

    private static void assertGoodPluginsStillWork(Map<String, JsonNode> status) {
        assertThat(status.get("also-good").path("state").asText()).isEqualTo("STARTED");
        assertThat(status.get("good").path("state").asText()).isEqualTo("STARTED");
    }

    private static Map<String, JsonNode> byId(JsonNode array, String field) {
        Map<String, JsonNode> byId = new HashMap<>();
        array.forEach(node -> byId.put(node.path(field).asText(), node));
        return byId;
    }
}

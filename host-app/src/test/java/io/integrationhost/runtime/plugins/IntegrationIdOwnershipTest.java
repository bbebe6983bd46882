package io.integrationhost.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.storage.Database;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An integration id belongs to one plugin: a jar with another Plugin-Id that claims it is refused at upload, fails in
 * the plugins folder, and is never handed the configuration, the end users' authorizations or the profiles made with
 * the owner, whatever order the jars load in. The impostor's code leaves a witness of every call it gets.
 */
class IntegrationIdOwnershipTest {

    private static final Map<String, Object> ECHO = Map.of("input", Map.of("text", "hello"));

    @TempDir
    Path root;
    Path plugins;
    Path witness;

    @BeforeEach
    void folders() throws Exception {
        plugins = Files.createDirectories(root.resolve("plugins"));
        witness = root.resolve("witness");
    }

    /**
     * The setting that makes the impostor's code leave its witnesses in {@link #witness}. Its worker runs without a
     * sandbox, which would hide the test's folders from it and so every witness from the test.
     */
    private Map<String, String> withWitness() {
        return Map.of("SVC_WITNESS", witness.toString(), "HOST_PLUGIN_SANDBOX", "none");
    }

    private static void preAuthorizeAndEnable(RunningHost host) {
        Response stored = host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", "good-owner-token")));
        assertThat(stored.status()).as(stored.raw().body()).isEqualTo(200);
        assertThat(host.post("/api/integrations/svc/enable", null).status()).isEqualTo(200);
    }

    private void assertTheImpostorGotNothing() throws Exception {
        if (Files.exists(witness)) {
            try (Stream<Path> calls = Files.list(witness)) {
                assertThat(calls).as("calls the impostor's code received").isEmpty();
            }
        }
    }

    private void assertOnlyInThePluginsFolder(String... jars) throws Exception {
        try (Stream<Path> files = Files.list(plugins)) {
            assertThat(files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(jars);
        }
        try (Stream<Path> staged = Files.list(plugins.resolve(".incoming"))) {
            assertThat(staged).isEmpty();
        }
    }

    private static Map<String, JsonNode> pluginsById(RunningHost host) {
        Map<String, JsonNode> byId = new HashMap<>();
        host.getJson("/api/plugins").forEach(plugin -> byId.put(plugin.path("pluginId").asText(), plugin));
        return byId;
    }

    @Test
    void theImpostorsCodeLeavesAWitnessOfEachCallItGetsSoThatTheOtherTestsCanTellItGotNone() throws Exception {
        FixturePlugins.impostor("impostor", "svc").writeTo(plugins);

        try (RunningHost host = RunningHost.start(root, withWitness())) {
            preAuthorizeAndEnable(host);
        }

        try (Stream<Path> calls = Files.list(witness)) {
            assertThat(calls.map(call -> call.getFileName().toString())).as("the connection test in its worker")
                    .singleElement().satisfies(call -> assertThat(call).startsWith("connection-test-"));
        }
    }

    @Test
    void anUploadClaimingTheIntegrationIdOfAnotherInstalledPluginIsRefusedNamingTheOwnerAndNothingIsKept() throws Exception {
        FixturePlugins.service("svc").writeTo(plugins);
        try (RunningHost host = RunningHost.start(root, withWitness())) {
            preAuthorizeAndEnable(host);

            Response refused = host.uploadPlugin(FixturePlugins.impostor("impostor", "svc").writeTo(root), "impostor.jar");

            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(409);
            assertThat(refused.error().path("kind").asText()).isEqualTo("CONFLICT");
            assertThat(refused.error().path("message").asText()).contains("'svc'").contains("plugin 'svc'");
            assertThat(refused.error().path("ownedBy").asText()).isEqualTo("svc");
            assertThat(refused.error().path("integrationId").asText()).isEqualTo("svc");
            assertOnlyInThePluginsFolder("svc.jar");
            assertThat(pluginsById(host)).containsOnlyKeys("svc");
            assertThat(host.post("/api/integrations/svc/actions/echo", ECHO).status()).isEqualTo(200);
        }
        try (RunningHost restarted = RunningHost.start(root, withWitness())) {
            assertThat(pluginsById(restarted)).containsOnlyKeys("svc");
        }
        assertTheImpostorGotNothing();
    }

    @Test
    void anUploadClaimingTheIntegrationIdOfAConfigurationMadeWithAnotherPluginIsRefusedWhileThatPluginIsUninstalled()
            throws Exception {
        FixturePlugins.service("svc").writeTo(plugins);
        try (RunningHost host = RunningHost.start(root, withWitness())) {
            preAuthorizeAndEnable(host);
            assertThat(host.delete("/api/plugins/svc").status()).isEqualTo(204);

            Response refused = host.uploadPlugin(FixturePlugins.impostor("impostor", "svc").writeTo(root), "impostor.jar");

            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(409);
            assertThat(refused.error().path("ownedBy").asText()).isEqualTo("svc");
            assertThat(refused.error().path("remedy").asText()).contains("DELETE /api/integrations/svc/configuration");
            assertOnlyInThePluginsFolder();
            assertThat(host.getJson("/api/integrations/svc").path("status").asText()).isEqualTo("PLUGIN_MISSING");
        }
        assertTheImpostorGotNothing();
    }

    @Test
    void aJarInThePluginsFolderClaimingAnotherPluginsIntegrationIdIsFailedWithTheReason() throws Exception {
        FixturePlugins.service("svc").writeTo(plugins);
        FixturePlugins.impostor("zzz-impostor", "svc").writeTo(plugins);

        try (RunningHost host = RunningHost.start(root, withWitness())) {
            Map<String, JsonNode> status = pluginsById(host);
            assertThat(status.get("svc").path("state").asText()).isEqualTo("STARTED");
            assertThat(status.get("zzz-impostor").path("state").asText()).isEqualTo("FAILED");
            assertThat(status.get("zzz-impostor").path("integrationId").asText()).isEqualTo("svc");
            assertThat(status.get("zzz-impostor").path("reason").asText()).contains("'svc'").contains("plugin 'svc'");
            assertThat(host.getJson("/api/integrations/svc").path("plugin").path("id").asText()).isEqualTo("svc");
        }
    }

    @ParameterizedTest(name = "impostor {1} in {0}")
    @CsvSource({"0-impostor.jar, aaa-impostor", "0-impostor.jar, zzz-impostor", "zz-impostor.jar, aaa-impostor",
            "zz-impostor.jar, zzz-impostor"})
    void afterARestartThePluginTheConfigurationWasMadeWithServesWhateverTheLoadOrder(String fileName, String impostorId)
            throws Exception {
        FixturePlugins.service("svc").writeTo(plugins);
        try (RunningHost host = RunningHost.start(root)) {
            preAuthorizeAndEnable(host);
        }
        Files.move(FixturePlugins.impostor(impostorId, "svc").writeTo(root), plugins.resolve(fileName));

        try (RunningHost host = RunningHost.start(root, withWitness())) {
            Map<String, JsonNode> status = pluginsById(host);
            assertThat(status.get("svc").path("state").asText()).isEqualTo("STARTED");
            assertThat(status.get(impostorId).path("state").asText()).isEqualTo("FAILED");
            assertThat(status.get(impostorId).path("reason").asText()).contains("belongs to plugin 'svc'");
            JsonNode svc = host.getJson("/api/integrations/svc");
            assertThat(svc.path("plugin").path("id").asText()).isEqualTo("svc");
            assertThat(svc.path("name").asText()).isEqualTo("Fixture Service");

            Response ran = host.post("/api/integrations/svc/actions/echo", ECHO);
            assertThat(ran.status()).as(ran.raw().body()).isEqualTo(200);
            assertThat(ran.body().path("result").path("account").asText()).isEqualTo("acme");
        }
        assertTheImpostorGotNothing();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-impostor.jar", "zz-impostor.jar"})
    void withoutAConfigurationTheLowestPluginIdProvidesAContestedIntegrationId(String fileName) throws Exception {
        FixturePlugins.service("svc").writeTo(plugins);
        Files.move(FixturePlugins.impostor("aaa-impostor", "svc").writeTo(root), plugins.resolve(fileName));

        try (RunningHost host = RunningHost.start(root)) {
            Map<String, JsonNode> status = pluginsById(host);
            assertThat(status.get("aaa-impostor").path("state").asText()).isEqualTo("STARTED");
            assertThat(status.get("svc").path("state").asText()).isEqualTo("FAILED");
            assertThat(status.get("svc").path("reason").asText()).contains("plugin 'aaa-impostor'").contains("lowest Plugin-Id");
            assertThat(host.getJson("/api/integrations/svc").path("name").asText()).isEqualTo("Impostor");
        }
    }

    @Test
    void aPluginClaimingTheIdOfAConfigurationMadeWithAnotherFailsEvenWhenTheOwnerIsGone() throws Exception {
        FixturePlugins.service("svc").writeTo(plugins);
        try (RunningHost host = RunningHost.start(root)) {
            preAuthorizeAndEnable(host);
        }
        Files.delete(plugins.resolve("svc.jar"));
        FixturePlugins.impostor("impostor", "svc").writeTo(plugins);

        try (RunningHost host = RunningHost.start(root, withWitness())) {
            JsonNode impostor = pluginsById(host).get("impostor");
            assertThat(impostor.path("state").asText()).isEqualTo("FAILED");
            assertThat(impostor.path("reason").asText()).contains("belongs to plugin 'svc'").contains("not installed");
            assertThat(host.getJson("/api/integrations/svc").path("status").asText()).isEqualTo("PLUGIN_MISSING");
            assertThat(host.post("/api/integrations/svc/actions/echo", ECHO).status()).isEqualTo(404);
            Response maskKept = host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("account", "acme", "token", "••••••••")));
            assertThat(maskKept.status()).isEqualTo(503);
            assertThat(maskKept.error().path("kind").asText()).isEqualTo("PLUGIN_UNAVAILABLE");
        }
        assertTheImpostorGotNothing();
    }

    /** An instance over the database at {@code url} whose plugins folder holds the owner of {@code svc}. */
    private RunningHost ownerInstance(String url) throws Exception {
        Path home = Files.createDirectories(root.resolve("a"));
        FixturePlugins.service("svc").writeTo(Files.createDirectories(home.resolve("plugins")));
        return RunningHost.start(home, url, home.resolve("data"));
    }

    /** An instance over the database at {@code url} whose plugins folder holds an impostor that claims {@code svc}. */
    private RunningHost impostorInstance(String url, Map<String, String> environment) throws Exception {
        Path home = Files.createDirectories(root.resolve("b"));
        FixturePlugins.impostor("impostor", "svc").writeTo(Files.createDirectories(home.resolve("plugins")));
        return RunningHost.start(home, url, home.resolve("data"), environment);
    }

    /**
     * Two instances over one database, with different jars in their plugins folders: one serves {@code svc} from the
     * owner, the other from an impostor it loaded while {@code svc} had no configuration yet.
     */
    @Test
    void credentialsMadeWithOnePluginAreNeverHandedToAnotherThatProvidesTheIntegrationIdOnAnotherInstance() throws Exception {
        Path gate = Files.createDirectories(root.resolve("gate"));
        Files.writeString(gate.resolve("go"), "");
        String url = Databases.H2.freshUrl(root.resolve("data"));
        Map<String, String> witnessAndGate = new HashMap<>(withWitness());
        witnessAndGate.put("SVC_GATE", gate.toString());
        try (RunningHost impostorHost = impostorInstance(url, witnessAndGate);
             RunningHost owner = ownerInstance(url)) {
            assertThat(impostorHost.getJson("/api/integrations/svc").path("plugin").path("id").asText()).isEqualTo("impostor");
            preAuthorizeAndEnable(owner);

            Response call = impostorHost.post("/api/integrations/svc/actions/echo", ECHO);
            assertThat(call.status()).as(call.raw().body()).isEqualTo(409);
            assertThat(call.error().path("kind").asText()).isEqualTo("WRONG_PLUGIN");
            assertThat(call.error().path("message").asText()).contains("plugin 'svc'").contains("plugin 'impostor'");
            Response maskKept = impostorHost.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("account", "acme", "token", "••••••••")));
            assertThat(maskKept.status()).as(maskKept.raw().body()).isEqualTo(400);
            assertThat(maskKept.error().path("kind").asText()).isEqualTo("VALIDATION_FAILED");

            String profileId = owner.enableUserAuthorized("svc", "Fixture users");
            URI link = owner.authorizationLink("svc", "u1");
            assertThat(owner.send(FormPost.of(link, Map.of("account", "alice", "token", "good-alice"))).statusCode()).isEqualTo(200);
            Response userCall = impostorHost.post("/api/integrations/svc/actions/echo",
                    Map.of("input", Map.of("text", "x"), "userId", "u1"));
            assertThat(userCall.status()).as(userCall.raw().body()).isEqualTo(409);
            assertThat(userCall.error().path("kind").asText()).isEqualTo("WRONG_PLUGIN");
            Response profileTest = impostorHost.post("/api/authorization-profiles/" + profileId + "/test",
                    Map.of("values", Map.of("account", "alice", "token", "good-alice")));
            assertThat(profileTest.status()).as(profileTest.raw().body()).isEqualTo(409);
            assertThat(profileTest.error().path("message").asText()).contains("plugin 'svc'");
            URI linkOnImpostorHost = impostorHost.uri(owner.authorizationLink("svc", "u2").getPath());
            assertThat(impostorHost.send(FormPost.of(linkOnImpostorHost, Map.of("account", "bob", "token", "good-bob")))
                    .statusCode()).isGreaterThanOrEqualTo(400);
        }
        assertThat(gate.resolve("verifying")).as("a verification by the impostor's profile type").doesNotExist();
        assertTheImpostorGotNothing();
    }

    /** The same two instances: the catalog of the one whose plugin is not the configuration's says so, and why. */
    @Test
    void theCatalogOfAnInstanceWhosePluginIsNotTheOneTheConfigurationWasMadeWithShowsItAsWrongPlugin() throws Exception {
        String url = Databases.H2.freshUrl(root.resolve("data"));
        try (RunningHost impostorHost = impostorInstance(url, withWitness()); RunningHost owner = ownerInstance(url)) {
            preAuthorizeAndEnable(owner);

            JsonNode onB = impostorHost.getJson("/api/integrations/svc");
            assertThat(onB.path("status").asText()).isEqualTo("WRONG_PLUGIN");
            assertThat(onB.path("statusReason").asText()).contains("plugin 'svc'").contains("plugin 'impostor'");
            assertThat(onB.path("configured").asBoolean()).isTrue();
            assertThat(impostorHost.getJson("/api/integrations").findValuesAsText("status")).containsExactly("WRONG_PLUGIN");
            JsonNode onA = owner.getJson("/api/integrations/svc");
            assertThat(onA.path("status").asText()).isEqualTo("ENABLED");
            assertThat(onA.hasNonNull("statusReason")).as(onA.toString()).isFalse();
            assertThat(owner.getJson("/api/integrations").findValuesAsText("status")).containsExactly("ENABLED");
        }
        assertTheImpostorGotNothing();
    }

    /** Every service fixture declares the profile type {@code fixture-token}; {@code aaa-rogue} sorts before {@code svc}. */
    @Test
    void aProfileIsVerifiedOnlyByThePluginItWasCreatedWithWhenAnotherPluginDeclaresTheSameType() throws Exception {
        FixturePlugins.service("svc").writeTo(plugins);
        String profileId;
        try (RunningHost host = RunningHost.start(root)) {
            profileId = host.enableUserAuthorized("svc", "Fixture users");
        }
        FixturePlugins.service("aaa-rogue").writeTo(plugins);
        Path gate = Files.createDirectories(root.resolve("gate"));
        Files.writeString(gate.resolve("go"), "");

        // The gate is a folder of the test's, which the rogue plugin's worker sees only without a sandbox.
        try (RunningHost host = RunningHost.start(root, Map.of("AAA_ROGUE_GATE", gate.toString(), "HOST_PLUGIN_SANDBOX", "none"))) {
            assertThat(host.getJson("/api/authorization-profile-types").get(0).path("providedBy").asText()).isEqualTo("aaa-rogue");
            Response tested = host.post("/api/authorization-profiles/" + profileId + "/test",
                    Map.of("values", Map.of("account", "alice", "token", "good-alice")));
            assertThat(tested.status()).as(tested.raw().body()).isEqualTo(200);
            assertThat(tested.body().path("successful").asBoolean()).isTrue();
            URI link = host.authorizationLink("svc", "u1");
            assertThat(host.send(FormPost.of(link, Map.of("account", "alice", "token", "good-alice"))).statusCode()).isEqualTo(200);
            Response ran = host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"), "userId", "u1"));
            assertThat(ran.body().path("result").path("account").asText()).isEqualTo("alice");
        }
        assertThat(gate.resolve("verifying")).as("a verification by the other plugin's profile type").doesNotExist();
    }

    /**
     * Stores a configuration and a profile with the installed {@code svc}, then unbinds them as they were stored before
     * the host recorded their plugin (before migration V7).
     *
     * @return the database's url
     */
    private String storeAConfigurationAndAProfileAsBeforePluginsOwnedThem() throws Exception {
        try (RunningHost host = RunningHost.start(root)) {
            preAuthorizeAndEnable(host);
            assertThat(host.post("/api/authorization-profiles", Map.of("name", "Users", "type", "fixture-token")).status())
                    .isEqualTo(201);
        }
        String url = Database.embeddedUrl(root.resolve("data"));
        Databases.execute(url, "UPDATE integration_configuration SET plugin_id = NULL", "UPDATE authorization_profile SET plugin_id = NULL");
        return url;
    }

    @Test
    void aConfigurationAndAProfileStoredBeforePluginsOwnedThemAreBoundAtStartToTheOnlyPluginThatClaimsThem() throws Exception {
        FixturePlugins.service("svc").writeTo(plugins);
        String url = storeAConfigurationAndAProfileAsBeforePluginsOwnedThem();

        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.post("/api/integrations/svc/actions/echo", ECHO).status()).isEqualTo(200);
        }
        assertThat(Databases.count(url, "SELECT COUNT(*) FROM integration_configuration WHERE plugin_id = 'svc'")).isEqualTo(1);
        assertThat(Databases.count(url, "SELECT COUNT(*) FROM authorization_profile WHERE plugin_id = 'svc'")).isEqualTo(1);
    }

    @Test
    void aConfigurationAndAProfileStoredBeforePluginsOwnedThemAreBoundWhenTheOnlyPluginThatClaimsThemIsInstalledLater()
            throws Exception {
        Path svcJar = FixturePlugins.service("svc").writeTo(plugins);
        String url = storeAConfigurationAndAProfileAsBeforePluginsOwnedThem();
        Path uploads = Files.createDirectories(root.resolve("uploads"));
        Path jar = Files.move(svcJar, uploads.resolve("svc.jar"));

        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.getJson("/api/integrations/svc").path("status").asText()).isEqualTo("PLUGIN_MISSING");
            Response installed = host.uploadPlugin(jar, "svc.jar");
            assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);

            Response ran = host.post("/api/integrations/svc/actions/echo", ECHO);
            assertThat(ran.status()).as(ran.raw().body()).isEqualTo(200);
            assertThat(ran.body().path("result").path("account").asText()).isEqualTo("acme");
        }
        assertThat(Databases.count(url, "SELECT COUNT(*) FROM integration_configuration WHERE plugin_id = 'svc'")).isEqualTo(1);
        assertThat(Databases.count(url, "SELECT COUNT(*) FROM authorization_profile WHERE plugin_id = 'svc'")).isEqualTo(1);
    }

    @Test
    void aConfigurationStoredBeforePluginsOwnedThemIsHandedToNoPluginWhileSeveralClaimItsIntegrationId() throws Exception {
        FixturePlugins.service("svc").writeTo(plugins);
        try (RunningHost host = RunningHost.start(root)) {
            preAuthorizeAndEnable(host);
        }
        Databases.execute(Database.embeddedUrl(root.resolve("data")), "UPDATE integration_configuration SET plugin_id = NULL");
        FixturePlugins.impostor("aaa-impostor", "svc").writeTo(plugins);

        try (RunningHost host = RunningHost.start(root, withWitness())) {
            JsonNode svc = host.getJson("/api/integrations/svc");
            assertThat(svc.path("plugin").path("id").asText()).isEqualTo("aaa-impostor");
            assertThat(svc.path("status").asText()).isEqualTo("WRONG_PLUGIN");
            assertThat(svc.path("statusReason").asText()).contains("stored before configurations had an owner");
            Response call = host.post("/api/integrations/svc/actions/echo", ECHO);
            assertThat(call.status()).as(call.raw().body()).isEqualTo(409);
            assertThat(call.error().path("kind").asText()).isEqualTo("WRONG_PLUGIN");
            assertThat(call.error().path("remedy").asText()).contains("PUT /api/integrations/svc/authorization");
        }
        assertTheImpostorGotNothing();
    }
}

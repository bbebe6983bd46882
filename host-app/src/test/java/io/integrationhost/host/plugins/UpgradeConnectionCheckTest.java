package io.integrationhost.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new version of a plugin takes over only once its connection test passed with the operator's stored credentials,
 * in its own worker, before any call moves to it; a failure of the remote system never holds an upgrade back.
 */
class UpgradeConnectionCheckTest {

    private static final String ECHO = "/api/integrations/svc/actions/echo";
    private static final Map<String, Object> CALL = Map.of("input", Map.of("text", "x"));

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;
    private RunningHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aNewVersionThatPassesItsConnectionTestTakesOverAndTheTestIsAudited() throws IOException {
        start(Map.of());
        host.enablePreAuthorized("svc");

        Response upgraded = host.uploadPlugin(version2().writeTo(elsewhere), "svc.jar");

        assertThat(upgraded.status()).as(upgraded.raw().body()).isEqualTo(201);
        assertThat(servingVersion()).isEqualTo("2.0.0");
        assertThat(host.post(ECHO, CALL).status()).isEqualTo(200);
        assertThat(upgradeTests()).singleElement().satisfies(entry -> {
            assertThat(entry.path("outcome").asText()).isEqualTo("SUCCESS");
            assertThat(entry.path("detail").asText()).contains("svc 1.0.0 to 2.0.0").contains("passed");
        });
    }

    @Test
    void aNewVersionWhoseConnectionTestFailsWhereTheInstalledOnePassesIsRefusedAndTheInstalledVersionKeepsServing()
            throws IOException {
        start(Map.of());
        host.enablePreAuthorized("svc");

        Response upgraded = host.uploadPlugin(version2().connectionTest("refuse").writeTo(elsewhere), "svc.jar");

        assertThat(upgraded.status()).as(upgraded.raw().body()).isEqualTo(400);
        assertThat(upgraded.error().path("kind").asText()).isEqualTo("PLUGIN_REFUSED");
        assertThat(upgraded.error().path("message").asText())
                .contains("Version 2.0.0 of Fixture Service did not pass the connection test with the stored credentials")
                .contains("the installed version passes it")
                .contains("This version refuses every token")
                .contains("The installed version keeps serving")
                .doesNotContain("good-token");
        assertThat(servingVersion()).isEqualTo("1.0.0");
        assertThat(host.post(ECHO, CALL).status()).isEqualTo(200);
        assertThat(upgradeTests()).singleElement().satisfies(entry ->
                assertThat(entry.path("outcome").asText()).isEqualTo("FAILURE"));
    }

    @Test
    void aNewVersionWhoseConnectionTestThrowsIsRefusedWithoutAskingTheInstalledOne() throws IOException {
        start(Map.of());
        host.enablePreAuthorized("svc");

        Response upgraded = host.uploadPlugin(version2().connectionTest("crash").writeTo(elsewhere), "svc.jar");

        assertThat(upgraded.status()).as(upgraded.raw().body()).isEqualTo(400);
        assertThat(upgraded.error().path("message").asText()).contains("it failed: PLUGIN_ERROR")
                .contains("IllegalStateException");
        assertThat(servingVersion()).isEqualTo("1.0.0");
        assertThat(host.post(ECHO, CALL).status()).isEqualTo(200);
    }

    /**
     * The remote service is down (a file the fixture's connection test looks for, which a worker outside a sandbox can
     * see): the new version's test fails, and so does the installed one's, so the fault is not the new version's.
     */
    @Test
    void whenTheRemoteSystemFailsBothVersionsTestsTheUpgradeGoesAheadAndTheAuditSaysWhy() throws IOException {
        Path down = root.resolve("remote-down");
        start(Map.of("HOST_PLUGIN_SANDBOX", "none", "SVC_REMOTE_DOWN_FILE", down.toString()));
        host.enablePreAuthorized("svc");
        Files.writeString(down, "down");

        Response upgraded = host.uploadPlugin(version2().writeTo(elsewhere), "svc.jar");

        assertThat(upgraded.status()).as(upgraded.raw().body()).isEqualTo(201);
        assertThat(servingVersion()).isEqualTo("2.0.0");
        assertThat(upgradeTests()).singleElement().satisfies(entry -> {
            assertThat(entry.path("outcome").asText()).isEqualTo("SUCCESS");
            assertThat(entry.path("detail").asText()).contains("neither version's connection test passed")
                    .contains("The remote service is unavailable");
        });
        Files.delete(down);
        assertThat(host.post(ECHO, CALL).status()).isEqualTo(200);
    }

    @Test
    void withoutStoredCredentialsThereIsNothingToTestAndTheNewVersionTakesOver() throws IOException {
        start(Map.of());

        Response upgraded = host.uploadPlugin(version2().connectionTest("refuse").writeTo(elsewhere), "svc.jar");

        assertThat(upgraded.status()).as(upgraded.raw().body()).isEqualTo(201);
        assertThat(servingVersion()).isEqualTo("2.0.0");
        assertThat(upgradeTests()).isEmpty();
    }

    private void start(Map<String, String> settings) throws IOException {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        host = RunningHost.start(root, settings);
    }

    private static FixturePlugins version2() {
        return FixturePlugins.service("svc").version("2.0.0");
    }

    private String servingVersion() {
        for (JsonNode plugin : host.getJson("/api/plugins")) {
            if ("svc".equals(plugin.path("pluginId").asText())) {
                return plugin.path("version").asText();
            }
        }
        throw new AssertionError("svc is not listed");
    }

    private java.util.List<JsonNode> upgradeTests() {
        return StreamSupport.stream(host.getJson("/api/audit?integrationId=svc&action=plugin.upgrade-tested").spliterator(), false)
                .toList();
    }
}

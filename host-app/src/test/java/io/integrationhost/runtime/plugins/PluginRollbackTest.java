package io.integrationhost.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host keeps the version of a plugin an upgrade replaced, in the plugins folder's hidden {@code .previous/}, and
 * {@code POST /api/plugins/{pluginId}/rollback} installs it again as an upload would be, keeping the version it
 * replaces in turn.
 */
class PluginRollbackTest {

    private static final String ECHO = "/api/integrations/svc/actions/echo";

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    @Test
    void aRollbackAfterAnUpgradeServesTheOldVersionAndItsActionsAndKeepsTheNewOneToGoForwardAgain() throws Exception {
        Path plugins = installService();
        try (RunningHost host = RunningHost.start(root)) {
            host.enablePreAuthorized("svc");
            assertThat(host.uploadPlugin(version2(), "svc-2.jar").status()).isEqualTo(201);
            assertThat(plugin(host).path("version").asText()).isEqualTo("2.0.0");
            assertThat(plugin(host).path("previousVersion").asText()).isEqualTo("1.0.0");
            assertThat(actionNames(host)).contains("Echo v2");

            Response rolledBack = host.post("/api/plugins/svc/rollback", null);

            assertThat(rolledBack.status()).as(rolledBack.raw().body()).isEqualTo(200);
            assertThat(rolledBack.body().path("version").asText()).isEqualTo("1.0.0");
            assertThat(rolledBack.body().path("state").asText()).isEqualTo("STARTED");
            assertThat(rolledBack.body().path("previousVersion").asText()).isEqualTo("2.0.0");
            assertThat(host.getJson("/api/plugins")).hasSize(1);
            assertThat(plugin(host).path("fileName").asText()).isEqualTo("svc.jar");
            assertThat(Files.exists(plugins.resolve("svc.jar"))).isTrue();
            assertThat(Files.exists(plugins.resolve("svc-2.jar"))).isFalse();
            assertThat(actionNames(host)).contains("Echo").doesNotContain("Echo v2");
            assertThat(host.post(ECHO, Map.of("input", Map.of("text", "x"))).status()).isEqualTo(200);
            assertThat(host.getJson("/api/audit").findValuesAsText("action")).contains("plugin.rolled-back");

            Response forward = host.post("/api/plugins/svc/rollback", null);

            assertThat(forward.status()).as(forward.raw().body()).isEqualTo(200);
            assertThat(forward.body().path("version").asText()).isEqualTo("2.0.0");
            assertThat(forward.body().path("previousVersion").asText()).isEqualTo("1.0.0");
            assertThat(actionNames(host)).contains("Echo v2");
        }
    }

    @Test
    void aRollbackWithNoPreviousVersionKeptIsRefusedWithARemedyAndOneOfNoInstalledPluginIsNotFound() throws Exception {
        installService();
        try (RunningHost host = RunningHost.start(root)) {
            assertThat(plugin(host).path("previousVersion").isNull() || plugin(host).path("previousVersion").isMissingNode()).isTrue();

            Response refused = host.post("/api/plugins/svc/rollback", null);

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.error().path("kind").asText()).isEqualTo("CONFLICT");
            assertThat(refused.error().path("message").asText()).contains("No previous version of plugin 'svc'");
            assertThat(refused.error().path("remedy").asText()).contains("upload the jar of the version you want");
            assertThat(plugin(host).path("version").asText()).isEqualTo("1.0.0");

            Response unknown = host.post("/api/plugins/nothing/rollback", null);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.error().path("kind").asText()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void reinstallingTheSameVersionKeepsWhatWasKept() throws Exception {
        installService();
        try (RunningHost host = RunningHost.start(root)) {
            host.uploadPlugin(version2(), "svc-2.jar");

            assertThat(host.uploadPlugin(version2(), "svc-2.jar").status()).isEqualTo(201);

            assertThat(plugin(host).path("previousVersion").asText()).isEqualTo("1.0.0");
        }
    }

    @Test
    void theKeptVersionSurvivesARestartAndIsNotLoadedAsAPlugin() throws Exception {
        installService();
        try (RunningHost host = RunningHost.start(root)) {
            host.uploadPlugin(version2(), "svc-2.jar");
        }
        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.getJson("/api/plugins")).hasSize(1);
            assertThat(plugin(host).path("version").asText()).isEqualTo("2.0.0");
            assertThat(plugin(host).path("previousVersion").asText()).isEqualTo("1.0.0");

            Response rolledBack = host.post("/api/plugins/svc/rollback", null);

            assertThat(rolledBack.status()).as(rolledBack.raw().body()).isEqualTo(200);
            assertThat(plugin(host).path("version").asText()).isEqualTo("1.0.0");
        }
    }

    @Test
    void uninstallRemovesTheKeptVersion() throws Exception {
        Path plugins = installService();
        try (RunningHost host = RunningHost.start(root)) {
            host.uploadPlugin(version2(), "svc-2.jar");
            assertThat(Files.exists(plugins.resolve(".previous/svc/svc.jar"))).isTrue();

            assertThat(host.delete("/api/plugins/svc").status()).isEqualTo(204);

            assertThat(Files.exists(plugins.resolve(".previous/svc"))).isFalse();
            assertThat(host.post("/api/plugins/svc/rollback", null).status()).isEqualTo(404);
            assertThat(host.uploadPlugin(FixturePlugins.service("svc").writeTo(elsewhere), "svc.jar").status()).isEqualTo(201);
            assertThat(plugin(host).path("previousVersion").isNull() || plugin(host).path("previousVersion").isMissingNode()).isTrue();
        }
    }

    private Path installService() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.service("svc").writeTo(plugins);
        return plugins;
    }

    /** Version 2.0.0 of the fixture service, whose echo action has another name, so one sees which version serves. */
    private Path version2() throws Exception {
        return FixturePlugins.service("svc").version("2.0.0")
                .descriptor(FixturePlugins.serviceDescriptorFor("svc").replace("\"name\": \"Echo\"", "\"name\": \"Echo v2\""))
                .writeTo(Files.createDirectories(elsewhere.resolve("v2")));
    }

    private static JsonNode plugin(RunningHost host) {
        return host.getJson("/api/plugins").get(0);
    }

    private static java.util.List<String> actionNames(RunningHost host) {
        return host.getJson("/api/integrations/svc").path("actions").findValuesAsText("name");
    }
}

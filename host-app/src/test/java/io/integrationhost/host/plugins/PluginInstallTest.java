package io.integrationhost.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators install, upgrade and uninstall plugins through the API without restarting the host or touching other plugins. */
class PluginInstallTest {

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    private static HttpResponse<String> upload(RunningHost host, Path jar, String fileName) throws Exception {
        return host.send(HttpRequest.newBuilder(host.uri("/api/plugins?fileName=" + fileName))
                .header("Authorization", "Bearer " + RunningHost.ADMIN_TOKEN)
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofFile(jar)));
    }

    @Test
    void anUploadedPluginIsCheckedStartedAndListedWhileTheOthersKeepRunning() throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        try (RunningHost host = RunningHost.start(root)) {
            host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("account", "acme", "token", "good-token")));
            host.post("/api/integrations/svc/enable", null);

            HttpResponse<String> installed = upload(host, FixturePlugins.plugin("extra").writeTo(elsewhere), "extra.jar");

            assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
            assertThat(RunningHost.parse(installed.body()).path("state").asText()).isEqualTo("STARTED");
            assertThat(host.getJson("/api/integrations/extra").path("status").asText()).isEqualTo("AVAILABLE");
            assertThat(Files.exists(root.resolve("plugins/extra.jar"))).isTrue();
            assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"))).status()).isEqualTo(200);
        }
    }

    @Test
    void aJarThatBreaksThePackagingRulesIsRefusedAndLeavesNothingBehind() throws Exception {
        try (RunningHost host = RunningHost.start(root)) {
            Path bad = FixturePlugins.plugin("bad").bundling(FixturePlugins.platformApiClass()).writeTo(elsewhere);

            HttpResponse<String> refused = upload(host, bad, "bad.jar");

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("PLUGIN_REFUSED").contains("bundles platform-api classes");
            assertThat(Files.exists(root.resolve("plugins/bad.jar"))).isFalse();
            try (var left = Files.list(root.resolve("plugins/.incoming"))) {
                assertThat(left).isEmpty();
            }
            assertThat(upload(host, bad, "../evil.jar").statusCode()).isEqualTo(400);
            assertThat(host.getJson("/api/plugins")).isEmpty();
        }
    }

    @Test
    void uploadingANewVersionReplacesTheOldAndUninstallKeepsTheConfiguration() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.service("svc").writeTo(plugins);
        try (RunningHost host = RunningHost.start(root)) {
            host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("account", "acme", "token", "good-token")));

            assertThat(upload(host, FixturePlugins.service("svc").writeTo(elsewhere), "svc-2.jar").statusCode()).isEqualTo(201);
            assertThat(host.getJson("/api/plugins")).hasSize(1);
            assertThat(host.getJson("/api/plugins").get(0).path("fileName").asText()).isEqualTo("svc-2.jar");
            assertThat(Files.exists(plugins.resolve("svc.jar"))).isFalse();

            assertThat(host.delete("/api/plugins/svc").status()).isEqualTo(204);
            assertThat(host.getJson("/api/plugins")).isEmpty();
            assertThat(host.getJson("/api/integrations/svc").path("status").asText()).isEqualTo("PLUGIN_MISSING");
            assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"))).status())
                    .isEqualTo(404);
            assertThat(host.delete("/api/plugins/svc").status()).isEqualTo(404);
        }
    }
}

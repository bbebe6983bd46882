package io.integrationhost.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every plugin an administrator installs or uninstalls through the API is in the audit trail, with what came of it. */
class PluginAdministrationTest {

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    @Test
    void anInstallAndAnUninstallAreEachAuditedWithThePluginAndItsOutcome() throws Exception {
        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.uploadPlugin(FixturePlugins.plugin("extra").writeTo(elsewhere), "extra.jar").status()).isEqualTo(201);
            assertThat(host.delete("/api/plugins/extra").status()).isEqualTo(204);

            JsonNode events = host.getJson("/api/audit");
            assertThat(events).hasSize(2);
            JsonNode uninstalled = events.get(0);
            JsonNode installed = events.get(1);
            assertThat(installed.path("action").asText()).isEqualTo("plugin.installed");
            assertThat(installed.path("actor").asText()).isEqualTo("admin");
            assertThat(installed.path("integrationId").asText()).isEqualTo("extra");
            assertThat(installed.path("outcome").asText()).isEqualTo("STARTED");
            assertThat(installed.path("detail").asText()).startsWith("extra ").endsWith(" from extra.jar");
            assertThat(uninstalled.path("action").asText()).isEqualTo("plugin.uninstalled");
            assertThat(uninstalled.path("outcome").asText()).isEqualTo("SUCCESS");
            assertThat(uninstalled.path("detail").asText()).isEqualTo("extra");
        }
    }

    @Test
    void aRefusedUploadOrAnUninstallOfAnUnknownPluginIsNotAudited() throws Exception {
        try (RunningHost host = RunningHost.start(root)) {
            Path bad = FixturePlugins.plugin("bad").bundling(FixturePlugins.platformApiClass()).writeTo(elsewhere);

            assertThat(host.uploadPlugin(bad, "bad.jar").status()).isEqualTo(400);
            assertThat(host.delete("/api/plugins/nope").status()).isEqualTo(404);

            assertThat(host.getJson("/api/audit")).isEmpty();
        }
    }
}

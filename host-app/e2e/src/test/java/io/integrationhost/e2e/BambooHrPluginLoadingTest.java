package io.integrationhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.RunningHost;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host loads the real BambooHR plugin jar produced by the build, from its plugins folder, through PF4J. */
class BambooHrPluginLoadingTest {

    @TempDir
    Path root;

    @Test
    void listsBambooHrWithItsDeclaredMetadata() throws Exception {
        BundledPlugins.installBambooHr(root);
        try (RunningHost host = RunningHost.start(root)) {
            JsonNode integrations = host.getJson("/api/integrations");
            assertThat(integrations).hasSize(1);
            JsonNode bamboo = integrations.get(0);
            assertThat(bamboo.path("id").asText()).isEqualTo("bamboohr");
            assertThat(bamboo.path("name").asText()).isEqualTo("BambooHR");
            assertThat(bamboo.path("status").asText()).isEqualTo("AVAILABLE");
            assertThat(bamboo.path("plugin").path("state").asText()).isEqualTo("STARTED");
            assertThat(bamboo.path("plugin").path("version").asText()).isNotBlank();

            JsonNode authorization = bamboo.path("authorization");
            assertThat(authorization.path("type").asText()).isEqualTo("BASIC");
            assertThat(authorization.path("preAuthorize").asBoolean()).isTrue();
            assertThat(authorization.path("userAuthorize").asBoolean()).isTrue();
            JsonNode fields = authorization.path("fields");
            assertThat(fields).hasSize(2);
            assertThat(fields.get(0).path("key").asText()).isEqualTo("subdomain");
            assertThat(fields.get(0).path("required").asBoolean()).isTrue();
            assertThat(fields.get(0).path("secret").asBoolean()).isFalse();
            assertThat(fields.get(0).path("help").asText()).contains("bamboohr.com");
            assertThat(fields.get(1).path("key").asText()).isEqualTo("apiKey");
            assertThat(fields.get(1).path("required").asBoolean()).isTrue();
            assertThat(fields.get(1).path("secret").asBoolean()).isTrue();

            List<String> steps = new ArrayList<>();
            bamboo.path("setupInstructions").forEach(step -> steps.add(step.asText()));
            assertThat(String.join(" ", steps))
                    .contains("https://acme.bamboohr.com/", "API Keys", "Add New Key", "Generate Key", "Enable");
            assertThat(bamboo.path("authorizationProfiles").get(0).path("id").asText()).isEqualTo("bamboohr-api-key");

            HttpResponse<String> icon = host.get(bamboo.path("iconUrl").asText());
            assertThat(icon.statusCode()).isEqualTo(200);
            assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
            assertThat(icon.body()).contains("<svg");

            assertThat(host.getJson("/api/integrations/bamboohr").path("id").asText()).isEqualTo("bamboohr");
            JsonNode plugins = host.getJson("/api/plugins");
            assertThat(plugins).hasSize(1);
            assertThat(plugins.get(0).path("pluginId").asText()).isEqualTo("bamboohr");
            assertThat(plugins.get(0).path("state").asText()).isEqualTo("STARTED");
        }
    }

    @Test
    void removingTheJarRemovesTheIntegrationAndTheHostStaysHealthy() throws Exception {
        Path jar = BundledPlugins.installBambooHr(root);
        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.getJson("/api/integrations")).hasSize(1);
        }
        Files.delete(jar);
        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.getJson("/health").path("status").asText()).isEqualTo("UP");
            assertThat(host.getJson("/api/integrations")).isEmpty();
            assertThat(host.getJson("/api/plugins")).isEmpty();
            assertThat(host.get("/api/integrations/bamboohr").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void unknownIntegrationGetsATypedJsonError() throws Exception {
        try (RunningHost host = RunningHost.start(root)) {
            HttpResponse<String> response = host.get("/api/integrations/nope");
            assertThat(response.statusCode()).isEqualTo(404);
            JsonNode error = RunningHost.parse(response.body()).path("error");
            assertThat(error.path("kind").asText()).isEqualTo("NOT_FOUND");
            assertThat(error.path("message").asText()).contains("nope");
        }
    }
}

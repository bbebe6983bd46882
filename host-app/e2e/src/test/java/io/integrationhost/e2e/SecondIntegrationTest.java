package io.integrationhost.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform is generic: a second integration, generated from the plugin project template with another
 * authorization type than BambooHR's (an API key in a header) and one mode only (pre-authorization), and
 * built by Maven as a plugin developer builds it, is loaded and run by the real host like the first,
 * without the host knowing anything about it.
 */
class SecondIntegrationTest {

    private static final String ID = SecondIntegration.ID;
    private static final String API_KEY = "acme-key-0123456789";

    @RegisterExtension
    static final WireMockExtension acmeApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static Path pluginJar;

    @TempDir
    Path root;

    @BeforeAll
    static void generateAndBuildThePlugin() throws Exception {
        pluginJar = SecondIntegration.jar();
    }

    @BeforeEach
    void theApiAcceptsOnlyItsKey() {
        acmeApi.stubFor(get("/account").withHeader("X-API-Key", equalTo(API_KEY)).willReturn(okJson("{\"name\": \"Acme\"}")));
        acmeApi.stubFor(get("/account").withHeader("X-API-Key", equalTo("wrong-key"))
                .willReturn(status(401).withBody("{\"message\": \"Invalid API key\"}")));
    }

    @Test
    void theHostListsItWithItsOwnAuthorizationTypeAndItsOnlyMode() throws Exception {
        SecondIntegration.installInto(root);
        try (RunningHost host = RunningHost.start(root)) {
            JsonNode entry = only(host.getJson("/api/integrations"));
            assertThat(entry.path("id").asText()).isEqualTo(ID);
            assertThat(entry.path("name").asText()).isEqualTo(SecondIntegration.NAME);
            assertThat(entry.path("status").asText()).isEqualTo("AVAILABLE");
            assertThat(entry.path("plugin").path("state").asText()).isEqualTo("STARTED");
            assertThat(entry.path("plugin").path("version").asText()).isEqualTo("1.0.0");
            assertThat(entry.path("plugin").path("provider").asText()).isEqualTo(SecondIntegration.PROVIDER);

            JsonNode authorization = entry.path("authorization");
            assertThat(authorization.path("type").asText()).isEqualTo("API_KEY");
            assertThat(authorization.path("preAuthorize").asBoolean()).isTrue();
            assertThat(authorization.path("userAuthorize").asBoolean()).isFalse();
            JsonNode apiKey = only(authorization.path("fields"));
            assertThat(apiKey.path("key").asText()).isEqualTo("apiKey");
            assertThat(apiKey.path("secret").asBoolean()).isTrue();
            assertThat(apiKey.path("required").asBoolean()).isTrue();
            assertThat(entry.path("authorizationProfiles")).isEmpty();
            assertThat(entry.path("actions")).extracting(action -> action.path("id").asText())
                    .containsExactly("get-item", "list-items");
            assertThat(entry.path("setupInstructions")).hasSize(3);

            HttpResponse<String> icon = host.get(entry.path("iconUrl").asText());
            assertThat(icon.statusCode()).isEqualTo(200);
            assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));

            JsonNode plugin = only(host.getJson("/api/plugins"));
            assertThat(plugin.path("pluginId").asText()).isEqualTo(ID);
            assertThat(plugin.path("state").asText()).isEqualTo("STARTED");
            assertThat(plugin.path("requires").asText()).isEqualTo(">=1.3.0 & <2.0.0");
        }
    }

    @Test
    void droppedIntoARunningHostItsActionsRunAgainstTheApiWithTheKeyInAHeader() throws Exception {
        try (RunningHost host = RunningHost.start(root, Map.of("ACME_TICKETS_BASE_URL", acmeApi.baseUrl()))) {
            assertThat(host.getJson("/api/integrations")).isEmpty();

            HttpResponse<String> installed = host.send(HttpRequest.newBuilder(host.uri("/api/plugins?fileName=" + ID + "-plugin.jar"))
                    .header("Authorization", "Bearer " + RunningHost.ADMIN_TOKEN)
                    .header("Content-Type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofFile(pluginJar)));
            assertThat(installed.statusCode()).isEqualTo(201);
            assertThat(RunningHost.parse(installed.body()).path("state").asText()).isEqualTo("STARTED");

            Response refused = host.put("/api/integrations/" + ID + "/authorization",
                    Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("apiKey", "wrong-key")));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.error().path("message").asText()).contains("Invalid API key");
            assertThat(host.getJson("/api/integrations/" + ID).path("configured").asBoolean()).isFalse();

            assertThat(host.put("/api/integrations/" + ID + "/authorization",
                    Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("apiKey", API_KEY))).status()).isEqualTo(200);
            assertThat(host.post("/api/integrations/" + ID + "/enable", null).status()).isEqualTo(200);
            assertThat(host.getJson("/api/integrations/" + ID).path("configuration").path("values").path("apiKey").asText())
                    .isEqualTo("••••••••");

            acmeApi.stubFor(get("/items/42").withHeader("X-API-Key", equalTo(API_KEY))
                    .willReturn(okJson("{\"id\": \"42\", \"title\": \"Printer on fire\"}")));
            Response item = host.post("/api/integrations/" + ID + "/actions/get-item", Map.of("input", Map.of("id", "42")));
            assertThat(item.status()).isEqualTo(200);
            assertThat(item.body().path("result").path("title").asText()).isEqualTo("Printer on fire");
            acmeApi.verify(getRequestedFor(urlPathEqualTo("/items/42")).withHeader("X-API-Key", equalTo(API_KEY)));

            acmeApi.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson("[{\"id\": \"42\"}, {\"id\": \"43\"}]")));
            Response items = host.post("/api/integrations/" + ID + "/actions/list-items", Map.of("input", Map.of("limit", 2)));
            assertThat(items.body().path("result")).hasSize(2);

            Response missing = host.post("/api/integrations/" + ID + "/actions/get-item", Map.of("input", Map.of("id", "7")));
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.error().path("kind").asText()).isEqualTo("NOT_FOUND");

            Response invalid = host.post("/api/integrations/" + ID + "/actions/get-item", Map.of("input", Map.of("id", "../42")));
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.error().path("kind").asText()).isEqualTo("INVALID_INPUT");
        }
    }

    @Test
    void endUserAuthorizationIsRefusedBecauseTheIntegrationDoesNotAllowIt() throws Exception {
        SecondIntegration.installInto(root);
        try (RunningHost host = RunningHost.start(root)) {
            Response refused = host.put("/api/integrations/" + ID + "/authorization",
                    Map.of("mode", "USER_AUTHORIZED", "profileId", "any"));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error().path("kind").asText()).isEqualTo("MODE_NOT_ALLOWED");
            assertThat(host.getJson("/api/authorization-profile-types")).extracting(type -> type.path("id").asText())
                    .doesNotContain(ID + "-api-key");
        }
    }

    private static JsonNode only(JsonNode array) {
        assertThat(array).hasSize(1);
        return array.get(0);
    }
}

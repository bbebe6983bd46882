package io.integrationhost.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.integrationhost.host.support.AuthorizationServer;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BambooHR's real plugin jar with its "BambooHR with OAuth 2.0" profile type, end to end over the host's HTTP API: the
 * operator points BambooHR's authorization and token endpoints at a real authorization server in the JVM and its API
 * at a local stub; an end user's link leads through the server's consent to the callback, the plugin verifies the
 * token, and the user's calls reach BambooHR with their Bearer token, never a Basic header.
 */
class BambooHrOAuthEndUserTest {

    private static final String CLIENT_SECRET = "bamboo-app-secret-71c2";

    @TempDir
    Path root;

    private AuthorizationServer server;
    private WireMockServer bamboo;
    private RunningHost host;

    @BeforeEach
    void startTheProviderBambooHrsStubAndAHostWithTheRealJar() throws Exception {
        server = AuthorizationServer.builder().subject("charlotte").start();
        bamboo = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        bamboo.start();
        // BambooHR answers only a Bearer token here; a Basic header (an API key) would find no stub and get a 404.
        for (String path : new String[] {"/api/v1/employees/0", "/api/v1/employees/4"}) {
            bamboo.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", matching("Bearer .+"))
                    .willReturn(okJson("{\"id\": \"4\", \"firstName\": \"Charlotte\", \"lastName\": \"Abbott\"}")));
        }
        BundledPlugins.installBambooHr(root);
        String issuer = server.mock().baseUrl() + AuthorizationServer.ISSUER;
        host = RunningHost.start(root, Map.of("BAMBOOHR_BASE_URL", "http://127.0.0.1:" + bamboo.port(),
                "BAMBOOHR_OAUTH_AUTHORIZATION_URL", issuer + "/authorize",
                "BAMBOOHR_OAUTH_TOKEN_URL", issuer + "/token?request=token"));
        Response profile = host.post("/api/authorization-profiles", Map.of("name", "Acme employees", "type", "bamboohr-oauth",
                "presets", Map.of("subdomain", "acme", "clientId", "integration-host", "clientSecret", CLIENT_SECRET)));
        assertThat(profile.status()).as(profile.raw().body()).isEqualTo(201);
        Response configured = host.put("/api/integrations/bamboohr/authorization", Map.of("mode", "USER_AUTHORIZED",
                "profileId", profile.body().path("id").asText()));
        assertThat(configured.status()).as(configured.raw().body()).isEqualTo(200);
        assertThat(host.post("/api/integrations/bamboohr/enable", null).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (bamboo != null) {
            bamboo.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    private Response getEmployee(String userId) {
        return host.post("/api/integrations/bamboohr/actions/get-employee", Map.of("input", Map.of("id", "4"), "userId", userId));
    }

    @Test
    void anEndUserConnectsBambooHrThroughItsOAuthConsentAndTheirCallsCarryTheirBearerToken() {
        Response required = getEmployee("u1");
        assertThat(required.error().path("kind").asText()).as(required.raw().body()).isEqualTo("AUTHORIZATION_REQUIRED");
        URI link = URI.create(required.error().path("authorizationUrl").asText());

        HttpResponse<String> page = host.send(HttpRequest.newBuilder(link).GET());
        assertThat(page.body()).contains("Continue to BambooHR").doesNotContain("name=\"subdomain\"");

        HttpResponse<String> toProvider = host.send(FormPost.of(link, Map.of()));
        assertThat(toProvider.statusCode()).as(toProvider.body()).isEqualTo(303);
        URI authorization = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
        assertThat(authorization.toString()).startsWith(server.authorizationUrl().toString())
                .contains("request=authorize", "client_id=integration-host", "code_challenge_method=S256",
                        "offline_access", "time_off.write");
        String cookie = toProvider.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

        // BambooHR's authorize.php routes on its own 'request' parameter; the mock server reads a parameter of that name
        // as an OpenID Connect request object, so it is handed the request without it (the assertion above saw it sent).
        URI callback = server.consent(URI.create(authorization.toString().replaceFirst("([?&])request=authorize&?", "$1")));
        HttpResponse<String> done = host.send(HttpRequest.newBuilder(callback).header("Cookie", cookie).GET());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);

        Response call = getEmployee("u1");
        assertThat(call.status()).as(call.raw().body()).isEqualTo(200);
        assertThat(call.body().path("result").path("firstName").asText()).isEqualTo("Charlotte");
        // The code was exchanged as BambooHR's token endpoint takes it: the client's secret in the form, no Basic header.
        AuthorizationServer.Seen exchange = server.tokenRequests("authorization_code").get(0);
        assertThat(exchange.query()).containsEntry("request", "token");
        assertThat(exchange.form()).containsEntry("client_id", "integration-host").containsEntry("client_secret", CLIENT_SECRET);
        assertThat(exchange.usedBasicAuthentication()).isFalse();
        // The verification and the call both reached BambooHR with the token alone.
        assertThat(bamboo.getAllServeEvents()).hasSize(2).allSatisfy(event -> assertThat(authorizationOf(event)).startsWith("Bearer "));
        assertThat(host.getJson("/api/integrations/bamboohr/users").get(0).path("oauth2").path("connectedAs").asText())
                .isEqualTo("Connected to BambooHR company 'acme' as Charlotte Abbott (employee 4).");
    }

    private static String authorizationOf(ServeEvent event) {
        return event.getRequest().getHeader("Authorization");
    }
}

package io.integrationhost.host.endusers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.oauth.OAuthFlows;
import io.integrationhost.host.support.AuthorizationServer;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An end user authorizes an OAuth 2.0 integration through their one-time link: the link's page continues to the
 * provider (a real authorization server in the JVM), whose redirect to the host's callback stores that user's tokens,
 * and the user's calls then carry their own access token. The link is spent only when the tokens are stored: a refused
 * consent, a failed code exchange or a callback the host cannot accept leaves it usable for another try.
 */
class EndUserOAuthTest {

    private static final String ID = "oauthsvc";
    private static final String CLIENT_SECRET = "app-secret-3f9a1c";

    @TempDir
    Path root;

    private AuthorizationServer server;
    private RunningHost host;

    @BeforeEach
    void startTheProviderAndAHostThatLetsEndUsersAuthorizeThroughAnOAuthProfile() throws IOException {
        server = AuthorizationServer.builder().subject("jane.doe").start();
        FixturePlugins.oauth(ID).writeTo(Files.createDirectories(root.resolve("plugins")));
        host = RunningHost.start(root, FixturePlugins.oauthSettings(ID, server.mock().baseUrl().toString()));
        // The issuer is left to the end user: the one field of the type that the presets do not fill in.
        Response profile = host.post("/api/authorization-profiles", Map.of("name", "Fixture users",
                "type", FixturePlugins.oauthProfileType(ID), "presets", Map.of("clientId", "host-app", "clientSecret", CLIENT_SECRET)));
        assertThat(profile.status()).as(profile.raw().body()).isEqualTo(201);
        assertThat(host.put("/api/integrations/" + ID + "/authorization", Map.of("mode", "USER_AUTHORIZED",
                "profileId", profile.body().path("id").asText())).status()).isEqualTo(200);
        assertThat(host.post("/api/integrations/" + ID + "/enable", null).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Response whoami(String userId) {
        return host.post("/api/integrations/" + ID + "/actions/whoami", Map.of("input", Map.of(), "userId", userId));
    }

    private URI linkFor(String userId) {
        Response required = whoami(userId);
        assertThat(required.error().path("kind").asText()).as(required.raw().body()).isEqualTo("AUTHORIZATION_REQUIRED");
        return URI.create(required.error().path("authorizationUrl").asText());
    }

    private HttpResponse<String> open(URI link) {
        return host.send(HttpRequest.newBuilder(link).GET());
    }

    /** The link's form submitted: the browser is sent to the provider, with the cookie that binds the flow to it. */
    private Continued continueToProvider(URI link) {
        HttpResponse<String> answer = host.send(FormPost.of(link, Map.of("issuer", AuthorizationServer.ISSUER)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
        String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        return new Continued(URI.create(answer.headers().firstValue("Location").orElseThrow()), setCookie,
                setCookie.substring(0, setCookie.indexOf(';')));
    }

    private record Continued(URI authorizationRequest, String setCookie, String cookie) {
        String state() {
            return query(authorizationRequest).get("state");
        }
    }

    /** The browser back at the host's callback with {@code callback}'s query, sending the flow's cookie. */
    private HttpResponse<String> callback(URI callback, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(callback).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return host.send(request);
    }

    private HttpResponse<String> consentAndReturn(Continued continued) {
        return callback(consent(continued.authorizationRequest()), continued.cookie());
    }

    /**
     * The user consents at the provider; where the provider shows its sign-in page (the mock does for the fixture's
     * {@code prompt} parameter), the user signs in as jane.doe, and the provider redirects to the callback.
     */
    private URI consent(URI authorizationRequest) {
        HttpResponse<String> answer = host.send(HttpRequest.newBuilder(authorizationRequest).GET());
        if (answer.statusCode() == 200) {
            answer = host.send(FormPost.of(authorizationRequest, Map.of("username", "jane.doe")));
        }
        assertThat(answer.statusCode()).as("the provider's answer to the consent").isEqualTo(302);
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Test
    void anEndUsersLinkLeadsThroughTheProvidersConsentToTheirOwnTokensAndTheirCallsThenCarryThem() {
        URI link = linkFor("u1");

        HttpResponse<String> page = open(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Continue to OAuth Fixture").contains("name=\"issuer\"")
                .doesNotContain("clientId").doesNotContain("clientSecret").doesNotContain(CLIENT_SECRET);

        Continued continued = continueToProvider(link);
        Map<String, String> asked = query(continued.authorizationRequest());
        assertThat(continued.authorizationRequest().toString()).startsWith(server.authorizationUrl().toString());
        assertThat(asked).containsEntry("client_id", "host-app").containsEntry("response_type", "code")
                .containsEntry("scope", "openid profile").containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", host.uri("/oauth2/callback").toString())
                .containsKeys("state", "code_challenge").doesNotContainKey("client_secret");
        RunningHost.parse(FixturePlugins.oauthDescriptorFor(ID)).path("authorizationProfiles").get(0).path("oauth2")
                .path("authorizationParameters").properties()
                .forEach(extra -> assertThat(asked).containsEntry(extra.getKey(), extra.getValue().asText()));
        assertThat(continued.setCookie()).startsWith(OAuthFlows.BROWSER_COOKIE + "=").contains("HttpOnly")
                .containsIgnoringCase("SameSite=Lax").contains("Path=/oauth2/callback");

        HttpResponse<String> done = consentAndReturn(continued);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("You're all set");

        Response call = whoami("u1");
        assertThat(call.status()).as(call.raw().body()).isEqualTo(200);
        assertThat(call.body().path("result").path("claims").path("sub").asText()).isEqualTo("jane.doe");
        assertThat(call.body().path("result").path("issuer").asText()).isEqualTo(AuthorizationServer.ISSUER);
        assertThat(call.body().path("result").path("credentialKeys").toString()).isEqualTo("[\"issuer\"]");
        AuthorizationServer.Seen exchange = server.tokenRequests("authorization_code").get(0);
        assertThat(exchange.form()).containsKeys("code", "code_verifier").containsEntry("redirect_uri",
                host.uri("/oauth2/callback").toString());
        assertThat(exchange.basicClientId()).isEqualTo("host-app");
        assertThat(open(link).statusCode()).as("the link is spent").isEqualTo(410);
        // Another user has authorized nothing: the first one's tokens are theirs alone.
        assertThat(whoami("u2").error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
    }

    @Test
    void theUsersListShowsTheStateOfAnEndUsersTokensWithoutAnyToken() {
        consentAndReturn(continueToProvider(linkFor("u1")));

        HttpResponse<String> raw = host.get("/api/integrations/" + ID + "/users");
        JsonNode user = RunningHost.parse(raw.body()).get(0);

        assertThat(user.path("userId").asText()).isEqualTo("u1");
        JsonNode oauth2 = user.path("oauth2");
        assertThat(oauth2.path("connectedAs").asText()).isEqualTo("Connected as jane.doe");
        assertThat(oauth2.path("scopes").toString()).contains("openid");
        assertThat(oauth2.path("expiresAt").asText()).isNotBlank();
        assertThat(oauth2.path("storedAt").asText()).isNotBlank();
        assertThat(oauth2.path("refreshable").asBoolean()).isTrue();
        // The mock server's tokens are JWTs: none of them, and not the app's secret, is in the answer.
        assertThat(raw.body()).doesNotContain("eyJ").doesNotContain(CLIENT_SECRET);
    }

    @Test
    void aRefusedConsentStoresNothingAndLeavesTheLinkUsableForASecondTry() {
        URI link = linkFor("u1");
        Continued refused = continueToProvider(link);

        HttpResponse<String> page = callback(host.uri("/oauth2/callback?error=access_denied&state=" + refused.state()),
                refused.cookie());

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Access was not granted");
        assertThat(host.getJson("/api/integrations/" + ID + "/users")).isEmpty();
        assertThat(open(link).statusCode()).isEqualTo(200);
        assertThat(consentAndReturn(continueToProvider(link)).statusCode()).isEqualTo(200);
        assertThat(whoami("u1").status()).isEqualTo(200);
    }

    @Test
    void aFailedCodeExchangeStoresNothingAndLeavesTheLinkUsableForASecondTry() {
        URI link = linkFor("u1");
        Continued continued = continueToProvider(link);
        server.refuseNextTokenRequest("invalid_grant", "The code has expired");

        HttpResponse<String> page = consentAndReturn(continued);

        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.body()).contains("invalid_grant");
        assertThat(host.getJson("/api/integrations/" + ID + "/users")).isEmpty();
        List<JsonNode> audited = new ArrayList<>();
        host.getJson("/api/audit?integrationId=" + ID + "&limit=20").forEach(entry -> {
            if ("oauth.token-failed".equals(entry.path("action").asText())) {
                audited.add(entry);
            }
        });
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).path("userId").asText()).isEqualTo("u1");
        assertThat(audited.get(0).path("detail").asText()).contains("code exchange", "invalid_grant")
                .doesNotContain(continued.state());
        assertThat(whoami("u1").error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
        assertThat(consentAndReturn(continueToProvider(link)).statusCode()).isEqualTo(200);
        assertThat(whoami("u1").status()).isEqualTo(200);
    }

    @Test
    void aCallbackFromAnotherBrowserStoresNothingAndAReplayOfTheRightOneChangesNothing() {
        URI link = linkFor("u1");
        Continued continued = continueToProvider(link);
        URI returned = consent(continued.authorizationRequest());

        assertThat(callback(returned, null).statusCode()).as("no cookie: another browser").isEqualTo(400);
        assertThat(host.getJson("/api/integrations/" + ID + "/users")).isEmpty();
        assertThat(open(link).statusCode()).isEqualTo(200);

        assertThat(callback(returned, continued.cookie()).statusCode()).as("the browser that started it").isEqualTo(200);
        String storedAt = host.getJson("/api/integrations/" + ID + "/users").get(0).path("oauth2").path("storedAt").asText();
        assertThat(callback(returned, continued.cookie()).statusCode()).as("a replay").isEqualTo(400);
        assertThat(host.getJson("/api/integrations/" + ID + "/users")).hasSize(1);
        assertThat(host.getJson("/api/integrations/" + ID + "/users").get(0).path("oauth2").path("storedAt").asText())
                .isEqualTo(storedAt);
        assertThat(server.tokenRequests("authorization_code")).hasSize(1);
    }

    @Test
    void aTokenThePluginDoesNotAcceptIsNotStoredAndTheLinkStaysUsable() {
        String linkPath = linkFor("u1").getPath();
        // The same host, restarted with its plugin asking another issuer's userinfo: the user's token is refused there.
        host.close();
        Map<String, String> settings = new LinkedHashMap<>(FixturePlugins.oauthSettings(ID, server.mock().baseUrl().toString()));
        settings.put("OAUTHSVC_USERINFO_URL", server.mock().baseUrl() + "elsewhere/userinfo");
        host = RunningHost.start(root, settings);
        URI link = host.uri(linkPath);

        HttpResponse<String> page = consentAndReturn(continueToProvider(link));

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("The userinfo endpoint refused the token");
        assertThat(host.getJson("/api/integrations/" + ID + "/users")).isEmpty();
        assertThat(open(link).statusCode()).isEqualTo(200);
        // The refused token is revoked after the refusal is audited: the newest entry, the refusal just before it.
        host.awaitOAuthRevocations();
        JsonNode recent = host.getJson("/api/audit?integrationId=" + ID + "&limit=2");
        assertThat(recent.get(0).path("action").asText()).isEqualTo("oauth.revoked");
        assertThat(recent.get(1).path("action").asText()).isEqualTo("authorization.verified");
        assertThat(server.revocationRequests()).singleElement()
                .satisfies(revocation -> assertThat(revocation.form("token_type_hint")).isEqualTo("refresh_token"));
    }

    @Test
    void revokingAnEndUserRevokesTheirTokenAtTheProviderAndTheirNextCallAsksAgain() {
        consentAndReturn(continueToProvider(linkFor("u1")));
        assertThat(server.revocationRequests()).isEmpty();

        assertThat(host.delete("/api/integrations/" + ID + "/users/u1").status()).isEqualTo(204);
        host.awaitOAuthRevocations();

        List<AuthorizationServer.Seen> revoked = server.revocationRequests();
        assertThat(revoked).hasSize(1);
        assertThat(revoked.get(0).form()).containsKey("token").containsEntry("token_type_hint", "refresh_token");
        assertThat(host.getJson("/api/integrations/" + ID + "/users")).isEmpty();
        assertThat(whoami("u1").error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
    }

    @Test
    void anEndUserCannotSendTheOAuthAppsValuesThroughTheLinksForm() {
        URI link = linkFor("u1");

        HttpResponse<String> page = host.send(FormPost.of(link, Map.of("issuer", "issuer", "clientSecret", "mine")));

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(host.getJson("/api/integrations/" + ID + "/users")).isEmpty();
        assertThat(open(link).statusCode()).isEqualTo(200);
    }
}

package io.integrationhost.host.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.AuthorizationServer;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.OAuthFixtureHost;
import io.integrationhost.host.support.RunningHost;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An administrator pre-authorizes an OAuth 2.0 integration through a real authorization server in the JVM: the
 * authorization code flow over HTTP (start, consent, callback), every callback the host must refuse, and the client
 * credentials grant. Whatever is refused stores nothing.
 */
class OAuthPreAuthorizationTest {

    private static final String ID = "oauth-svc";

    @RegisterExtension
    final AuthorizationServer server = AuthorizationServer.builder().build();

    @TempDir
    Path root;

    private OAuthFixtureHost svc;

    @AfterEach
    void stop() {
        if (svc != null) {
            svc.close();
        }
    }

    private OAuthFixtureHost start(FixturePlugins plugin, Map<String, String> settings) {
        svc = OAuthFixtureHost.start(root, ID, plugin, server, settings);
        return svc;
    }

    private OAuthFixtureHost start() {
        return start(FixturePlugins.oauth(ID), Map.of());
    }

    @Test
    void anAdministratorConnectsThroughTheProvidersConsentAndTheActionRunsWithTheNewToken() {
        start();
        OAuthFixtureHost.Started started = svc.start(OAuthFixtureHost.appValues());

        String callbackUrl = svc.host().uri("/oauth2/callback").toString();
        assertThat(started.answer().body().path("callbackUrl").asText()).isEqualTo(callbackUrl);
        assertThat(started.answer().body().path("expiresAt").asText()).isNotBlank();
        Map<String, String> asked = query(started.authorizationUrl());
        assertThat(started.authorizationUrl().getPath()).isEqualTo("/issuer/authorize");
        assertThat(asked).containsEntry("response_type", "code").containsEntry("client_id", OAuthFixtureHost.CLIENT_ID)
                .containsEntry("redirect_uri", callbackUrl).containsEntry("scope", "openid profile")
                .containsEntry("code_challenge_method", "S256").containsEntry("prompt", "consent")
                .containsKeys("state", "code_challenge");
        HttpCookie cookie = flowCookie(started.answer());
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/oauth2/callback");
        assertThat(started.answer().raw().headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("SameSite=Lax");
        assertThat(svc.integration().path("configured").asBoolean()).as("nothing is stored before the callback").isFalse();

        HttpResponse<String> page = svc.callback(svc.consent(started), started.cookie());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("OAuth Fixture is connected", "Connected as jane.doe", "/#/integrations/" + ID);
        AuthorizationServer.Seen exchange = server.tokenRequests("authorization_code").get(0);
        assertThat(exchange.form()).containsKeys("code", "code_verifier").containsEntry("redirect_uri", callbackUrl);
        assertThat(exchange.usedBasicAuthentication()).isTrue();
        JsonNode configuration = svc.integration().path("configuration");
        assertThat(configuration.path("mode").asText()).isEqualTo("PRE_AUTHORIZED");
        assertThat(configuration.path("values").path("clientSecret").asText()).isEqualTo("••••••••");
        assertThat(configuration.path("values").path("clientId").asText()).isEqualTo(OAuthFixtureHost.CLIENT_ID);
        assertThat(configuration.path("oauth2").path("connectedAs").asText()).isEqualTo("Connected as jane.doe");
        assertThat(configuration.path("oauth2").path("scopes").toString()).contains("openid", "profile");
        assertThat(configuration.path("oauth2").path("expiresAt").asText()).isNotBlank();
        assertThat(configuration.path("oauth2").path("refreshable").asBoolean()).isTrue();

        assertThat(svc.host().post("/api/integrations/" + ID + "/enable", null).status()).isEqualTo(200);
        RunningHost.Response whoami = svc.run("whoami");
        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.body().path("result").path("claims").path("sub").asText()).isEqualTo("jane.doe");
        assertThat(whoami.body().path("result").path("credentialKeys").toString())
                .as("the plugin gets its declared field and the token, never the OAuth app").isEqualTo("[\"issuer\"]");
    }

    @Test
    void behindAnHttpsPublicUrlTheCallbackIsThereAndTheFlowsCookieIsSecure() {
        svc = OAuthFixtureHost.start(root, ID, FixturePlugins.oauth(ID), server, Map.of(), URI.create("https://hosts.example/"));

        OAuthFixtureHost.Started started = svc.start(OAuthFixtureHost.appValues());

        assertThat(started.answer().body().path("callbackUrl").asText()).isEqualTo("https://hosts.example/oauth2/callback");
        assertThat(query(started.authorizationUrl())).containsEntry("redirect_uri", "https://hosts.example/oauth2/callback");
        assertThat(flowCookie(started.answer()).getSecure()).isTrue();
        assertThat(svc.integration().path("authorization").path("oauth2").path("callbackUrl").asText())
                .isEqualTo("https://hosts.example/oauth2/callback");
    }

    @Test
    void overPlainHttpTheFlowsCookieIsNotMarkedSecure() {
        start();

        assertThat(flowCookie(svc.start(OAuthFixtureHost.appValues()).answer()).getSecure()).isFalse();
    }

    @Test
    void theCatalogShowsTheEffectiveFieldsTheGrantsTheScopesAndTheCallbackUrl() {
        start();
        JsonNode authorization = svc.integration().path("authorization");

        assertThat(authorization.path("fields").findValuesAsText("key")).containsExactly("issuer", "clientId", "clientSecret", "scopes");
        assertThat(authorization.path("oauth2").path("grantTypes").toString()).isEqualTo("[\"AUTHORIZATION_CODE\",\"CLIENT_CREDENTIALS\"]");
        assertThat(authorization.path("oauth2").path("scopes").findValuesAsText("name")).containsExactly("openid", "profile", "fixture:write");
        assertThat(authorization.path("oauth2").path("callbackUrl").asText()).isEqualTo(svc.host().uri("/oauth2/callback").toString());
        assertThat(authorization.path("oauth2").has("tokenUrl")).isFalse();
        JsonNode profileType = svc.integration().path("authorizationProfiles").get(0);
        assertThat(profileType.path("fields").findValuesAsText("key")).containsExactly("issuer", "clientId", "clientSecret", "scopes");
        assertThat(profileType.path("oauth2").path("callbackUrl").asText()).isEqualTo(svc.host().uri("/oauth2/callback").toString());
    }

    @Test
    void theCallbackIsRefusedInABrowserWithoutTheFlowsCookieAndTheFlowStaysForItsOwn() {
        start();
        OAuthFixtureHost.Started started = svc.start(OAuthFixtureHost.appValues());
        URI redirect = svc.consent(started);

        HttpResponse<String> noCookie = svc.callback(redirect, null);
        HttpResponse<String> otherCookie = svc.callback(redirect, svc.start(OAuthFixtureHost.appValues()).cookie());

        for (HttpResponse<String> refused : List.of(noCookie, otherCookie)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(refused.body()).contains("started in another browser", "Nothing was stored.");
        }
        assertThat(svc.integration().path("configured").asBoolean()).isFalse();
        assertThat(server.tokenRequests("authorization_code")).isEmpty();
        assertThat(svc.callback(redirect, started.cookie()).statusCode()).isEqualTo(200);
    }

    @Test
    void aReplayedCallbackIsRefusedAndExchangesNoCodeAgain() {
        start();
        OAuthFixtureHost.Started started = svc.start(OAuthFixtureHost.appValues());
        URI redirect = svc.consent(started);
        assertThat(svc.callback(redirect, started.cookie()).statusCode()).isEqualTo(200);
        String credentialsBefore = svc.integration().path("configuration").path("updatedAt").asText();

        HttpResponse<String> replayed = svc.callback(redirect, started.cookie());

        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("already completed");
        assertThat(server.tokenRequests("authorization_code")).hasSize(1);
        assertThat(svc.integration().path("configuration").path("updatedAt").asText()).isEqualTo(credentialsBefore);
    }

    @Test
    void aForgedStateOrNoneIsRefusedAndStoresNothing() {
        start();
        OAuthFixtureHost.Started started = svc.start(OAuthFixtureHost.appValues());
        URI redirect = svc.consent(started);
        String code = query(redirect).get("code");

        HttpResponse<String> forged = svc.callback(svc.host().uri("/oauth2/callback?code=" + code + "&state=forged-state"),
                started.cookie());
        HttpResponse<String> none = svc.callback(svc.host().uri("/oauth2/callback?code=" + code), started.cookie());

        for (HttpResponse<String> refused : List.of(forged, none)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("no authorization the host started", "Nothing was stored.");
        }
        assertThat(server.tokenRequests("authorization_code")).isEmpty();
        assertThat(svc.integration().path("configured").asBoolean()).isFalse();
    }

    @Test
    void theProvidersRefusalIsShownSpendsTheFlowAndStoresNothing() {
        start();
        OAuthFixtureHost.Started started = svc.start(OAuthFixtureHost.appValues());
        String state = query(svc.consent(started)).get("state");

        HttpResponse<String> denied = svc.callback(svc.host().uri("/oauth2/callback?error=access_denied"
                + "&error_description=The+user+said+no&state=" + state), started.cookie());

        assertThat(denied.statusCode()).isEqualTo(400);
        assertThat(denied.body()).contains("Access was not granted at the provider (The user said no).", "Nothing was stored.");
        assertThat(svc.integration().path("configured").asBoolean()).isFalse();
        assertThat(svc.host().getJson("/api/audit?integrationId=" + ID).findValuesAsText("action")).contains("oauth.refused");
        assertThat(svc.callback(svc.host().uri("/oauth2/callback?code=late&state=" + state), started.cookie()).body())
                .as("the flow is over").contains("already completed");
    }

    @Test
    void aFailedCodeExchangeAnswersTheProvidersFailureAndStoresNothing() {
        start();
        OAuthFixtureHost.Started started = svc.start(OAuthFixtureHost.appValues());
        URI redirect = svc.consent(started);
        server.refuseNextTokenRequest("invalid_grant", "the code has expired");

        HttpResponse<String> page = svc.callback(redirect, started.cookie());

        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.body()).contains("The code exchange with OAuth Fixture failed", "invalid_grant", "Nothing was stored.");
        assertThat(svc.integration().path("configured").asBoolean()).isFalse();
    }

    @Test
    void aConnectionTestThatRefusesTheNewTokenStoresNothing() {
        // The userinfo endpoint of another issuer does not accept this issuer's tokens.
        start(FixturePlugins.oauth(ID), Map.of("OAUTH_SVC_USERINFO_URL", server.mock().baseUrl() + "another-issuer/userinfo"));
        OAuthFixtureHost.Started started = svc.start(OAuthFixtureHost.appValues());

        HttpResponse<String> page = svc.callback(svc.consent(started), started.cookie());

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("The credentials were not accepted", "Nothing was stored.");
        assertThat(server.tokenRequests("authorization_code")).hasSize(1);
        assertThat(svc.integration().path("configured").asBoolean()).isFalse();
    }

    @Test
    void aMaskedClientSecretKeepsTheStoredOneWhenConnectingAgain() {
        start();
        svc.connectAndEnable();
        Map<String, String> again = new LinkedHashMap<>(OAuthFixtureHost.appValues());
        again.put("clientSecret", "••••••••");

        OAuthFixtureHost.Started started = svc.start(again);
        assertThat(svc.callback(svc.consent(started), started.cookie()).statusCode()).isEqualTo(200);

        List<AuthorizationServer.Seen> exchanges = server.tokenRequests("authorization_code");
        assertThat(exchanges).hasSize(2);
        assertThat(exchanges.get(1).authorization()).isEqualTo(exchanges.get(0).authorization());
        assertThat(svc.integration().path("status").asText()).isEqualTo("ENABLED");
    }

    @Test
    void startingRefusesAScopeTheIntegrationDoesNotDeclareAndValuesBreakingTheFields() {
        start();
        Map<String, String> unknownScope = new LinkedHashMap<>(OAuthFixtureHost.appValues());
        unknownScope.put("scopes", "openid admin:all");
        Map<String, String> noSecret = new LinkedHashMap<>(OAuthFixtureHost.appValues());
        noSecret.remove("clientSecret");

        RunningHost.Response scope = svc.host().post("/api/integrations/" + ID + "/authorization/oauth2", Map.of("values", unknownScope));
        RunningHost.Response secret = svc.host().post("/api/integrations/" + ID + "/authorization/oauth2", Map.of("values", noSecret));

        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.error().path("violations").findValuesAsText("field")).containsExactly("scopes");
        assertThat(scope.error().path("violations").findValuesAsText("message").get(0)).contains("admin:all");
        assertThat(secret.status()).isEqualTo(400);
        assertThat(secret.error().path("violations").findValuesAsText("field")).containsExactly("clientSecret");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void clientCredentialsAreExchangedForATokenTestedAndStoredThroughPutAuthorization() {
        start();

        RunningHost.Response stored = svc.host().put("/api/integrations/" + ID + "/authorization",
                Map.of("mode", "PRE_AUTHORIZED", "values", OAuthFixtureHost.appValues()));

        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body().path("connectionTest").path("message").asText()).isEqualTo("Connected as " + OAuthFixtureHost.CLIENT_ID);
        assertThat(server.tokenRequests("client_credentials")).hasSize(1);
        assertThat(server.tokenRequests("client_credentials").get(0).form()).containsEntry("scope", "openid profile");
        assertThat(stored.body().path("integration").path("configuration").path("oauth2").path("connectedAs").asText())
                .isEqualTo("Connected as " + OAuthFixtureHost.CLIENT_ID);
        assertThat(svc.host().post("/api/integrations/" + ID + "/enable", null).status()).isEqualTo(200);
        assertThat(svc.run("whoami").body().path("result").path("claims").path("sub").asText()).isEqualTo(OAuthFixtureHost.CLIENT_ID);
    }

    @Test
    void clientCredentialsTheProviderRefusesStoreNothing() {
        start();
        server.refuseNextTokenRequest("invalid_client", "unknown client");

        RunningHost.Response refused = svc.host().put("/api/integrations/" + ID + "/authorization",
                Map.of("mode", "PRE_AUTHORIZED", "values", OAuthFixtureHost.appValues()));

        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.error().path("kind").asText()).isEqualTo("OAUTH_PROVIDER_FAILED");
        assertThat(refused.error().path("providerError").asText()).isEqualTo("invalid_client");
        assertThat(svc.integration().path("configured").asBoolean()).isFalse();
    }

    @Test
    void anIntegrationOfferingOnlyTheCodeGrantIsConnectedNotStoredThroughPut() {
        start(FixturePlugins.oauth(ID).integrationGrants("AUTHORIZATION_CODE"), Map.of());

        RunningHost.Response refused = svc.host().put("/api/integrations/" + ID + "/authorization",
                Map.of("mode", "PRE_AUTHORIZED", "values", OAuthFixtureHost.appValues()));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error().path("kind").asText()).isEqualTo("OAUTH_NOT_OFFERED");
        assertThat(refused.error().path("remedy").asText()).contains("POST /api/integrations/" + ID + "/authorization/oauth2");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void anIntegrationOfferingOnlyClientCredentialsCannotStartAConsentFlow() {
        start(FixturePlugins.oauth(ID).integrationGrants("CLIENT_CREDENTIALS"), Map.of());

        RunningHost.Response refused = svc.host().post("/api/integrations/" + ID + "/authorization/oauth2",
                Map.of("values", OAuthFixtureHost.appValues()));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error().path("kind").asText()).isEqualTo("OAUTH_NOT_OFFERED");
        assertThat(refused.error().path("remedy").asText()).contains("PUT /api/integrations/" + ID + "/authorization");
    }

    private static HttpCookie flowCookie(RunningHost.Response answer) {
        return answer.raw().headers().allValues("Set-Cookie").stream().flatMap(header -> HttpCookie.parse(header).stream())
                .filter(cookie -> cookie.getName().equals("ih_oauth_flow")).findFirst().orElseThrow();
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
                        (a, b) -> b, LinkedHashMap::new));
    }
}

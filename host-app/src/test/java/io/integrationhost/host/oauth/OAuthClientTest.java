package io.integrationhost.host.oauth;

import static io.integrationhost.host.oauth.ConsentedGrants.APP;
import static io.integrationhost.host.oauth.ConsentedGrants.CALLBACK;
import static io.integrationhost.host.oauth.ConsentedGrants.SCOPES;
import static io.integrationhost.host.oauth.ConsentedGrants.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.integrationhost.api.metadata.OAuth2ClientAuthentication;
import io.integrationhost.api.metadata.OAuth2GrantType;
import io.integrationhost.api.metadata.OAuth2Scope;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.host.support.AuthorizationServer;
import io.integrationhost.host.support.AuthorizationServer.Seen;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OAuthClientTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    @RegisterExtension
    final AuthorizationServer server = AuthorizationServer.builder().tokenExpiry(Duration.ofMinutes(5)).build();

    private final OAuthClient client = new OAuthClient(Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theAuthorizationRequestCarriesStatePkceScopesAndExtraParametersAndKeepsTheTemplatesQuery() {
        OAuthEndpoints endpoints = new OAuthEndpoints(URI.create("https://acme.example.com/authorize.php?request=authorize"),
                URI.create("https://acme.example.com/token.php?request=token"), null);
        String verifier = OAuthClient.newCodeVerifier();

        URI request = client.authorizationRequest(endpoints, spec(OAuth2ClientAuthentication.CLIENT_SECRET_BASIC, true,
                Map.of("access_type", "offline")), "host-app", SCOPES, CALLBACK, "the-state", verifier);

        assertThat(request.getHost()).isEqualTo("acme.example.com");
        assertThat(request.getPath()).isEqualTo("/authorize.php");
        assertThat(query(request)).containsEntry("request", "authorize").containsEntry("response_type", "code")
                .containsEntry("client_id", "host-app").containsEntry("redirect_uri", CALLBACK.toString())
                .containsEntry("scope", "openid employee:read").containsEntry("state", "the-state")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue())
                .containsEntry("access_type", "offline");
        assertThat(request.toString()).doesNotContain(verifier);
    }

    @Test
    void withPkceSwitchedOffNoChallengeIsSent() {
        URI request = client.authorizationRequest(endpoints(), spec(OAuth2ClientAuthentication.CLIENT_SECRET_BASIC, false,
                Map.of()), "host-app", SCOPES, CALLBACK, "the-state", null);

        assertThat(query(request)).doesNotContainKeys("code_challenge", "code_challenge_method").containsKey("state");
    }

    @Test
    void aCodeExchangedWithItsPkceVerifierGivesTokensThatExpireAsTheProviderSaid() {
        String verifier = OAuthClient.newCodeVerifier();
        String code = consent(verifier);

        TokenGrant grant = client.exchangeCode(endpoints(), spec(), APP, code, CALLBACK, verifier, SCOPES);

        assertThat(grant.accessToken()).isNotBlank();
        assertThat(grant.tokenType()).isEqualTo("Bearer");
        assertThat(grant.refreshToken()).isNotBlank();
        // expires_in is what is left of the five minutes when the server answered, counted from the client's clock
        assertThat(grant.expiresAt()).isBetween(NOW.plusSeconds(280), NOW.plusSeconds(300));
        assertThat(grant.scopes()).containsExactlyElementsOf(SCOPES);
        Seen exchange = server.tokenRequests("authorization_code").get(0);
        assertThat(exchange.form("code_verifier")).isEqualTo(verifier);
        assertThat(exchange.form("redirect_uri")).isEqualTo(CALLBACK.toString());
        assertThat(grant.toString()).doesNotContain(grant.accessToken(), grant.refreshToken());
    }

    @Test
    void aCodeExchangedWithAnotherVerifierIsRefusedByTheServerAsARejectedGrant() {
        String code = consent(OAuthClient.newCodeVerifier());
        String otherVerifier = OAuthClient.newCodeVerifier();

        OAuthFailure refused = catchThrowableOfType(OAuthFailure.class,
                () -> client.exchangeCode(endpoints(), spec(), APP, code, CALLBACK, otherVerifier, SCOPES));

        assertThat(refused.reason()).isEqualTo(OAuthFailure.Reason.GRANT_REJECTED);
        assertThat(refused.errorCode()).isEqualTo("invalid_grant");
        assertThat(refused.getMessage()).contains("invalid_grant", "code_verifier")
                .doesNotContain(code, otherVerifier, APP.clientSecret());
    }

    @Test
    void aRefreshGivesANewAccessTokenAndAsksForNoNewScopes() {
        TokenGrant first = exchangedGrant();

        TokenGrant refreshed = client.refresh(endpoints(), spec(), APP, first.refreshToken(), SCOPES);

        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(refreshed.expiresAt()).isAfter(NOW);
        Seen refresh = server.tokenRequests("refresh_token").get(0);
        assertThat(refresh.form("refresh_token")).isEqualTo(first.refreshToken());
        assertThat(refresh.form()).doesNotContainKey("scope");
    }

    @Test
    void aProviderThatRotatesRefreshTokensHandsANewOneWithEachRefresh() {
        try (AuthorizationServer rotating = AuthorizationServer.builder().rotateRefreshTokens().start()) {
            OAuthEndpoints endpoints = new OAuthEndpoints(rotating.authorizationUrl(), rotating.tokenUrl(), null);
            String verifier = OAuthClient.newCodeVerifier();
            String code = code(rotating.consent(client.authorizationRequest(endpoints, spec(), APP.clientId(), SCOPES,
                    CALLBACK, "s", verifier)));
            TokenGrant first = client.exchangeCode(endpoints, spec(), APP, code, CALLBACK, verifier, SCOPES);

            TokenGrant refreshed = client.refresh(endpoints, spec(), APP, first.refreshToken(), SCOPES);

            assertThat(refreshed.refreshToken()).isNotBlank().isNotEqualTo(first.refreshToken());
        }
    }

    @Test
    void clientCredentialsGiveATokenForTheScopesAskedFor() {
        TokenGrant grant = client.clientCredentials(endpoints(), spec(), APP, List.of("employee:read"));

        assertThat(grant.accessToken()).isNotBlank();
        assertThat(grant.refreshToken()).isNull();
        assertThat(grant.expiresAt()).isBetween(NOW.plusSeconds(280), NOW.plusSeconds(300));
        Seen request = server.tokenRequests("client_credentials").get(0);
        assertThat(request.form("scope")).isEqualTo("employee:read");
        assertThat(request.basicClientId()).isEqualTo("host-app");
    }

    @Test
    void aRevokedRefreshTokenIsRefusedAsARejectedGrant() {
        TokenGrant grant = exchangedGrant();

        client.revoke(endpoints(), spec(), APP, grant.refreshToken(), true);
        OAuthFailure refused = catchThrowableOfType(OAuthFailure.class,
                () -> client.refresh(endpoints(), spec(), APP, grant.refreshToken(), SCOPES));

        assertThat(server.revocationRequests()).singleElement().satisfies(revocation -> {
            assertThat(revocation.form("token")).isEqualTo(grant.refreshToken());
            assertThat(revocation.form("token_type_hint")).isEqualTo("refresh_token");
            assertThat(revocation.basicClientId()).isEqualTo("host-app");
        });
        assertThat(refused.reason()).isEqualTo(OAuthFailure.Reason.GRANT_REJECTED);
        assertThat(refused.getMessage()).doesNotContain(grant.refreshToken(), grant.accessToken());
    }

    @Test
    void anAccessTokenIsRevokedWithItsHint() {
        TokenGrant grant = exchangedGrant();

        client.revoke(endpoints(), spec(), APP, grant.accessToken(), false);

        assertThat(server.revocationRequests()).singleElement()
                .satisfies(revocation -> assertThat(revocation.form("token_type_hint")).isEqualTo("access_token"));
    }

    @Test
    void withoutARevocationEndpointNothingIsSent() {
        client.revoke(new OAuthEndpoints(server.authorizationUrl(), server.tokenUrl(), null), spec(), APP, "a-token", true);

        assertThat(server.seen()).isEmpty();
    }

    @Test
    void clientSecretPostSendsTheAppsCredentialsInTheBodyAndBasicInTheHeader() {
        client.clientCredentials(endpoints(), spec(OAuth2ClientAuthentication.CLIENT_SECRET_POST, true, Map.of()), APP, List.of());
        client.clientCredentials(endpoints(), spec(OAuth2ClientAuthentication.CLIENT_SECRET_BASIC, true, Map.of()), APP, List.of());

        List<Seen> requests = server.tokenRequests("client_credentials");
        assertThat(requests.get(0).usedBasicAuthentication()).isFalse();
        assertThat(requests.get(0).form()).containsEntry("client_id", "host-app")
                .containsEntry("client_secret", APP.clientSecret());
        assertThat(requests.get(1).basicClientId()).isEqualTo("host-app");
        assertThat(requests.get(1).form()).doesNotContainKeys("client_id", "client_secret");
    }

    @Test
    void aTokenUrlWithAQueryKeepsIt() {
        OAuthEndpoints endpoints = new OAuthEndpoints(null, URI.create(server.tokenUrl() + "?request=token"), null);

        client.clientCredentials(endpoints, spec(), APP, List.of());

        assertThat(server.tokenRequests("client_credentials").get(0).query()).containsEntry("request", "token");
    }

    @Test
    void aRefusedClientIsTheClientsFailureAndItsSecretIsNeverRepeated() {
        server.refuseNextTokenRequest("invalid_client", "no client host-app with secret " + APP.clientSecret());

        OAuthFailure refused = catchThrowableOfType(OAuthFailure.class,
                () -> client.clientCredentials(endpoints(), spec(), APP, List.of()));

        assertThat(refused.reason()).isEqualTo(OAuthFailure.Reason.CLIENT_REJECTED);
        assertThat(refused.getMessage()).contains("invalid_client", "no client host-app").doesNotContain(APP.clientSecret());
    }

    @Test
    void anotherOAuthErrorIsTheProvidersError() {
        server.refuseNextTokenRequest("invalid_scope", "employee:write is not allowed");

        OAuthFailure refused = catchThrowableOfType(OAuthFailure.class,
                () -> client.clientCredentials(endpoints(), spec(), APP, List.of("employee:write")));

        assertThat(refused.reason()).isEqualTo(OAuthFailure.Reason.PROVIDER_ERROR);
        assertThat(refused.errorCode()).isEqualTo("invalid_scope");
    }

    @Test
    void anAnswerThatIsNoOAuthResponseIsABadResponse() {
        // The issuer's JWKS endpoint answers GET only: a POST gets a plain 405, no OAuth error.
        OAuthEndpoints endpoints = new OAuthEndpoints(null, server.mock().jwksUrl(AuthorizationServer.ISSUER).uri(), null);

        OAuthFailure refused = catchThrowableOfType(OAuthFailure.class,
                () -> client.clientCredentials(endpoints, spec(), APP, List.of()));

        assertThat(refused.reason()).isEqualTo(OAuthFailure.Reason.BAD_RESPONSE);
    }

    @Test
    void aTokenUrlNobodyListensOnIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OAuthEndpoints endpoints = new OAuthEndpoints(null, URI.create("http://127.0.0.1:" + port + "/token"), null);

        OAuthFailure refused = catchThrowableOfType(OAuthFailure.class,
                () -> client.clientCredentials(endpoints, spec(), APP, List.of()));

        assertThat(refused.reason()).isEqualTo(OAuthFailure.Reason.UNREACHABLE);
        assertThat(refused.getMessage()).doesNotContain(APP.clientSecret());
    }

    @Test
    void aProviderThatNeverAnswersIsUnreachableAfterTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            OAuthEndpoints endpoints = new OAuthEndpoints(null,
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/token"), null);
            OAuthClient impatient = new OAuthClient(Duration.ofMillis(300), Clock.systemUTC());

            // The connection is made (the socket's backlog accepts it), and nothing ever answers.
            OAuthFailure refused = catchThrowableOfType(OAuthFailure.class,
                    () -> impatient.clientCredentials(endpoints, spec(), APP, List.of()));

            assertThat(refused.reason()).isEqualTo(OAuthFailure.Reason.UNREACHABLE);
            assertThat(refused.getMessage()).contains("SocketTimeoutException");
        }
    }

    private OAuthEndpoints endpoints() {
        return ConsentedGrants.endpoints(server);
    }

    private static OAuth2Spec spec() {
        return spec(OAuth2ClientAuthentication.CLIENT_SECRET_BASIC, true, Map.of());
    }

    private static OAuth2Spec spec(OAuth2ClientAuthentication authentication, boolean pkce, Map<String, String> parameters) {
        return new OAuth2Spec(List.of(OAuth2GrantType.AUTHORIZATION_CODE, OAuth2GrantType.CLIENT_CREDENTIALS),
                "https://unused.example.com/authorize", "https://unused.example.com/token", "https://unused.example.com/revoke",
                List.of(new OAuth2Scope("openid", "Who you are", true), new OAuth2Scope("employee:read", "Read employees", true)),
                pkce, authentication, parameters);
    }

    private TokenGrant exchangedGrant() {
        return ConsentedGrants.consented(client, server);
    }

    /** Consent at the server (no login page), as a browser sent there by the host would give it: the code. */
    private String consent(String verifier) {
        return code(server.consent(client.authorizationRequest(endpoints(), spec(), APP.clientId(), SCOPES, CALLBACK,
                "the-state", verifier)));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }
}

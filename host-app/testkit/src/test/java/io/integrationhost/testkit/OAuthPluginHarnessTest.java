package io.integrationhost.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationhost.api.AccessToken;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.ErrorKind;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PluginHarness runs an OAuth 2.0 plugin as the host does: each call of an OAuth 2.0 authorization or profile type
 * carries an access token beside the declared values only, never the OAuth app's client id, secret or scopes.
 */
class OAuthPluginHarnessTest {

    private static final String TOKEN = "access-token-1";
    private static final Map<String, String> ACCOUNT = Map.of("account", "acme");

    @RegisterExtension
    static final RemoteApiStub api = RemoteApiStub.onLoopback();

    @TempDir
    Path dir;

    @BeforeEach
    void theApiKnowsTheTokensOwner() {
        api.requiresBearerToken(TOKEN);
        api.stubFor(get("/me").willReturn(okJson("{\"name\": \"Ada\"}")));
    }

    @Test
    void anActionPresentsTheAccessTokenTheHarnessWasGiven() {
        try (PluginHarness plugin = oauthEcho().accessToken(TOKEN).start()) {
            assertThat(plugin.run("whoami", Map.of()).json().path("me").asText()).contains("Ada");
        }

        api.verify(getRequestedFor(urlEqualTo("/me")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aCallReceivesTheDeclaredValuesAndTheTokenNeverTheOAuthAppsFields() {
        try (PluginHarness plugin = oauthEcho().accessToken(new AccessToken(TOKEN, "bearer")).start()) {
            var received = plugin.run("received", Map.of()).json();

            assertThat(received.path("keys").toString()).isEqualTo("[\"account\"]");
            assertThat(received.path("tokenType").asText()).isEqualTo("bearer");
            assertThat(plugin.credentialViolations(Map.of("account", "acme", "clientId", "app-1", "clientSecret", "s")))
                    .anySatisfy(violation -> assertThat(violation).startsWith("clientId: is not a field"))
                    .anySatisfy(violation -> assertThat(violation).startsWith("clientSecret: is not a field"));
            assertThatThrownBy(() -> plugin.run("received", Map.of(), Map.of("account", "acme", "scopes", "items:read")))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("scopes: is not a field");
        }
    }

    @Test
    void theConnectionTestRunsWithTheTokenAndARefusedTokenIsInvalidCredentials() {
        try (PluginHarness plugin = oauthEcho().accessToken(TOKEN).start()) {
            ConnectionCheck connected = plugin.testConnection(ACCOUNT);
            ConnectionCheck revoked = plugin.testConnection(ACCOUNT, new AccessToken("revoked-token", "Bearer"));

            assertThat(connected.successful()).isTrue();
            assertThat(connected.message()).isEqualTo("Connected as Ada");
            assertThat(revoked.successful()).isFalse();
            assertThat(revoked.error().kind()).isEqualTo(ErrorKind.INVALID_CREDENTIALS);
            assertThat(revoked.error().upstreamDetail()).isEqualTo("Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void aCallWithItsOwnTokenPresentsThatOne() {
        try (PluginHarness plugin = oauthEcho().accessToken(TOKEN).start()) {
            assertThat(plugin.run("whoami", Map.of(), ACCOUNT, new AccessToken("expired-token", "Bearer")).error().kind())
                    .isEqualTo(ErrorKind.INVALID_CREDENTIALS);
        }
    }

    @Test
    void aProfileTypeVerifiesTheTokenOfAnEndUsersConsentWithTheirOwnValues() {
        try (PluginHarness plugin = oauthEcho().accessToken(TOKEN).start()) {
            assertThat(plugin.verifyProfile("oauth-echo-user", Map.of("account", "ada")).message()).isEqualTo("Connected as Ada");
            assertThat(plugin.verifyProfile("oauth-echo-user", Map.of("account", "ada"), new AccessToken("other", "Bearer"))
                    .error().kind()).isEqualTo(ErrorKind.INVALID_CREDENTIALS);
        }
    }

    @Test
    void anEndUsersCallCarriesTheirStoredValuesAndTokenAsTheHostPassesThem() {
        Credentials endUser = Credentials.withAccessToken(Map.of("account", "ada"), new AccessToken(TOKEN, "Bearer"));
        Credentials withTheAppsSecret = Credentials.withAccessToken(Map.of("account", "ada", "clientSecret", "s"),
                new AccessToken(TOKEN, "Bearer"));

        try (PluginHarness plugin = oauthEcho().start()) {
            assertThat(plugin.run("received", Map.of(), endUser).json().path("account").asText()).isEqualTo("ada");
            assertThat(plugin.run("whoami", Map.of(), endUser).json().path("me").asText()).contains("Ada");
            assertThat(plugin.run("received", Map.of("text", ""), endUser).kind()).isEqualTo(ActionOutcome.Kind.INPUT_REFUSED);
            assertThatThrownBy(() -> plugin.run("received", Map.of(), withTheAppsSecret))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("never passes the OAuth app's");
        }
    }

    @Test
    void anOAuthCallWithoutATokenIsATestMistakeTheHostNeverMakes() {
        try (PluginHarness plugin = oauthEcho().start()) {
            assertThatThrownBy(() -> plugin.run("whoami", Map.of())).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("authorizes with OAuth 2.0").hasMessageContaining("Builder.accessToken");
            assertThatThrownBy(() -> plugin.testConnection(ACCOUNT)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("its connection test");
            assertThatThrownBy(() -> plugin.verifyProfile("oauth-echo-user", ACCOUNT)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the verification of 'oauth-echo-user'");
            assertThat(plugin.run("received", Map.of("text", "")).kind()).isEqualTo(ActionOutcome.Kind.INPUT_REFUSED);
        }
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aPluginThatIsNotOAuthGetsTheTokenOnlyWhenACallNamesOne() {
        try (PluginHarness echo = PluginHarness.forJar(FixtureJar.echo().writeTo(dir))
                .credentials(Map.of("account", "acme", "token", "good-token")).accessToken(TOKEN).start()) {
            assertThat(echo.run("echo", Map.of("text", "hi")).json().path("accessToken").asBoolean()).isFalse();
            assertThat(echo.run("echo", Map.of("text", "hi"), Map.of("account", "acme", "token", "good-token"),
                    new AccessToken(TOKEN, "Bearer")).json().path("accessToken").asBoolean()).isTrue();
        }
    }

    private PluginHarness.Builder oauthEcho() {
        return PluginHarness.forJar(FixtureJar.oauthEcho().writeTo(dir)).setting("BASE_URL", api.baseUrl()).credentials(ACCOUNT);
    }
}

package io.integrationhost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.AuthorizationServer;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.OAuthFixtureHost;
import io.integrationhost.host.support.RunningHost;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Actions of a pre-authorized OAuth 2.0 integration run with its access token, which the host keeps fresh against a
 * real authorization server: refreshed before it expires, once more after the remote system refuses it (and the call
 * runs again), and when the provider refuses the refresh the integration goes to the error state. Deleting the
 * configuration revokes its token at the provider.
 */
class OAuthCallsTest {

    private static final String ID = "oauth-svc";
    /** Shorter than the host's refresh margin: every stored token is about to expire. */
    private static final Duration EXPIRING = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private AuthorizationServer server;
    private OAuthFixtureHost svc;

    @AfterEach
    void stop() {
        if (svc != null) {
            svc.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private OAuthFixtureHost connectedWith(AuthorizationServer.Builder tokens) {
        server = tokens.start();
        svc = OAuthFixtureHost.start(root, ID, FixturePlugins.oauth(ID), server, Map.of());
        svc.connectAndEnable();
        return svc;
    }

    @Test
    void anAccessTokenAboutToExpireIsRefreshedBeforeTheCallUsesIt() {
        connectedWith(AuthorizationServer.builder().tokenExpiry(EXPIRING));
        assertThat(svc.integration().path("configuration").path("oauth2").has("refreshedAt")).isFalse();

        RunningHost.Response whoami = svc.run("whoami");

        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.body().path("result").path("claims").path("sub").asText()).isEqualTo("jane.doe");
        assertThat(server.tokenRequests("refresh_token")).hasSize(1);
        assertThat(svc.integration().path("configuration").path("oauth2").path("refreshedAt").asText()).isNotBlank();
    }

    @Test
    void aTokenThatIsNotAboutToExpireIsUsedAsStored() {
        connectedWith(AuthorizationServer.builder());

        assertThat(svc.run("whoami").status()).isEqualTo(200);
        assertThat(svc.run("whoami").status()).isEqualTo(200);

        assertThat(server.tokenRequests("refresh_token")).isEmpty();
    }

    @Test
    void aTokenTheRemoteSystemRefusesIsRefreshedOnceAndTheCallRunsAgainWithTheNewOne() {
        connectedWith(AuthorizationServer.builder());

        RunningHost.Response answer = svc.run("reject-first-token");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("result").path("claims").path("sub").asText()).isEqualTo("jane.doe");
        assertThat(server.tokenRequests("refresh_token")).hasSize(1);
        assertThat(svc.integration().path("status").asText()).isEqualTo("ENABLED");
    }

    @Test
    void aRefusalOfTheRefreshedTokenTooMarksTheCredentialsRejectedAfterOneRefresh() {
        connectedWith(AuthorizationServer.builder());

        RunningHost.Response answer = svc.run("reject");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.error().path("kind").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(server.tokenRequests("refresh_token")).hasSize(1);
        assertThat(svc.integration().path("status").asText()).isEqualTo("ERROR");
    }

    @Test
    void aRefreshTokenRevokedAtTheProviderPutsTheIntegrationInErrorAudited() throws Exception {
        connectedWith(AuthorizationServer.builder().tokenExpiry(EXPIRING));
        assertThat(svc.run("whoami").status()).isEqualTo(200);
        // The refresh token as the host presented it; revoked at the provider, as an account owner or admin does there.
        String refreshToken = server.tokenRequests("refresh_token").get(0).form("refresh_token");
        HttpResponse<String> revoked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.revocationUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)
                        + "&token_type_hint=refresh_token")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(200);

        RunningHost.Response answer = svc.run("whoami");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.error().path("kind").asText()).isEqualTo("OAUTH_GRANT_REJECTED");
        assertThat(answer.error().path("providerError").asText()).isEqualTo("invalid_grant");
        assertThat(answer.error().path("remedy").asText()).contains("POST /api/integrations/" + ID + "/authorization/oauth2");
        assertThat(svc.integration().path("status").asText()).isEqualTo("ERROR");
        assertThat(svc.host().getJson("/api/audit?integrationId=" + ID).findValuesAsText("action"))
                .contains("oauth.refresh-failed", "configuration.error");
        RunningHost.Response next = svc.run("whoami");
        assertThat(next.error().path("kind").asText()).isEqualTo("INTEGRATION_ERROR");
        assertThat(server.tokenRequests("refresh_token")).as("no refresh after the refusal").hasSize(2);
    }

    @Test
    void anEndUsersRefreshTheProviderRefusesRemovesTheirAuthorizationAndAsksThemAgain() {
        server = AuthorizationServer.builder().tokenExpiry(EXPIRING).start();
        svc = OAuthFixtureHost.start(root, ID, FixturePlugins.oauth(ID), server, Map.of());
        svc.letEndUsersAuthorize();
        svc.authorizeEndUser("u1");
        svc.authorizeEndUser("u2");
        server.refuseNextTokenRequest("invalid_grant", "the refresh token was revoked");

        RunningHost.Response answer = svc.run("whoami", "u1");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
        assertThat(answer.error().path("message").asText()).contains("invalid_grant");
        assertThat(answer.error().path("authorizationUrl").asText()).contains("/authorize/");
        assertThat(svc.host().getJson("/api/integrations/" + ID + "/users").findValuesAsText("userId")).containsExactly("u2");
        assertThat(svc.host().getJson("/api/audit?integrationId=" + ID).findValuesAsText("action"))
                .contains("oauth.refresh-failed", "authorization.invalidated");
        assertThat(svc.run("whoami", "u2").status()).as("another end user's tokens are theirs alone").isEqualTo(200);
        assertThat(svc.integration().path("status").asText()).isEqualTo("ENABLED");
    }

    @Test
    void aProviderThatCannotBeReachedFailsTheCallAndMarksNothing() {
        connectedWith(AuthorizationServer.builder().tokenExpiry(EXPIRING));
        server.close();

        RunningHost.Response answer = svc.run("whoami");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.error().path("kind").asText()).isEqualTo("OAUTH_PROVIDER_UNAVAILABLE");
        assertThat(svc.integration().path("status").asText()).isEqualTo("ENABLED");
    }

    @Test
    void clientCredentialsWithoutARefreshTokenAreUsedAgainForANewToken() {
        server = AuthorizationServer.builder().tokenExpiry(EXPIRING).start();
        svc = OAuthFixtureHost.start(root, ID, FixturePlugins.oauth(ID), server, Map.of());
        assertThat(svc.host().put("/api/integrations/" + ID + "/authorization",
                Map.of("mode", "PRE_AUTHORIZED", "values", OAuthFixtureHost.appValues())).status()).isEqualTo(200);
        assertThat(svc.host().post("/api/integrations/" + ID + "/enable", null).status()).isEqualTo(200);

        assertThat(svc.run("whoami").status()).isEqualTo(200);

        assertThat(server.tokenRequests("client_credentials")).hasSize(2);
        assertThat(server.tokenRequests("refresh_token")).isEmpty();
    }

    @Test
    void deletingTheConfigurationRevokesItsTokensAtTheProvider() {
        connectedWith(AuthorizationServer.builder());

        RunningHost.Response deleted = svc.host().delete("/api/integrations/" + ID + "/configuration");

        assertThat(deleted.status()).isEqualTo(204);
        svc.host().awaitOAuthRevocations();
        assertThat(server.revocationRequests()).hasSize(1);
        assertThat(server.revocationRequests().get(0).form()).containsEntry("token_type_hint", "refresh_token").containsKey("token");
        assertThat(svc.integration().path("configured").asBoolean()).isFalse();
    }
}

package io.integrationhost.host.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.AuthorizationServer;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.OAuthFixtureHost;
import io.integrationhost.host.support.RunningHost;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a host lets go of OAuth 2.0 tokens revokes them at the provider (a real authorization server in the JVM,
 * whose OAuth declares a revocation endpoint), over HTTP with the OAuth fixture plugin: the revocations run in the
 * background once the removal is committed, and each test waits for them.
 */
class OAuthRevocationsTest {

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

    private OAuthFixtureHost start(Map<String, String> settings) {
        svc = OAuthFixtureHost.start(root, ID, FixturePlugins.oauth(ID), server, settings);
        return svc;
    }

    /** The revocations the server saw once the host's background revocations are done. */
    private List<AuthorizationServer.Seen> revocations() {
        svc.host().awaitOAuthRevocations();
        return server.revocationRequests();
    }

    private List<JsonNode> audited(String action) {
        JsonNode entries = svc.host().getJson("/api/audit?integrationId=" + ID + "&limit=100");
        return StreamSupport.stream(entries.spliterator(), false).filter(e -> action.equals(e.path("action").asText())).toList();
    }

    @Test
    void deletingAConfigurationRevokesTheTokensOfEveryEndUserAuthorizedThroughIt() {
        start(Map.of()).letEndUsersAuthorize();
        svc.authorizeEndUser("u1");
        svc.authorizeEndUser("u2");
        assertThat(revocations()).isEmpty();

        RunningHost.Response deleted = svc.host().delete("/api/integrations/" + ID + "/configuration");

        assertThat(deleted.status()).isEqualTo(204);
        List<AuthorizationServer.Seen> revoked = revocations();
        assertThat(revoked).hasSize(2).allSatisfy(revocation -> {
            assertThat(revocation.form("token_type_hint")).isEqualTo("refresh_token");
            assertThat(revocation.basicClientId()).isEqualTo(OAuthFixtureHost.CLIENT_ID);
        });
        assertThat(revoked.stream().map(revocation -> revocation.form("token")).distinct()).hasSize(2);
        assertThat(audited("oauth.revoked")).extracting(entry -> entry.path("userId").asText())
                .containsExactlyInAnyOrder("u1", "u2");
        assertThat(svc.host().getJson("/api/audit?integrationId=" + ID + "&limit=100").toString())
                .doesNotContain(revoked.get(0).form("token"), revoked.get(1).form("token"), OAuthFixtureHost.CLIENT_SECRET);
    }

    @Test
    void connectingAgainRevokesTheTokensTheNewConnectionReplacesAndTheNewOnesWork() {
        start(Map.of()).connectAndEnable();

        assertThat(svc.connect().statusCode()).isEqualTo(200);

        assertThat(revocations()).singleElement()
                .satisfies(revocation -> assertThat(revocation.form("token_type_hint")).isEqualTo("refresh_token"));
        assertThat(svc.run("whoami").status()).isEqualTo(200);
        assertThat(revocations()).hasSize(1);
    }

    @Test
    void switchingFromPreAuthorizedToEndUsersRevokesTheAdministratorsTokens() {
        start(Map.of()).connectAndEnable();

        svc.letEndUsersAuthorize();

        assertThat(revocations()).hasSize(1);
        assertThat(audited("oauth.revoked")).singleElement()
                .satisfies(entry -> assertThat(entry.hasNonNull("userId")).as("the administrator's, no end user's").isFalse());
    }

    @Test
    void switchingToAnotherProfileRevokesTheFormerProfilesEndUsersTokensAndDeletingItThenSendsNothingMore() {
        start(Map.of()).letEndUsersAuthorize();
        svc.authorizeEndUser("u1");
        String former = svc.integration().path("configuration").path("profileId").asText();
        RunningHost.Response other = svc.host().post("/api/authorization-profiles", Map.of("name", "Other users",
                "type", FixturePlugins.oauthProfileType(ID),
                "presets", Map.of("clientId", OAuthFixtureHost.CLIENT_ID, "clientSecret", OAuthFixtureHost.CLIENT_SECRET)));

        RunningHost.Response switched = svc.host().put("/api/integrations/" + ID + "/authorization",
                Map.of("mode", "USER_AUTHORIZED", "profileId", other.body().path("id").asText()));

        assertThat(switched.status()).as(switched.raw().body()).isEqualTo(200);
        assertThat(revocations()).hasSize(1);
        assertThat(svc.host().delete("/api/authorization-profiles/" + former).status()).isEqualTo(204);
        assertThat(revocations()).hasSize(1);
    }

    @Test
    void changingAProfilesPresetsRevokesTheTokensOfTheEndUsersAuthorizedWithTheOldOnesWithTheOldApp() {
        start(Map.of()).letEndUsersAuthorize();
        svc.authorizeEndUser("u1");
        String profileId = svc.integration().path("configuration").path("profileId").asText();

        RunningHost.Response changed = svc.host().put("/api/authorization-profiles/" + profileId,
                Map.of("presets", Map.of("clientId", "another-app", "clientSecret", "another-app-secret-0123456789")));

        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(revocations()).singleElement()
                .satisfies(revocation -> assertThat(revocation.basicClientId()).isEqualTo(OAuthFixtureHost.CLIENT_ID));
        assertThat(svc.host().getJson("/api/integrations/" + ID + "/users")).isEmpty();
    }

    @Test
    void anEndUserAuthorizingAgainHasTheirFormerTokensRevokedAndKeepsTheNewOnes() {
        start(Map.of()).letEndUsersAuthorize();
        URI first = svc.linkFor("u1");
        URI second = svc.linkFor("u1");
        svc.authorizeThrough(first);
        assertThat(revocations()).isEmpty();

        svc.authorizeThrough(second);

        assertThat(revocations()).hasSize(1);
        assertThat(svc.run("whoami", "u1").status()).isEqualTo(200);
        assertThat(audited("oauth.revoked")).singleElement()
                .satisfies(entry -> assertThat(entry.path("userId").asText()).isEqualTo("u1"));
    }

    @Test
    void aConnectionTestThatRefusesATokenTheCodeExchangeGaveRevokesItAndStoresNothing() {
        // The userinfo endpoint of another issuer does not accept this issuer's tokens.
        start(Map.of("OAUTH_SVC_USERINFO_URL", server.mock().baseUrl() + "another-issuer/userinfo"));

        HttpResponse<String> page = svc.connect();

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(server.tokenRequests("authorization_code")).hasSize(1);
        assertThat(revocations()).singleElement()
                .satisfies(revocation -> assertThat(revocation.form("token_type_hint")).isEqualTo("refresh_token"));
        assertThat(audited("oauth.revoked")).hasSize(1);
        assertThat(svc.integration().path("configured").asBoolean()).isFalse();
    }

    @Test
    void anEndUsersAuthorizationTheRemoteSystemRefusesIsInvalidatedAndItsTokensRevoked() {
        start(Map.of()).letEndUsersAuthorize();
        svc.authorizeEndUser("u1");
        svc.authorizeEndUser("u2");

        RunningHost.Response refused = svc.run("reject", "u1");

        assertThat(refused.error().path("kind").asText()).as(refused.raw().body()).isEqualTo("AUTHORIZATION_REQUIRED");
        assertThat(revocations()).singleElement()
                .satisfies(revocation -> assertThat(revocation.form("token_type_hint")).isEqualTo("refresh_token"));
        assertThat(audited("oauth.revoked")).singleElement()
                .satisfies(entry -> assertThat(entry.path("userId").asText()).isEqualTo("u1"));
        assertThat(svc.run("whoami", "u2").status()).isEqualTo(200);
    }
}

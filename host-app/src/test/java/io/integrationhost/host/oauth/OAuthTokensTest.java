package io.integrationhost.host.oauth;

import static io.integrationhost.host.oauth.ConsentedGrants.APP;
import static io.integrationhost.host.oauth.ConsentedGrants.SCOPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.integrationhost.api.AccessToken;
import io.integrationhost.api.metadata.OAuth2GrantType;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.storage.Database;
import io.integrationhost.host.support.AuthorizationServer;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.vault.CredentialVault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stored tokens of credentials, on the embedded H2 file and on PostgreSQL, against a real authorization server. */
class OAuthTokensTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final OAuthTokens.Owner OWNER = new OAuthTokens.Owner("acme-crm", null);
    private static final String CREDENTIALS = "c0ffee00-0000-4000-8000-000000000001";

    @RegisterExtension
    final AuthorizationServer server = AuthorizationServer.builder().tokenExpiry(LIFETIME).rotateRefreshTokens().build();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock(START);
    private final OAuthClient client = new OAuthClient(Duration.ofSeconds(5), clock);
    private String url;
    private Database database;
    private AuditTrail audit;
    private OAuthTokens tokens;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private void open(Databases kind) {
        url = kind.freshUrl(data);
        database = Database.open(url, null, null, 4);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        audit = new AuditTrail(database.jdbc(), clock);
        tokens = new OAuthTokens(database.jdbc(), new CredentialVault(new SecretKeySpec(key, "AES")), client, audit, clock,
                meters);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void storedTokensAreHandedToACallAsTheyAreWhileFreshAndShownWithoutAnyToken(Databases kind) throws Exception {
        open(kind);
        TokenGrant grant = storeConsented();

        OAuthTokens.Lease lease = tokens.forCall(grantor(authorizationCode()));

        assertThat(lease.token().value()).isEqualTo(grant.accessToken());
        assertThat(lease.token().type()).isEqualTo("Bearer");
        assertThat(lease.version()).isEqualTo(1);
        assertThat(server.tokenRequests("refresh_token")).isEmpty();
        assertThat(tokens.state(CREDENTIALS)).hasValueSatisfying(state -> {
            assertThat(state.connectedAs()).isEqualTo("Connected as Jane Doe");
            assertThat(state.scopes()).containsExactlyElementsOf(SCOPES);
            assertThat(state.expiresAt()).isEqualTo(grant.expiresAt());
            assertThat(state.storedAt()).isEqualTo(START);
            assertThat(state.refreshedAt()).isNull();
            assertThat(state.refreshable()).isTrue();
            assertThat(state.toString()).doesNotContain(grant.accessToken(), grant.refreshToken());
        });
        assertThat(rowText()).contains(CREDENTIALS).doesNotContain(grant.accessToken(), grant.refreshToken());
        assertThat(lease.toString()).doesNotContain(grant.accessToken());
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anAccessTokenIsRefreshedOnceItExpiresWithinTheMarginAndTheRefreshIsAudited(Databases kind) {
        open(kind);
        TokenGrant grant = storeConsented();
        OAuthTokens.Grantor grantor = grantor(authorizationCode());

        clock.set(grant.expiresAt().minus(OAuthTokens.REFRESH_MARGIN).minusSeconds(1));
        OAuthTokens.Lease before = tokens.forCall(grantor);
        clock.set(grant.expiresAt().minus(OAuthTokens.REFRESH_MARGIN));
        OAuthTokens.Lease refreshed = tokens.forCall(grantor);
        OAuthTokens.Lease after = tokens.forCall(grantor);

        assertThat(before.token().value()).isEqualTo(grant.accessToken());
        assertThat(refreshed.token().value()).isNotEqualTo(grant.accessToken());
        assertThat(refreshed.version()).isEqualTo(2);
        assertThat(after).isEqualTo(refreshed);
        assertThat(server.tokenRequests("refresh_token")).hasSize(1);
        assertThat(tokens.state(CREDENTIALS)).hasValueSatisfying(state -> {
            assertThat(state.refreshedAt()).isEqualTo(clock.instant());
            assertThat(state.expiresAt()).isAfter(clock.instant().plus(OAuthTokens.REFRESH_MARGIN));
        });
        assertThat(audit.recent("acme-crm", 10)).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("oauth.refreshed");
            assertThat(event.outcome()).isEqualTo("SUCCESS");
            assertThat(event.detail()).contains(CREDENTIALS)
                    .doesNotContain(grant.accessToken(), grant.refreshToken(), refreshed.token().value());
        });
    }

    @Test
    void refreshesAndFailedRefreshesAreCountedByIntegrationWithoutAUser() {
        open(Databases.H2);
        TokenGrant grant = storeConsented();
        OAuthTokens.Grantor grantor = grantor(authorizationCode());
        clock.set(grant.expiresAt());
        tokens.forCall(grantor);
        tokens.forCall(grantor);
        server.refuseNextTokenRequest("invalid_grant", "The refresh token was revoked.");
        clock.advance(LIFETIME);
        catchThrowableOfType(OAuthFailure.class, () -> tokens.forCall(grantor));

        assertThat(meters.get("host.oauth.refreshes").tag("integration", "acme-crm").counter().count()).isEqualTo(1);
        assertThat(meters.get("host.oauth.refresh.failures").tag("integration", "acme-crm").counter().count()).isEqualTo(1);
        assertThat(meters.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTagsAsIterable())
                .extracting(tag -> tag.getKey()).isSubsetOf("integration", "reason"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aRotatedRefreshTokenIsStoredWithItsAccessTokenAndUsedForTheNextRefresh(Databases kind) {
        open(kind);
        TokenGrant grant = storeConsented();
        OAuthTokens.Grantor grantor = grantor(authorizationCode());

        clock.set(grant.expiresAt());
        OAuthTokens.Lease first = tokens.forCall(grantor);
        clock.advance(LIFETIME);
        OAuthTokens.Lease second = tokens.forCall(grantor);

        assertThat(second.version()).isEqualTo(3);
        assertThat(second.token()).isNotEqualTo(first.token());
        List<AuthorizationServer.Seen> refreshes = server.tokenRequests("refresh_token");
        assertThat(refreshes).hasSize(2);
        assertThat(refreshes.get(0).form("refresh_token")).isEqualTo(grant.refreshToken());
        // The server rotated the first refresh token: the second refresh presents the one it issued instead.
        assertThat(refreshes.get(1).form("refresh_token")).isNotEqualTo(grant.refreshToken());
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aRejectedTokenIsRefreshedOnceAndARejectionOfTheOldOneAfterwardsGetsTheNewTokenWithoutARequest(Databases kind) {
        open(kind);
        storeConsented();
        OAuthTokens.Grantor grantor = grantor(authorizationCode());
        OAuthTokens.Lease used = tokens.forCall(grantor);

        OAuthTokens.Lease renewed = tokens.afterRejection(grantor, used);
        OAuthTokens.Lease alsoRejectedMeanwhile = tokens.afterRejection(grantor, used);

        assertThat(renewed.version()).isEqualTo(2);
        assertThat(renewed.token()).isNotEqualTo(used.token());
        assertThat(alsoRejectedMeanwhile).isEqualTo(renewed);
        assertThat(server.tokenRequests("refresh_token")).hasSize(1);
        assertThat(tokens.afterRejection(grantor, renewed).version()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aRevokedRefreshTokenIsARejectedGrantThatIsAuditedAndLeavesTheTokensAsTheyWere(Databases kind) {
        open(kind);
        TokenGrant grant = storeConsented();
        OAuthTokens.Grantor grantor = grantor(authorizationCode());
        client.revoke(grantor.endpoints(), grantor.spec(), APP, grant.refreshToken(), true);
        clock.set(grant.expiresAt());

        OAuthFailure refused = catchThrowableOfType(OAuthFailure.class, () -> tokens.forCall(grantor));

        assertThat(refused.reason()).isEqualTo(OAuthFailure.Reason.GRANT_REJECTED);
        assertThat(refused.getMessage()).doesNotContain(grant.refreshToken(), grant.accessToken());
        assertThat(audit.recent("acme-crm", 10)).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("oauth.refresh-failed");
            assertThat(event.outcome()).isEqualTo("FAILURE");
            assertThat(event.detail()).contains("GRANT_REJECTED", "invalid_grant").doesNotContain(grant.refreshToken());
        });
        assertThat(tokens.state(CREDENTIALS).orElseThrow().refreshedAt()).isNull();
        clock.set(START);
        assertThat(tokens.forCall(grantor)).isEqualTo(new OAuthTokens.Lease(
                new AccessToken(grant.accessToken(), "Bearer"), 1));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void clientCredentialsWithoutARefreshTokenAreFetchedAgainWhenTheTokenExpires(Databases kind) {
        open(kind);
        OAuthTokens.Grantor grantor = grantor(ConsentedGrants.spec(OAuth2GrantType.CLIENT_CREDENTIALS));
        TokenGrant grant = client.clientCredentials(grantor.endpoints(), grantor.spec(), APP, SCOPES);
        tokens.store(OWNER, CREDENTIALS, grant, null);

        clock.set(grant.expiresAt());
        OAuthTokens.Lease renewed = tokens.forCall(grantor);

        assertThat(renewed.version()).isEqualTo(2);
        assertThat(renewed.token().value()).isNotEqualTo(grant.accessToken());
        assertThat(server.tokenRequests("client_credentials")).hasSize(2);
        assertThat(tokens.state(CREDENTIALS).orElseThrow().refreshable()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void withoutARefreshTokenOrClientCredentialsTheTokenIsHandedOutUntilItIsRejectedThenTheGrantIsGone(Databases kind) {
        open(kind);
        TokenGrant grant = new TokenGrant("issued-without-refresh", "Bearer", null, START.plusSeconds(30), SCOPES);
        tokens.store(OWNER, CREDENTIALS, grant, null);
        OAuthTokens.Grantor grantor = grantor(authorizationCode());

        OAuthTokens.Lease lease = tokens.forCall(grantor);
        OAuthFailure refused = catchThrowableOfType(OAuthFailure.class, () -> tokens.afterRejection(grantor, lease));

        assertThat(lease.token().value()).isEqualTo("issued-without-refresh");
        assertThat(refused.reason()).isEqualTo(OAuthFailure.Reason.GRANT_REJECTED);
        assertThat(server.seen()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void forgettingTokensRemovesThemAndRevokesTheRefreshTokenAtTheServer(Databases kind) {
        open(kind);
        TokenGrant grant = storeConsented();

        tokens.forget(CREDENTIALS, Optional.of(grantor(authorizationCode())));

        assertThat(tokens.state(CREDENTIALS)).isEmpty();
        assertThat(server.revocationRequests()).singleElement().satisfies(revocation -> {
            assertThat(revocation.form("token")).isEqualTo(grant.refreshToken());
            assertThat(revocation.form("token_type_hint")).isEqualTo("refresh_token");
        });
        assertThatThrownBy(() -> tokens.forCall(grantor(authorizationCode()))).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void forgettingWithoutAGrantorRevokesNothing() {
        open(Databases.H2);
        storeConsented();

        tokens.forget(CREDENTIALS, Optional.empty());

        assertThat(tokens.state(CREDENTIALS)).isEmpty();
        assertThat(server.revocationRequests()).isEmpty();
    }

    @Test
    void aRevocationThatFailsIsAuditedAndTheTokensStayRemoved() throws Exception {
        open(Databases.H2);
        TokenGrant grant = storeConsented();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OAuthTokens.Grantor unreachable = new OAuthTokens.Grantor(OWNER, CREDENTIALS, authorizationCode(),
                new OAuthEndpoints(server.authorizationUrl(), server.tokenUrl(), URI.create("http://127.0.0.1:" + closedPort
                        + "/revoke")), APP, SCOPES);

        tokens.forget(CREDENTIALS, Optional.of(unreachable));

        assertThat(tokens.state(CREDENTIALS)).isEmpty();
        assertThat(audit.recent("acme-crm", 10)).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("oauth.revoke-failed");
            assertThat(event.outcome()).isEqualTo("FAILURE");
            assertThat(event.detail()).contains("UNREACHABLE").doesNotContain(grant.refreshToken());
        });
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void orphansAreTheTokensOfCredentialsNoLongerStored(Databases kind) throws Exception {
        open(kind);
        Databases.execute(url,
                "INSERT INTO integration_configuration (integration_id, mode, state, public_values, updated_at, credentials_id)"
                        + " VALUES ('acme-crm', 'PRE_AUTHORIZED', 'ENABLED', '{}', 0, 'of-a-configuration')",
                "INSERT INTO user_authorization (integration_id, user_id, profile_id, public_values, created_at, credentials_id)"
                        + " VALUES ('acme-crm', 'u1', 'p1', '{}', 0, 'of-an-end-user')");
        TokenGrant grant = new TokenGrant("a", "Bearer", "r", null, SCOPES);
        tokens.store(OWNER, "of-a-configuration", grant, null);
        tokens.store(new OAuthTokens.Owner("acme-crm", "u1"), "of-an-end-user", grant, null);
        tokens.store(OWNER, "left-behind", grant, null);

        assertThat(tokens.revokeOrphans()).isEqualTo(1);

        assertThat(tokens.state("left-behind")).isEmpty();
        assertThat(tokens.state("of-a-configuration")).isPresent();
        assertThat(tokens.state("of-an-end-user")).isPresent();
    }

    private TokenGrant storeConsented() {
        TokenGrant grant = ConsentedGrants.consented(client, server);
        tokens.store(OWNER, CREDENTIALS, grant, "Connected as Jane Doe");
        return grant;
    }

    private static OAuth2Spec authorizationCode() {
        return ConsentedGrants.spec(OAuth2GrantType.AUTHORIZATION_CODE);
    }

    private OAuthTokens.Grantor grantor(OAuth2Spec spec) {
        return new OAuthTokens.Grantor(OWNER, CREDENTIALS, spec, ConsentedGrants.endpoints(server), APP, SCOPES);
    }

    /** Every column of the tokens' row, as text. */
    private String rowText() throws Exception {
        try (var connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery("SELECT * FROM oauth_token")) {
            rows.next();
            StringBuilder text = new StringBuilder();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                text.append(rows.getString(i)).append('|');
            }
            return text.toString();
        }
    }
}

package io.integrationhost.host.oauth;

import static io.integrationhost.host.oauth.ConsentedGrants.APP;
import static io.integrationhost.host.oauth.ConsentedGrants.SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.api.metadata.OAuth2GrantType;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.storage.Database;
import io.integrationhost.host.support.AtOnce;
import io.integrationhost.host.support.AuthorizationServer;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.vault.CredentialVault;
import java.nio.file.Path;
import java.sql.Connection;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tokens the host lets go of are revoked at a real authorization server: the tokens of credentials no longer
 * stored (orphans), swept once each across instances, and tokens obtained but never stored.
 */
class OAuthTokensSweepTest {

    private static final OAuthTokens.Owner OWNER = new OAuthTokens.Owner("acme-crm", null);
    private static final OAuthTokens.Owner END_USER = new OAuthTokens.Owner("acme-crm", "u1");

    @RegisterExtension
    final AuthorizationServer server = AuthorizationServer.builder().build();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final SecretKey key = newKey();
    private final List<Database> databases = new ArrayList<>();
    private final List<OAuthTokens> instances = new ArrayList<>();
    private String url;
    private AuditTrail audit;

    @AfterEach
    void close() {
        instances.forEach(OAuthTokens::close);
        databases.forEach(Database::close);
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anOrphansRefreshTokenIsRevokedWithItsHintItsRowDeletedAndTheRevocationAudited(Databases kind) throws Exception {
        OAuthTokens tokens = instance(kind.freshUrl(data));
        owned("of-a-configuration", "of-an-end-user");
        tokens.store(grantor(OWNER, "of-a-configuration"), grant("kept"), null);
        tokens.store(grantor(END_USER, "of-an-end-user"), grant("kept-too"), null);
        tokens.store(grantor(END_USER, "left-behind"), grant("gone"), null);

        assertThat(tokens.revokeOrphans()).isEqualTo(1);

        assertThat(server.revocationRequests()).singleElement().satisfies(revocation -> {
            assertThat(revocation.form("token")).isEqualTo("refresh-gone");
            assertThat(revocation.form("token_type_hint")).isEqualTo("refresh_token");
            assertThat(revocation.basicClientId()).isEqualTo(APP.clientId());
        });
        assertThat(tokens.state("left-behind")).isEmpty();
        assertThat(tokens.state("of-a-configuration")).isPresent();
        assertThat(tokens.state("of-an-end-user")).isPresent();
        assertThat(audit.recent("acme-crm", 10)).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("oauth.revoked");
            assertThat(event.outcome()).isEqualTo("SUCCESS");
            assertThat(event.userId()).isEqualTo("u1");
            assertThat(event.detail()).contains("left-behind").doesNotContain("refresh-gone", "access-gone",
                    APP.clientSecret());
        });
        assertThat(tokens.revokeOrphans()).as("a second sweep finds nothing").isZero();
        assertThat(server.revocationRequests()).hasSize(1);
    }

    @Test
    void whatRevokingNeedsIsSealedInTheRowNeverInPlainText() throws Exception {
        OAuthTokens tokens = instance(Databases.H2.freshUrl(data));

        tokens.store(grantor(OWNER, "sealed"), grant("sealed"), null);

        assertThat(Databases.count(url, "SELECT COUNT(*) FROM oauth_token WHERE sealed_revocation IS NOT NULL")).isEqualTo(1);
        for (String secret : List.of(APP.clientSecret(), "refresh-sealed", "access-sealed")) {
            assertThat(Databases.count(url, "SELECT COUNT(*) FROM oauth_token WHERE sealed_revocation LIKE '%" + secret
                    + "%' OR sealed_tokens LIKE '%" + secret + "%'")).as("rows showing a secret").isZero();
        }
    }

    @Test
    void anOrphanWithoutARefreshTokenHasItsAccessTokenRevoked() {
        OAuthTokens tokens = instance(Databases.H2.freshUrl(data));
        tokens.store(grantor(OWNER, "client-credentials"), new TokenGrant("access-only", "Bearer", null, null, SCOPES), null);

        tokens.revokeOrphans();

        assertThat(server.revocationRequests()).singleElement().satisfies(revocation -> {
            assertThat(revocation.form("token")).isEqualTo("access-only");
            assertThat(revocation.form("token_type_hint")).isEqualTo("access_token");
        });
    }

    @Test
    void aRowStoredBeforeTheHostKeptWhatRevokingNeedsIsDeletedAndNothingIsSent() throws Exception {
        OAuthTokens tokens = instance(Databases.H2.freshUrl(data));
        tokens.store(grantor(OWNER, "from-before"), grant("old"), null);
        Databases.execute(url, "UPDATE oauth_token SET sealed_revocation = NULL");

        assertThat(tokens.revokeOrphans()).isEqualTo(1);

        assertThat(tokens.state("from-before")).isEmpty();
        assertThat(server.revocationRequests()).isEmpty();
        assertThat(audit.recent("acme-crm", 10)).isEmpty();
    }

    @Test
    void aProviderThatRefusesTheRevocationIsAuditedWithItsErrorCodeAndTheRowIsDeletedAnyway() {
        OAuthTokens tokens = instance(Databases.H2.freshUrl(data));
        tokens.store(grantor(OWNER, "refused"), grant("refused"), null);
        server.refuseNextRevocation("invalid_client", "client authentication failed for s3cret-of-the-app");

        assertThat(tokens.revokeOrphans()).isEqualTo(1);

        assertThat(server.revocationRequests()).hasSize(1);
        assertThat(tokens.state("refused")).isEmpty();
        assertThat(audit.recent("acme-crm", 10)).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("oauth.revoke-failed");
            assertThat(event.outcome()).isEqualTo("FAILURE");
            assertThat(event.detail()).contains("CLIENT_REJECTED (invalid_client)")
                    .doesNotContain("refresh-refused", APP.clientSecret());
        });
    }

    @Test
    void twoInstancesSweepingAtOnceOverPostgresqlRevokeEachOrphanOnce() throws Exception {
        String shared = Databases.POSTGRESQL.freshUrl(data);
        List<OAuthTokens> two = List.of(instance(shared), instance(shared));
        int orphans = 20;
        for (int i = 0; i < orphans; i++) {
            two.get(0).store(grantor(OWNER, "orphan-" + i), grant(String.valueOf(i)), null);
        }

        List<Integer> swept = AtOnce.run(two.size(), i -> two.get(i).revokeOrphans());

        assertThat(swept.stream().mapToInt(Integer::intValue).sum()).isEqualTo(orphans);
        assertThat(server.revocationRequests()).extracting(revocation -> revocation.form("token"))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, orphans).mapToObj(i -> "refresh-" + i).toList());
        assertThat(Databases.count(shared, "SELECT COUNT(*) FROM oauth_token")).isZero();
    }

    @Test
    void aSweepAskedForAfterARemovalRevokesInTheBackground() throws Exception {
        OAuthTokens tokens = instance(Databases.H2.freshUrl(data));
        tokens.store(grantor(OWNER, "removed"), grant("removed"), null);

        tokens.sweepSoon();
        tokens.awaitBackground(Duration.ofSeconds(10));

        assertThat(server.revocationRequests()).extracting(revocation -> revocation.form("token"))
                .containsExactly("refresh-removed");
        assertThat(tokens.state("removed")).isEmpty();
    }

    @Test
    void sweepingStartsAtOnceWhenStarted() throws Exception {
        OAuthTokens tokens = instance(Databases.H2.freshUrl(data));
        tokens.store(grantor(OWNER, "left-by-a-crash"), grant("crash"), null);

        tokens.startSweeping().awaitBackground(Duration.ofSeconds(10));

        assertThat(server.revocationRequests()).hasSize(1);
        assertThat(tokens.state("left-by-a-crash")).isEmpty();
    }

    @Test
    void tokensThatAreNotStoredAreRevokedWhenDiscardedAndTheRevocationAudited() throws Exception {
        OAuthTokens tokens = instance(Databases.H2.freshUrl(data));

        tokens.discard(grantor(END_USER, "never-stored"), grant("refused-by-the-test"));
        tokens.awaitBackground(Duration.ofSeconds(10));

        assertThat(server.revocationRequests()).singleElement()
                .satisfies(revocation -> assertThat(revocation.form("token")).isEqualTo("refresh-refused-by-the-test"));
        assertThat(audit.recent("acme-crm", 10)).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("oauth.revoked");
            assertThat(event.detail()).contains("not stored").doesNotContain("refused-by-the-test");
        });
    }

    @Test
    void forgettingTokensStoredWithWhatRevokingNeedsRevokesThemWithoutAGrantor() throws Exception {
        OAuthTokens tokens = instance(Databases.H2.freshUrl(data));
        owned("still-stored");
        tokens.store(grantor(OWNER, "still-stored"), grant("forgotten"), null);

        tokens.forget("still-stored", Optional.empty());

        assertThat(tokens.state("still-stored")).isEmpty();
        assertThat(server.revocationRequests()).singleElement()
                .satisfies(revocation -> assertThat(revocation.form("token")).isEqualTo("refresh-forgotten"));
    }

    @Test
    void forgettingTokensAnotherTransactionHoldsLeavesThemToTheSweepWhichRevokesThemOnce() throws Exception {
        OAuthTokens tokens = instance(Databases.H2.freshUrl(data));
        tokens.store(grantor(OWNER, "held"), grant("held"), null);

        // As a sweep of another instance does while it waits for the provider: the row locked, not yet deleted.
        try (Connection sweep = databases.get(0).dataSource().getConnection()) {
            sweep.setAutoCommit(false);
            sweep.createStatement().executeQuery("SELECT * FROM oauth_token WHERE credentials_id = 'held' FOR UPDATE").close();
            tokens.forget("held", Optional.empty());
            sweep.rollback();
        }

        assertThat(tokens.state("held")).isPresent();
        assertThat(server.revocationRequests()).isEmpty();
        assertThat(tokens.revokeOrphans()).isEqualTo(1);
        assertThat(server.revocationRequests()).hasSize(1);
    }

    @Test
    void anOAuthWithoutARevocationEndpointHasItsOrphansDeletedOnly() {
        OAuthTokens tokens = instance(Databases.H2.freshUrl(data));
        OAuthEndpoints noRevocation = new OAuthEndpoints(server.authorizationUrl(), server.tokenUrl(), null);
        tokens.store(new OAuthTokens.Grantor(OWNER, "no-revocation", ConsentedGrants.spec(OAuth2GrantType.AUTHORIZATION_CODE),
                noRevocation, APP, SCOPES), grant("unrevocable"), null);

        assertThat(tokens.revokeOrphans()).isEqualTo(1);

        assertThat(server.revocationRequests()).isEmpty();
        assertThat(tokens.state("no-revocation")).isEmpty();
    }

    /** Rows of stored credentials that own the tokens of these credentials ids (configurations'). */
    private void owned(String... credentialsIds) throws Exception {
        for (String credentialsId : credentialsIds) {
            Databases.execute(url, "INSERT INTO integration_configuration (integration_id, mode, state, public_values,"
                    + " updated_at, credentials_id) VALUES ('" + credentialsId + "', 'PRE_AUTHORIZED', 'ENABLED', '{}', 0, '"
                    + credentialsId + "')");
        }
    }

    private OAuthTokens.Grantor grantor(OAuthTokens.Owner owner, String credentialsId) {
        return new OAuthTokens.Grantor(owner, credentialsId, ConsentedGrants.spec(OAuth2GrantType.AUTHORIZATION_CODE),
                ConsentedGrants.endpoints(server), APP, SCOPES);
    }

    /** Tokens as a provider issues them; the server revokes whatever it is sent, as RFC 7009 has it. */
    private static TokenGrant grant(String name) {
        return new TokenGrant("access-" + name, "Bearer", "refresh-" + name, null, SCOPES);
    }

    /** A host instance: its own connection pool, token client and audit trail; the shared master key and clock. */
    private OAuthTokens instance(String databaseUrl) {
        url = databaseUrl;
        Database database = Database.open(databaseUrl, null, null, 4);
        databases.add(database);
        AuditTrail trail = new AuditTrail(database.jdbc(), clock);
        if (audit == null) {
            audit = trail;
        }
        OAuthTokens tokens = new OAuthTokens(database.jdbc(), new CredentialVault(key),
                new OAuthClient(Duration.ofSeconds(5), clock), trail, clock);
        instances.add(tokens);
        return tokens;
    }

    private static SecretKey newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }
}

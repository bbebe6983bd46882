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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many calls at the moment an access token has expired, on one host instance or on two over one PostgreSQL database
 * (two connection pools, two clients: two hosts): the server sees one refresh, and every call gets its token.
 */
class OAuthTokensConcurrencyTest {

    private static final int CALLS = 50;
    private static final OAuthTokens.Owner OWNER = new OAuthTokens.Owner("acme-crm", null);
    private static final String CREDENTIALS = "c0ffee00-0000-4000-8000-000000000002";

    /** The token endpoint answers slowly, so that the calls overlap the refresh in flight. */
    @RegisterExtension
    final AuthorizationServer server = AuthorizationServer.builder().rotateRefreshTokens()
            .tokenDelay(Duration.ofMillis(300)).build();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final SecretKey key = newKey();
    private final List<Database> databases = new ArrayList<>();
    private final List<AuditTrail> trails = new ArrayList<>();

    @AfterEach
    void close() {
        databases.forEach(Database::close);
    }

    @Test
    void fiftyCallsJustAfterExpiryOnOneInstanceOverH2RefreshOnceAndAllGetTheNewToken() throws Exception {
        OAuthTokens instance = instance(Databases.H2.freshUrl(data));

        assertOneRefreshFor(List.of(instance));
    }

    @Test
    void fiftyCallsJustAfterExpiryOnTwoInstancesOverPostgresqlRefreshOnceAndAllGetTheNewToken() throws Exception {
        String url = Databases.POSTGRESQL.freshUrl(data);

        assertOneRefreshFor(List.of(instance(url), instance(url)));
    }

    private void assertOneRefreshFor(List<OAuthTokens> instances) throws Exception {
        OAuthClient storing = new OAuthClient(Duration.ofSeconds(5), clock);
        TokenGrant grant = ConsentedGrants.consented(storing, server);
        instances.get(0).store(OWNER, CREDENTIALS, grant, "Connected as Jane Doe");
        clock.set(grant.expiresAt().plusSeconds(1));
        OAuthTokens.Grantor grantor = new OAuthTokens.Grantor(OWNER, CREDENTIALS,
                ConsentedGrants.spec(OAuth2GrantType.AUTHORIZATION_CODE), ConsentedGrants.endpoints(server), APP, SCOPES);

        List<OAuthTokens.Lease> leases = AtOnce.run(CALLS, i -> instances.get(i % instances.size()).forCall(grantor));

        assertThat(server.tokenRequests("refresh_token")).hasSize(1);
        assertThat(leases).hasSize(CALLS).allSatisfy(lease -> {
            assertThat(lease.version()).isEqualTo(2);
            assertThat(lease.token().value()).isNotEqualTo(grant.accessToken());
        });
        assertThat(leases.stream().map(lease -> lease.token().value()).distinct()).hasSize(1);
        assertThat(trails.get(0).recent("acme-crm", 100)).filteredOn(event -> event.action().startsWith("oauth."))
                .extracting(AuditTrail.Event::action).containsExactly("oauth.refreshed");
    }

    /** A host instance: its own connection pool, token client and audit trail, the shared master key and clock. */
    private OAuthTokens instance(String url) {
        Database database = Database.open(url, null, null, 8);
        databases.add(database);
        AuditTrail audit = new AuditTrail(database.jdbc(), clock);
        trails.add(audit);
        return new OAuthTokens(database.jdbc(), new CredentialVault(key), new OAuthClient(Duration.ofSeconds(10), clock),
                audit, clock);
    }

    private static SecretKey newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }
}

package io.integrationhost.host.oauth;

import io.integrationhost.api.AccessToken;
import io.integrationhost.api.metadata.OAuth2GrantType;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.storage.Jdbc;
import io.integrationhost.host.vault.CredentialVault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The stored OAuth 2.0 tokens of every configuration and end user's authorization, keyed by the id of the stored
 * credentials they belong to ({@code credentialsId}), sealed by the vault, and kept fresh: an access token about to
 * expire is refreshed before a call uses it, and one the remote system refused is refreshed once on request. Several
 * calls at once, on one or several host instances over one database, refresh one credential at most once: one thread
 * per instance waits on a database row lock, the others on it, and each re-reads what the first stored (a version
 * number tells). A rotated refresh token is stored in the same transaction as the access token.
 */
public final class OAuthTokens {

    /** How long before its expiry an access token is refreshed rather than handed to a call. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final Jdbc jdbc;
    private final OAuthTokenStore store;
    private final OAuthClient client;
    private final AuditTrail audit;
    private final Clock clock;
    /**
     * One lock per credentials id in this instance, taken before the row lock: the threads that wait for one refresh
     * wait here, without holding a database connection each (the pool would run dry with many calls at once).
     */
    private final ConcurrentMap<String, ReentrantLock> refreshing = new ConcurrentHashMap<>();

    public OAuthTokens(Jdbc jdbc, CredentialVault vault, OAuthClient client, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.store = new OAuthTokenStore(jdbc, vault);
        this.client = client;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whose tokens: an integration's configuration ({@code userId} null) or an end user's authorization. */
    public record Owner(String integrationId, String userId) {
    }

    /**
     * Everything a refresh needs, from the stored credentials a call opened.
     *
     * @param credentialsId the stored credentials the tokens belong to
     * @param scopes the scopes the administrator chose
     */
    public record Grantor(Owner owner, String credentialsId, OAuth2Spec spec, OAuthEndpoints endpoints, ClientApp app,
                          List<String> scopes) {
        @Override
        public String toString() {
            return "Grantor[" + owner + ", " + credentialsId + "]";
        }
    }

    /** The access token a call may use, and the version of the stored tokens it came from. */
    public record Lease(AccessToken token, long version) {
    }

    /**
     * What an administrator may see of stored tokens: never a token.
     *
     * @param connectedAs what the connection test said when the tokens were stored, such as "Connected as Jane Doe"
     * @param scopes the scopes granted
     * @param expiresAt when the access token expires, or {@code null} when the provider did not say
     * @param refreshedAt when the tokens were last refreshed, or {@code null} when never
     * @param refreshable whether a refresh token is held to renew the access token (with the client credentials
     *     grant, the host fetches a new token with the app's credentials whether or not)
     */
    public record State(String connectedAs, List<String> scopes, Instant expiresAt, Instant refreshedAt, Instant storedAt,
                        boolean refreshable) {
    }

    /**
     * Stores the tokens of new credentials {@code credentialsId}. Runs in the caller's transaction, if any, so that the
     * credentials and their tokens are stored together.
     */
    public void store(Owner owner, String credentialsId, TokenGrant grant, String connectedAs) {
        store.insert(owner, credentialsId, grant, connectedAs, clock.instant());
    }

    /**
     * The access token for a call: the stored one, or, when it expires within the refresh margin, a refreshed one.
     *
     * @throws OAuthFailure when a needed refresh fails: {@link OAuthFailure.Reason#GRANT_REJECTED} means the
     *     authorization is gone and must be given again
     * @throws java.util.NoSuchElementException when no tokens are stored for {@code grantor.credentialsId()}
     */
    public Lease forCall(Grantor grantor) {
        OAuthTokenStore.Row row = store.find(grantor.credentialsId()).orElseThrow(() -> missing(grantor.credentialsId()));
        if (!expiring(row) || !refreshable(row, grantor.spec())) {
            // Not refreshable: the remote system says whether the token still works, and afterRejection what then.
            return lease(row);
        }
        long seen = row.version();
        return refreshUnless(grantor, current -> current.version() != seen || !expiring(current));
    }

    /**
     * Refreshes after the remote system refused the access token of {@code used}: unless the stored tokens changed
     * since (another call refreshed them; then those are returned), the host refreshes once.
     *
     * @throws OAuthFailure as {@link #forCall}
     */
    public Lease afterRejection(Grantor grantor, Lease used) {
        return refreshUnless(grantor, current -> current.version() != used.version());
    }

    /** What may be shown of the tokens of {@code credentialsId}; empty when none are stored. */
    public Optional<State> state(String credentialsId) {
        return store.find(credentialsId).map(OAuthTokenStore.Row::state);
    }

    /**
     * Removes the tokens of {@code credentialsId} and, where {@code grantor} is given and declares a revocation
     * endpoint, revokes them at the provider after the removal (a failed revocation is audited, never undoes the
     * removal). The revocation is sent at once: inside a transaction, call it last, once nothing else can fail.
     */
    public void forget(String credentialsId, Optional<Grantor> revokeWith) {
        Optional<OAuthTokenStore.Row> row = store.find(credentialsId);
        store.delete(credentialsId);
        refreshing.remove(credentialsId);
        if (row.isEmpty() || revokeWith.isEmpty() || revokeWith.get().endpoints().revocation() == null) {
            return;
        }
        Grantor grantor = revokeWith.get();
        OAuthTokenStore.Opened tokens = store.open(row.get());
        // Revoking the refresh token ends the grant, its access tokens with it (RFC 7009 section 2.1).
        boolean refreshToken = tokens.refreshToken() != null;
        try {
            client.revoke(grantor.endpoints(), grantor.spec(), grantor.app(),
                    refreshToken ? tokens.refreshToken() : tokens.accessToken(), refreshToken);
        } catch (OAuthFailure e) {
            audit.record("host", "oauth.revoke-failed", grantor.owner().integrationId(), grantor.owner().userId(), "FAILURE",
                    "credentials " + credentialsId + " removed, its tokens not revoked: " + failure(e));
        }
    }

    /** Removes tokens whose credentials are no longer stored (left by a removal that happened in another way). */
    public int removeOrphans() {
        return store.deleteOrphans();
    }

    /**
     * Refreshes the tokens of {@code grantor}, unless {@code refreshedMeanwhile} says the row, once locked, no longer
     * needs it: then the row's token is the answer. One refresh at a time per credential in this instance (the lock),
     * and across instances (the row lock, held until the new tokens are committed).
     */
    private Lease refreshUnless(Grantor grantor, Predicate<OAuthTokenStore.Row> refreshedMeanwhile) {
        ReentrantLock lock = refreshing.computeIfAbsent(grantor.credentialsId(), id -> new ReentrantLock());
        lock.lock();
        try {
            return jdbc.inTransaction(() -> {
                OAuthTokenStore.Row row = store.lock(grantor.credentialsId())
                        .orElseThrow(() -> missing(grantor.credentialsId()));
                if (refreshedMeanwhile.test(row)) {
                    return lease(row);
                }
                return refresh(grantor, row);
            });
        } catch (OAuthFailure e) {
            // Outside the transaction, which the failure rolled back.
            audit.record("host", "oauth.refresh-failed", grantor.owner().integrationId(), grantor.owner().userId(),
                    "FAILURE", "credentials " + grantor.credentialsId() + ": " + failure(e));
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Calls the token endpoint for the locked {@code row} and stores what it grants, in the row's transaction. */
    private Lease refresh(Grantor grantor, OAuthTokenStore.Row row) {
        OAuthTokenStore.Opened held = store.open(row);
        TokenGrant grant;
        if (held.refreshToken() != null) {
            grant = client.refresh(grantor.endpoints(), grantor.spec(), grantor.app(), held.refreshToken(), row.scopes());
        } else if (grantor.spec().offers(OAuth2GrantType.CLIENT_CREDENTIALS)) {
            grant = client.clientCredentials(grantor.endpoints(), grantor.spec(), grantor.app(), grantor.scopes());
        } else {
            throw new OAuthFailure(OAuthFailure.Reason.GRANT_REJECTED, null, "The access token cannot be renewed: the"
                    + " provider issued no refresh token. Authorize again.");
        }
        // A provider that rotates refresh tokens sends a new one, and the one held stops working: keep the new one.
        String refreshToken = grant.refreshToken() != null ? grant.refreshToken() : held.refreshToken();
        Instant now = clock.instant();
        if (!store.replace(row, grant, refreshToken, now)) {
            throw new IllegalStateException("the tokens of credentials " + row.credentialsId()
                    + " changed while their row was locked");
        }
        audit.record("host", "oauth.refreshed", grantor.owner().integrationId(), grantor.owner().userId(), "SUCCESS",
                "credentials " + row.credentialsId() + "; version " + (row.version() + 1)
                        + (grant.expiresAt() == null ? "" : "; expires " + grant.expiresAt()));
        return new Lease(new AccessToken(grant.accessToken(), grant.tokenType()), row.version() + 1);
    }

    private boolean expiring(OAuthTokenStore.Row row) {
        return row.expiresAt() != null && !row.expiresAt().minus(REFRESH_MARGIN).isAfter(clock.instant());
    }

    private static boolean refreshable(OAuthTokenStore.Row row, OAuth2Spec spec) {
        return row.hasRefreshToken() || spec.offers(OAuth2GrantType.CLIENT_CREDENTIALS);
    }

    private Lease lease(OAuthTokenStore.Row row) {
        return new Lease(new AccessToken(store.open(row).accessToken(), row.tokenType()), row.version());
    }

    /** What an audit entry says of a failure: its reason and the provider's error code, never its description. */
    private static String failure(OAuthFailure e) {
        return e.reason() + (e.errorCode() == null ? "" : " (" + e.errorCode() + ")");
    }

    private static NoSuchElementException missing(String credentialsId) {
        return new NoSuchElementException("no OAuth tokens are stored for credentials " + credentialsId);
    }
}

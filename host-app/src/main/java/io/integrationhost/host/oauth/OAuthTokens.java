package io.integrationhost.host.oauth;

import io.integrationhost.api.AccessToken;
import io.integrationhost.api.metadata.OAuth2GrantType;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.storage.Jdbc;
import io.integrationhost.host.vault.CredentialVault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored OAuth 2.0 tokens of every configuration and end user's authorization, keyed by the id of the stored
 * credentials they belong to ({@code credentialsId}), sealed by the vault, and kept fresh: an access token about to
 * expire is refreshed before a call uses it, and one the remote system refused is refreshed once on request. Several
 * calls at once, on one or several host instances over one database, refresh one credential at most once: one thread
 * per instance waits on a database row lock, the others on it, and each re-reads what the first stored (a version
 * number tells). A rotated refresh token is stored in the same transaction as the access token.
 *
 * <p>Tokens the host lets go of are revoked at the provider, whichever way their credentials went: each row is stored
 * with what revoking it needs (sealed), removing credentials leaves their row behind, and a sweep ({@link
 * #revokeOrphans}) revokes and deletes the rows no stored credentials own. It runs at start and every {@link
 * #SWEEP_INTERVAL} ({@link #startSweeping}), and soon after each removal ({@link #sweepSoon}), in the background.
 */
public final class OAuthTokens implements AutoCloseable {

    /** How long before its expiry an access token is refreshed rather than handed to a call. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    /** How often the tokens of removed credentials are looked for, besides the sweep after each removal. */
    public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(OAuthTokens.class);

    private final Jdbc jdbc;
    private final OAuthTokenStore store;
    private final OAuthClient client;
    private final AuditTrail audit;
    private final Clock clock;
    /**
     * One lock per credentials id in this instance, taken before the row lock: the threads that wait for one refresh
     * wait here, without holding a database connection each (the pool would run dry with many calls at once). A lock
     * nobody waits for is dropped after use, so the map holds only refreshes in progress, not one entry per end user
     * ever refreshed; a thread that still took the dropped lock is kept from a second refresh by the row lock and the
     * version check, which alone decide.
     */
    private final ConcurrentMap<String, ReentrantLock> refreshing = new ConcurrentHashMap<>();
    /** Sweeps and revocations, one at a time, off the requests that caused them: a provider may be slow to answer. */
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "oauth-revocations");
        thread.setDaemon(true);
        return thread;
    });
    /** Whether a sweep is queued and not started: one more request then finds its orphans in that sweep. */
    private final AtomicBoolean sweepQueued = new AtomicBoolean();
    /** Counts refreshes; rare next to calls, so each count finds its counter through the registry's cache. */
    private final MeterRegistry meters;

    /** Tokens whose refreshes no meter counts. */
    public OAuthTokens(Jdbc jdbc, CredentialVault vault, OAuthClient client, AuditTrail audit, Clock clock) {
        this(jdbc, vault, client, audit, clock, new CompositeMeterRegistry());
    }

    /** Tokens whose refreshes, and refreshes that failed, {@code meters} counts by integration. */
    public OAuthTokens(Jdbc jdbc, CredentialVault vault, OAuthClient client, AuditTrail audit, Clock clock,
                       MeterRegistry meters) {
        this.jdbc = jdbc;
        this.store = new OAuthTokenStore(jdbc, vault);
        this.client = client;
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
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
     * Stores the tokens of new credentials {@code credentialsId}, without what revoking them needs: once their
     * credentials are removed they are deleted only. Runs in the caller's transaction, if any, so that the credentials
     * and their tokens are stored together.
     */
    public void store(Owner owner, String credentialsId, TokenGrant grant, String connectedAs) {
        store.insert(owner, credentialsId, grant, connectedAs, clock.instant(), Optional.empty());
    }

    /**
     * Stores the tokens {@code grant} obtained for {@code grantor}'s new credentials, sealed with what revoking them
     * needs where its provider declares a revocation endpoint. Runs in the caller's transaction, as {@link #store(Owner,
     * String, TokenGrant, String)}.
     */
    public void store(Grantor grantor, TokenGrant grant, String connectedAs) {
        store.insert(grantor.owner(), grantor.credentialsId(), grant, connectedAs, clock.instant(), Revocation.of(grantor));
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
     * Removes the tokens of {@code credentialsId} at once and revokes them at the provider: with {@code revokeWith}
     * where given, otherwise as stored with them (a failed revocation is audited, never undoes the removal). The
     * revocation is sent at once: inside a transaction, call it last, once nothing else can fail. Removing credentials
     * without it is as good: {@link #sweepSoon} then does the same in the background. Tokens another transaction
     * holds (a sweep revoking them, a refresh) are left to it, and to the sweep.
     */
    public void forget(String credentialsId, Optional<Grantor> revokeWith) {
        refreshing.remove(credentialsId);
        jdbc.inTransaction(() -> store.lockUnlessHeld(credentialsId).map(row -> {
            release(row, revokeWith.isPresent() ? revokeWith.flatMap(Revocation::of) : store.revocation(row));
            return row;
        }));
    }

    /**
     * Revokes and deletes the tokens whose credentials are no longer stored, each in its own transaction under a row
     * lock that another instance's sweep skips (so each is revoked once); returns how many this sweep deleted. A row
     * stored without what revoking needs is deleted only; one the provider does not revoke is deleted anyway, audited.
     */
    public int revokeOrphans() {
        int released = 0;
        for (String credentialsId : store.orphans()) {
            boolean mine = jdbc.inTransaction(() -> store.lockOrphan(credentialsId).map(row -> {
                release(row, store.revocation(row));
                return true;
            }).orElse(false));
            if (mine) {
                refreshing.remove(credentialsId);
                released++;
            }
        }
        return released;
    }

    /** Sweeps now and then every {@link #SWEEP_INTERVAL}, in the background, until {@link #close}. */
    public OAuthTokens startSweeping() {
        background.scheduleWithFixedDelay(this::sweepLogged, 0, SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Asks for a sweep in the background, for the tokens of credentials just removed: call it once the removal is
     * committed (before, the sweep would not see them as orphans yet, and leave them to the next one).
     */
    public void sweepSoon() {
        if (sweepQueued.compareAndSet(false, true)) {
            inBackground(() -> {
                sweepQueued.set(false);
                sweepLogged();
            });
        }
    }

    /**
     * Revokes tokens that were obtained for {@code grantor} and will not be stored (the connection test or the
     * profile's verification refused them), in the background, best effort: audited, never thrown.
     */
    public void discard(Grantor grantor, TokenGrant grant) {
        Revocation.of(grantor).ifPresent(revocation -> inBackground(() -> revoke(grantor.owner(),
                "tokens obtained for credentials " + grantor.credentialsId() + " were not stored", revocation,
                new OAuthTokenStore.Opened(grant.accessToken(), grant.refreshToken()))));
    }

    /** Waits until the sweeps and revocations asked for so far are done, for at most {@code timeout}. */
    public void awaitBackground(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            background.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Stops sweeping after the revocation under way. The thread is not interrupted: an interrupted thread doing
     * database IO fails, and on H2's plain file system closes the database for everyone.
     */
    @Override
    public void close() {
        background.shutdown();
        try {
            background.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void inBackground(Runnable work) {
        try {
            background.execute(work);
        } catch (RejectedExecutionException closing) {
            // The host is stopping: the sweep at its next start finds what is left (a discarded token stays unrevoked).
            log.warn("The host is stopping: OAuth tokens are revoked at its next start");
        }
    }

    private void sweepLogged() {
        try {
            int released = revokeOrphans();
            if (released > 0) {
                log.info("Revoked and deleted the OAuth tokens of {} removed credentials", released);
            }
        } catch (RuntimeException e) {
            log.warn("The OAuth tokens of removed credentials could not be swept, trying again later: {}", e.getMessage());
        }
    }

    /** Deletes the locked {@code row} and revokes its tokens where {@code revocation} says how, in its transaction. */
    private void release(OAuthTokenStore.Row row, Optional<Revocation> revocation) {
        store.delete(row.credentialsId());
        revocation.ifPresent(how -> revoke(row.owner(), "credentials " + row.credentialsId() + " removed", how,
                store.open(row)));
    }

    /** Revokes the refresh token, else the access token, and audits the outcome; never throws the provider's refusal. */
    private void revoke(Owner owner, String what, Revocation revocation, OAuthTokenStore.Opened tokens) {
        // Revoking the refresh token ends the grant, its access tokens with it (RFC 7009 section 2.1).
        boolean refreshToken = tokens.refreshToken() != null;
        try {
            client.revoke(revocation, refreshToken ? tokens.refreshToken() : tokens.accessToken(), refreshToken);
            audit.record("host", "oauth.revoked", owner.integrationId(), owner.userId(), "SUCCESS",
                    what + "; its " + (refreshToken ? "refresh" : "access") + " token revoked");
        } catch (OAuthFailure e) {
            audit.record("host", "oauth.revoke-failed", owner.integrationId(), owner.userId(), "FAILURE",
                    what + ", its tokens not revoked: " + failure(e));
        }
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
            Counter.builder("host.oauth.refresh.failures").description("Access token refreshes that failed, by reason")
                    .tag("integration", grantor.owner().integrationId()).tag("reason", e.reason().name().toLowerCase(Locale.ROOT))
                    .register(meters).increment();
            audit.record("host", "oauth.refresh-failed", grantor.owner().integrationId(), grantor.owner().userId(),
                    "FAILURE", "credentials " + grantor.credentialsId() + ": " + failure(e));
            throw e;
        } finally {
            lock.unlock();
            if (!lock.hasQueuedThreads()) {
                refreshing.remove(grantor.credentialsId(), lock);
            }
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
        Counter.builder("host.oauth.refreshes").description("Access tokens refreshed (or granted again) at the provider")
                .tag("integration", grantor.owner().integrationId()).register(meters).increment();
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

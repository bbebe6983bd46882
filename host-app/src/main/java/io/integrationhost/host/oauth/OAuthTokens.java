package io.integrationhost.host.oauth;

import io.integrationhost.api.AccessToken;
import io.integrationhost.api.metadata.OAuth2Spec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored OAuth 2.0 tokens of every configuration and end user's authorization, keyed by the id of the stored
 * credentials they belong to ({@code credentialsId}), sealed by the vault, and kept fresh: an access token about to
 * expire is refreshed before a call uses it, and one the remote system refused is refreshed once on request. Several
 * calls at once, on one or several host instances over one database, refresh one credential at most once: one thread
 * per instance waits on a database row lock, the others on it, and each re-reads what the first stored (a version
 * number tells). A rotated refresh token is stored in the same transaction as the access token.
 */
public final class OAuthTokens {

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
     * @param refreshable whether a refresh token (or the client credentials grant) can renew the access token
     */
    public record State(String connectedAs, List<String> scopes, Instant expiresAt, Instant refreshedAt, Instant storedAt,
                        boolean refreshable) {
    }

    /**
     * Stores the tokens of new credentials {@code credentialsId}. Runs in the caller's transaction, if any, so that the
     * credentials and their tokens are stored together.
     */
    public void store(Owner owner, String credentialsId, TokenGrant grant, String connectedAs) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * The access token for a call: the stored one, or, when it expires within the refresh margin, a refreshed one.
     *
     * @throws OAuthFailure when a needed refresh fails: {@link OAuthFailure.Reason#GRANT_REJECTED} means the
     *     authorization is gone and must be given again
     * @throws java.util.NoSuchElementException when no tokens are stored for {@code grantor.credentialsId()}
     */
    public Lease forCall(Grantor grantor) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Refreshes after the remote system refused the access token of {@code used}: unless the stored tokens changed
     * since (another call refreshed them; then those are returned), the host refreshes once.
     *
     * @throws OAuthFailure as {@link #forCall}
     */
    public Lease afterRejection(Grantor grantor, Lease used) {
        throw new UnsupportedOperationException("to be written");
    }

    /** What may be shown of the tokens of {@code credentialsId}; empty when none are stored. */
    public Optional<State> state(String credentialsId) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Removes the tokens of {@code credentialsId} and, where {@code grantor} is given and declares a revocation
     * endpoint, revokes them at the provider after the removal (a failed revocation is audited, never undoes the
     * removal).
     */
    public void forget(String credentialsId, Optional<Grantor> revokeWith) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Removes tokens whose credentials are no longer stored (left by a removal that happened in another way). */
    public int removeOrphans() {
        throw new UnsupportedOperationException("to be written");
    }
}

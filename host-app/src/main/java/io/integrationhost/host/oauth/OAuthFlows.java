package io.integrationhost.host.oauth;

import io.integrationhost.api.metadata.OAuth2Spec;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The authorization code flows in progress: each started by an administrator (to pre-authorize an integration) or by
 * an end user (through their one-time link), and completed by the provider's redirect to the host's callback.
 *
 * <p>A flow's {@code state} is 256 random bits, stored hashed, single-use, short-lived ({@link #LIFETIME}), and bound
 * to the flow that issued it and to the browser that started it (a cookie whose hash the flow keeps). The PKCE
 * verifier and the values entered are sealed in the flow and never leave the host.
 */
public final class OAuthFlows {

    /** How long a started flow can be completed. */
    public static final java.time.Duration LIFETIME = java.time.Duration.ofMinutes(10);

    /** The cookie that binds a flow to the browser that started it. */
    public static final String BROWSER_COOKIE = "ih_oauth_flow";

    /** Who started a flow. */
    public enum Kind { ADMINISTRATOR, END_USER }

    /**
     * What a flow is for, as its starter gave it.
     *
     * @param integrationId the integration being authorized (for an end user: the integration of their link)
     * @param userId the end user, or {@code null} for an administrator's flow
     * @param linkHash the hash of the end user's link, or {@code null}
     * @param profileId the end user's profile, or {@code null}
     * @param pluginId the plugin whose descriptor declared the OAuth spec the flow follows
     * @param values the values to keep until the callback (an administrator's effective values, an end user's own)
     */
    public record Purpose(Kind kind, String integrationId, String userId, String linkHash, String profileId,
                          String pluginId, Map<String, String> values) {
        @Override
        public String toString() {
            return "Purpose[" + kind + ", " + integrationId + ", " + userId + ", values hidden]";
        }
    }

    /** A started flow: where to send the browser, and the cookie value to set on it. */
    public record Started(URI authorizationUrl, Instant expiresAt, String browserCookie) {
        @Override
        public String toString() {
            return "Started[expires " + expiresAt + "]";
        }
    }

    /** A flow spent by its callback, opened for completion. */
    public record Spent(Purpose purpose, String codeVerifier, URI redirectUri, List<String> scopes) {
        @Override
        public String toString() {
            return "Spent[" + purpose + "]";
        }
    }

    /**
     * What completing a flow stored, for the callback's page: which integration is now connected, and what the
     * connection test (or the profile type's verification) said.
     */
    public record Completed(Kind kind, String integrationId, String integrationName, String message) {
    }

    /** Starts a flow: stores it and answers the provider's authorization URL. */
    public Started start(Purpose purpose, OAuth2Spec spec, OAuthEndpoints endpoints, String clientId, List<String> scopes) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Spends the flow {@code state} names, once: the cookie must be the one set when it started, and it must not have
     * expired or been spent.
     *
     * @throws io.integrationhost.runtime.error.HostException {@code OAUTH_CALLBACK_INVALID} otherwise, saying which
     */
    public Spent spend(String state, String browserCookie) {
        throw new UnsupportedOperationException("to be written");
    }

    /** The callback URL providers redirect to: {@code <public base>/oauth2/callback}. */
    public URI callbackUrl() {
        throw new UnsupportedOperationException("to be written");
    }
}

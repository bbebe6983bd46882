package io.integrationhost.host.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.host.security.Tokens;
import io.integrationhost.host.storage.Jdbc;
import io.integrationhost.host.vault.CredentialVault;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.json.Json;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

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
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    /** The cookie that binds a flow to the browser that started it. */
    public static final String BROWSER_COOKIE = "ih_oauth_flow";

    /** The path of the callback under the host's public base, and of the browser cookie. */
    public static final String CALLBACK_PATH = "/oauth2/callback";
    /** How long a spent or expired flow is kept, so that a late or replayed callback is told so rather than "unknown". */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() { };

    /** Why a callback was refused, in the {@code reason} detail of its {@code OAUTH_CALLBACK_INVALID}. */
    public enum Refusal { UNKNOWN_STATE, OTHER_BROWSER, EXPIRED, ALREADY_USED, PROVIDER_ERROR }

    private final OAuthFlowStore store;
    private final CredentialVault vault;
    private final OAuthClient client;
    private final Clock clock;
    private final Supplier<URI> publicBase;

    /**
     * @param publicBase the host's public address ({@code HOST_PUBLIC_URL}, else where it listens), read at each use:
     *     it is known only once the host listens
     */
    public OAuthFlows(Jdbc jdbc, CredentialVault vault, OAuthClient client, Clock clock, Supplier<URI> publicBase) {
        this.store = new OAuthFlowStore(jdbc);
        this.vault = vault;
        this.client = client;
        this.clock = clock;
        this.publicBase = publicBase;
    }

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
        Objects.requireNonNull(purpose, "purpose");
        String state = Tokens.newToken();
        String browser = Tokens.newToken();
        String verifier = spec.usesPkce() ? OAuthClient.newCodeVerifier() : null;
        URI redirectUri = callbackUrl();
        URI authorizationUrl = client.authorizationRequest(endpoints, spec, clientId, scopes, redirectUri, state, verifier);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(LIFETIME);
        String stateHash = Tokens.hash(state);
        Map<String, String> sealed = new LinkedHashMap<>();
        if (verifier != null) {
            sealed.put("codeVerifier", verifier);
        }
        sealed.put("redirectUri", redirectUri.toString());
        sealed.put("scopes", String.join(" ", scopes));
        sealed.put("values", writeValues(purpose.values()));
        store.deleteExpiredBefore(now.minus(KEPT_AFTER_EXPIRY));
        store.insert(new OAuthFlowStore.Row(stateHash, Tokens.hash(browser), purpose.kind(), purpose.integrationId(),
                purpose.userId(), purpose.linkHash(), purpose.profileId(), purpose.pluginId(),
                vault.seal(sealed, OAuthFlowStore.Row.binding(stateHash)), now, expiresAt, null));
        return new Started(authorizationUrl, expiresAt, browser);
    }

    /**
     * Spends the flow {@code state} names, once: the cookie must be the one set when it started, and it must not have
     * expired or been spent. A callback from another browser spends nothing: the flow stays for the browser that
     * started it.
     *
     * @throws io.integrationhost.runtime.error.HostException {@code OAUTH_CALLBACK_INVALID} otherwise, saying which
     */
    public Spent spend(String state, String browserCookie) {
        if (state == null || state.isBlank()) {
            throw refused(Refusal.UNKNOWN_STATE, "The provider's answer carries no state, so it belongs to no authorization"
                    + " the host started.", "Start the authorization again from the host.");
        }
        String stateHash = Tokens.hash(state);
        OAuthFlowStore.Row row = store.find(stateHash).orElseThrow(() -> refused(Refusal.UNKNOWN_STATE,
                "This answer belongs to no authorization the host started (its state is unknown).",
                "Start the authorization again from the host."));
        if (browserCookie == null || !Tokens.sameHash(row.browserHash(), Tokens.hash(browserCookie))) {
            throw refused(Refusal.OTHER_BROWSER, "This authorization was started in another browser, or this browser no"
                    + " longer has the cookie it got when it started.", "Finish it in the browser you started it in, or"
                    + " start it again here.");
        }
        Instant now = clock.instant();
        if (row.usedAt() != null) {
            throw alreadyUsed();
        }
        if (!row.expiresAt().isAfter(now)) {
            throw refused(Refusal.EXPIRED, "This authorization expired: it must be completed within "
                    + LIFETIME.toMinutes() + " minutes of starting it.", "Start the authorization again.");
        }
        // The checks above say why; this one decides, when two callbacks with one state arrive at once.
        if (!store.spend(stateHash, now)) {
            throw alreadyUsed();
        }
        Map<String, String> opened = vault.open(row.sealedFlow(), OAuthFlowStore.Row.binding(stateHash));
        String scopes = opened.getOrDefault("scopes", "");
        return new Spent(new Purpose(row.kind(), row.integrationId(), row.userId(), row.linkHash(), row.profileId(),
                row.pluginId(), readValues(opened.get("values"))), opened.get("codeVerifier"),
                URI.create(opened.get("redirectUri")), scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(" ")));
    }

    /** The callback URL providers redirect to: {@code <public base>/oauth2/callback}. */
    public URI callbackUrl() {
        return publicBase.get().resolve(CALLBACK_PATH.substring(1));
    }

    /** The refusal of a callback, with its {@link Refusal} in the {@code reason} detail. */
    public static HostException refused(Refusal reason, String message, String remedy) {
        return new HostException(FailureKind.OAUTH_CALLBACK_INVALID, message, remedy, Map.of("reason", reason.name()));
    }

    private static HostException alreadyUsed() {
        return refused(Refusal.ALREADY_USED, "This authorization was already completed: each answer of the provider is"
                + " accepted once (a reloaded or repeated page is not).", "Check the integration; if it is not connected,"
                + " start the authorization again.");
    }

    private static String writeValues(Map<String, String> values) {
        try {
            return Json.mapper().writeValueAsString(values == null ? Map.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings is always JSON", e);
        }
    }

    private static Map<String, String> readValues(String json) {
        try {
            return json == null ? Map.of() : Json.mapper().readValue(json, VALUES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A sealed flow holds the JSON it was sealed with", e);
        }
    }
}

package io.integrationhost.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The credential values of one call, keyed by the field keys the descriptor declares.
 *
 * <p>Values are plain text in memory only for the duration of a call; {@link #toString()} never shows
 * them, so a credential object that reaches a log line or an exception message leaks nothing.
 */
public final class Credentials {

    private final Map<String, String> values;
    private final AccessToken accessToken;

    private Credentials(Map<String, String> values, AccessToken accessToken) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.accessToken = accessToken;
    }

    /** Credentials with the given field values; {@code null} values are dropped. */
    public static Credentials of(Map<String, String> values) {
        return new Credentials(withoutNulls(values), null);
    }

    /**
     * Credentials of an OAuth 2.0 call: the field values (never the OAuth app's secret) and the access token the host
     * obtained for this call. Since 1.3.0.
     */
    public static Credentials withAccessToken(Map<String, String> values, AccessToken accessToken) {
        return new Credentials(withoutNulls(values), Objects.requireNonNull(accessToken, "accessToken"));
    }

    private static Map<String, String> withoutNulls(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    /**
     * The OAuth 2.0 access token of this call, present when the credentials are an OAuth 2.0 authorization: the host
     * obtained it and refreshes it, so a plugin only sends it. Since 1.3.0.
     */
    public Optional<AccessToken> accessToken() {
        return Optional.ofNullable(accessToken);
    }

    /**
     * The access token, for a call that needs one.
     *
     * @throws IntegrationException of kind {@link ErrorKind#INVALID_CREDENTIALS} when these credentials carry none
     * @since 1.3.0
     */
    public AccessToken requireAccessToken() throws IntegrationException {
        if (accessToken == null) {
            throw new IntegrationException(IntegrationError.of(ErrorKind.INVALID_CREDENTIALS,
                    "These credentials carry no OAuth 2.0 access token."));
        }
        return accessToken;
    }

    /** The value of a field, if present. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * The value of a field the descriptor marks required.
     *
     * @throws IntegrationException of kind {@link ErrorKind#INVALID_CREDENTIALS} when it is missing or blank
     */
    public String require(String key) throws IntegrationException {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IntegrationException(IntegrationError.of(ErrorKind.INVALID_CREDENTIALS,
                    "The credential field '" + key + "' is missing."));
        }
        return value;
    }

    /** The keys present, never the values. */
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public String toString() {
        return "Credentials" + values.keySet() + (accessToken == null ? "" : " with an access token") + " (values hidden)";
    }
}

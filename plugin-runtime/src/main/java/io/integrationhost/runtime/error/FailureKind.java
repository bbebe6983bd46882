package io.integrationhost.runtime.error;

import io.integrationhost.api.ErrorKind;

/**
 * Every kind of failure the host answers with: the kind string a program switches on (the {@code kind} of the JSON
 * answer), the HTTP status it is answered with, and a default remedy where one fits every use.
 *
 * <p>The host's own failures and the remote system's failures that a plugin reports are distinct constants, even where
 * they render the same kind string: {@link #NOT_FOUND} (the host has no such resource) and {@link #UPSTREAM_NOT_FOUND}
 * both render {@code NOT_FOUND}; {@link #PLUGIN_TIMEOUT} (the plugin did not answer in time) and
 * {@link #UPSTREAM_TIMEOUT} both render {@code TIMEOUT}; likewise {@code INVALID_INPUT}, {@code CONFLICT} and
 * {@code INTERNAL}. Clients see the same strings as before the kinds were one type.
 */
public enum FailureKind {

    // The request itself.
    INVALID_REQUEST(400, "INVALID_REQUEST", null),
    /** The action's input does not match its input schema (the host's check, before any plugin runs). */
    INVALID_INPUT(400, "INVALID_INPUT", null),
    VALIDATION_FAILED(400, "VALIDATION_FAILED", "Correct the fields listed in 'violations' and try again."),
    MODE_NOT_ALLOWED(400, "MODE_NOT_ALLOWED", null),
    PROFILE_NOT_ACCEPTED(400, "PROFILE_NOT_ACCEPTED", null),
    PLUGIN_REFUSED(400, "PLUGIN_REFUSED", null),
    UNAUTHORIZED(401, "UNAUTHORIZED", null),
    CSRF_TOKEN_INVALID(403, "CSRF_TOKEN_INVALID", "Reload the page and try again."),
    AUTHORIZATION_REQUIRED(403, "AUTHORIZATION_REQUIRED", null),
    /** The host has no such integration, profile, plugin or address. */
    NOT_FOUND(404, "NOT_FOUND", "Check the id in the address."),
    UNKNOWN_ACTION(404, "UNKNOWN_ACTION", null),
    LINK_NOT_USABLE(410, "LINK_NOT_USABLE", "Ask for a new link."),
    BODY_TOO_LARGE(413, "BODY_TOO_LARGE", null),
    URI_TOO_LONG(414, "URI_TOO_LONG", null),
    /**
     * An OAuth 2.0 callback the host cannot accept: its state is unknown, forged, expired or already used, it comes to
     * another browser than the one that started the flow, or the provider answered with an error such as
     * {@code access_denied}. Nothing is stored.
     */
    OAUTH_CALLBACK_INVALID(400, "OAUTH_CALLBACK_INVALID", "Start the authorization again."),
    CONNECTION_TEST_FAILED(422, "CONNECTION_TEST_FAILED", null),
    TOO_MANY_ATTEMPTS(429, "TOO_MANY_ATTEMPTS", null),
    HEADERS_TOO_LARGE(431, "HEADERS_TOO_LARGE", null),
    HTTP_VERSION_NOT_SUPPORTED(505, "HTTP_VERSION_NOT_SUPPORTED", "Send the request over HTTP/1.1."),

    // The host's state.
    /** A change that conflicts with what the host holds (the host's own, not the remote system's). */
    CONFLICT(409, "CONFLICT", null),
    NOT_CONFIGURED(409, "NOT_CONFIGURED", null),
    NOT_ENABLED(409, "NOT_ENABLED", "An administrator must enable it."),
    DISABLED(409, "DISABLED", "An administrator can enable it again; its configuration was kept."),
    INTEGRATION_ERROR(409, "INTEGRATION_ERROR", null),
    WRONG_PLUGIN(409, "WRONG_PLUGIN", null),
    PROFILE_CHANGED(409, "PROFILE_CHANGED", "Submit the form again."),
    PROFILE_IN_USE(409, "PROFILE_IN_USE", "Switch those integrations to another profile or mode first."),
    PROFILE_TYPE_UNAVAILABLE(409, "PROFILE_TYPE_UNAVAILABLE", null),
    PLUGIN_BUSY(409, "PLUGIN_BUSY", null),
    /** The integration's (or profile type's) OAuth 2.0 does not offer the grant asked for. */
    OAUTH_NOT_OFFERED(409, "OAUTH_NOT_OFFERED", null),
    /** The host failed to answer (a bug or a failure around its code). */
    INTERNAL(500, "INTERNAL", "Try again; if it persists, check the host's log."),
    PLUGIN_ERROR(502, "PLUGIN_ERROR", null),
    /** The plugin's worker process ended while the call ran: whether a write it made took effect is unknown. */
    PLUGIN_CRASHED(502, "PLUGIN_CRASHED", "Check whether the change was made before you try again; the Plugins page shows"
            + " the plugin's state and its last crash."),
    PLUGIN_UNAVAILABLE(503, "PLUGIN_UNAVAILABLE", null),
    HOST_BUSY(503, "HOST_BUSY", null),
    /**
     * The OAuth 2.0 provider refused or failed a request of the host's: a code exchange, a token fetch or a refresh
     * ({@code invalid_client}, {@code invalid_scope}, a malformed answer ...).
     */
    OAUTH_PROVIDER_FAILED(502, "OAUTH_PROVIDER_FAILED", "Check the OAuth app's client id, secret and scopes, then try again."),
    /**
     * The provider refused the stored refresh token ({@code invalid_grant}): the authorization was revoked or expired,
     * and must be given again.
     */
    OAUTH_GRANT_REJECTED(502, "OAUTH_GRANT_REJECTED", null),
    /** The OAuth 2.0 provider could not be reached or did not answer in time. */
    OAUTH_PROVIDER_UNAVAILABLE(503, "OAUTH_PROVIDER_UNAVAILABLE", "Try again in a moment."),
    HOST_STOPPING(503, "HOST_STOPPING", "Try again in a moment."),
    /** The plugin did not answer within the host's call timeout. */
    PLUGIN_TIMEOUT(504, "TIMEOUT", null),

    // The remote system, as a plugin reported it (ErrorKind): the remedy is the plugin's.
    UPSTREAM_INVALID_INPUT(400, "INVALID_INPUT", null),
    UPSTREAM_PERMISSION_DENIED(403, "PERMISSION_DENIED", null),
    /** The remote system answered that what was asked for does not exist. */
    UPSTREAM_NOT_FOUND(404, "NOT_FOUND", null),
    UPSTREAM_CONFLICT(409, "CONFLICT", null),
    UPSTREAM_RATE_LIMITED(429, "RATE_LIMITED", null),
    UPSTREAM_INTERNAL(500, "INTERNAL", null),
    UPSTREAM_INVALID_CREDENTIALS(502, "INVALID_CREDENTIALS", null),
    UPSTREAM_UNAVAILABLE(502, "UPSTREAM_UNAVAILABLE", null),
    UPSTREAM_CONNECTION_FAILED(502, "CONNECTION_FAILED", null),
    UPSTREAM_BAD_RESPONSE(502, "BAD_RESPONSE", null),
    /** The remote system did not answer in time (the plugin's own timeout). */
    UPSTREAM_TIMEOUT(504, "TIMEOUT", null);

    private final int status;
    private final String kind;
    private final String defaultRemedy;

    FailureKind(int status, String kind, String defaultRemedy) {
        this.status = status;
        this.kind = kind;
        this.defaultRemedy = defaultRemedy;
    }

    /** The HTTP status this kind is answered with. */
    public int status() {
        return status;
    }

    /** The kind string of the JSON answer. */
    public String kind() {
        return kind;
    }

    /** The remedy when the failure names none of its own, or null. */
    public String defaultRemedy() {
        return defaultRemedy;
    }

    /** The constant for a remote system's failure as a plugin reported it. */
    public static FailureKind upstream(ErrorKind kind) {
        return switch (kind) {
            case INVALID_INPUT -> UPSTREAM_INVALID_INPUT;
            case NOT_FOUND -> UPSTREAM_NOT_FOUND;
            case CONFLICT -> UPSTREAM_CONFLICT;
            case PERMISSION_DENIED -> UPSTREAM_PERMISSION_DENIED;
            case RATE_LIMITED -> UPSTREAM_RATE_LIMITED;
            case TIMEOUT -> UPSTREAM_TIMEOUT;
            case INTERNAL -> UPSTREAM_INTERNAL;
            case INVALID_CREDENTIALS -> UPSTREAM_INVALID_CREDENTIALS;
            case UPSTREAM_UNAVAILABLE -> UPSTREAM_UNAVAILABLE;
            case CONNECTION_FAILED -> UPSTREAM_CONNECTION_FAILED;
            case BAD_RESPONSE -> UPSTREAM_BAD_RESPONSE;
        };
    }
}

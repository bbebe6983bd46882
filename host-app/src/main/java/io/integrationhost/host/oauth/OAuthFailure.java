package io.integrationhost.host.oauth;

/**
 * A provider refused or failed an OAuth 2.0 request. The message is the host's own sentence with the provider's error
 * code and description (never a token, a code or a secret).
 */
public final class OAuthFailure extends RuntimeException {

    /** What kind of failure it was. */
    public enum Reason {
        /** {@code invalid_grant}: the code or the refresh token is expired, revoked or was already used. */
        GRANT_REJECTED,
        /** {@code invalid_client} or {@code unauthorized_client}: the client id or secret is wrong. */
        CLIENT_REJECTED,
        /** Any other OAuth error the provider answered with ({@code invalid_scope}, {@code access_denied}, ...). */
        PROVIDER_ERROR,
        /** The provider could not be reached, or did not answer in time. */
        UNREACHABLE,
        /** The provider answered with something that is not an OAuth 2.0 response. */
        BAD_RESPONSE
    }

    private final Reason reason;
    private final String errorCode;

    public OAuthFailure(Reason reason, String errorCode, String message) {
        super(message);
        this.reason = reason;
        this.errorCode = errorCode;
    }

    public Reason reason() {
        return reason;
    }

    /** The provider's {@code error} code, such as {@code invalid_grant}, or {@code null}. */
    public String errorCode() {
        return errorCode;
    }
}

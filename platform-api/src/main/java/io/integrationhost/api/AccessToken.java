package io.integrationhost.api;

import java.util.Objects;

/**
 * The OAuth 2.0 access token of one call, which the host obtained and keeps fresh. A plugin sends it as
 * {@link #authorizationHeader()} and never stores it; it never receives the refresh token or the OAuth app's
 * secret. {@link #toString()} never shows the value. Since 1.3.0.
 *
 * @param value the token itself
 * @param type the token type the provider stated, such as {@code Bearer}
 */
public record AccessToken(String value, String type) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        type = type == null || type.isBlank() ? "Bearer" : type;
    }

    /**
     * The value of an HTTP {@code Authorization} header that presents the token: {@code Bearer <token>} for a bearer
     * token (whatever the case the provider spelt its type in), otherwise the stated type and the token.
     */
    public String authorizationHeader() {
        return ("bearer".equalsIgnoreCase(type) ? "Bearer" : type) + " " + value;
    }

    @Override
    public String toString() {
        return "AccessToken[" + type + ", value hidden]";
    }
}

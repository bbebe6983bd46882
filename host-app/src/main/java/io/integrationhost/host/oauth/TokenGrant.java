package io.integrationhost.host.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a provider's token endpoint granted; {@link #toString()} never shows a token.
 *
 * @param accessToken the access token
 * @param tokenType its type, such as {@code Bearer}
 * @param refreshToken the refresh token, or {@code null} when none was issued (or, after a refresh, when the provider
 *     did not rotate it: the one stored stays)
 * @param expiresAt when the access token expires, or {@code null} when the provider did not say
 * @param scopes the scopes granted, as the provider stated them, or the ones asked for when it did not
 */
public record TokenGrant(String accessToken, String tokenType, String refreshToken, Instant expiresAt, List<String> scopes) {

    public TokenGrant {
        Objects.requireNonNull(accessToken, "accessToken");
        tokenType = tokenType == null || tokenType.isBlank() ? "Bearer" : tokenType;
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "TokenGrant[" + tokenType + ", scopes " + scopes + ", expires " + expiresAt
                + (refreshToken == null ? "" : ", with a refresh token") + ", values hidden]";
    }
}

package io.integrationhost.host.oauth;

import io.integrationhost.api.metadata.OAuth2Spec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The OAuth 2.0 protocol's messages, through the Nimbus OAuth 2.0 SDK: the authorization request, and the token
 * endpoint's grants (authorization code with PKCE, refresh token, client credentials) and revocation. Client
 * authentication as the spec declares. Nothing here logs, and no failure's message carries a token, a code or a
 * secret.
 */
public final class OAuthClient {

    public OAuthClient(Duration timeout, Clock clock) {
    }

    /** A new PKCE code verifier (S256 is always the method). */
    public static String newCodeVerifier() {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * The URL a person's browser is sent to for consent: {@code response_type=code}, the client id, the redirect URI,
     * the scopes, {@code state}, the PKCE challenge of {@code codeVerifier} when the spec uses PKCE ({@code null}
     * otherwise), and the spec's extra authorization parameters.
     */
    public URI authorizationRequest(OAuthEndpoints endpoints, OAuth2Spec spec, String clientId, List<String> scopes,
                                    URI redirectUri, String state, String codeVerifier) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Exchanges an authorization code. @throws OAuthFailure when the provider refuses or fails */
    public TokenGrant exchangeCode(OAuthEndpoints endpoints, OAuth2Spec spec, ClientApp app, String code, URI redirectUri,
                                   String codeVerifier, List<String> scopesAskedFor) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Refreshes with a refresh token. @throws OAuthFailure when the provider refuses or fails */
    public TokenGrant refresh(OAuthEndpoints endpoints, OAuth2Spec spec, ClientApp app, String refreshToken,
                              List<String> scopes) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Fetches a token with the client credentials grant. @throws OAuthFailure when the provider refuses or fails */
    public TokenGrant clientCredentials(OAuthEndpoints endpoints, OAuth2Spec spec, ClientApp app, List<String> scopes) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Revokes a token (RFC 7009) where {@code endpoints} has a revocation endpoint; does nothing otherwise.
     *
     * @param refreshToken whether {@code token} is a refresh token (the hint sent), otherwise an access token
     * @throws OAuthFailure when the provider refuses or fails
     */
    public void revoke(OAuthEndpoints endpoints, OAuth2Spec spec, ClientApp app, String token, boolean refreshToken) {
        throw new UnsupportedOperationException("to be written");
    }
}

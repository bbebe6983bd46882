package io.integrationhost.host.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.integrationhost.api.metadata.OAuth2ClientAuthentication;
import io.integrationhost.api.metadata.OAuth2Spec;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The OAuth 2.0 protocol's messages, through the Nimbus OAuth 2.0 SDK: the authorization request, and the token
 * endpoint's grants (authorization code with PKCE, refresh token, client credentials) and revocation. Client
 * authentication as the spec declares. Nothing here logs, and no failure's message carries a token, a code or a
 * secret.
 */
public final class OAuthClient {

    /** How much of a provider's error description a failure's message keeps. */
    private static final int MAX_DESCRIPTION = 300;

    private final int timeoutMillis;
    private final Clock clock;

    /**
     * @param timeout how long to wait to connect to a provider, and then for its answer
     * @param clock what an access token's {@code expires_in} counts from
     */
    public OAuthClient(Duration timeout, Clock clock) {
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.clock = Objects.requireNonNull(clock);
    }

    /** A new PKCE code verifier (S256 is always the method). */
    public static String newCodeVerifier() {
        return new CodeVerifier().getValue();
    }

    /**
     * The URL a person's browser is sent to for consent: {@code response_type=code}, the client id, the redirect URI,
     * the scopes, {@code state}, the PKCE challenge of {@code codeVerifier} when the spec uses PKCE ({@code null}
     * otherwise), and the spec's extra authorization parameters.
     */
    public URI authorizationRequest(OAuthEndpoints endpoints, OAuth2Spec spec, String clientId, List<String> scopes,
                                    URI redirectUri, String state, String codeVerifier) {
        if (endpoints.authorization() == null) {
            throw new IllegalArgumentException("this OAuth configuration has no authorization endpoint");
        }
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new ClientID(clientId))
                .endpointURI(endpoints.authorization())
                .redirectionURI(redirectUri)
                .state(new State(state));
        if (!scopes.isEmpty()) {
            request.scope(new Scope(scopes.toArray(String[]::new)));
        }
        if (spec.usesPkce()) {
            request.codeChallenge(new CodeVerifier(Objects.requireNonNull(codeVerifier, "codeVerifier")),
                    CodeChallengeMethod.S256);
        }
        spec.authorizationParameters().forEach(request::customParameter);
        return request.build().toURI();
    }

    /** Exchanges an authorization code. @throws OAuthFailure when the provider refuses or fails */
    public TokenGrant exchangeCode(OAuthEndpoints endpoints, OAuth2Spec spec, ClientApp app, String code, URI redirectUri,
                                   String codeVerifier, List<String> scopesAskedFor) {
        CodeVerifier verifier = codeVerifier == null ? null : new CodeVerifier(codeVerifier);
        return token(endpoints, spec, app, new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier),
                null, scopesAskedFor, "exchange the authorization code", code, codeVerifier);
    }

    /**
     * Refreshes with a refresh token. No {@code scope} is sent, which asks for the scopes granted before (RFC 6749
     * section 6); {@code scopes} are what the grant says was granted when the provider does not.
     *
     * @throws OAuthFailure when the provider refuses or fails
     */
    public TokenGrant refresh(OAuthEndpoints endpoints, OAuth2Spec spec, ClientApp app, String refreshToken,
                              List<String> scopes) {
        return token(endpoints, spec, app, new RefreshTokenGrant(new RefreshToken(refreshToken)), null, scopes,
                "refresh the access token", refreshToken);
    }

    /** Fetches a token with the client credentials grant. @throws OAuthFailure when the provider refuses or fails */
    public TokenGrant clientCredentials(OAuthEndpoints endpoints, OAuth2Spec spec, ClientApp app, List<String> scopes) {
        return token(endpoints, spec, app, new ClientCredentialsGrant(), scopes, scopes,
                "fetch an access token with the client credentials");
    }

    /**
     * Revokes a token (RFC 7009) where {@code endpoints} has a revocation endpoint; does nothing otherwise.
     *
     * @param refreshToken whether {@code token} is a refresh token (the hint sent), otherwise an access token
     * @throws OAuthFailure when the provider refuses or fails
     */
    public void revoke(OAuthEndpoints endpoints, OAuth2Spec spec, ClientApp app, String token, boolean refreshToken) {
        if (endpoints.revocation() == null) {
            return;
        }
        revoke(new Revocation(endpoints.revocation(), spec.clientAuthentication(), app), token, refreshToken);
    }

    /**
     * Revokes a token (RFC 7009) as a stored {@link Revocation} says: at its endpoint, with its app and authentication.
     *
     * @param refreshToken whether {@code token} is a refresh token (the hint sent), otherwise an access token
     * @throws OAuthFailure when the provider refuses or fails
     */
    void revoke(Revocation revocation, String token, boolean refreshToken) {
        Token revoked = refreshToken ? new RefreshToken(token) : new BearerAccessToken(token);
        HTTPResponse response = send(new TokenRevocationRequest(revocation.endpoint(),
                authentication(revocation.authentication(), revocation.app()), revoked).toHTTPRequest(), "revoke a token");
        if (!response.indicatesSuccess()) {
            ErrorObject error;
            try {
                error = ErrorObject.parse(response);
            } catch (RuntimeException e) {
                error = null;
            }
            throw failure(error, response.getStatusCode(), "revoke a token", List.of(token, revocation.app().clientSecret()));
        }
    }

    private TokenGrant token(OAuthEndpoints endpoints, OAuth2Spec spec, ClientApp app, AuthorizationGrant grant,
                             List<String> scopesSent, List<String> scopesAskedFor, String purpose, String... sentSecrets) {
        TokenRequest.Builder request = new TokenRequest.Builder(endpoints.token(), authentication(spec, app), grant);
        if (scopesSent != null && !scopesSent.isEmpty()) {
            request.scope(new Scope(scopesSent.toArray(String[]::new)));
        }
        Instant sentAt = clock.instant();
        HTTPResponse response = send(request.build().toHTTPRequest(), purpose);
        List<String> hidden = new ArrayList<>(Stream.of(sentSecrets).filter(Objects::nonNull).toList());
        hidden.add(app.clientSecret());
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (ParseException e) {
            throw new OAuthFailure(OAuthFailure.Reason.BAD_RESPONSE, null, "The provider's answer to the request to "
                    + purpose + " is not an OAuth 2.0 token response (HTTP " + response.getStatusCode() + ").");
        }
        if (!parsed.indicatesSuccess()) {
            throw failure(parsed.toErrorResponse().getErrorObject(), response.getStatusCode(), purpose, hidden);
        }
        Tokens tokens = parsed.toSuccessResponse().getTokens();
        long lifetime = tokens.getAccessToken().getLifetime();
        Scope granted = tokens.getAccessToken().getScope();
        return new TokenGrant(tokens.getAccessToken().getValue(), tokens.getAccessToken().getType().getValue(),
                tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getValue(),
                lifetime > 0 ? sentAt.plusSeconds(lifetime) : null,
                granted == null ? scopesAskedFor : granted.toStringList());
    }

    private static ClientAuthentication authentication(OAuth2Spec spec, ClientApp app) {
        return authentication(spec.clientAuthentication(), app);
    }

    private static ClientAuthentication authentication(OAuth2ClientAuthentication method, ClientApp app) {
        ClientID id = new ClientID(app.clientId());
        Secret secret = new Secret(app.clientSecret());
        return method == OAuth2ClientAuthentication.CLIENT_SECRET_POST
                ? new ClientSecretPost(id, secret) : new ClientSecretBasic(id, secret);
    }

    private HTTPResponse send(HTTPRequest request, String purpose) {
        request.setConnectTimeout(timeoutMillis);
        request.setReadTimeout(timeoutMillis);
        // A provider's redirect is not followed: the request carries the client's secret.
        request.setFollowRedirects(false);
        try {
            return request.send();
        } catch (IOException e) {
            // The exception says what went wrong and may name the URL, which holds no secret (only non-secret fields).
            throw new OAuthFailure(OAuthFailure.Reason.UNREACHABLE, null, "The provider could not be reached to " + purpose
                    + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").");
        }
    }

    /**
     * The failure for an error answer: its reason by the error code, its message with the code and the description,
     * cut short, and with anything this request sent that must stay secret taken out (a provider may echo it).
     */
    private static OAuthFailure failure(ErrorObject error, int status, String purpose, List<String> secrets) {
        String code = error == null ? null : error.getCode();
        if (code == null || code.isBlank()) {
            return new OAuthFailure(OAuthFailure.Reason.BAD_RESPONSE, null, "The provider answered the request to " + purpose
                    + " with HTTP " + status + " and no OAuth 2.0 error.");
        }
        OAuthFailure.Reason reason = switch (code) {
            case "invalid_grant" -> OAuthFailure.Reason.GRANT_REJECTED;
            case "invalid_client", "unauthorized_client" -> OAuthFailure.Reason.CLIENT_REJECTED;
            default -> OAuthFailure.Reason.PROVIDER_ERROR;
        };
        String description = error.getDescription() == null ? "" : error.getDescription();
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                description = description.replace(secret, "(hidden)");
            }
        }
        if (description.length() > MAX_DESCRIPTION) {
            description = description.substring(0, MAX_DESCRIPTION) + "...";
        }
        return new OAuthFailure(reason, code, "The provider refused the request to " + purpose + ": " + code
                + (description.isBlank() ? "" : " (" + description + ")") + ".");
    }
}

package io.integrationhost.api.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an OAuth 2.0 integration or profile type gets its tokens, declared as data: the host carries out the flows
 * (consent, code exchange, refresh, revocation) and hands a call only the access token
 * ({@link io.integrationhost.api.Credentials#accessToken()}). Since 1.3.0.
 *
 * <p>The OAuth app's client id and secret, and the scopes an administrator chooses, are the host's to ask for and
 * store: a descriptor declares only its own fields, and the URLs here may name the non-secret ones as placeholders,
 * such as {@code https://{subdomain}.example.com/oauth/authorize}.
 *
 * @param grantTypes the grants the provider offers; at least one
 * @param authorizationUrl the authorization endpoint; required with {@link OAuth2GrantType#AUTHORIZATION_CODE}
 * @param tokenUrl the token endpoint
 * @param revocationUrl the token revocation endpoint (RFC 7009), or {@code null}: where declared, the host revokes a
 *     token when its configuration or end user's authorization is removed
 * @param scopes the scopes an administrator may choose from, with the default set marked
 * @param pkce whether the authorization code grant uses PKCE (S256); {@code true} unless set to {@code false}
 * @param clientAuthentication how the OAuth app authenticates at the token endpoint;
 *     {@link OAuth2ClientAuthentication#CLIENT_SECRET_BASIC} unless set
 * @param authorizationParameters extra parameters of the authorization request, such as {@code request=authorize};
 *     never one the protocol itself sets
 */
public record OAuth2Spec(List<OAuth2GrantType> grantTypes, String authorizationUrl, String tokenUrl, String revocationUrl,
                         List<OAuth2Scope> scopes, Boolean pkce, OAuth2ClientAuthentication clientAuthentication,
                         Map<String, String> authorizationParameters) {

    public OAuth2Spec {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        grantTypes = grantTypes == null ? List.of() : List.copyOf(grantTypes);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        pkce = pkce == null ? Boolean.TRUE : pkce;
        clientAuthentication = clientAuthentication == null ? OAuth2ClientAuthentication.CLIENT_SECRET_BASIC : clientAuthentication;
        authorizationParameters = authorizationParameters == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(authorizationParameters));
    }

    /** Whether the provider offers this grant. */
    public boolean offers(OAuth2GrantType grantType) {
        return grantTypes.contains(grantType);
    }

    /** Whether the authorization code grant sends a PKCE challenge. */
    public boolean usesPkce() {
        return pkce;
    }

    /** The names of the scopes chosen unless an administrator chooses otherwise, in declared order. */
    public List<String> defaultScopes() {
        return scopes.stream().filter(OAuth2Scope::byDefault).map(OAuth2Scope::name).toList();
    }

    /** The scope with this name, if declared. */
    public Optional<OAuth2Scope> scope(String name) {
        return scopes.stream().filter(scope -> scope.name().equals(name)).findFirst();
    }
}

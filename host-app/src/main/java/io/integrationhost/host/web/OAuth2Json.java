package io.integrationhost.host.web;

import io.integrationhost.api.metadata.OAuth2GrantType;
import io.integrationhost.api.metadata.OAuth2Scope;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.api.metadata.AuthorizationType;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.host.oauth.OAuthTokens;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * What the API shows of an OAuth 2.0 authorization or profile type: the grants, the scopes to choose from, and the
 * callback URL an administrator registers with the provider's OAuth app (the endpoints are the host's to use).
 *
 * @param callbackUrl {@code <public base>/oauth2/callback}
 */
record OAuth2Json(List<OAuth2GrantType> grantTypes, List<OAuth2Scope> scopes, String callbackUrl) {

    /** {@code null} (left out of the answer) when {@code spec} is. */
    static OAuth2Json of(OAuth2Spec spec, URI callbackUrl) {
        return spec == null ? null : new OAuth2Json(spec.grantTypes(), spec.scopes(), callbackUrl.toString());
    }

    /** A profile type as the API shows it: its effective fields, and its OAuth 2.0 as {@link OAuth2Json}. */
    record ProfileTypeJson(String id, String name, String description, AuthorizationType type, List<CredentialField> fields,
                           OAuth2Json oauth2) {
        static ProfileTypeJson of(ProfileTypeSpec spec, URI callbackUrl) {
            return new ProfileTypeJson(spec.id(), spec.name(), spec.description(), spec.type(), OAuthAppFields.effective(spec),
                    OAuth2Json.of(spec.oauth2(), callbackUrl));
        }
    }

    /**
     * The state of stored OAuth 2.0 tokens, never a token: whom the connection test said they are of, the scopes
     * granted, when the access token expires, when they were last refreshed and stored, whether they can be renewed.
     */
    record TokenStateJson(String connectedAs, List<String> scopes, Instant expiresAt, Instant refreshedAt, Instant storedAt,
                          boolean refreshable) {
        static TokenStateJson of(OAuthTokens.State state) {
            return new TokenStateJson(state.connectedAs(), state.scopes(), state.expiresAt(), state.refreshedAt(),
                    state.storedAt(), state.refreshable());
        }
    }
}

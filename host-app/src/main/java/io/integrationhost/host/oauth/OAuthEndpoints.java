package io.integrationhost.host.oauth;

import io.integrationhost.api.metadata.OAuth2Spec;
import java.net.URI;
import java.util.Map;

/**
 * The endpoints of one OAuth 2.0 configuration: the descriptor's URL templates with each {@code {key}} replaced by
 * that non-secret field's value (URL-encoded), unless an operator setting replaces a URL:
 * {@code <ID>_OAUTH_AUTHORIZATION_URL}, {@code <ID>_OAUTH_TOKEN_URL}, {@code <ID>_OAUTH_REVOCATION_URL}, named as
 * {@link io.integrationhost.api.OperatorSettings#variable} names a plugin's settings (the integration's id, upper-cased),
 * which may use the same placeholders.
 *
 * @param authorization the authorization endpoint, or {@code null} when the grant needs none
 * @param token the token endpoint
 * @param revocation the revocation endpoint, or {@code null}
 */
public record OAuthEndpoints(URI authorization, URI token, URI revocation) {

    /**
     * Resolves {@code spec}'s URLs for {@code integrationId} with the non-secret {@code values}.
     *
     * @throws io.integrationhost.runtime.error.HostException (400) when a placeholder's field has no value
     */
    public static OAuthEndpoints resolve(OAuth2Spec spec, String integrationId, Map<String, String> values,
                                         Map<String, String> environment) {
        throw new UnsupportedOperationException("to be written");
    }
}

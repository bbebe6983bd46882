package io.integrationhost.host.oauth;

import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import java.util.Map;

/**
 * The host's OAuth 2.0 parts, handed together to the capabilities that authorize and call OAuth integrations, with
 * the one way a stored value set becomes what a token request needs.
 *
 * @param environment the host's environment, for the operator overrides of the endpoints ({@link OAuthEndpoints})
 */
public record OAuthServices(OAuthClient client, OAuthTokens tokens, OAuthFlows flows, Map<String, String> environment) {

    public OAuthServices {
        environment = Map.copyOf(environment);
    }

    /**
     * The endpoints of {@code spec} with the non-secret {@code values}.
     *
     * @param declaringIntegrationId the integration whose descriptor declares {@code spec} (for a profile type: the
     *     integration that offers it), whose operator overrides apply
     */
    public OAuthEndpoints endpoints(OAuth2Spec spec, String declaringIntegrationId, Map<String, String> values) {
        return OAuthEndpoints.resolve(spec, declaringIntegrationId, values, environment);
    }

    /** The OAuth app of an effective value set: its client id and secret. */
    public static ClientApp app(Map<String, String> values) {
        return new ClientApp(values.get(OAuthAppFields.CLIENT_ID), values.get(OAuthAppFields.CLIENT_SECRET));
    }

    /**
     * What a token request for the stored credentials {@code credentialsId} needs, from their opened effective values
     * (the declared fields, the OAuth app and the scopes chosen).
     */
    public OAuthTokens.Grantor grantor(OAuthTokens.Owner owner, String credentialsId, OAuth2Spec spec,
                                       String declaringIntegrationId, Map<String, String> values) {
        return new OAuthTokens.Grantor(owner, credentialsId, spec, endpoints(spec, declaringIntegrationId, values), app(values),
                OAuthAppFields.scopes(values, spec));
    }
}

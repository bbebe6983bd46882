package io.integrationhost.host.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import io.integrationhost.api.metadata.OAuth2GrantType;
import io.integrationhost.api.metadata.OAuth2Scope;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.host.support.AuthorizationServer;
import java.net.URI;
import java.util.List;

/**
 * Tokens got the way the host gets them, from the in-JVM authorization server: an authorization request, the
 * server's consent (no login page), and the code exchanged with its PKCE verifier.
 */
final class ConsentedGrants {

    static final URI CALLBACK = URI.create("https://host.example.com/oauth2/callback");
    static final ClientApp APP = new ClientApp("host-app", "s3cret-of-the-app");
    /** The mock server asks for {@code openid} in every authorization request. */
    static final List<String> SCOPES = List.of("openid", "employee:read");

    private ConsentedGrants() {
    }

    /** An OAuth configuration offering {@code grantTypes}, the URLs in it unused (tests resolve the server's). */
    static OAuth2Spec spec(OAuth2GrantType... grantTypes) {
        return new OAuth2Spec(List.of(grantTypes), "https://unused.example.com/authorize",
                "https://unused.example.com/token", "https://unused.example.com/revoke",
                List.of(new OAuth2Scope("openid", "Who you are", true), new OAuth2Scope("employee:read", "Read employees", true)),
                null, null, null);
    }

    static OAuthEndpoints endpoints(AuthorizationServer server) {
        return new OAuthEndpoints(server.authorizationUrl(), server.tokenUrl(), server.revocationUrl());
    }

    /** What the code exchange grants after a person consented. */
    static TokenGrant consented(OAuthClient client, AuthorizationServer server) {
        OAuth2Spec spec = spec(OAuth2GrantType.AUTHORIZATION_CODE);
        String verifier = OAuthClient.newCodeVerifier();
        URI redirect = server.consent(client.authorizationRequest(endpoints(server), spec, APP.clientId(), SCOPES, CALLBACK,
                "the-state", verifier));
        return client.exchangeCode(endpoints(server), spec, APP, code(redirect), CALLBACK, verifier, SCOPES);
    }

    static String code(URI redirect) {
        try {
            return AuthorizationResponse.parse(redirect).toSuccessResponse().getAuthorizationCode().getValue();
        } catch (ParseException e) {
            throw new AssertionError("not an authorization response", e);
        }
    }
}

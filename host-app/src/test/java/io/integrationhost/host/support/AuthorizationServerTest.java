package io.integrationhost.host.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthorizationServerTest {

    private static final URI REDIRECT = URI.create("http://localhost:1/oauth2/callback");
    private static final ClientSecretBasic CLIENT = new ClientSecretBasic(new ClientID("app"), new Secret("app-secret"));

    @RegisterExtension
    final AuthorizationServer server = AuthorizationServer.builder().tokenExpiry(Duration.ofSeconds(90)).build();

    @Test
    void issuesTokensForACodeRefreshesThemAndRefusesARevokedRefreshToken() throws Exception {
        Tokens tokens = exchange(authorizationCode());
        // expires_in is what is left of the token's 90 seconds when the server answers
        assertThat(tokens.getBearerAccessToken().getLifetime()).isBetween(80L, 90L);

        Tokens refreshed = token(new RefreshTokenGrant(tokens.getRefreshToken())).toSuccessResponse().getTokens();
        assertThat(refreshed.getAccessToken()).isNotEqualTo(tokens.getAccessToken());

        revoke(tokens.getRefreshToken());
        TokenErrorResponse refused = token(new RefreshTokenGrant(tokens.getRefreshToken())).toErrorResponse();
        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_grant");

        assertThat(server.tokenRequests("authorization_code")).hasSize(1);
        assertThat(server.tokenRequests("refresh_token")).hasSize(2)
                .allSatisfy(request -> assertThat(request.usedBasicAuthentication()).isTrue())
                .allSatisfy(request -> assertThat(request.basicClientId()).isEqualTo("app"));
        assertThat(server.revocationRequests()).singleElement()
                .satisfies(request -> assertThat(request.form("token_type_hint")).isEqualTo("refresh_token"));
    }

    @Test
    void aScriptedRefusalAnswersTheNextTokenRequestOnly() throws Exception {
        AuthorizationCode code = authorizationCode();
        server.refuseNextTokenRequest("invalid_client", "unknown client");

        TokenResponse refused = token(new AuthorizationCodeGrant(code, REDIRECT));

        assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
        assertThat(refused.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
        assertThat(token(new AuthorizationCodeGrant(code, REDIRECT)).indicatesSuccess()).isTrue();
    }

    @Test
    void aSeenRequestNamesItsParametersWithoutTheirValues() throws Exception {
        Tokens tokens = exchange(authorizationCode());

        String shown = server.seen().toString();

        assertThat(shown).contains("grant_type=authorization_code", "code_verifier")
                .doesNotContain(tokens.getRefreshToken().getValue(), verifier.getValue(), "app-secret");
    }

    private final CodeVerifier verifier = new CodeVerifier();

    private AuthorizationCode authorizationCode() throws Exception {
        URI request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), CLIENT.getClientID())
                .endpointURI(server.authorizationUrl()).redirectionURI(REDIRECT).scope(new Scope("openid"))
                .state(new State()).codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
        return AuthorizationResponse.parse(server.consent(request)).toSuccessResponse().getAuthorizationCode();
    }

    private Tokens exchange(AuthorizationCode code) throws Exception {
        return token(new AuthorizationCodeGrant(code, REDIRECT, verifier)).toSuccessResponse().getTokens();
    }

    private TokenResponse token(com.nimbusds.oauth2.sdk.AuthorizationGrant grant) throws Exception {
        return TokenResponse.parse(new TokenRequest(server.tokenUrl(), CLIENT, grant).toHTTPRequest().send());
    }

    private void revoke(RefreshToken token) throws Exception {
        assertThat(new TokenRevocationRequest(server.revocationUrl(), CLIENT, token).toHTTPRequest().send()
                .getStatusCode()).isEqualTo(200);
    }
}

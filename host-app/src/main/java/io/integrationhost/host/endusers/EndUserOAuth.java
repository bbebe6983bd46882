package io.integrationhost.host.endusers;

import io.integrationhost.host.oauth.OAuthFlows;
import io.integrationhost.host.oauth.OAuthServices;
import io.integrationhost.host.oauth.OAuthTokens;
import io.integrationhost.host.oauth.TokenGrant;
import io.integrationhost.host.profiles.ProfileType;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.runtime.credentials.OAuthAppFields;

/**
 * The host's OAuth 2.0 as an end user's authorization through an OAuth 2.0 profile type uses it: the OAuth app is the
 * profile's (its client id, secret and scopes are presets an administrator made), the provider's endpoints are the
 * type's for the presets and the user's own values, resolved under the integration whose plugin declares the type.
 */
final class EndUserOAuth {

    private final OAuthServices oauth;

    EndUserOAuth(OAuthServices oauth) {
        this.oauth = oauth;
    }

    /** Starts the consent of an end user: where to send their browser, and the cookie that binds it to the flow. */
    OAuthFlows.Started start(OAuthFlows.Purpose purpose, ProfileType type, CredentialForm.Values presets,
                             CredentialForm.Values entered) {
        return oauth.flows().start(purpose, type.spec().oauth2(), oauth.endpoints(type.spec().oauth2(), type.provider().id(),
                        presets.plus(entered).publicValues()), presets.all().get(OAuthAppFields.CLIENT_ID),
                OAuthAppFields.scopes(presets.all(), type.spec().oauth2()));
    }

    /** Exchanges the provider's code of a spent flow with the profile's OAuth app, as the flow asked for it. */
    TokenGrant exchange(OAuthFlows.Spent flow, String code, ProfileType type, CredentialForm.Values presets,
                        CredentialForm.Values entered) {
        return oauth.client().exchangeCode(oauth.endpoints(type.spec().oauth2(), type.provider().id(),
                        presets.plus(entered).publicValues()), type.spec().oauth2(), OAuthServices.app(presets.all()), code,
                flow.redirectUri(), flow.codeVerifier(), flow.scopes());
    }

    /** What a refresh or a revocation of an end user's tokens needs, from the profile's presets and the user's values. */
    OAuthTokens.Grantor grantor(String integrationId, String userId, String credentialsId, ProfileType type,
                                CredentialForm.Values presets, CredentialForm.Values own) {
        return oauth.grantor(new OAuthTokens.Owner(integrationId, userId), credentialsId, type.spec().oauth2(),
                type.provider().id(), presets.plus(own).all());
    }

    OAuthTokens tokens() {
        return oauth.tokens();
    }

    OAuthServices services() {
        return oauth;
    }
}

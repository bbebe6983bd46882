package io.integrationhost.host.profiles;

import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import java.util.List;

/** A profile type offered by an installed plugin. */
public record ProfileType(ProfileTypeSpec spec, InstalledIntegration provider) {

    public String id() {
        return spec.id();
    }

    /** Whether end users of this type consent at an OAuth 2.0 provider instead of entering credentials. */
    public boolean isOAuth() {
        return spec.oauth2() != null;
    }

    /**
     * The fields a profile of this type is made of: the declared ones, and for OAuth 2.0 the OAuth app's (client id,
     * secret, scopes), which only an administrator presets ({@link OAuthAppFields}).
     */
    public List<CredentialField> effectiveFields() {
        return OAuthAppFields.effective(spec);
    }
}

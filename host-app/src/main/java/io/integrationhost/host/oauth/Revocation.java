package io.integrationhost.host.oauth;

import io.integrationhost.api.metadata.OAuth2ClientAuthentication;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What revoking a stored row's tokens needs, resolved when they are stored and sealed with them: the provider's
 * revocation endpoint, the OAuth app, and how the app authenticates. {@link #toString()} never shows the secret.
 */
record Revocation(URI endpoint, OAuth2ClientAuthentication authentication, ClientApp app) {

    Revocation {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(app, "app");
    }

    /** What revoking tokens obtained for {@code grantor} needs; empty when its provider declares no revocation endpoint. */
    static Optional<Revocation> of(OAuthTokens.Grantor grantor) {
        URI endpoint = grantor.endpoints().revocation();
        return endpoint == null ? Optional.empty()
                : Optional.of(new Revocation(endpoint, grantor.spec().clientAuthentication(), grantor.app()));
    }

    @Override
    public String toString() {
        return "Revocation[" + endpoint + ", " + authentication + ", " + app + "]";
    }
}

package io.integrationhost.host.oauth;

import java.util.Objects;

/**
 * An OAuth app's credentials at a provider, as an administrator entered them; {@link #toString()} never shows the
 * secret.
 */
public record ClientApp(String clientId, String clientSecret) {

    public ClientApp {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "ClientApp[" + clientId + ", secret hidden]";
    }
}

package io.integrationhost.bamboohr;

import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.bamboohr.client.BambooHrClient;

/**
 * What both of BambooHR's profile types do: verify an end user's credentials with the integration's own connection
 * test ({@link CredentialCheck}, which takes an API key or an access token alike), over one pooled
 * {@link BambooHrClient} that {@link #close()} releases when the host unloads the plugin. Thread-safe; holds no
 * credentials between calls.
 */
abstract class VerifyingProfile implements AuthorizationProfile {

    private final BambooHrClient client;

    VerifyingProfile(BambooHrClient client) {
        this.client = client;
    }

    @Override
    public final ConnectionCheck verify(Credentials credentials, IntegrationContext context) {
        return CredentialCheck.run(client, credentials, context);
    }

    @Override
    public final void close() {
        client.close();
    }
}

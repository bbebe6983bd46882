package io.integrationhost.bamboohr;

import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.bamboohr.client.BambooHrClient;
import io.integrationhost.bamboohr.client.ClientSettings;
import org.pf4j.Extension;

/**
 * The "BambooHR API key (Basic Auth)" profile type: verifies an end user's subdomain and API key with the same
 * connection test as the integration, over one pooled {@link BambooHrClient} that {@link #close()} releases when
 * the host unloads the plugin. Thread-safe; holds no credentials between calls.
 */
@Extension
public final class BambooHrAuthorizationProfile implements AuthorizationProfile {

    /** The id of the profile type in the descriptor's {@code authorizationProfiles}. */
    public static final String PROFILE_TYPE_ID = "bamboohr-api-key";

    private final BambooHrClient client;

    /** The profile as the host creates it: default time-outs and retries. */
    public BambooHrAuthorizationProfile() {
        this(BambooHrClient.create(ClientSettings.DEFAULT));
    }

    /** A profile that verifies over a given client, which it closes in {@link #close()}. */
    public BambooHrAuthorizationProfile(BambooHrClient client) {
        this.client = client;
    }

    @Override
    public String profileTypeId() {
        return PROFILE_TYPE_ID;
    }

    @Override
    public ConnectionCheck verify(Credentials credentials, IntegrationContext context) {
        return CredentialCheck.run(client, credentials, context);
    }

    @Override
    public void close() {
        client.close();
    }
}

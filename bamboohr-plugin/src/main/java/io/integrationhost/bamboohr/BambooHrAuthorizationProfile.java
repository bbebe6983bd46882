package io.integrationhost.bamboohr;

import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.bamboohr.client.BambooHrClient;
import io.integrationhost.bamboohr.client.ClientSettings;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * The "BambooHR API key (Basic Auth)" profile type: verifies an end user's subdomain and API key with the same
 * connection test as the integration.
 *
 * <p>The contract gives a profile no {@code close()}, so it keeps no pool that could outlive the plugin: each
 * verification, a rare event, uses a client of its own and closes it.
 */
@Extension
public final class BambooHrAuthorizationProfile implements AuthorizationProfile {

    /** The id of the profile type in the descriptor's {@code authorizationProfiles}. */
    public static final String PROFILE_TYPE_ID = "bamboohr-api-key";

    private final Supplier<BambooHrClient> clients;

    /** The profile as the host creates it. */
    public BambooHrAuthorizationProfile() {
        this(() -> BambooHrClient.create(ClientSettings.DEFAULT));
    }

    /** A profile that verifies with clients from {@code clients}, closing each after use. */
    public BambooHrAuthorizationProfile(Supplier<BambooHrClient> clients) {
        this.clients = clients;
    }

    @Override
    public String profileTypeId() {
        return PROFILE_TYPE_ID;
    }

    @Override
    public ConnectionCheck verify(Credentials credentials, IntegrationContext context) {
        try (BambooHrClient client = clients.get()) {
            return CredentialCheck.run(client, credentials, context);
        }
    }
}

package io.integrationhost.bamboohr;

import io.integrationhost.bamboohr.client.BambooHrClient;
import io.integrationhost.bamboohr.client.ClientSettings;
import org.pf4j.Extension;

/** The "BambooHR API key (Basic Auth)" profile type: verifies an end user's subdomain and API key. */
@Extension
public final class BambooHrAuthorizationProfile extends VerifyingProfile {

    /** The id of the profile type in the descriptor's {@code authorizationProfiles}. */
    public static final String PROFILE_TYPE_ID = "bamboohr-api-key";

    /** The profile as the host creates it: default time-outs and retries. */
    public BambooHrAuthorizationProfile() {
        this(BambooHrClient.create(ClientSettings.DEFAULT));
    }

    /** A profile that verifies over a given client, which it closes in {@link #close()}. */
    public BambooHrAuthorizationProfile(BambooHrClient client) {
        super(client);
    }

    @Override
    public String profileTypeId() {
        return PROFILE_TYPE_ID;
    }
}

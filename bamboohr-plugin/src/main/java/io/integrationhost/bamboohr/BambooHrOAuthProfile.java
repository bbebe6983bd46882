package io.integrationhost.bamboohr;

import io.integrationhost.bamboohr.client.BambooHrClient;
import io.integrationhost.bamboohr.client.ClientSettings;
import org.pf4j.Extension;

/**
 * The "BambooHR with OAuth 2.0" profile type: an end user consents at BambooHR's {@code authorize.php} and the host
 * exchanges the code at {@code token.php}, both on the company's own host ({@code https://{subdomain}.bamboohr.com}),
 * as the descriptor declares. This extension only verifies the result: the subdomain and the access token the host
 * obtained, with the same connection test as an API key, sent as {@code Authorization: Bearer ...}.
 *
 * <p>The descriptor declares {@code CLIENT_SECRET_POST} ({@code client_id} and {@code client_secret} as form
 * parameters of the token request): BambooHR's published OpenAPI description names the token endpoint but not how a
 * client authenticates there, and BambooHR's token request is documented with the client's id and secret among its
 * parameters rather than in a Basic header. Should a registered app be refused that way, the descriptor's
 * {@code clientAuthentication} is the one line to change.
 */
@Extension
public final class BambooHrOAuthProfile extends VerifyingProfile {

    /** The id of the profile type in the descriptor's {@code authorizationProfiles}. */
    public static final String PROFILE_TYPE_ID = "bamboohr-oauth";

    /** The profile as the host creates it: default time-outs and retries. */
    public BambooHrOAuthProfile() {
        this(BambooHrClient.create(ClientSettings.DEFAULT));
    }

    /** A profile that verifies over a given client, which it closes in {@link #close()}. */
    public BambooHrOAuthProfile(BambooHrClient client) {
        super(client);
    }

    @Override
    public String profileTypeId() {
        return PROFILE_TYPE_ID;
    }
}

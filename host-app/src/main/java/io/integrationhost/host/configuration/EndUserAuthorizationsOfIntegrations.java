package io.integrationhost.host.configuration;

/**
 * The end users' authorizations (and pending links) an integration's configuration governs: a change of its
 * configuration removes those made for what it no longer is. The end-user capability stores them.
 */
public interface EndUserAuthorizationsOfIntegrations {

    /** Removes every authorization and link of the integration, together; answers how many authorizations. */
    int deleteAll(String integrationId);

    /**
     * Removes the integration's authorizations and links of every profile but {@code profileId}; answers
     * how many authorizations.
     */
    int deleteOtherProfiles(String integrationId, String profileId);
}

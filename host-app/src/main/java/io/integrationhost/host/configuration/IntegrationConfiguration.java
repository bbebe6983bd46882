package io.integrationhost.host.configuration;

import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.host.credentials.SealedValues;
import java.time.Instant;

/**
 * How an administrator configured one integration. Secret values stay sealed here; they are opened only
 * for a call.
 *
 * @param rejectedAt when the remote system rejected the stored pre-authorized credentials, or {@code null}
 * @param profileId the authorization profile end users fill in, for {@link AuthorizationMode#USER_AUTHORIZED}
 * @param values the values of a pre-authorization, secrets sealed; none for {@link AuthorizationMode#USER_AUTHORIZED}
 * @param credentialsId a new random id each time an authorization is stored: which credentials these are
 * @param pluginId the plugin it was made with, the only one its credentials and its end users' authorizations go to;
 *     {@code null} for one stored before configurations had an owner and not bound since (see
 *     {@link IntegrationConfigurations#bindUnbound})
 */
public record IntegrationConfiguration(String integrationId, AuthorizationMode mode, ConfigurationState state,
                                       String stateReason, Instant rejectedAt, String profileId, SealedValues values,
                                       String credentialsId, Instant updatedAt, String pluginId) {

    /** Whether the remote system rejected the stored credentials, and no passing re-authorization followed. */
    public boolean credentialsRejected() {
        return rejectedAt != null;
    }

    /** Whether it was made with the plugin {@code pluginId}. */
    public boolean madeWith(String pluginId) {
        return this.pluginId != null && this.pluginId.equals(pluginId);
    }

    /** What the vault binds this configuration's secrets to. */
    public static String vaultBinding(String integrationId) {
        return "integration:" + integrationId;
    }

    @Override
    public String toString() {
        return "IntegrationConfiguration[" + integrationId + ", " + mode + ", " + state + "]";
    }
}

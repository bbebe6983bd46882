package io.integrationhost.host.authorization;

import io.integrationhost.api.metadata.AuthorizationMode;
import java.time.Instant;
import java.util.Map;

/**
 * How an administrator configured one integration. Secret values stay sealed here; they are opened only
 * for a call.
 *
 * @param rejectedAt when the remote system rejected the stored pre-authorized credentials, or {@code null}
 * @param profileId the authorization profile end users fill in, for {@link AuthorizationMode#USER_AUTHORIZED}
 * @param publicValues the non-secret values of a pre-authorization
 * @param sealedSecrets the encrypted secret values of a pre-authorization, or {@code null}
 * @param credentialsId a new random id each time an authorization is stored: which credentials these are
 */
public record IntegrationConfiguration(String integrationId, AuthorizationMode mode, ConfigurationState state,
                                       String stateReason, Instant rejectedAt, String profileId, Map<String, String> publicValues,
                                       String sealedSecrets, String credentialsId, Instant updatedAt) {

    public IntegrationConfiguration {
        publicValues = Map.copyOf(publicValues);
    }

    /** Whether the remote system rejected the stored credentials, and no passing re-authorization followed. */
    public boolean credentialsRejected() {
        return rejectedAt != null;
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

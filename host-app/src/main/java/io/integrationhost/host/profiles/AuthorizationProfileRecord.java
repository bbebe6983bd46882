package io.integrationhost.host.profiles;

import io.integrationhost.host.credentials.SealedValues;
import java.time.Instant;

/**
 * An authorization profile an administrator created: a named use of a profile type, with optional preset
 * values (such as a fixed subdomain) that end users then do not enter.
 *
 * @param presets the preset values, secrets sealed
 * @param pluginId the plugin whose profile type it is, the only one that verifies end users' values with it;
 *     {@code null} for one stored before profiles had an owner and not bound since (see {@link AuthorizationProfiles#bindUnbound})
 */
public record AuthorizationProfileRecord(String id, String name, String profileType, String description,
                                         SealedValues presets,
                                         Instant createdAt, Instant updatedAt, String pluginId) {

    /** What the vault binds the profile's secret presets to. */
    public static String vaultBinding(String profileId) {
        return "profile:" + profileId;
    }

    @Override
    public String toString() {
        return "AuthorizationProfileRecord[" + id + ", " + name + ", " + profileType + "]";
    }
}

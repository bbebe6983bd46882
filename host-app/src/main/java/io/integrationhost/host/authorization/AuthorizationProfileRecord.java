package io.integrationhost.host.authorization;

import java.time.Instant;
import java.util.Map;

/**
 * An authorization profile an administrator created: a named use of a profile type, with optional preset
 * values (such as a fixed subdomain) that end users then do not enter.
 *
 * @param sealedPresets the encrypted secret presets, or {@code null}
 * @param pluginId the plugin whose profile type it is, the only one that verifies end users' values with it;
 *     {@code null} for one stored before profiles had an owner and not bound since (see {@link AuthorizationProfiles#bindUnbound})
 */
public record AuthorizationProfileRecord(String id, String name, String profileType, String description,
                                         Map<String, String> publicPresets, String sealedPresets,
                                         Instant createdAt, Instant updatedAt, String pluginId) {

    public AuthorizationProfileRecord {
        publicPresets = Map.copyOf(publicPresets);
    }

    static String vaultBinding(String profileId) {
        return "profile:" + profileId;
    }

    @Override
    public String toString() {
        return "AuthorizationProfileRecord[" + id + ", " + name + ", " + profileType + "]";
    }
}

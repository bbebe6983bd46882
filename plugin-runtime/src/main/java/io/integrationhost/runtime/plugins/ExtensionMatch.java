package io.integrationhost.runtime.plugins;

import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.Integration;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.PluginWrapper;

/**
 * Finds the extensions of a started plugin that its descriptor promises: exactly one {@link Integration} answering
 * the descriptor's id, and an {@link AuthorizationProfile} for every profile type it declares. A plugin whose code
 * does not match its descriptor does not start.
 */
final class ExtensionMatch {

    private ExtensionMatch() {
    }

    static Integration integration(HostPluginManager manager, PluginWrapper plugin, IntegrationDescriptor descriptor)
            throws Mismatch {
        List<Integration> found = manager.getExtensions(Integration.class, plugin.getPluginId());
        List<Integration> matching = found.stream().filter(i -> descriptor.id().equals(i.integrationId())).toList();
        if (matching.size() != 1) {
            throw new Mismatch("Expected one Integration extension with integrationId() '" + descriptor.id()
                    + "', found " + matching.size() + " (of " + found.size() + " Integration extensions). Is the class"
                    + " annotated with @Extension and listed in META-INF/extensions.idx?");
        }
        return matching.get(0);
    }

    /** The profile-type extensions the descriptor declares, by profile type id; others the plugin has are left out. */
    static Map<String, AuthorizationProfile> profiles(HostPluginManager manager, PluginWrapper plugin,
                                                      IntegrationDescriptor descriptor) throws Mismatch {
        Map<String, AuthorizationProfile> byId = new HashMap<>();
        for (AuthorizationProfile profile : manager.getExtensions(AuthorizationProfile.class, plugin.getPluginId())) {
            byId.put(profile.profileTypeId(), profile);
        }
        for (ProfileTypeSpec type : descriptor.authorizationProfiles()) {
            if (!byId.containsKey(type.id())) {
                throw new Mismatch("The descriptor declares the authorization profile type '" + type.id()
                        + "' but no AuthorizationProfile extension has that profileTypeId().");
            }
        }
        byId.keySet().retainAll(descriptor.authorizationProfiles().stream().map(ProfileTypeSpec::id).toList());
        return byId;
    }

    /** A plugin that loaded but whose extensions do not match its descriptor. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }
}

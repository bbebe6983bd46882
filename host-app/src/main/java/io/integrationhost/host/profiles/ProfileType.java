package io.integrationhost.host.profiles;

import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.runtime.plugins.InstalledIntegration;

/** A profile type offered by an installed plugin. */
public record ProfileType(ProfileTypeSpec spec, InstalledIntegration provider) {

    public String id() {
        return spec.id();
    }
}

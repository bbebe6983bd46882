package io.integrationhost.runtime.plugins;

import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.Integration;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import java.util.Map;
import io.integrationhost.runtime.worker.OutOfProcess;
import java.util.Optional;

/**
 * An integration whose descriptor the host could read, with its plugin's state. When the plugin's code
 * failed to start, the metadata is still here (and shown) but there is no code to call.
 *
 * @param descriptor the validated metadata
 * @param plugin the plugin that provides it
 * @param code the started extension, or {@code null} when the plugin is not started
 * @param profiles the profile-type extensions by profile type id; empty when not started
 * @param icon the icon from the jar, or {@code null} when it could not be read
 * @param inputSchemas the actions' input schemas, compiled
 */
public record InstalledIntegration(IntegrationDescriptor descriptor, PluginStatus plugin, Integration code,
                                   Map<String, AuthorizationProfile> profiles, Icon icon,
                                   ActionInputSchemas inputSchemas) {

    public InstalledIntegration {
        profiles = Map.copyOf(profiles);
    }

    public String id() {
        return descriptor.id();
    }

    /**
     * The plugin's status as it is now: as loaded, but failed with its worker's reason while the plugin's worker is
     * failed (it crashed too often, or the plugin's start code failed there), since none of its code can run then. So
     * the catalog, the profile types offered and the refusal of a call all say what the Plugins page says.
     */
    @Override
    public PluginStatus plugin() {
        if (plugin.state() == PluginState.STARTED && code instanceof OutOfProcess outOfProcess) {
            // Read on every call, so without the worker's lock.
            String failure = outOfProcess.worker().failure();
            if (failure != null) {
                return plugin.failed(failure);
            }
        }
        return plugin;
    }

    /** The started code, if the plugin is started (and its worker, if it has one, not failed). */
    public Optional<Integration> runnable() {
        return plugin().state() == PluginState.STARTED ? Optional.ofNullable(code) : Optional.empty();
    }

    /** An icon read from the plugin jar. */
    public record Icon(String contentType, byte[] bytes) {
    }
}

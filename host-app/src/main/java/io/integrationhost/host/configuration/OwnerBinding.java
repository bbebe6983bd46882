package io.integrationhost.host.configuration;

import io.integrationhost.host.profiles.AuthorizationProfiles;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginSnapshot;

/**
 * Binds the configurations and authorization profiles stored before the host recorded their plugin to the one plugin
 * that claims each ({@link IntegrationConfigurations#bindUnbound}, {@link AuthorizationProfiles#bindUnbound}): when the
 * host starts, and again after a plugin is installed while it runs, so that the plugin they were stored for, installed
 * later, is handed them without a restart.
 */
public final class OwnerBinding {

    private final PluginRuntime plugins;
    private final IntegrationConfigurations configurations;
    private final AuthorizationProfiles profiles;

    public OwnerBinding(PluginRuntime plugins, IntegrationConfigurations configurations, AuthorizationProfiles profiles) {
        this.plugins = plugins;
        this.configurations = configurations;
        this.profiles = profiles;
    }

    /** Binds what exactly one installed plugin claims now; what none or several claim stays unbound. */
    public void bindUnbound() {
        PluginSnapshot snapshot = plugins.snapshot();
        configurations.bindUnbound(snapshot);
        profiles.bindUnbound(snapshot);
    }
}

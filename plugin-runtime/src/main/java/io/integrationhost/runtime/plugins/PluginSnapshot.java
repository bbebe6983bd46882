package io.integrationhost.runtime.plugins;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is installed at one moment: every plugin jar (failed ones too) and the integrations they provide.
 * Immutable; the runtime publishes a new one after every change.
 */
public record PluginSnapshot(List<PluginStatus> plugins, Map<String, InstalledIntegration> integrations) {

    public static final PluginSnapshot EMPTY = new PluginSnapshot(List.of(), Map.of());

    public PluginSnapshot {
        plugins = List.copyOf(plugins);
        integrations = Map.copyOf(integrations);
    }

    public Optional<InstalledIntegration> integration(String id) {
        return Optional.ofNullable(integrations.get(id));
    }

    public Optional<PluginStatus> plugin(String pluginId) {
        return plugins.stream().filter(plugin -> plugin.pluginId().equals(pluginId)).findFirst();
    }

    /** The plugins whose descriptor claims the integration id: the one that provides it, and any refused it. */
    public List<String> claimants(String integrationId) {
        return plugins.stream().filter(plugin -> integrationId.equals(plugin.integrationId())).map(PluginStatus::pluginId).toList();
    }
}

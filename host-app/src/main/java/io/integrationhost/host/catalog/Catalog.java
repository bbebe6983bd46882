package io.integrationhost.host.catalog;

import io.integrationhost.host.configuration.IntegrationConfiguration;
import io.integrationhost.host.configuration.IntegrationConfigurations;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The integrations an administrator can see: every installed one, with the state its plugin and its
 * configuration put it in, and configured ones whose plugin has gone missing.
 */
public final class Catalog {

    private final PluginRuntime plugins;
    private final IntegrationConfigurations configurations;

    public Catalog(PluginRuntime plugins, IntegrationConfigurations configurations) {
        this.plugins = plugins;
        this.configurations = configurations;
    }

    public List<CatalogEntry> entries() {
        Map<String, IntegrationConfiguration> configured = configurations.all().stream()
                .collect(Collectors.toMap(IntegrationConfiguration::integrationId, Function.identity()));
        Map<String, InstalledIntegration> installed = plugins.snapshot().integrations();
        List<CatalogEntry> entries = new ArrayList<>();
        installed.values().forEach(integration -> entries.add(entry(integration, configured.get(integration.id()))));
        configured.values().stream().filter(c -> !installed.containsKey(c.integrationId()))
                .forEach(c -> entries.add(missing(c)));
        entries.sort(Comparator.comparing(entry -> name(entry).toLowerCase(Locale.ROOT)));
        return entries;
    }

    public Optional<CatalogEntry> find(String integrationId) {
        Optional<IntegrationConfiguration> configuration = configurations.find(integrationId);
        return plugins.snapshot().integration(integrationId)
                .map(integration -> entry(integration, configuration.orElse(null)))
                .or(() -> configuration.map(Catalog::missing));
    }

    private static CatalogEntry entry(InstalledIntegration installed, IntegrationConfiguration configuration) {
        PluginState plugin = installed.plugin().state();
        if (plugin != PluginState.STARTED) {
            IntegrationStatus status = plugin == PluginState.DISABLED ? IntegrationStatus.PLUGIN_DISABLED : IntegrationStatus.PLUGIN_FAILED;
            return new CatalogEntry(installed.id(), installed, configuration, status, installed.plugin().reason());
        }
        if (configuration == null) {
            return new CatalogEntry(installed.id(), installed, null, IntegrationStatus.AVAILABLE, null);
        }
        // Whatever state it is in, its credentials go to no plugin but the one it was made with: that is to put right first.
        Optional<HostException> wrongPlugin = IntegrationConfigurations.wrongPlugin(configuration, installed);
        if (wrongPlugin.isPresent()) {
            return new CatalogEntry(installed.id(), installed, configuration, IntegrationStatus.WRONG_PLUGIN,
                    wrongPlugin.get().getMessage() + " " + wrongPlugin.get().remedy());
        }
        IntegrationStatus status = IntegrationStatus.valueOf(configuration.state().name());
        return new CatalogEntry(installed.id(), installed, configuration, status, configuration.stateReason());
    }

    private static CatalogEntry missing(IntegrationConfiguration configuration) {
        return new CatalogEntry(configuration.integrationId(), null, configuration, IntegrationStatus.PLUGIN_MISSING,
                "The plugin that provides '" + configuration.integrationId() + "' is not installed; its configuration is kept.");
    }

    private static String name(CatalogEntry entry) {
        return entry.installed() == null ? entry.id() : entry.installed().descriptor().name();
    }
}

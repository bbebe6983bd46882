package io.integrationhost.host.catalog;

import io.integrationhost.host.plugins.InstalledIntegration;
import io.integrationhost.host.plugins.PluginRuntime;
import io.integrationhost.host.plugins.PluginState;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The integrations an administrator can see: every installed one, with the state it is in. */
public final class Catalog {

    private final PluginRuntime plugins;

    public Catalog(PluginRuntime plugins) {
        this.plugins = plugins;
    }

    public List<CatalogEntry> entries() {
        return plugins.snapshot().integrations().values().stream()
                .sorted(Comparator.comparing(installed -> installed.descriptor().name().toLowerCase(java.util.Locale.ROOT)))
                .map(this::entry)
                .toList();
    }

    public Optional<CatalogEntry> find(String integrationId) {
        return plugins.snapshot().integration(integrationId).map(this::entry);
    }

    private CatalogEntry entry(InstalledIntegration installed) {
        PluginState state = installed.plugin().state();
        IntegrationStatus status = switch (state) {
            case STARTED -> IntegrationStatus.AVAILABLE;
            case DISABLED -> IntegrationStatus.PLUGIN_DISABLED;
            case FAILED -> IntegrationStatus.PLUGIN_FAILED;
        };
        return new CatalogEntry(installed, status, installed.plugin().reason());
    }
}

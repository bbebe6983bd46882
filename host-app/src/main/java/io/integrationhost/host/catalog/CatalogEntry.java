package io.integrationhost.host.catalog;

import io.integrationhost.host.configuration.IntegrationConfiguration;
import io.integrationhost.runtime.plugins.InstalledIntegration;

/**
 * One integration in the catalog.
 *
 * @param id the integration's id
 * @param installed the integration and its plugin, or {@code null} when the plugin is missing
 * @param configuration how an administrator configured it, or {@code null} when it is available only
 * @param status where it stands
 * @param statusReason why, when it is not usable; {@code null} otherwise
 */
public record CatalogEntry(String id, InstalledIntegration installed, IntegrationConfiguration configuration,
                           IntegrationStatus status, String statusReason) {

    /** Whether an administrator has configured it (the catalog's "Configured" region). */
    public boolean configured() {
        return configuration != null;
    }
}

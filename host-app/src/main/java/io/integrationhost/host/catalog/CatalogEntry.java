package io.integrationhost.host.catalog;

import io.integrationhost.host.plugins.InstalledIntegration;

/**
 * One integration in the catalog.
 *
 * @param installed the integration and its plugin
 * @param status where it stands
 * @param statusReason why, when it is not usable; {@code null} otherwise
 */
public record CatalogEntry(InstalledIntegration installed, IntegrationStatus status, String statusReason) {

    public String id() {
        return installed.id();
    }
}

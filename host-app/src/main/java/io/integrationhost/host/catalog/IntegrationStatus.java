package io.integrationhost.host.catalog;

/** Where an integration stands, as the catalog shows it. */
public enum IntegrationStatus {
    /** Installed and runnable, not configured yet. */
    AVAILABLE,
    /** Its plugin is installed but disabled. */
    PLUGIN_DISABLED,
    /** Its plugin's code failed to start; the metadata is shown, nothing can run. */
    PLUGIN_FAILED
}

package io.integrationhost.host.catalog;

/** Where an integration stands, as the catalog shows it. */
public enum IntegrationStatus {
    /** Installed and runnable, not configured yet. */
    AVAILABLE,
    /** A mode is chosen and its authorization stored; not enabled yet. */
    CONFIGURED,
    /** Configured and running calls. */
    ENABLED,
    /** Switched off by an administrator; the configuration is kept. */
    DISABLED,
    /** The stored credentials stopped working; it must be re-authorized. */
    ERROR,
    /** Its plugin is installed but disabled. */
    PLUGIN_DISABLED,
    /** Its plugin's code failed to start; the metadata is shown, nothing can run. */
    PLUGIN_FAILED,
    /** It is configured, but the plugin that provides it is no longer installed. */
    PLUGIN_MISSING,
    /**
     * It is configured, but the plugin that provides it here is not the one its configuration was made with (another
     * host instance has other jars, or the configuration predates owners and several plugins claim it): its calls are
     * refused, and its credentials go to no plugin.
     */
    WRONG_PLUGIN
}

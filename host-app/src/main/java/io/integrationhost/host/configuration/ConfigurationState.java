package io.integrationhost.host.configuration;

/** Where a configured integration stands. */
public enum ConfigurationState {
    /** A mode is chosen and its authorization stored; not yet enabled. */
    CONFIGURED,
    /** Calls run. */
    ENABLED,
    /** Switched off by an administrator; the configuration is kept. */
    DISABLED,
    /** The stored credentials stopped working; an administrator must re-authorize. */
    ERROR
}

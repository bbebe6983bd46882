package io.integrationhost.runtime.plugins;

/** What the host made of a plugin jar. */
public enum PluginState {
    /** Loaded, its descriptor valid, its code started. */
    STARTED,
    /** Loaded but not started on purpose, for example because it needs another platform version. */
    DISABLED,
    /** Could not be loaded, validated or started; the reason says why. */
    FAILED,
    /** A file of the plugins folder that is not a jar: not loaded at all; the reason says so. */
    IGNORED
}

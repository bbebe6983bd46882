package io.integrationhost.runtime.plugins;

import io.integrationhost.runtime.error.HostException;

/**
 * Asked before a jar replaces a plugin or brings one back (an upgrade, or an install after an uninstall): refuses,
 * with the reason as a {@link HostException}, while the version loaded before has not let go, as
 * {@link PluginCalls#requireNoAbandonedCalls} does.
 */
@FunctionalInterface
public interface ReloadCheck {

    /** Lets every plugin be loaded again. */
    ReloadCheck NONE = pluginId -> { };

    void requireReloadable(String pluginId);
}

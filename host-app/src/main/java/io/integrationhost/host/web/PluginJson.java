package io.integrationhost.host.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginStatus;

/**
 * A plugin as {@code GET /api/plugins} shows it: its status, and how many of its calls the host stopped waiting for
 * still run. While any do, the plugin cannot be upgraded or installed again ({@code 409 PLUGIN_BUSY}), so an
 * administrator sees that before trying.
 *
 * @param abandonedCalls  the calls of the plugin's id that timed out (or whose caller was stopped) whose code still runs
 * @param previousVersion the version {@code POST /api/plugins/{pluginId}/rollback} would bring back, {@code null} when none is kept
 */
record PluginJson(@JsonUnwrapped PluginStatus status, int abandonedCalls, String previousVersion) {

    static PluginJson of(PluginStatus status, PluginCalls calls, PluginRuntime plugins) {
        return new PluginJson(status, calls.abandonedCalls(status.pluginId()),
                plugins.previousVersion(status.pluginId()).orElse(null));
    }
}

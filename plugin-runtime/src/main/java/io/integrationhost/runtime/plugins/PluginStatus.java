package io.integrationhost.runtime.plugins;

import java.util.List;

/**
 * One plugin jar as the host sees it; failed jars included.
 *
 * @param pluginId the plugin's id, or the jar's file name when the jar could not be read
 * @param version the plugin's version, or {@code null} when unknown
 * @param provider who made it, or {@code null}
 * @param description the plugin's own description, or {@code null}
 * @param requires the platform versions it needs, or {@code null}
 * @param fileName the jar's file name in the plugins folder
 * @param state what the host made of it
 * @param reason why it is not started, for a person; {@code null} when started
 * @param integrationId the integration it provides, when its descriptor could be read
 * @param reasons the same as {@code reason}, one item each: every violation of a descriptor on its own; empty when started
 */
public record PluginStatus(String pluginId, String version, String provider, String description, String requires,
                           String fileName, PluginState state, String reason, String integrationId, List<String> reasons) {

    public PluginStatus {
        reasons = List.copyOf(reasons);
    }

    /** A status whose reason, if any, is its only one. */
    public PluginStatus(String pluginId, String version, String provider, String description, String requires,
                        String fileName, PluginState state, String reason, String integrationId) {
        this(pluginId, version, provider, description, requires, fileName, state, reason, integrationId,
                reason == null ? List.of() : List.of(reason));
    }

    /** This plugin as failed for {@code reason}, such as its worker's: everything else about it as it is. */
    public PluginStatus failed(String reason) {
        return new PluginStatus(pluginId, version, provider, description, requires, fileName, PluginState.FAILED, reason,
                integrationId);
    }
}

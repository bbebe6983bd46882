package io.integrationhost.host.plugins;

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
 */
public record PluginStatus(String pluginId, String version, String provider, String description, String requires,
                           String fileName, PluginState state, String reason, String integrationId) {
}

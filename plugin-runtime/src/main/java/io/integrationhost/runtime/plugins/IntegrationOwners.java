package io.integrationhost.runtime.plugins;

import java.util.Optional;

/**
 * Which plugin an integration id belongs to: the plugin its configuration was made with. The plugin runtime asks
 * when jars load and when one is uploaded, so that no other plugin claiming that id ever provides it.
 */
@FunctionalInterface
public interface IntegrationOwners {

    /** For a runtime with no configurations to consult, such as the plugin test kit's. */
    IntegrationOwners NONE = integrationId -> Optional.empty();

    /** The id of the plugin the integration's configuration was made with; empty when none was. */
    Optional<String> owner(String integrationId);
}

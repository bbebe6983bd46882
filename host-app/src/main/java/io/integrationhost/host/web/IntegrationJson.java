package io.integrationhost.host.web;

import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.api.metadata.AuthorizationSpec;
import io.integrationhost.api.metadata.AuthorizationType;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.host.configuration.IntegrationConfiguration;
import io.integrationhost.host.catalog.CatalogEntry;
import io.integrationhost.runtime.plugins.PluginStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A catalog entry as the REST API shows it: metadata, status, and the configuration with every secret
 * replaced by the mask.
 */
record IntegrationJson(String id, String name, String description, String category, String iconUrl,
                       String documentationUrl, List<String> setupInstructions, PluginJson plugin,
                       AuthorizationJson authorization, List<ProfileTypeSpec> authorizationProfiles,
                       List<String> acceptedProfileTypes, List<ActionSpec> actions, String status, String statusReason,
                       boolean configured, ConfigurationJson configuration) {

    static IntegrationJson of(CatalogEntry entry, HostServices services) {
        ConfigurationJson configuration = entry.configuration() == null ? null : ConfigurationJson.of(entry.configuration(),
                entry.configuration().mode() == AuthorizationMode.PRE_AUTHORIZED
                        ? services.configurations().maskedValues(entry.configuration()) : Map.of());
        if (entry.installed() == null) {
            return new IntegrationJson(entry.id(), entry.id(), "The plugin that provides this integration is not installed.",
                    null, null, null, List.of(), null, null, List.of(), List.of(), List.of(), entry.status().name(),
                    entry.statusReason(), true, configuration);
        }
        IntegrationDescriptor descriptor = entry.installed().descriptor();
        PluginStatus plugin = entry.installed().plugin();
        return new IntegrationJson(descriptor.id(), descriptor.name(), descriptor.description(), descriptor.category(),
                entry.installed().icon() == null ? null : "/api/integrations/" + descriptor.id() + "/icon",
                descriptor.documentationUrl(), descriptor.setupInstructions(),
                new PluginJson(plugin.pluginId(), plugin.version(), plugin.provider(), plugin.state().name()),
                AuthorizationJson.of(descriptor.authorization()), descriptor.authorizationProfiles(),
                services.profiles().acceptedTypes(descriptor), descriptor.actions(), entry.status().name(),
                entry.statusReason(), entry.configured(), configuration);
    }

    record PluginJson(String id, String version, String provider, String state) {
    }

    /**
     * @param preAuthorize whether an administrator may pre-authorize the integration
     * @param userAuthorize whether end users may be asked to authorize it
     */
    record AuthorizationJson(AuthorizationType type, boolean preAuthorize, boolean userAuthorize,
                             List<CredentialField> fields) {
        static AuthorizationJson of(AuthorizationSpec spec) {
            return new AuthorizationJson(spec.type(), spec.allows(AuthorizationMode.PRE_AUTHORIZED),
                    spec.allows(AuthorizationMode.USER_AUTHORIZED), spec.fields());
        }
    }

    /** The configuration, secrets masked. */
    record ConfigurationJson(AuthorizationMode mode, String state, String stateReason, Instant credentialsRejectedAt,
                             String profileId, Map<String, String> values, Instant updatedAt) {
        static ConfigurationJson of(IntegrationConfiguration configuration, Map<String, String> maskedValues) {
            return new ConfigurationJson(configuration.mode(), configuration.state().name(), configuration.stateReason(),
                    configuration.rejectedAt(), configuration.profileId(), maskedValues, configuration.updatedAt());
        }
    }
}

package io.integrationhost.host.web;

import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.api.metadata.AuthorizationSpec;
import io.integrationhost.api.metadata.AuthorizationType;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.host.catalog.CatalogEntry;
import io.integrationhost.host.plugins.PluginStatus;
import java.util.List;

/** The catalog entry as the REST API shows it. Metadata only: configuration values are never part of it. */
record IntegrationJson(String id, String name, String description, String category, String iconUrl,
                       String documentationUrl, List<String> setupInstructions, PluginJson plugin,
                       AuthorizationJson authorization, List<ProfileTypeSpec> authorizationProfiles,
                       List<ActionSpec> actions, String status, String statusReason) {

    static IntegrationJson of(CatalogEntry entry) {
        IntegrationDescriptor descriptor = entry.installed().descriptor();
        PluginStatus plugin = entry.installed().plugin();
        return new IntegrationJson(descriptor.id(), descriptor.name(), descriptor.description(), descriptor.category(),
                entry.installed().icon() == null ? null : "/api/integrations/" + descriptor.id() + "/icon",
                descriptor.documentationUrl(), descriptor.setupInstructions(),
                new PluginJson(plugin.pluginId(), plugin.version(), plugin.provider(), plugin.state().name()),
                AuthorizationJson.of(descriptor.authorization()), descriptor.authorizationProfiles(),
                descriptor.actions(), entry.status().name(), entry.statusReason());
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
}

package io.integrationhost.host.web;

import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.api.metadata.AuthorizationSpec;
import io.integrationhost.api.metadata.AuthorizationType;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.host.configuration.IntegrationConfiguration;
import io.integrationhost.host.catalog.CatalogEntry;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import io.integrationhost.runtime.plugins.PluginStatus;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A catalog entry as the REST API shows it: metadata, status, and the configuration with every secret
 * replaced by the mask.
 */
record IntegrationJson(String id, String name, String description, String category, String iconUrl,
                       String documentationUrl, List<String> setupInstructions, PluginJson plugin,
                       AuthorizationJson authorization, List<OAuth2Json.ProfileTypeJson> authorizationProfiles,
                       List<String> acceptedProfileTypes, List<ActionSpec> actions, String status, String statusReason,
                       boolean configured, ConfigurationJson configuration) {

    static IntegrationJson of(CatalogEntry entry, HostServices services) {
        boolean oauth = entry.installed() != null && entry.installed().descriptor().authorization().oauth2() != null;
        ConfigurationJson configuration = entry.configuration() == null ? null : ConfigurationJson.of(entry.configuration(),
                entry.configuration().mode() == AuthorizationMode.PRE_AUTHORIZED
                        ? services.configurations().maskedValues(entry.configuration()) : Map.of(),
                oauth ? services.configurations().tokenState(entry.configuration()).map(OAuth2Json.TokenStateJson::of).orElse(null)
                        : null);
        if (entry.installed() == null) {
            return new IntegrationJson(entry.id(), entry.id(), "The plugin that provides this integration is not installed.",
                    null, null, null, List.of(), null, null, List.of(), List.of(), List.of(), entry.status().name(),
                    entry.statusReason(), true, configuration);
        }
        IntegrationDescriptor descriptor = entry.installed().descriptor();
        URI callbackUrl = services.oauth().flows().callbackUrl();
        PluginStatus plugin = entry.installed().plugin();
        return new IntegrationJson(descriptor.id(), descriptor.name(), descriptor.description(), descriptor.category(),
                entry.installed().icon() == null ? null : "/api/integrations/" + descriptor.id() + "/icon",
                descriptor.documentationUrl(), descriptor.setupInstructions(),
                new PluginJson(plugin.pluginId(), plugin.version(), plugin.provider(), plugin.state().name()),
                AuthorizationJson.of(descriptor.authorization(), callbackUrl),
                descriptor.authorizationProfiles().stream().map(type -> OAuth2Json.ProfileTypeJson.of(type, callbackUrl)).toList(),
                services.profiles().acceptedTypes(descriptor), descriptor.actions(), entry.status().name(),
                entry.statusReason(), entry.configured(), configuration);
    }

    record PluginJson(String id, String version, String provider, String state) {
    }

    /**
     * @param preAuthorize whether an administrator may pre-authorize the integration
     * @param userAuthorize whether end users may be asked to authorize it
     * @param fields the effective fields: for OAuth 2.0 the declared ones and the OAuth app's
     * @param oauth2 for OAuth 2.0: the grants, the scopes, the callback URL
     */
    record AuthorizationJson(AuthorizationType type, boolean preAuthorize, boolean userAuthorize,
                             List<CredentialField> fields, OAuth2Json oauth2) {
        static AuthorizationJson of(AuthorizationSpec spec, URI callbackUrl) {
            return new AuthorizationJson(spec.type(), spec.allows(AuthorizationMode.PRE_AUTHORIZED),
                    spec.allows(AuthorizationMode.USER_AUTHORIZED), OAuthAppFields.effective(spec),
                    OAuth2Json.of(spec.oauth2(), callbackUrl));
        }
    }

    /**
     * The configuration, secrets masked.
     *
     * @param oauth2 for a pre-authorized OAuth 2.0 integration: the state of its stored tokens (never a token)
     */
    record ConfigurationJson(AuthorizationMode mode, String state, String stateReason, Instant credentialsRejectedAt,
                             String profileId, Map<String, String> values, Instant updatedAt, OAuth2Json.TokenStateJson oauth2) {
        static ConfigurationJson of(IntegrationConfiguration configuration, Map<String, String> maskedValues,
                                    OAuth2Json.TokenStateJson oauth2) {
            return new ConfigurationJson(configuration.mode(), configuration.state().name(), configuration.stateReason(),
                    configuration.rejectedAt(), configuration.profileId(), maskedValues, configuration.updatedAt(), oauth2);
        }
    }
}

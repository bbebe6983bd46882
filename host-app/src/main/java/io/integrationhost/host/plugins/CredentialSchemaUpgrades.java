package io.integrationhost.host.plugins;

import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.configuration.IntegrationConfiguration;
import io.integrationhost.host.configuration.IntegrationConfigurations;
import io.integrationhost.host.credentials.CredentialFieldSchema;
import io.integrationhost.host.credentials.CredentialSchemas;
import io.integrationhost.host.endusers.EndUserAuthorizations;
import io.integrationhost.host.profiles.AuthorizationProfiles;
import io.integrationhost.host.profiles.ProfileType;
import io.integrationhost.host.profiles.ProfileTypes;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginStatus;
import java.util.List;
import java.util.Optional;

/**
 * Compares the credential fields the installed plugins declare with the ones each stored value set was made with:
 * when the host starts (a jar replaced in the plugins folder) and after each install through the API (an upgrade).
 * Values a change may have broken are never handed to the plugin as if nothing happened: a pre-authorized
 * configuration needs re-authorization (the error state, with the reason), an end user's authorization is forgotten,
 * so that their next call answers with a new link. A change every stored value still fits (a new optional field; a
 * label, help or hint) changes nothing. Value sets stored before the host recorded their fields are recorded with what
 * the installed plugin declares when it is first compared.
 */
public final class CredentialSchemaUpgrades {

    private static final String ACTOR = "host";

    private final PluginRuntime plugins;
    private final IntegrationConfigurations configurations;
    private final EndUserAuthorizations endUsers;
    private final AuthorizationProfiles profiles;
    private final ProfileTypes types;
    private final CredentialSchemas schemas;
    private final AuditTrail audit;

    public CredentialSchemaUpgrades(PluginRuntime plugins, IntegrationConfigurations configurations,
                                    EndUserAuthorizations endUsers, AuthorizationProfiles profiles, ProfileTypes types,
                                    CredentialSchemas schemas, AuditTrail audit) {
        this.plugins = plugins;
        this.configurations = configurations;
        this.endUsers = endUsers;
        this.profiles = profiles;
        this.types = types;
        this.schemas = schemas;
        this.audit = audit;
    }

    /** Compares every stored value set whose plugin is installed now with the fields that plugin declares. */
    public void compareAll() {
        for (IntegrationConfiguration configuration : configurations.all()) {
            if (configuration.mode() == AuthorizationMode.PRE_AUTHORIZED) {
                compareConfiguration(configuration);
            } else {
                compareEndUsers(configuration);
            }
        }
    }

    private void compareConfiguration(IntegrationConfiguration configuration) {
        Optional<InstalledIntegration> installed = plugins.snapshot().integration(configuration.integrationId())
                .filter(i -> configuration.madeWith(i.plugin().pluginId()));
        if (installed.isEmpty() || configuration.credentialsRejected()) {
            // Another plugin is never compared with (nor handed) these values; rejected ones wait for re-authorization.
            return;
        }
        List<String> key = List.of(configuration.integrationId());
        changes(CredentialSchemas.CONFIGURATIONS, key, installed.get().plugin(),
                CredentialFieldSchema.of(installed.get().descriptor().authorization().fields()))
                .ifPresent(changes -> configurations.markFieldsChanged(configuration, changes
                        + " Re-authorize the integration: its stored credentials go to no call until then."));
    }

    private void compareEndUsers(IntegrationConfiguration configuration) {
        for (EndUserAuthorizations.Authorized user : endUsers.list(configuration.integrationId())) {
            Optional<ProfileType> type = profiles.lookup(user.profileId()).flatMap(types::declaredType);
            if (type.isEmpty()) {
                continue;
            }
            List<String> key = List.of(configuration.integrationId(), user.userId());
            Optional<CredentialSchemas.Recorded> recorded = schemas.find(CredentialSchemas.USER_AUTHORIZATIONS, key);
            changes(CredentialSchemas.USER_AUTHORIZATIONS, key, type.get().provider().plugin(),
                    CredentialFieldSchema.of(type.get().spec().fields()))
                    .ifPresent(changes -> endUsers.invalidate(configuration.integrationId(), user.userId(),
                            recorded.orElseThrow().credentialsId(), changes + " The end user gets a new link on their next call."));
        }
    }

    /**
     * What of {@code now} the value set at {@code key} may no longer fit, as one sentence naming the plugin and both
     * versions; empty when it fits, or when nothing was recorded for it (then {@code now} is recorded).
     */
    private Optional<String> changes(CredentialSchemas.StoredSets sets, List<String> key, PluginStatus plugin,
                                     CredentialFieldSchema now) {
        Optional<CredentialSchemas.Recorded> found = schemas.find(sets, key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CredentialSchemas.Recorded recorded = found.get();
        String integrationId = key.get(0);
        String userId = key.size() > 1 ? key.get(1) : null;
        if (recorded.fingerprint() == null) {
            if (schemas.record(sets, key, recorded.credentialsId(), plugin.version(), now)) {
                audit.record(ACTOR, "credentials.fields-recorded", integrationId, userId, "SUCCESS", "stored before the host"
                        + " recorded the credential fields values were made with; recorded as those of plugin "
                        + plugin.pluginId() + " " + plugin.version() + ", installed now");
            }
            return Optional.empty();
        }
        if (recorded.fingerprint().equals(now.fingerprint())) {
            return Optional.empty();
        }
        List<String> changes = schemas.fields(recorded.fingerprint()).map(before -> before.breakingChangesTo(now))
                .orElse(List.of("the fields they were made with are not recorded"));
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Plugin " + plugin.pluginId() + " " + plugin.version() + " changed the credential fields these"
                + " credentials were made with (version " + recorded.pluginVersion() + "): " + String.join("; ", changes) + ".");
    }
}

package io.integrationhost.host.plugins;

import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.configuration.IntegrationConfiguration;
import io.integrationhost.host.configuration.IntegrationConfigurations;
import io.integrationhost.host.credentials.CredentialFieldSchema;
import io.integrationhost.host.credentials.CredentialSchemas;
import io.integrationhost.host.endusers.EndUserAuthorizations;
import io.integrationhost.host.profiles.AuthorizationProfileRecord;
import io.integrationhost.host.profiles.AuthorizationProfiles;
import io.integrationhost.host.profiles.ProfileType;
import io.integrationhost.host.profiles.ProfileTypes;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import io.integrationhost.runtime.error.HostException;
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
 * so that their next call answers with a new link, unless the plugin declares how they carry over (a field's
 * {@code renamedFrom}, a new field's {@code valueForStored}) and the carried values fit the new fields: then they are
 * carried over in one transaction. A change every stored value still fits (a new optional field; a label, help or hint)
 * changes nothing. Value sets stored before the host recorded their fields are recorded with what
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
        // An OAuth 2.0 configuration was stored with the OAuth app's fields beside the declared ones.
        List<CredentialField> now = OAuthAppFields.effective(installed.get().descriptor().authorization());
        PluginStatus plugin = installed.get().plugin();
        String fix = " Re-authorize the integration: its stored credentials go to no call until then.";
        Verdict verdict = compare(CredentialSchemas.CONFIGURATIONS, List.of(configuration.integrationId()), plugin, now);
        if (verdict instanceof Verdict.CarryOver carry) {
            try {
                configurations.carryOver(configuration, now, plugin.version(), carry.detail());
                return;
            } catch (HostException e) {
                verdict = carry.failed(e);
            }
        }
        if (verdict instanceof Verdict.Breaking breaking) {
            configurations.markFieldsChanged(configuration, breaking.reason() + fix);
        }
    }

    private void compareEndUsers(IntegrationConfiguration configuration) {
        for (EndUserAuthorizations.Authorized user : endUsers.list(configuration.integrationId())) {
            Optional<AuthorizationProfileRecord> profile = profiles.lookup(user.profileId());
            Optional<ProfileType> type = profile.flatMap(types::declaredType);
            if (type.isEmpty()) {
                continue;
            }
            List<String> key = List.of(configuration.integrationId(), user.userId());
            String credentialsId = schemas.find(CredentialSchemas.USER_AUTHORIZATIONS, key).orElseThrow().credentialsId();
            List<CredentialField> now = type.get().spec().fields();
            PluginStatus plugin = type.get().provider().plugin();
            Verdict verdict = compare(CredentialSchemas.USER_AUTHORIZATIONS, key, plugin, now);
            if (verdict instanceof Verdict.CarryOver carry) {
                try {
                    endUsers.carryOver(configuration.integrationId(), user.userId(), credentialsId,
                            CredentialForm.remaining(now, profile.get().presets().keys()), now, plugin.version(), carry.detail());
                    continue;
                } catch (HostException e) {
                    verdict = carry.failed(e);
                }
            }
            if (verdict instanceof Verdict.Breaking breaking) {
                endUsers.invalidate(configuration.integrationId(), user.userId(), credentialsId,
                        breaking.reason() + " The end user gets a new link on their next call.");
            }
        }
    }

    /** What a comparison found: the stored values fit, the plugin's carry-over makes them fit, or they may not fit. */
    private sealed interface Verdict {
        record Fits() implements Verdict {
        }

        record CarryOver(String detail, String changes) implements Verdict {
            Breaking failed(HostException refusal) {
                return new Breaking(changes + " Carrying the stored values over as the plugin declares failed: "
                        + refusal.getMessage());
            }
        }

        record Breaking(String reason) implements Verdict {
        }
    }

    /**
     * Compares the value set at {@code key} with {@code now}. Nothing recorded for it yet: {@code now} is recorded, and
     * it fits. Changes are named in one sentence with the plugin and both versions.
     */
    private Verdict compare(CredentialSchemas.StoredSets sets, List<String> key, PluginStatus plugin, List<CredentialField> now) {
        Optional<CredentialSchemas.Recorded> found = schemas.find(sets, key);
        CredentialFieldSchema schema = CredentialFieldSchema.of(now);
        if (found.isEmpty()) {
            return new Verdict.Fits();
        }
        CredentialSchemas.Recorded recorded = found.get();
        String integrationId = key.get(0);
        String userId = key.size() > 1 ? key.get(1) : null;
        if (recorded.fingerprint() == null) {
            if (schemas.record(sets, key, recorded.credentialsId(), plugin.version(), schema)) {
                audit.record(ACTOR, "credentials.fields-recorded", integrationId, userId, "SUCCESS", "stored before the host"
                        + " recorded the credential fields values were made with; recorded as those of plugin "
                        + plugin.pluginId() + " " + plugin.version() + ", installed now");
            }
            return new Verdict.Fits();
        }
        if (recorded.fingerprint().equals(schema.fingerprint())) {
            return new Verdict.Fits();
        }
        Optional<CredentialFieldSchema> before = schemas.fields(recorded.fingerprint());
        List<String> changes = before.map(b -> b.breakingChangesTo(schema))
                .orElse(List.of("the fields they were made with are not recorded"));
        if (changes.isEmpty()) {
            return new Verdict.Fits();
        }
        String named = "Plugin " + plugin.pluginId() + " " + plugin.version() + " changed the credential fields these"
                + " credentials were made with (version " + recorded.pluginVersion() + "): " + String.join("; ", changes) + ".";
        if (before.isPresent() && CredentialFieldSchema.declaresCarryOver(now)) {
            List<String> uncovered = before.get().carriedOverTo(now).breakingChangesTo(schema);
            if (uncovered.isEmpty()) {
                return new Verdict.CarryOver("carried over from plugin " + plugin.pluginId() + " " + recorded.pluginVersion()
                        + " to " + plugin.version() + " as it declares: " + String.join("; ", changes), named);
            }
        }
        return new Verdict.Breaking(named);
    }
}

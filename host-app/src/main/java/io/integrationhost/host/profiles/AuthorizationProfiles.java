package io.integrationhost.host.profiles;

import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.credentials.CredentialChecks;
import io.integrationhost.host.credentials.SealedValues;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.PluginSnapshot;
import io.integrationhost.host.storage.Columns;
import io.integrationhost.host.storage.Jdbc;
import io.integrationhost.host.storage.StorageException;
import io.integrationhost.host.vault.CredentialVault;
import io.integrationhost.api.metadata.CredentialField;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Authorization profiles: named uses of a profile type that integrations in user-authorized mode hand to
 * their end users. Types come from the installed plugins' {@code AuthorizationProfile} extensions.
 */
public final class AuthorizationProfiles {

    private static final int MAX_NAME = 120;

    private final Jdbc jdbc;
    private final ProfileStore store;
    private final ProfileDependents dependents;
    private final ProfileTypes types;
    private final CredentialVault vault;
    private final CredentialChecks checks;
    private final AuditTrail audit;
    private final Clock clock;

    public AuthorizationProfiles(Jdbc jdbc, ProfileStore store, ProfileDependents dependents,
                                 ProfileTypes types, CredentialVault vault,
                                 CredentialChecks checks, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.dependents = dependents;
        this.types = types;
        this.vault = vault;
        this.checks = checks;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every profile type offered by a plugin whose code runs, by id (see {@link ProfileTypes#types}). */
    public Map<String, ProfileType> types() {
        return types.types();
    }

    /** The ids of the profile types {@code descriptor} accepts. */
    public List<String> acceptedTypes(IntegrationDescriptor descriptor) {
        return types.acceptedTypes(descriptor);
    }

    /**
     * Binds each profile stored before profiles had an owner to the plugin that offers its type, when exactly one
     * installed plugin does and no other plugin claims that plugin's integration id (an impostor copies the types of
     * the integration it claims). Otherwise the profile stays unbound, and its values go to no plugin.
     */
    public void bindUnbound(PluginSnapshot snapshot) {
        for (AuthorizationProfileRecord profile : store.all()) {
            List<InstalledIntegration> offering = snapshot.integrations().values().stream()
                    .filter(installed -> installed.descriptor().authorizationProfiles().stream()
                            .anyMatch(spec -> spec.id().equals(profile.profileType())))
                    .toList();
            if (profile.pluginId() == null && offering.size() == 1 && snapshot.claimants(offering.get(0).id()).size() == 1
                    && store.bindUnbound(profile.id(), offering.get(0).plugin().pluginId())) {
                audit.record("host", "profile.bound", null, null, "SUCCESS", "profile " + profile.id() + " stored before profiles"
                        + " had an owner; bound to plugin " + offering.get(0).plugin().pluginId() + ", the only one offering its type");
            }
        }
    }


    public List<AuthorizationProfileRecord> all() {
        return store.all();
    }

    public AuthorizationProfileRecord find(String id) {
        return lookup(id).orElseThrow(() -> HostException.notFound("No authorization profile with id '" + id + "'."));
    }

    public Optional<AuthorizationProfileRecord> lookup(String id) {
        return store.find(id);
    }

    /** The integrations whose configuration uses the profile. */
    public List<String> usedBy(String profileId) {
        return dependents.integrationsUsing().apply(profileId);
    }

    /** The presets with secrets masked, for showing; decrypts nothing. */
    public Map<String, String> maskedPresets(AuthorizationProfileRecord profile) {
        return profile.presets().masked();
    }

    /** The presets opened, for a check or a kept mask. */
    public CredentialForm.Values presets(AuthorizationProfileRecord profile) {
        return profile.presets().open(vault);
    }

    /** The profile's presets, its row locked until the current transaction ends; empty when it was deleted. */
    public Optional<CredentialForm.Values> lockedPresets(String id) {
        return store.findForUpdate(id).map(this::presets);
    }

    /**
     * Creates a profile.
     *
     * @param presetSecrets whether the administrator chose to preset fields the plugin leaves to each end user (a secret
     *     every end user then shares); without it such a preset is refused
     */
    public AuthorizationProfileRecord create(String name, String typeId, String description, Map<String, ?> presets,
                                             boolean presetSecrets) {
        String checkedName = checkName(name, null);
        if (typeId == null || typeId.isBlank()) {
            throw HostException.badRequest("'type' is required.", "Send one of the profile types: " + types().keySet());
        }
        ProfileType type = types.usableType(typeId);
        checkPresettable(type, presets, presetSecrets);
        CredentialForm.Values values = checkedPresets(type, presets == null ? Map.of() : presets, CredentialForm.Values.empty());
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        AuthorizationProfileRecord profile = new AuthorizationProfileRecord(id, checkedName, typeId,
                checkDescription(description), SealedValues.seal(vault, AuthorizationProfileRecord.vaultBinding(id), values),
                now, now,
                type.provider().plugin().pluginId());
        return jdbc.inTransaction(() -> {
            storeUnderItsName(() -> store.insert(profile), checkedName);
            audit.record("admin", "profile.created", null, null, "SUCCESS", "profile " + id + " '" + checkedName + "' of type "
                    + typeId + "; presets " + values.all().keySet());
            return profile;
        });
    }

    /**
     * A profile as updated, and how many end users' authorizations were removed because its presets
     * changed.
     */
    public record Updated(AuthorizationProfileRecord profile, int removedAuthorizations) {
    }

    /**
     * Updates the profile. When its presets change, the end users' authorizations made with the old ones
     * are removed: they were checked against the old presets (another subdomain, another tenant), and
     * must not be sent to the new one. Those users authorize again through a new link. A masked secret preset is
     * kept only while the non-secret presets stay as they are ({@link CredentialForm#MASK}).
     *
     * @param presetSecrets as for {@link #create}; a masked secret preset, kept as it is, needs no new choice
     */
    public Updated update(String id, String name, String description, Map<String, ?> presets, boolean presetSecrets) {
        AuthorizationProfileRecord existing = find(id);
        ProfileType type = types.declaredType(existing).orElseThrow(() -> ProfileTypes.notInstalled(existing));
        checkPresettable(type, presets, presetSecrets);
        String checkedName = name == null ? existing.name() : checkName(name, id);
        CredentialForm.Values stored = presets(existing);
        CredentialForm.Values values = presets == null ? stored : checkedPresets(type, presets, stored);
        boolean presetsChanged = !values.all().equals(stored.all());
        AuthorizationProfileRecord updated = new AuthorizationProfileRecord(id, checkedName, existing.profileType(),
                description == null ? existing.description() : checkDescription(description),
                SealedValues.seal(vault, AuthorizationProfileRecord.vaultBinding(id), values), existing.createdAt(),
                clock.instant(), existing.pluginId());
        Updated done = jdbc.inTransaction(() -> {
            storeUnderItsName(() -> store.update(updated), checkedName);
            Map<String, Integer> removed = presetsChanged ? dependents.removeAuthorizations().apply(id) : Map.of();
            removed.forEach((integrationId, count) -> audit.record("admin", "authorizations.removed", integrationId, null,
                    "SUCCESS", "the presets of profile " + id + " changed: " + count + " end-user authorizations made with"
                            + " the old ones removed"));
            int total = removed.values().stream().mapToInt(Integer::intValue).sum();
            audit.record("admin", "profile.updated", null, null, "SUCCESS", "profile " + id + "; presets " + values.all().keySet()
                    + (presetsChanged ? " changed; " + total + " end-user authorizations removed" : ""));
            return new Updated(updated, total);
        });
        if (done.removedAuthorizations() > 0) {
            dependents.afterRemoval().run();
        }
        return done;
    }

    /** Deletes the profile, unless an integration uses it. */
    public void delete(String id) {
        AuthorizationProfileRecord profile = find(id);
        List<String> users = usedBy(id);
        if (!users.isEmpty()) {
            throw new HostException(FailureKind.PROFILE_IN_USE, "The profile '" + profile.name() + "' is used by " + users + ".",
                    "Switch those integrations to another profile or mode first.", Map.of("usedBy", users));
        }
        jdbc.inTransaction(() -> {
            store.delete(id);
            audit.record("admin", "profile.deleted", null, null, "SUCCESS", "profile " + id + " '" + profile.name() + "'");
            return null;
        });
    }

    /**
     * Verifies the presets plus {@code values} with the profile type's plugin; stores nothing. A profile of an OAuth 2.0
     * type has nothing to verify before an end user consents (its app alone obtains no user's token), so it is refused
     * with {@code OAUTH_NOT_OFFERED}: an end user's first authorization is its test.
     */
    public ConnectionCheck test(String id, Map<String, ?> values) {
        AuthorizationProfileRecord profile = find(id);
        ProfileType type = types.declaredType(profile).orElseThrow(() -> ProfileTypes.notInstalled(profile));
        if (type.isOAuth()) {
            throw new HostException(FailureKind.OAUTH_NOT_OFFERED, "The profile '" + profile.name() + "' is of an OAuth 2.0"
                    + " type: it is tested by an end user's consent at the provider, not with values entered here.",
                    "Let the integration's end users authorize through it: an end user's link leads to the provider's"
                    + " consent, and the host verifies the token it gets with the plugin before storing it.");
        }
        CredentialForm.Values presets = presets(profile);
        CredentialForm.Values entered = CredentialForm.validate(
                CredentialForm.remaining(type.spec().fields(), presets.all().keySet()),
                values == null ? Map.of() : values, CredentialForm.Values.empty(), true);
        return CredentialChecks.recorded(() -> checks.verifyProfile(type.provider(), type.id(), presets.plus(entered)),
                (outcome, detail) -> audit.record("admin", "profile.tested", null, null, outcome,
                        "profile " + id + (detail == null ? "" : ": " + detail)));
    }

    /**
     * The presets checked against the type's fields. For an OAuth 2.0 type these are its effective fields, and the OAuth
     * app's client id and secret must be among the presets, since end users never see them; the scopes chosen must be
     * ones the type declares.
     */
    private static CredentialForm.Values checkedPresets(ProfileType type, Map<String, ?> presets, CredentialForm.Values stored) {
        CredentialForm.Values values = CredentialForm.validate(type.effectiveFields(), presets, stored, false);
        if (type.isOAuth()) {
            Map<String, String> missing = new LinkedHashMap<>();
            for (String key : List.of(OAuthAppFields.CLIENT_ID, OAuthAppFields.CLIENT_SECRET)) {
                if (!values.all().containsKey(key)) {
                    missing.put(key, "is required in the presets of an OAuth 2.0 profile: end users never see the OAuth app");
                }
            }
            if (!missing.isEmpty()) {
                throw CredentialForm.invalid(missing);
            }
            OAuthAppFields.scopes(values.all(), type.spec().oauth2());
        }
        return values;
    }

    /**
     * A preset of a field the plugin does not offer as one (an end user's own API key) gives every end user the
     * administrator's value, so it is taken only when the request chose it explicitly; a blank value or a kept mask
     * presets nothing new.
     */
    private static void checkPresettable(ProfileType type, Map<String, ?> presets, boolean presetSecrets) {
        if (presets == null || presetSecrets) {
            return;
        }
        Map<String, String> refused = new LinkedHashMap<>();
        for (CredentialField field : type.effectiveFields()) {
            Object value = presets.get(field.key());
            boolean presetsSomething = value != null && !value.toString().isBlank() && !CredentialForm.MASK.equals(value);
            if (!field.presettable() && presetsSomething) {
                refused.put(field.key(), field.label() + " is each end user's own and is not offered as a preset: every end"
                        + " user would act with this one value. To preset it anyway, send \"presetSecrets\": true");
            }
        }
        if (!refused.isEmpty()) {
            throw CredentialForm.invalid(refused);
        }
    }

    private String checkName(String name, String ownId) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw CredentialForm.invalid(Map.of("name", "A name of 1 to " + MAX_NAME + " characters is required"));
        }
        // A name is one line shown in lists, pages and the audit trail: a control character (a line break, an
        // escape sequence for a terminal that shows the log) has no place in it.
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw CredentialForm.invalid(Map.of("name",
                    "A name cannot contain control characters (line breaks, tabs and the like)"));
        }
        store.findByName(trimmed).filter(other -> !other.id().equals(ownId)).ifPresent(other -> {
            throw nameTaken(trimmed);
        });
        return trimmed;
    }

    /** Runs a write of a profile named {@code name}; another request that took the name meanwhile makes it a conflict. */
    private static void storeUnderItsName(Runnable write, String name) {
        try {
            write.run();
        } catch (StorageException e) {
            if (e.isDuplicateKey()) {
                throw nameTaken(name);
            }
            throw e;
        }
    }

    private static HostException nameTaken(String name) {
        return HostException.conflict("A profile named '" + name + "' already exists.", "Choose another name.");
    }

    /** The description as stored; it may run over several lines, but holds no other control character. */
    private static String checkDescription(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw CredentialForm.invalid(Map.of("description",
                    "A description cannot contain control characters other than line breaks and tabs"));
        }
        return Columns.fit(text.strip(), 1000);
    }
}

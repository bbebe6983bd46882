package io.integrationhost.host.configuration;

import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import io.integrationhost.api.AccessToken;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.metadata.OAuth2GrantType;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.credentials.CredentialChecks;
import io.integrationhost.host.credentials.CredentialFieldSchema;
import io.integrationhost.host.credentials.CredentialSchemas;
import io.integrationhost.host.credentials.SealedValues;
import io.integrationhost.host.oauth.OAuthFailure;
import io.integrationhost.host.oauth.OAuthFailureAnswers;
import io.integrationhost.host.oauth.OAuthFlows;
import io.integrationhost.host.oauth.OAuthServices;
import io.integrationhost.host.oauth.OAuthTokens;
import io.integrationhost.host.oauth.TokenGrant;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.NextStep;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.IntegrationOwners;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginSnapshot;
import io.integrationhost.host.profiles.AuthorizationProfileRecord;
import io.integrationhost.host.profiles.AuthorizationProfiles;
import io.integrationhost.host.profiles.ProfileType;
import io.integrationhost.host.profiles.ProfileTypes;
import io.integrationhost.host.storage.Columns;
import io.integrationhost.host.storage.Jdbc;
import io.integrationhost.host.vault.CredentialVault;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How administrators configure integrations: choose a mode, store the authorization (pre-authorized
 * credentials only after the plugin's connection test accepts them), enable, disable, delete.
 *
 * <p>An OAuth 2.0 integration is pre-authorized with its effective fields (the declared ones and the OAuth app's, see
 * {@link OAuthAppFields}) and a token: fetched with the client credentials grant, or obtained through an authorization
 * code flow the administrator starts ({@link #startOAuth}) and the callback completes ({@link #completeOAuth}). Its
 * connection test runs with the new token; the configuration and the tokens are stored in one transaction, or neither.
 */
public final class IntegrationConfigurations {

    private final Jdbc jdbc;
    private final ConfigurationStore store;
    private final EndUserAuthorizationsOfIntegrations users;
    private final AuthorizationProfiles profiles;
    private final ProfileTypes types;
    private final CredentialVault vault;
    private final CredentialChecks checks;
    private final CredentialSchemas schemas;
    private final AuditTrail audit;
    private final Clock clock;
    private final PluginRuntime plugins;
    private final OAuthServices oauth;

    /**
     * @param plugins the installed plugins, for completing an OAuth flow with the plugin that started it
     * @param oauth the OAuth client, token store and flows
     */
    public IntegrationConfigurations(Jdbc jdbc, ConfigurationStore store, EndUserAuthorizationsOfIntegrations users,
                                     AuthorizationProfiles profiles, ProfileTypes types, CredentialVault vault,
                                     CredentialChecks checks, CredentialSchemas schemas,
                                     AuditTrail audit, Clock clock, PluginRuntime plugins, OAuthServices oauth) {
        this.jdbc = jdbc;
        this.store = store;
        this.users = users;
        this.profiles = profiles;
        this.types = types;
        this.vault = vault;
        this.checks = checks;
        this.schemas = schemas;
        this.audit = audit;
        this.clock = clock;
        this.plugins = plugins;
        this.oauth = oauth;
    }

    /**
     * The plugin each configured integration belongs to, read from the database each time the plugin runtime asks:
     * the plugin its configuration was made with.
     */
    public static IntegrationOwners owners(ConfigurationStore store) {
        return integrationId -> store.find(integrationId).map(IntegrationConfiguration::pluginId);
    }

    /**
     * Binds each configuration stored before configurations had an owner to the plugin that claims its integration
     * id, when exactly one installed plugin does. While several do, nothing tells which one the configuration was
     * made with: it stays unbound, and its credentials go to none of them until an administrator authorizes the
     * integration again.
     */
    public void bindUnbound(PluginSnapshot plugins) {
        for (IntegrationConfiguration configuration : store.all()) {
            List<String> claimants = plugins.claimants(configuration.integrationId());
            if (configuration.pluginId() == null && claimants.size() == 1
                    && store.bindUnbound(configuration.integrationId(), claimants.get(0))) {
                audit.record("host", "configuration.bound", configuration.integrationId(), null, "SUCCESS",
                        "stored before configurations had an owner; bound to plugin " + claimants.get(0) + ", the only one that claims it");
            }
        }
    }

    /**
     * Refuses to hand the configuration's credentials, or an end user's authorization made under it, to a plugin
     * other than the one it was made with: a jar that claims the integration id elsewhere (another host instance
     * with other jars), or, for a configuration stored before configurations had an owner, one of several claimants.
     */
    public static void requireMadeWith(IntegrationConfiguration configuration, InstalledIntegration installed) {
        Optional<HostException> refusal = wrongPlugin(configuration, installed);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /**
     * Why the configuration's credentials go to no plugin while {@code installed}'s provides its integration (the
     * {@code 409 WRONG_PLUGIN} a call gets), or empty when {@code installed}'s plugin is the one it was made with.
     */
    public static Optional<HostException> wrongPlugin(IntegrationConfiguration configuration, InstalledIntegration installed) {
        String serving = installed.plugin().pluginId();
        if (configuration.madeWith(serving)) {
            return Optional.empty();
        }
        String id = configuration.integrationId();
        String reauthorize = "authorize '" + id + "' again to make its configuration with plugin '" + serving + "'.";
        return Optional.of(configuration.pluginId() == null
                ? new HostException(FailureKind.WRONG_PLUGIN, "The configuration of '" + id + "' was stored before configurations"
                        + " had an owner, and was not bound to one: no single plugin claimed '" + id + "' when the host"
                        + " started or a plugin was installed since. Plugin '" + serving + "' provides it now; its credentials"
                        + " go to no plugin until it is bound.",
                        "Remove any jar you do not trust from the plugins folder and restart the host (it then binds the"
                        + " configuration to the one plugin that claims it), or, if you trust plugin '" + serving + "', "
                        + reauthorize, Map.of("providedBy", serving)).withNextStep(NextStep.authorize(id))
                : new HostException(FailureKind.WRONG_PLUGIN, "The configuration of '" + id + "' was made with plugin '"
                        + configuration.pluginId() + "', but plugin '" + serving + "' provides '" + id + "' here: its credentials"
                        + " go to no other plugin.", "Install plugin '" + configuration.pluginId() + "' here (every instance needs"
                        + " the same jars), or, if you trust plugin '" + serving + "', " + reauthorize,
                        Map.of("madeWith", configuration.pluginId(), "providedBy", serving)).withNextStep(NextStep.authorize(id)));
    }

    public Optional<IntegrationConfiguration> find(String integrationId) {
        return store.find(integrationId);
    }

    public List<IntegrationConfiguration> all() {
        return store.all();
    }

    /** The stored pre-authorization's values, secrets masked, for showing; decrypts nothing. */
    public Map<String, String> maskedValues(IntegrationConfiguration configuration) {
        return configuration.values().masked();
    }

    /** The stored pre-authorization's values, opened, for a call. */
    public CredentialForm.Values openValues(IntegrationConfiguration configuration) {
        return configuration.values().open(vault);
    }

    /** The outcome of storing a pre-authorization: the configuration and what the connection test said. */
    public record Stored(IntegrationConfiguration configuration, String checkMessage) {
    }

    /**
     * Validates the values against the metadata, runs the plugin's connection test, and stores them only
     * if it passes. A submitted mask keeps the stored secret only while every non-secret value is the stored one;
     * otherwise the secret must be entered again ({@link CredentialForm#MASK}).
     *
     * <p>For an OAuth 2.0 integration the host first fetches a token with the client credentials grant and tests with
     * it; one whose OAuth offers only the authorization code grant is refused ({@code OAUTH_NOT_OFFERED}): it is
     * connected through {@link #startOAuth}.
     */
    public Stored preAuthorize(InstalledIntegration installed, Map<String, ?> submitted) {
        IntegrationDescriptor descriptor = installed.descriptor();
        requireModeAllowed(descriptor, AuthorizationMode.PRE_AUTHORIZED);
        OAuth2Spec spec = descriptor.authorization().oauth2();
        if (spec != null && !spec.offers(OAuth2GrantType.CLIENT_CREDENTIALS)) {
            throw new HostException(FailureKind.OAUTH_NOT_OFFERED, descriptor.name() + " is connected with the consent of an"
                    + " account at the provider (OAuth 2.0 authorization code): it offers no client credentials grant.",
                    "Connect it instead: the host answers the provider's authorization URL to open in a browser.")
                    .withNextStep(NextStep.connectOAuth(descriptor.id()));
        }
        Optional<IntegrationConfiguration> existing = store.find(descriptor.id());
        CredentialForm.Values values = CredentialForm.validate(OAuthAppFields.effective(descriptor.authorization()), submitted,
                storedValues(installed, existing), true);
        String credentialsId = UUID.randomUUID().toString();
        if (spec == null) {
            ConnectionCheck check = tested(installed, () -> checks.testIntegration(installed, values));
            return store(installed, values, existing, credentialsId, null, check.message());
        }
        OAuthTokens.Grantor grantor = grantor(installed, credentialsId, values);
        TokenGrant grant;
        try {
            grant = oauth.client().clientCredentials(grantor.endpoints(), spec, grantor.app(), grantor.scopes());
        } catch (OAuthFailure failure) {
            throw tokenRequestFailed(descriptor, "client credentials", failure,
                    "Fetching a token from " + descriptor.name() + " with the client credentials");
        }
        ConnectionCheck check = testedWithToken(installed, values, grantor, grant);
        return store(installed, values, existing, credentialsId, grant, check.message());
    }

    /**
     * Starts an administrator's authorization code flow for an OAuth 2.0 integration with the effective values
     * {@code submitted} (checked as {@link #preAuthorize} checks them; a mask keeps the stored secret): nothing is stored
     * but the flow, until the provider's redirect to the callback completes it ({@link #completeOAuth}).
     *
     * @throws HostException {@code OAUTH_NOT_OFFERED} (409) when the integration's OAuth offers no authorization code
     *     grant, or it is no OAuth 2.0 integration; {@code VALIDATION_FAILED} (400) for wrong values
     */
    public OAuthFlows.Started startOAuth(InstalledIntegration installed, Map<String, ?> submitted) {
        IntegrationDescriptor descriptor = installed.descriptor();
        requireModeAllowed(descriptor, AuthorizationMode.PRE_AUTHORIZED);
        OAuth2Spec spec = descriptor.authorization().oauth2();
        if (spec == null || !spec.offers(OAuth2GrantType.AUTHORIZATION_CODE)) {
            throw new HostException(FailureKind.OAUTH_NOT_OFFERED, spec == null
                    ? descriptor.name() + " is not an OAuth 2.0 integration."
                    : descriptor.name() + "'s OAuth 2.0 offers no authorization code grant: the host fetches its token with"
                            + " the client credentials.", "Store its credentials instead.")
                    .withNextStep(NextStep.authorize(descriptor.id()));
        }
        CredentialForm.Values values = CredentialForm.validate(OAuthAppFields.effective(descriptor.authorization()), submitted,
                storedValues(installed, store.find(descriptor.id())), true);
        List<String> scopes = OAuthAppFields.scopes(values.all(), spec);
        OAuthFlows.Started started = oauth.flows().start(new OAuthFlows.Purpose(OAuthFlows.Kind.ADMINISTRATOR, descriptor.id(),
                null, null, null, installed.plugin().pluginId(), values.all()), spec,
                oauth.endpoints(spec, descriptor.id(), values.publicValues()), values.publicValues().get(OAuthAppFields.CLIENT_ID),
                scopes);
        audit.record("admin", "oauth.started", descriptor.id(), null, "SUCCESS", "authorization code; scopes " + scopes);
        return started;
    }

    /**
     * Completes an administrator's authorization code flow, which the callback spent: exchanges the code, runs the
     * plugin's connection test with the new token, then stores the configuration (pre-authorized, the values sealed) and
     * the tokens in one transaction. A failed exchange or test stores nothing.
     *
     * @throws HostException {@code OAUTH_PROVIDER_FAILED}/{@code OAUTH_PROVIDER_UNAVAILABLE} for a failed exchange,
     *     {@code CONNECTION_TEST_FAILED} for a refused test, {@code CONFLICT} when the plugin that started the flow no
     *     longer provides the integration
     */
    public OAuthFlows.Completed completeOAuth(OAuthFlows.Spent spent, String code) {
        OAuthFlows.Purpose purpose = spent.purpose();
        InstalledIntegration installed = plugins.snapshot().integration(purpose.integrationId())
                .filter(i -> i.plugin().pluginId().equals(purpose.pluginId()) && i.descriptor().authorization().oauth2() != null)
                .orElseThrow(() -> new HostException(FailureKind.CONFLICT, "The plugin that provided '" + purpose.integrationId()
                        + "' when this authorization started no longer provides it here.", "Start the authorization again."));
        IntegrationDescriptor descriptor = installed.descriptor();
        OAuth2Spec spec = descriptor.authorization().oauth2();
        CredentialForm.Values values = CredentialForm.validate(OAuthAppFields.effective(descriptor.authorization()),
                purpose.values(), CredentialForm.Values.empty(), true);
        String credentialsId = UUID.randomUUID().toString();
        OAuthTokens.Grantor grantor = grantor(installed, credentialsId, values);
        TokenGrant grant;
        try {
            grant = oauth.client().exchangeCode(grantor.endpoints(), spec, grantor.app(), code, spent.redirectUri(),
                    spent.codeVerifier(), spent.scopes());
        } catch (OAuthFailure failure) {
            throw tokenRequestFailed(descriptor, "code exchange", failure, "The code exchange with " + descriptor.name());
        }
        ConnectionCheck check = testedWithToken(installed, values, grantor, grant);
        store(installed, values, store.find(descriptor.id()), credentialsId, grant, check.message());
        return new OAuthFlows.Completed(OAuthFlows.Kind.ADMINISTRATOR, descriptor.id(), descriptor.name(), check.message());
    }

    /**
     * What a token request for the configuration's stored OAuth 2.0 credentials needs, from its values {@code opened}
     * for this call (opened once, by the caller); empty when it is not a pre-authorization of an OAuth 2.0 integration.
     */
    public Optional<OAuthTokens.Grantor> grantor(IntegrationConfiguration configuration, InstalledIntegration installed,
                                                 CredentialForm.Values opened) {
        if (configuration.mode() != AuthorizationMode.PRE_AUTHORIZED || installed.descriptor().authorization().oauth2() == null) {
            return Optional.empty();
        }
        return Optional.of(grantor(installed, configuration.credentialsId(), opened));
    }

    /** What the administrator may see of the configuration's stored tokens; empty when it has none. */
    public Optional<OAuthTokens.State> tokenState(IntegrationConfiguration configuration) {
        return configuration.mode() == AuthorizationMode.PRE_AUTHORIZED ? oauth.tokens().state(configuration.credentialsId())
                : Optional.empty();
    }

    private OAuthTokens.Grantor grantor(InstalledIntegration installed, String credentialsId, CredentialForm.Values values) {
        String id = installed.descriptor().id();
        return oauth.grantor(new OAuthTokens.Owner(id, null), credentialsId, installed.descriptor().authorization().oauth2(), id,
                values.all());
    }

    /** A token request the provider refused or failed, audited with its error code (never a token or code), as an answer. */
    private HostException tokenRequestFailed(IntegrationDescriptor descriptor, String grant, OAuthFailure failure, String what) {
        audit.record("admin", "oauth.token-failed", descriptor.id(), null, "FAILURE", grant + "; " + failure.reason()
                + (failure.errorCode() == null ? "" : " " + failure.errorCode()));
        return OAuthFailureAnswers.ofRequest(failure, what);
    }

    /** The stored values a submitted mask may keep: only those stored with this very plugin, and pre-authorized. */
    private CredentialForm.Values storedValues(InstalledIntegration installed, Optional<IntegrationConfiguration> existing) {
        // A mask keeps only a secret stored with this very plugin: another plugin is never handed it, not even to test it.
        return existing.filter(c -> c.mode() == AuthorizationMode.PRE_AUTHORIZED)
                .filter(c -> c.madeWith(installed.plugin().pluginId()))
                .map(this::openValues).orElse(CredentialForm.Values.empty());
    }

    private ConnectionCheck tested(InstalledIntegration installed, java.util.function.Supplier<ConnectionCheck> test) {
        ConnectionCheck check = CredentialChecks.recorded(test,
                (outcome, detail) -> audit.record("admin", "credentials.tested", installed.descriptor().id(), null, outcome, detail));
        if (!check.successful()) {
            throw CredentialChecks.failed(check);
        }
        return check;
    }

    /**
     * The connection test with the declared values and the new access token: never the OAuth app's values. Tokens the
     * test refuses are not stored, and revoked.
     */
    private ConnectionCheck testedWithToken(InstalledIntegration installed, CredentialForm.Values values,
                                            OAuthTokens.Grantor grantor, TokenGrant grant) {
        Credentials credentials = Credentials.withAccessToken(OAuthAppFields.declaredOnly(values.all()),
                new AccessToken(grant.accessToken(), grant.tokenType()));
        try {
            return tested(installed, () -> checks.testIntegration(installed, credentials));
        } catch (HostException refused) {
            oauth.tokens().discard(grantor, grant);
            throw refused;
        }
    }

    /**
     * Stores a pre-authorization that passed its test: the configuration, the record of the fields it was made with,
     * and its tokens where it has some, in one transaction; end users' authorizations are removed in it, and the tokens
     * of the credentials it replaces and of those end users revoked once it is committed.
     */
    private Stored store(InstalledIntegration installed, CredentialForm.Values values, Optional<IntegrationConfiguration> existing,
                         String credentialsId, TokenGrant grant, String checkMessage) {
        IntegrationDescriptor descriptor = installed.descriptor();
        ConfigurationState state = existing.map(c -> switch (c.state()) {
            case ENABLED, ERROR -> ConfigurationState.ENABLED;
            case DISABLED -> ConfigurationState.DISABLED;
            case CONFIGURED -> ConfigurationState.CONFIGURED;
        }).orElse(ConfigurationState.CONFIGURED);
        IntegrationConfiguration configuration = new IntegrationConfiguration(descriptor.id(), AuthorizationMode.PRE_AUTHORIZED,
                state, null, null, null, SealedValues.seal(vault, IntegrationConfiguration.vaultBinding(descriptor.id()), values),
                credentialsId, clock.instant(), installed.plugin().pluginId());
        boolean holdsTokens = existing.map(this::mayHoldTokens).orElse(false);
        int removed = jdbc.inTransaction(() -> {
            store.save(configuration);
            schemas.record(CredentialSchemas.CONFIGURATIONS, List.of(descriptor.id()), configuration.credentialsId(),
                    installed.plugin().version(), CredentialFieldSchema.of(OAuthAppFields.effective(descriptor.authorization())));
            if (grant != null) {
                oauth.tokens().store(grantor(installed, credentialsId, values), grant, checkMessage);
            }
            int users = this.users.deleteAll(descriptor.id());
            audit.record("admin", "credentials.stored", descriptor.id(), null, "SUCCESS", "mode PRE_AUTHORIZED; fields "
                    + values.all().keySet() + (grant == null ? "" : "; OAuth 2.0 tokens, scopes " + grant.scopes())
                    + (users > 0 ? "; removed " + users + " end-user authorizations" : ""));
            return users;
        });
        if (holdsTokens) {
            // The tokens of the credentials replaced, and of the end users removed, are revoked.
            oauth.tokens().sweepSoon();
        }
        return new Stored(configuration, checkMessage);
    }

    /** Lets end users authorize through {@code profileId}, which must be of a type this integration accepts. */
    public IntegrationConfiguration useProfile(InstalledIntegration installed, String profileId) {
        IntegrationDescriptor descriptor = installed.descriptor();
        requireModeAllowed(descriptor, AuthorizationMode.USER_AUTHORIZED);
        if (profileId == null || profileId.isBlank()) {
            throw HostException.badRequest("'profileId' is required for USER_AUTHORIZED.",
                    "Create an authorization profile, then send its id.");
        }
        AuthorizationProfileRecord profile = profiles.find(profileId);
        // No end user could authorize through a type whose plugin cannot run: nothing would check their values.
        ProfileType type = types.usableType(profile);
        if (!types.accepts(descriptor, type)) {
            throw new HostException(FailureKind.PROFILE_NOT_ACCEPTED, "The profile '" + profile.name() + "' is of type '"
                    + profile.profileType() + "', which " + descriptor.name() + " does not accept.",
                    "Choose a profile of a type listed in 'acceptedProfileTypes'.",
                    Map.of("acceptedProfileTypes", types.acceptedTypes(descriptor)));
        }
        Optional<IntegrationConfiguration> existing = store.find(descriptor.id());
        ConfigurationState state = existing.map(IntegrationConfiguration::state)
                .map(s -> s == ConfigurationState.ERROR ? ConfigurationState.ENABLED : s)
                .orElse(ConfigurationState.CONFIGURED);
        IntegrationConfiguration configuration = new IntegrationConfiguration(descriptor.id(), AuthorizationMode.USER_AUTHORIZED,
                state, null, null, profileId, SealedValues.none(IntegrationConfiguration.vaultBinding(descriptor.id())), UUID.randomUUID().toString(), clock.instant(),
                installed.plugin().pluginId());
        boolean sameOwner = existing.map(c -> c.madeWith(installed.plugin().pluginId())).orElse(true);
        boolean holdsTokens = existing.map(this::mayHoldTokens).orElse(false);
        jdbc.inTransaction(() -> {
            store.save(configuration);
            // Authorizations and links of another profile were made for that profile's fields and presets; those made
            // while the configuration belonged to another plugin go to no other plugin.
            int removed = sameOwner ? users.deleteOtherProfiles(descriptor.id(), profileId) : users.deleteAll(descriptor.id());
            audit.record("admin", "configuration.changed", descriptor.id(), null, "SUCCESS",
                    "mode USER_AUTHORIZED; profile " + profileId
                            + (existing.map(c -> c.mode() == AuthorizationMode.PRE_AUTHORIZED).orElse(false)
                            ? "; pre-authorized credentials removed" : "")
                            + (removed > 0 ? "; " + removed + " end-user authorizations " + (sameOwner ? "of another profile"
                            : "made while it belonged to another plugin") + " removed" : ""));
            return null;
        });
        if (holdsTokens) {
            // The tokens of pre-authorized credentials replaced by end users' own, or of another profile's end users.
            oauth.tokens().sweepSoon();
        }
        return configuration;
    }

    public IntegrationConfiguration enable(String integrationId) {
        return changeState(integrationId, ConfigurationState.ENABLED, "configuration.enabled");
    }

    public IntegrationConfiguration disable(String integrationId) {
        return changeState(integrationId, ConfigurationState.DISABLED, "configuration.disabled");
    }

    /**
     * Removes the configuration with its credentials and every end user's authorization. Their OAuth 2.0 tokens, the
     * configuration's and the end users', are revoked at the provider where it declares a revocation endpoint, and
     * removed, in the background once the removal is committed ({@link OAuthTokens#sweepSoon}).
     */
    public void delete(String integrationId) {
        Optional<IntegrationConfiguration> existing = store.find(integrationId);
        jdbc.inTransaction(() -> {
            if (!store.delete(integrationId)) {
                throw notConfigured(integrationId);
            }
            int users = this.users.deleteAll(integrationId);
            audit.record("admin", "configuration.deleted", integrationId, null, "SUCCESS",
                    "credentials removed; " + users + " end-user authorizations removed");
            return null;
        });
        if (existing.map(this::mayHoldTokens).orElse(false)) {
            oauth.tokens().sweepSoon();
        }
    }

    /**
     * Whether OAuth 2.0 tokens may be stored for the configuration or its end users: a pre-authorization of an OAuth
     * integration, or end users of a profile of an OAuth type (or either, where the plugin or profile is unknown here).
     */
    private boolean mayHoldTokens(IntegrationConfiguration configuration) {
        if (configuration.mode() == AuthorizationMode.PRE_AUTHORIZED) {
            return plugins.snapshot().integration(configuration.integrationId())
                    .map(installed -> installed.descriptor().authorization().oauth2() != null).orElse(true);
        }
        return configuration.profileId() == null || profiles.lookup(configuration.profileId()).flatMap(types::declaredType)
                .map(type -> type.spec().oauth2() != null).orElse(true);
    }

    /**
     * Marks the credentials of {@code used}, the configuration a call read before it ran, rejected after
     * the remote system refused them: an enabled integration goes to the error state, a disabled one
     * stays disabled, and neither can be enabled until credentials that pass the connection test are
     * stored. When other credentials were stored meanwhile, nothing changes: the refusal was of the old ones.
     *
     * @return whether the credentials were still the stored ones, and are now marked
     */
    public boolean markCredentialsRejected(IntegrationConfiguration used, String reason) {
        String before = "The stored credentials were rejected (";
        String after = "). Re-authorize the integration.";
        // The reason is the remote system's own words, of any length; what to do must stay readable.
        String stateReason = before + Columns.fit(reason, ConfigurationStore.MAX_STATE_REASON - before.length() - after.length())
                + after;
        return markUnusable(used, stateReason, "configuration.error", reason);
    }

    /**
     * Marks the pre-authorized credentials of {@code used} as made for credential fields its plugin no longer declares
     * ({@code reason} says what changed, and what to do), as a rejection marks them: an enabled integration goes to the
     * error state with that reason, and none can be enabled until an administrator authorizes it again. Nothing changes
     * when other credentials were stored meanwhile.
     *
     * @return whether the credentials were still the stored ones, and are now marked
     */
    public boolean markFieldsChanged(IntegrationConfiguration used, String reason) {
        return markUnusable(used, Columns.fit(reason, ConfigurationStore.MAX_STATE_REASON), "configuration.needs-reauthorization",
                reason);
    }

    /**
     * Carries the stored pre-authorization of {@code used} over to the credential fields {@code now} of plugin version
     * {@code pluginVersion}, as the plugin declares ({@link CredentialFieldSchema#carryOver}), in one transaction: the
     * values are checked against {@code now}, sealed again, and recorded as made with {@code now}. Its state stays.
     * False, with nothing changed, when other credentials were stored meanwhile.
     *
     * @throws HostException when the carried-over values do not fit {@code now} (nothing is changed then)
     */
    public boolean carryOver(IntegrationConfiguration used, List<CredentialField> now, String pluginVersion, String detail) {
        return jdbc.inTransaction(() -> {
            Optional<IntegrationConfiguration> current = store.findForUpdate(used.integrationId())
                    .filter(c -> c.credentialsId().equals(used.credentialsId()));
            if (current.isEmpty()) {
                return false;
            }
            IntegrationConfiguration c = current.get();
            CredentialForm.Values carried = CredentialForm.validate(now,
                    CredentialFieldSchema.carryOver(openValues(c).all(), now), CredentialForm.Values.empty(), true);
            store.save(new IntegrationConfiguration(c.integrationId(), c.mode(), c.state(), c.stateReason(), c.rejectedAt(),
                    c.profileId(), SealedValues.seal(vault, IntegrationConfiguration.vaultBinding(c.integrationId()), carried),
                    c.credentialsId(), clock.instant(), c.pluginId()));
            schemas.record(CredentialSchemas.CONFIGURATIONS, List.of(c.integrationId()), c.credentialsId(), pluginVersion,
                    CredentialFieldSchema.of(now));
            audit.record("host", "credentials.carried-over", c.integrationId(), null, "SUCCESS", detail);
            return true;
        });
    }

    private boolean markUnusable(IntegrationConfiguration used, String stateReason, String auditAction, String auditDetail) {
        return jdbc.inTransaction(() -> {
            boolean marked = store.markRejected(used.integrationId(), used.credentialsId(), stateReason, clock.instant());
            if (marked) {
                audit.record("host", auditAction, used.integrationId(), null, "FAILURE", auditDetail);
            }
            return marked;
        });
    }

    private IntegrationConfiguration changeState(String integrationId, ConfigurationState state, String auditAction) {
        return jdbc.inTransaction(() -> {
            // The check that the credentials do not stand rejected is part of the update, so a rejection
            // reported at the same moment cannot leave an enabled integration with rejected credentials.
            if (!store.updateState(integrationId, state, clock.instant())) {
                IntegrationConfiguration existing = store.find(integrationId).orElseThrow(() -> notConfigured(integrationId));
                throw new HostException(FailureKind.INTEGRATION_ERROR, "'" + integrationId + "' cannot be enabled: "
                        + existing.stateReason(), "Re-authorize it first with credentials that pass the connection test.")
                        .withNextStep(NextStep.authorize(integrationId));
            }
            audit.record("admin", auditAction, integrationId, null, "SUCCESS", null);
            return store.find(integrationId).orElseThrow();
        });
    }

    private static void requireModeAllowed(IntegrationDescriptor descriptor, AuthorizationMode mode) {
        if (!descriptor.authorization().allows(mode)) {
            throw new HostException(FailureKind.MODE_NOT_ALLOWED, descriptor.name() + " does not allow " + mode + ".",
                    "Choose one of " + descriptor.authorization().modes() + ".");
        }
    }

    private static HostException notConfigured(String integrationId) {
        return new HostException(FailureKind.NOT_CONFIGURED, "The integration '" + integrationId + "' is not configured.",
                "Choose an authorization mode first.").withNextStep(NextStep.authorize(integrationId));
    }
}

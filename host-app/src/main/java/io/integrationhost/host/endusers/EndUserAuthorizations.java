package io.integrationhost.host.endusers;

import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import io.integrationhost.api.AccessToken;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.host.security.Tokens;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.credentials.CredentialChecks;
import io.integrationhost.host.credentials.CredentialFieldSchema;
import io.integrationhost.host.credentials.CredentialSchemas;
import io.integrationhost.host.credentials.SealedValues;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.host.configuration.ConfigurationStore;
import io.integrationhost.host.configuration.IntegrationConfiguration;
import io.integrationhost.host.oauth.OAuthFailure;
import io.integrationhost.host.oauth.OAuthFailureAnswers;
import io.integrationhost.host.oauth.OAuthFlows;
import io.integrationhost.host.oauth.OAuthServices;
import io.integrationhost.host.oauth.OAuthTokens;
import io.integrationhost.host.oauth.TokenGrant;
import io.integrationhost.host.profiles.AuthorizationProfileRecord;
import io.integrationhost.host.profiles.AuthorizationProfiles;
import io.integrationhost.host.profiles.ProfileType;
import io.integrationhost.host.profiles.ProfileTypes;
import io.integrationhost.host.storage.Jdbc;
import io.integrationhost.host.vault.CredentialVault;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * End users' own authorizations: one per (integration, end user), created through a one-time, expiring
 * link and used only for that user's calls.
 *
 * <p>A link's token is 256 random bits; only its hash is stored, bound to one integration, user and
 * profile. Completing it verifies the values with the plugin first and consumes the link atomically, so
 * a link works once even when two instances receive it at the same moment.
 */
public final class EndUserAuthorizations {

    /** How long an expired or used link is kept after it expired, for its page to say what became of it. */
    static final Duration EXPIRED_LINKS_KEPT = Duration.ofDays(1);

    private static final int MAX_USER_ID = 200;

    private final Jdbc jdbc;
    private final UserAuthorizationStore store;
    private final ConfigurationStore configurations;
    private final PluginRuntime plugins;
    private final AuthorizationProfiles profiles;
    private final ProfileTypes types;
    private final CredentialVault vault;
    private final CredentialChecks checks;
    private final CredentialSchemas schemas;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration linkLifetime;
    private final Supplier<URI> publicBase;
    private final EndUserOAuth oauth;

    public EndUserAuthorizations(Jdbc jdbc, UserAuthorizationStore store, ConfigurationStore configurations,
                                 PluginRuntime plugins, AuthorizationProfiles profiles, ProfileTypes types,
                                 CredentialVault vault,
                                 CredentialChecks checks, CredentialSchemas schemas, AuditTrail audit, Clock clock,
                                 Duration linkLifetime,
                                 Supplier<URI> publicBase, OAuthServices oauth) {
        this.jdbc = jdbc;
        this.store = store;
        this.configurations = configurations;
        this.plugins = plugins;
        this.profiles = profiles;
        this.types = types;
        this.vault = vault;
        this.checks = checks;
        this.schemas = schemas;
        this.audit = audit;
        this.clock = clock;
        this.linkLifetime = linkLifetime;
        this.publicBase = publicBase;
        this.oauth = new EndUserOAuth(oauth);
    }

    /** A link an end user opens to authorize. */
    public record IssuedLink(String url, Instant expiresAt) {
    }

    /**
     * What an administrator may see of an end user's authorization: never the values, nor a token.
     *
     * @param oauth2 for an authorization through an OAuth 2.0 profile type, the state of the user's tokens; else absent
     */
    public record Authorized(String userId, String profileId, Instant authorizedAt, OAuthTokens.State oauth2) {
    }

    /** A display name to keep with a link: trimmed, {@code null} when blank; refused when too long or with control characters. */
    public static String checkUserName(String userName) {
        if (userName == null || userName.isBlank()) {
            return null;
        }
        String name = userName.strip();
        if (name.length() > MAX_USER_ID || name.chars().anyMatch(Character::isISOControl)) {
            throw HostException.badRequest("'userName' must be 1 to " + MAX_USER_ID + " printable characters.",
                    "Send a shorter display name, or leave 'userName' out.");
        }
        return name;
    }

    public static String checkUserId(String userId) {
        if (userId == null || userId.isBlank()) {
            throw HostException.badRequest("'userId' is required: this integration runs with each end user's own credentials.",
                    "Send the end user's id in 'userId'.");
        }
        if (userId.length() > MAX_USER_ID || userId.chars().anyMatch(Character::isISOControl)) {
            throw HostException.badRequest("'userId' must be 1 to " + MAX_USER_ID + " printable characters.",
                    "Send a shorter end user id.");
        }
        return userId;
    }

    /**
     * An end user's values, presets included, opened for a call, and which stored credentials they are.
     *
     * @param oauth2 the OAuth 2.0 spec of the profile's type, or {@code null} when it is not OAuth 2.0 (or its plugin is
     *     not installed): the call then needs the user's access token, obtained with the profile's OAuth app (in the
     *     presets)
     * @param oauthIntegrationId for an OAuth 2.0 profile type: the integration whose descriptor declares it, whose
     *     operator overrides of the endpoints apply
     */
    public record UserCredentials(CredentialForm.Values values, String credentialsId,
                                  io.integrationhost.api.metadata.OAuth2Spec oauth2, String oauthIntegrationId) {

        public UserCredentials(CredentialForm.Values values, String credentialsId) {
            this(values, credentialsId, null, null);
        }
    }

    /** The user's values, presets included, opened for a call; empty when the user has not authorized. */
    public Optional<UserCredentials> userCredentials(String integrationId, String userId) {
        return store.findWithPresets(integrationId, userId).map(found -> {
            UserAuthorizationStore.UserAuthorization authorization = found.authorization();
            CredentialForm.Values values = found.presets().open(vault).plus(authorization.values().open(vault));
            // The profile's type from the same read: a call for an end user costs no second query.
            Optional<ProfileType> oauthType = types.declaredType(found.profilePluginId(), found.profileType())
                    .filter(type -> type.spec().oauth2() != null);
            return new UserCredentials(values, authorization.credentialsId(), oauthType.map(type -> type.spec().oauth2()).orElse(null),
                    oauthType.map(type -> type.provider().id()).orElse(null));
        });
    }

    public IssuedLink issueLink(String integrationId, String userId, String profileId) {
        return issueLink(integrationId, userId, null, profileId);
    }

    /**
     * Issues a one-time link for {@code userId}; {@code userName}, the display name the caller knows the user by, or
     * {@code null}, is what the link's page calls them.
     */
    public IssuedLink issueLink(String integrationId, String userId, String userName, String profileId) {
        String name = checkUserName(userName);
        String token = Tokens.newToken();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(linkLifetime);
        // Every call for an end user who has not authorized issues a link, so old ones are cleared as new ones come;
        // a day's grace lets a late visitor still read "expired" rather than "not valid".
        store.deleteLinksExpiredBefore(now.minus(EXPIRED_LINKS_KEPT));
        store.insertLink(Tokens.hash(token), new UserAuthorizationStore.Link(integrationId, userId, profileId, expiresAt, null,
                name, null), now);
        audit.record("client", "authorization.link-issued", integrationId, userId, "SUCCESS", "expires " + expiresAt);
        return new IssuedLink(publicBase.get().resolve("authorize/" + token).toString(), expiresAt);
    }

    public List<Authorized> list(String integrationId) {
        Map<String, Boolean> oauthProfiles = new HashMap<>();
        return store.forIntegration(integrationId).stream()
                .map(a -> new Authorized(a.userId(), a.profileId(), a.createdAt(),
                        oauthProfiles.computeIfAbsent(a.profileId(), this::isOAuthProfile)
                                ? oauth.tokens().state(a.credentialsId()).orElse(null) : null)).toList();
    }

    private boolean isOAuthProfile(String profileId) {
        return profiles.lookup(profileId).flatMap(types::declaredType).filter(ProfileType::isOAuth).isPresent();
    }

    /**
     * Removes the user's authorization; one made through an OAuth 2.0 profile type has its tokens forgotten too, and
     * revoked at the provider where the type declares a revocation endpoint (after the removal: a provider that fails
     * to answer does not keep an authorization the administrator removed).
     */
    public void revoke(String integrationId, String userId, String actor) {
        boolean oauthTokens = store.find(integrationId, userId).map(found -> isOAuthProfile(found.profileId())).orElse(false);
        jdbc.inTransaction(() -> {
            if (!store.delete(integrationId, userId)) {
                throw HostException.notFound("The end user '" + userId + "' has not authorized '" + integrationId + "'.");
            }
            audit.record(actor, "authorization.revoked", integrationId, userId, "SUCCESS", null);
            return null;
        });
        if (oauthTokens) {
            // Committed: the tokens are orphans now, and the sweep revokes them (a slow provider keeps no one waiting).
            oauth.tokens().sweepSoon();
        }
    }

    /**
     * Forgets a user's authorization after the remote system refused the credentials {@code credentialsId}
     * (from {@link #userCredentials}). When the user authorized again meanwhile, the new credentials stay.
     *
     * @return whether the refused credentials were still stored, and are now forgotten
     */
    public boolean invalidate(String integrationId, String userId, String credentialsId, String reason) {
        boolean invalidated = jdbc.inTransaction(() -> {
            boolean forgotten = store.deleteIfStill(integrationId, userId, credentialsId);
            if (forgotten) {
                audit.record("host", "authorization.invalidated", integrationId, userId, "FAILURE", reason);
            }
            return forgotten;
        });
        if (invalidated) {
            // A refused access token does not mean a dead refresh token: the grant is revoked, not only forgotten.
            oauth.tokens().sweepSoon();
        }
        return invalidated;
    }

    /**
     * Carries the user's stored values {@code credentialsId} over to {@code ownFields} (the new fields their profile's
     * presets leave to them) of plugin version {@code pluginVersion}, as the plugin declares
     * ({@link CredentialFieldSchema#carryOver}), in one transaction: checked, sealed again, recorded as made with
     * {@code typeFields}. False, with nothing changed, when the user authorized again meanwhile.
     *
     * @throws HostException when the carried-over values do not fit (nothing is changed then)
     */
    public boolean carryOver(String integrationId, String userId, String credentialsId, List<CredentialField> ownFields,
                             List<CredentialField> typeFields, String pluginVersion, String detail) {
        return jdbc.inTransaction(() -> {
            Optional<UserAuthorizationStore.UserAuthorization> found = store.find(integrationId, userId)
                    .filter(a -> a.credentialsId().equals(credentialsId));
            if (found.isEmpty()) {
                return false;
            }
            UserAuthorizationStore.UserAuthorization a = found.get();
            CredentialForm.Values carried = CredentialForm.validate(ownFields,
                    CredentialFieldSchema.carryOver(a.values().open(vault).all(), ownFields), CredentialForm.Values.empty(), true);
            store.save(new UserAuthorizationStore.UserAuthorization(integrationId, userId, a.profileId(), SealedValues.seal(vault,
                    UserAuthorizationStore.UserAuthorization.vaultBinding(integrationId, userId), carried), credentialsId,
                    a.createdAt()));
            schemas.record(CredentialSchemas.USER_AUTHORIZATIONS, List.of(integrationId, userId), credentialsId, pluginVersion,
                    CredentialFieldSchema.of(typeFields));
            audit.record("host", "credentials.carried-over", integrationId, userId, "SUCCESS", detail);
            return true;
        });
    }

    /** What the end-user page shows for a token. */
    public sealed interface LinkPage {
        /**
         * A usable link: who asks, and the fields to fill in.
         *
         * @param oauth whether the user consents at an OAuth 2.0 provider after this page (the fields are then
         *     those the provider's address needs and the presets leave open, usually none)
         * @param userName the display name the issuing call gave, or {@code null}
         * @param validFor how long the link still works, from when it was inspected
         * @param publicPresets the profile's presets that are not secret (a subdomain), for the fields' help links
         * @param icon the integration's icon, or {@code null}
         */
        record Open(String integrationName, String integrationId, String userId, String profileName,
                    List<CredentialField> fields, boolean oauth, String userName, Instant expiresAt,
                    java.time.Duration validFor, Map<String, String> publicPresets, InstalledIntegration.Icon icon)
                implements LinkPage {
        }

        record Expired() implements LinkPage {
        }

        /** Made for a profile the integration no longer lets its end users authorize through. */
        record Withdrawn(String integrationName) implements LinkPage {
        }

        record Used() implements LinkPage {
        }

        record Unknown() implements LinkPage {
        }
    }

    public LinkPage inspect(String token) {
        Optional<UserAuthorizationStore.Link> found = token == null || token.length() > 100 ? Optional.empty()
                : store.findLink(Tokens.hash(token));
        if (found.isEmpty()) {
            return new LinkPage.Unknown();
        }
        UserAuthorizationStore.Link link = found.get();
        if (link.usedAt() != null) {
            return new LinkPage.Used();
        }
        if (!link.expiresAt().isAfter(clock.instant())) {
            return new LinkPage.Expired();
        }
        Optional<InstalledIntegration> installed = plugins.snapshot().integration(link.integrationId());
        if (installed.isEmpty()) {
            return new LinkPage.Unknown();
        }
        if (!authorizesThrough(configurations.find(link.integrationId()), link.profileId())) {
            return new LinkPage.Withdrawn(installed.get().descriptor().name());
        }
        Optional<AuthorizationProfileRecord> profile = profiles.lookup(link.profileId());
        Optional<ProfileType> type = profile.flatMap(types::declaredType);
        if (type.isEmpty()) {
            return new LinkPage.Unknown();
        }
        // The fields the presets leave to the user, from the names of the presets: showing the page decrypts nothing.
        return new LinkPage.Open(installed.get().descriptor().name(), link.integrationId(), link.userId(), profile.get().name(),
                CredentialForm.remaining(type.get().spec().fields(), profile.get().presets().keys()), type.get().isOAuth(),
                link.userName(), link.expiresAt(), java.time.Duration.between(clock.instant(), link.expiresAt()),
                profile.get().presets().publicValues(), installed.get().icon());
    }

    /**
     * Verifies the end user's values with the plugin and stores them encrypted for that user, consuming the
     * link. A failed check leaves the link usable so the user can correct the values.
     */
    public void complete(String token, Map<String, ?> submitted) {
        Submission submission = submission(token, submitted, false);
        LinkPage.Open open = submission.open();
        String tokenHash = submission.tokenHash();
        AuthorizationProfileRecord profile = submission.profile();
        ProfileType type = submission.type();
        CredentialForm.Values presets = submission.presets();
        CredentialForm.Values entered = submission.entered();
        String actor = "end-user:" + open.userId();
        // A verification that passes is audited as the authorization it stores, below.
        ConnectionCheck check = CredentialChecks.recorded(() -> checks.verifyProfile(type.provider(), type.id(),
                presets.plus(entered)), (outcome, detail) -> {
                    if (!"SUCCESS".equals(outcome)) {
                        audit.record(actor, "authorization.verified", open.integrationId(), open.userId(), outcome, detail);
                    }
                });
        if (!check.successful()) {
            throw CredentialChecks.failed(check);
        }
        Instant now = clock.instant();
        UserAuthorizationStore.UserAuthorization authorization = new UserAuthorizationStore.UserAuthorization(
                open.integrationId(), open.userId(), profile.id(), SealedValues.seal(vault,
                UserAuthorizationStore.UserAuthorization.vaultBinding(open.integrationId(), open.userId()), entered),
                UUID.randomUUID().toString(), now);
        jdbc.inTransaction(() -> {
            recheck(open.integrationId(), profile.id(), presets);
            if (!store.consumeLinkAndSave(tokenHash, now, authorization)) {
                throw notUsable("This authorization link was used or expired meanwhile.");
            }
            schemas.record(CredentialSchemas.USER_AUTHORIZATIONS, List.of(open.integrationId(), open.userId()),
                    authorization.credentialsId(), type.provider().plugin().version(), CredentialFieldSchema.of(type.spec().fields()));
            audit.record(actor, "authorization.stored", open.integrationId(), open.userId(), "SUCCESS",
                    "profile " + profile.id() + "; fields " + entered.all().keySet());
            return null;
        });
    }

    /**
     * Completes an end user's OAuth 2.0 flow, called by the host's callback with the flow it spent and the provider's
     * code: exchanges the code with the profile's OAuth app, asks the profile type to verify the new token, and then,
     * in one transaction, spends the link and stores the user's authorization and tokens. Nothing is stored, and the
     * link stays usable, when any step fails.
     *
     * @throws HostException saying what failed
     */
    public OAuthFlows.Completed completeOAuth(OAuthFlows.Spent flow, String code) {
        OAuthFlows.Purpose purpose = flow.purpose();
        if (purpose.kind() != OAuthFlows.Kind.END_USER || purpose.linkHash() == null) {
            throw new IllegalArgumentException("not an end user's flow: " + purpose);
        }
        UserAuthorizationStore.Link link = store.findLink(purpose.linkHash())
                .filter(found -> found.usedAt() == null && found.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> notUsable("This authorization link was used or expired meanwhile."));
        AuthorizationProfileRecord profile = profiles.find(link.profileId());
        ProfileType type = types.declaredType(profile).filter(ProfileType::isOAuth)
                .filter(found -> found.provider().plugin().pluginId().equals(purpose.pluginId()))
                .orElseThrow(() -> notUsable("The authorization this link was made for changed meanwhile."));
        CredentialForm.Values presets = profiles.presets(profile);
        CredentialForm.Values entered = CredentialForm.validate(
                CredentialForm.remaining(type.spec().fields(), presets.all().keySet()), purpose.values(),
                CredentialForm.Values.empty(), true);
        String actor = "end-user:" + link.userId();
        TokenGrant grant;
        try {
            grant = oauth.exchange(flow, code, type, presets, entered);
        } catch (OAuthFailure failure) {
            audit.record(actor, "oauth.token-failed", link.integrationId(), link.userId(), "FAILURE", "code exchange; "
                    + failure.reason() + (failure.errorCode() == null ? "" : " " + failure.errorCode()));
            throw OAuthFailureAnswers.ofRequest(failure, "The code exchange with " + integrationName(link.integrationId()));
        }
        // The plugin sees what a call will see: the user's declared values and the access token, never the OAuth app.
        Credentials credentials = Credentials.withAccessToken(OAuthAppFields.declaredOnly(presets.plus(entered).all()),
                new AccessToken(grant.accessToken(), grant.tokenType()));
        ConnectionCheck check = CredentialChecks.recorded(() -> checks.verifyProfile(type.provider(), type.id(), credentials),
                (outcome, detail) -> {
                    if (!"SUCCESS".equals(outcome)) {
                        audit.record(actor, "authorization.verified", link.integrationId(), link.userId(), outcome, detail);
                    }
                });
        try {
            if (!check.successful()) {
                throw CredentialChecks.failed(check);
            }
            store(new Completion(link.integrationId(), link.userId(), purpose.linkHash(), profile, type, presets, entered,
                    actor), grant, check.message());
        } catch (HostException notStored) {
            // Tokens the host will not keep are revoked, so that no grant is left at the provider that nobody holds.
            oauth.tokens().discard(oauth.grantor(link.integrationId(), link.userId(), UUID.randomUUID().toString(), type,
                    presets, entered), grant);
            throw notStored;
        }
        return new OAuthFlows.Completed(OAuthFlows.Kind.END_USER, link.integrationId(), integrationName(link.integrationId()),
                check.message());
    }

    private String integrationName(String integrationId) {
        return plugins.snapshot().integration(integrationId).map(installed -> installed.descriptor().name()).orElse(integrationId);
    }

    /** An end user's OAuth 2.0 authorization checked, ready to be stored. */
    private record Completion(String integrationId, String userId, String linkHash, AuthorizationProfileRecord profile,
                              ProfileType type, CredentialForm.Values presets, CredentialForm.Values entered, String actor) {
    }

    /**
     * Stores an end user's OAuth 2.0 authorization and its tokens with the same locked re-checks as {@link #complete},
     * spending the link in the same transaction; the tokens of an authorization it replaces are revoked once it is
     * committed.
     */
    private void store(Completion done, TokenGrant grant, String connectedAs) {
        Instant now = clock.instant();
        UserAuthorizationStore.UserAuthorization authorization = new UserAuthorizationStore.UserAuthorization(
                done.integrationId(), done.userId(), done.profile().id(), SealedValues.seal(vault,
                UserAuthorizationStore.UserAuthorization.vaultBinding(done.integrationId(), done.userId()), done.entered()),
                UUID.randomUUID().toString(), now);
        jdbc.inTransaction(() -> {
            recheck(done.integrationId(), done.profile().id(), done.presets());
            if (!store.consumeLinkAndSave(done.linkHash(), now, authorization)) {
                throw notUsable("This authorization link was used or expired meanwhile.");
            }
            oauth.tokens().store(oauth.grantor(done.integrationId(), done.userId(), authorization.credentialsId(), done.type(),
                    done.presets(), done.entered()), grant, connectedAs);
            schemas.record(CredentialSchemas.USER_AUTHORIZATIONS, List.of(done.integrationId(), done.userId()),
                    authorization.credentialsId(), done.type().provider().plugin().version(),
                    CredentialFieldSchema.of(done.type().spec().fields()));
            audit.record(done.actor(), "authorization.stored", done.integrationId(), done.userId(), "SUCCESS",
                    "profile " + done.profile().id() + "; OAuth 2.0 tokens, scopes " + grant.scopes()
                            + "; fields " + done.entered().all().keySet());
            return null;
        });
        // The tokens of the authorization this one replaced, if any, are orphans now.
        oauth.tokens().sweepSoon();
    }

    /**
     * Starts an end user's OAuth 2.0 consent from their link: checks the values the presets leave to them (usually
     * none) and starts a flow bound to the link; the link is spent only when the callback stores the tokens.
     *
     * @throws HostException when the link cannot be used, is not for an OAuth 2.0 profile, or a value is invalid
     */
    public OAuthFlows.Started startOAuth(String token, Map<String, ?> submitted) {
        Submission submission = submission(token, submitted, true);
        LinkPage.Open open = submission.open();
        OAuthFlows.Purpose purpose = new OAuthFlows.Purpose(OAuthFlows.Kind.END_USER, open.integrationId(), open.userId(),
                submission.tokenHash(), submission.profile().id(), submission.type().provider().plugin().pluginId(),
                submission.entered().all());
        OAuthFlows.Started started = oauth.start(purpose, submission.type(), submission.presets(), submission.entered());
        audit.record("end-user:" + open.userId(), "oauth.started", open.integrationId(), open.userId(),
                "SUCCESS", "profile " + submission.profile().id() + "; flow expires " + started.expiresAt());
        return started;
    }

    /** What an end user submitted on a usable link's page, checked against the fields the presets leave to them. */
    private record Submission(LinkPage.Open open, String tokenHash, AuthorizationProfileRecord profile, ProfileType type,
                              CredentialForm.Values presets, CredentialForm.Values entered) {
    }

    /**
     * The submission on the page of {@code token}, which must be usable and lead to a provider's consent exactly when
     * {@code oauth}.
     */
    private Submission submission(String token, Map<String, ?> submitted, boolean oauth) {
        LinkPage.Open open = usable(token);
        if (open.oauth() != oauth) {
            throw notUsable(oauth ? "This authorization link takes credentials, not a provider's consent."
                    : "This authorization link leads to the provider's consent; it takes no credentials.");
        }
        String tokenHash = Tokens.hash(token);
        AuthorizationProfileRecord profile = profiles.find(store.findLink(tokenHash).orElseThrow().profileId());
        ProfileType type = types.declaredType(profile).orElseThrow();
        CredentialForm.Values entered = CredentialForm.validate(open.fields(), submitted, CredentialForm.Values.empty(), true);
        return new Submission(open, tokenHash, profile, type, profiles.presets(profile), entered);
    }

    /** The OAuth 2.0 callback's URL, which an administrator registers with an OAuth app. */
    public URI oauthCallbackUrl() {
        return oauth.services().flows().callbackUrl();
    }

    private LinkPage.Open usable(String token) {
        if (inspect(token) instanceof LinkPage.Open open) {
            return open;
        }
        throw notUsable("This authorization link can no longer be used.");
    }

    /**
     * The plugin checked the values against what was configured then. With the configuration and the profile locked
     * (until the caller's transaction ends), a switch of profile or a change of presets made meanwhile is seen here,
     * and one made later waits for the caller to commit and then removes what it stored.
     */
    private void recheck(String integrationId, String profileId, CredentialForm.Values presets) {
        if (!authorizesThrough(configurations.findForUpdate(integrationId), profileId)) {
            throw notUsable("This authorization link was withdrawn meanwhile: the integration's authorization changed.");
        }
        if (!profiles.lockedPresets(profileId).map(CredentialForm.Values::all).equals(Optional.of(presets.all()))) {
            throw new HostException(FailureKind.PROFILE_CHANGED, "The settings of this authorization changed while your"
                    + " values were being checked.", "Submit the form again.");
        }
    }

    private static boolean authorizesThrough(Optional<IntegrationConfiguration> configuration, String profileId) {
        return configuration.filter(c -> c.mode() == AuthorizationMode.USER_AUTHORIZED && profileId.equals(c.profileId()))
                .isPresent();
    }

    private static HostException notUsable(String message) {
        return new HostException(FailureKind.LINK_NOT_USABLE, message, "Ask for a new link.");
    }
}

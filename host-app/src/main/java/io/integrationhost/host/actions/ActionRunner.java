package io.integrationhost.host.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.configuration.ConfigurationState;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import io.integrationhost.host.endusers.EndUserAuthorizations;
import io.integrationhost.host.configuration.IntegrationConfiguration;
import io.integrationhost.host.configuration.IntegrationConfigurations;
import io.integrationhost.host.oauth.OAuthFailure;
import io.integrationhost.host.oauth.OAuthFailureAnswers;
import io.integrationhost.host.oauth.OAuthServices;
import io.integrationhost.host.oauth.OAuthTokens;
import io.integrationhost.runtime.error.AuthorizationLink;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.NextStep;
import io.integrationhost.runtime.error.UpstreamErrors;
import io.integrationhost.runtime.invocation.ActionResult;
import io.integrationhost.runtime.invocation.PluginInvoker;
import io.integrationhost.runtime.invocation.RunnableIntegration;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.api.metadata.OAuth2GrantType;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs an integration's action for a client, with the host's policy around the {@link PluginInvoker}, which checks
 * the input and makes the call: the integration must be configured and enabled, the credentials are the
 * administrator's or the end user's own (an end user without them gets an authorization link), credentials the
 * remote system refuses are marked so, every call has a correlation id, and each use of stored credentials is audited
 * (queued, off the call's path: a use changes nothing, so it need not share a transaction).
 *
 * <p>OAuth 2.0 credentials (an OAuth integration's pre-authorization, or an end user of an OAuth profile type) reach
 * the plugin as their declared values and an access token, never the OAuth app or the refresh token: the token store
 * refreshes a token about to expire, and once more when the remote system refuses one, after which the call runs once
 * more. A refresh the provider refuses ({@code invalid_grant}) means the authorization is gone: the configuration goes
 * to the error state, or the end user's authorization is removed and the answer carries a new link.
 *
 * <p>Each call of a declared action of an installed integration is timed ({@link ActionTimers}), by its outcome.
 */
public final class ActionRunner {

    private final PluginRuntime plugins;
    private final IntegrationConfigurations configurations;
    private final EndUserAuthorizations endUsers;
    private final PluginInvoker invoker;
    private final AuditTrail audit;
    private final Clock clock;
    private final OAuthServices oauth;
    private final ActionTimers timers;

    public ActionRunner(PluginRuntime plugins, IntegrationConfigurations configurations, EndUserAuthorizations endUsers,
                        PluginCalls calls, AuditTrail audit, Map<String, String> environment, Clock clock,
                        OAuthServices oauth, MeterRegistry meters) {
        this.plugins = plugins;
        this.configurations = configurations;
        this.endUsers = endUsers;
        this.invoker = new PluginInvoker(calls, environment);
        this.audit = audit;
        this.clock = clock;
        this.oauth = oauth;
        this.timers = new ActionTimers(meters);
    }

    /** A successful run. */
    public record Outcome(Object result, String correlationId, long durationMillis) {
    }

    public Outcome run(String integrationId, String actionId, JsonNode input, String userId) {
        return run(integrationId, actionId, input, userId, null);
    }

    /**
     * Runs the action; for a user-authorized integration, with {@code userId}'s credentials.
     *
     * @param userName the end user's display name, or {@code null}: a link issued for them shows it on its page
     */
    public Outcome run(String integrationId, String actionId, JsonNode input, String userId, String userName) {
        InstalledIntegration installed = plugins.snapshot().integration(integrationId)
                .orElseThrow(() -> HostException.notFound("No integration with id '" + integrationId + "' is installed."));
        if (installed.descriptor().action(actionId).isEmpty()) {
            throw new HostException(FailureKind.UNKNOWN_ACTION, installed.descriptor().name() + " has no action '" + actionId + "'.",
                    "Use one of " + installed.descriptor().actions().stream().map(a -> a.id()).toList() + ".");
        }
        // Timed only from here: an unknown integration or action would add a series per name a client makes up.
        long started = System.nanoTime();
        String outcome = FailureKind.INTERNAL.kind();
        try {
            Outcome done = runDeclared(installed, actionId, input, new EndUser(userId, EndUserAuthorizations.checkUserName(userName)));
            outcome = ActionTimers.SUCCESS;
            return done;
        } catch (HostException e) {
            outcome = e.kind();
            throw e;
        } finally {
            timers.record(installed.id(), actionId, outcome, System.nanoTime() - started);
        }
    }

    /** Whom a call is for: the id the client sent (or none), and the display name a link issued for them shows. */
    private record EndUser(String id, String name) {
    }

    private Outcome runDeclared(InstalledIntegration installed, String actionId, JsonNode input, EndUser endUser) {
        String userId = endUser.id();
        String integrationId = installed.id();
        // A plugin that cannot run is the first thing to put right: no configuration would make the call work.
        RunnableIntegration code = RunnableIntegration.of(installed).orElseThrow(() -> PluginInvoker.unavailable(installed));
        IntegrationConfiguration configuration = configurations.find(integrationId).orElseThrow(() -> new HostException(
                FailureKind.NOT_CONFIGURED, installed.descriptor().name() + " is not configured.",
                "An administrator must authorize and enable it first."));
        requireEnabled(installed, configuration);
        // Neither the stored credentials nor an end user's go to a plugin other than the one the configuration was made with.
        IntegrationConfigurations.requireMadeWith(configuration, installed);

        PluginInvoker.CheckedInput checkedInput = invoker.checkInput(code, actionId, input);
        String correlationId = UUID.randomUUID().toString();
        UsedCredentials credentials;
        try {
            credentials = credentials(installed, configuration, endUser);
        } catch (HostException e) {
            throw withCorrelation(e, correlationId);
        }
        String user = configuration.mode() == AuthorizationMode.USER_AUTHORIZED ? userId : null;
        EndUser forLinks = user == null ? null : new EndUser(user, endUser.name());
        String actor = user == null ? "client" : "client for end-user:" + user;

        long started = clock.millis();
        ActionResult result;
        try {
            OAuthTokens.Lease lease = credentials.grantor().isEmpty() ? null
                    : lease(installed, configuration, forLinks, credentials, null);
            result = invoker.run(code, checkedInput, forCall(credentials, lease), correlationId);
            if (lease != null && refusedCredentials(result)) {
                // A provider may revoke an access token before it expires: one refresh, and the call runs once more.
                lease = lease(installed, configuration, forLinks, credentials, lease);
                result = invoker.run(code, checkedInput, forCall(credentials, lease), correlationId);
            }
        } catch (HostException e) {
            audit.recordLater(actor, "action.run", integrationId, user, "FAILURE",
                    detail(actionId, correlationId, clock.millis() - started) + "; " + e.kind());
            throw withCorrelation(e, correlationId);
        }
        long duration = clock.millis() - started;
        if (result instanceof ActionResult.Failed failed) {
            IntegrationError error = failed.error();
            audit.recordLater(actor, "action.run", integrationId, user, "FAILURE",
                    detail(actionId, correlationId, duration) + "; " + error.kind());
            if (error.kind() == ErrorKind.INVALID_CREDENTIALS) {
                throw withCorrelation(credentialsRejected(installed, configuration, forLinks, credentials, error), correlationId);
            }
            throw withCorrelation(UpstreamErrors.toHostException(error), correlationId);
        }
        audit.recordLater(actor, "action.run", integrationId, user, "SUCCESS", detail(actionId, correlationId, duration));
        return new Outcome(((ActionResult.Returned) result).value(), correlationId, duration);
    }

    private void requireEnabled(InstalledIntegration installed, IntegrationConfiguration configuration) {
        if (configuration.state() == ConfigurationState.ENABLED) {
            return;
        }
        String name = installed.descriptor().name();
        throw switch (configuration.state()) {
            case ERROR -> new HostException(FailureKind.INTEGRATION_ERROR, name + " needs attention: " + configuration.stateReason(),
                    "An administrator must re-authorize it.");
            case DISABLED -> new HostException(FailureKind.DISABLED, name + " is disabled.",
                    "An administrator can enable it again; its configuration was kept.");
            default -> new HostException(FailureKind.NOT_ENABLED, name + " is configured but not enabled.",
                    "An administrator must enable it.");
        };
    }

    /**
     * The credentials one call uses, with the id of that stored version: a refusal reported for them must not touch
     * credentials stored since, while the call was running.
     *
     * @param grantor for OAuth 2.0 credentials: what getting (and refreshing) their access token needs
     */
    private record UsedCredentials(CredentialForm.Values values, String id, Optional<OAuthTokens.Grantor> grantor) {
    }

    private UsedCredentials credentials(InstalledIntegration installed, IntegrationConfiguration configuration,
                                        EndUser endUser) {
        if (configuration.mode() == AuthorizationMode.PRE_AUTHORIZED) {
            CredentialForm.Values values = configurations.openValues(configuration);
            return new UsedCredentials(values, configuration.credentialsId(), configurations.grantor(configuration, installed, values));
        }
        String user = EndUserAuthorizations.checkUserId(endUser.id());
        EndUserAuthorizations.UserCredentials own = endUsers.userCredentials(installed.id(), user)
                .orElseThrow(() -> authorizationRequired(installed, configuration, new EndUser(user, endUser.name()),
                        "The end user '" + user + "' has not authorized " + installed.descriptor().name() + " yet."));
        Optional<OAuthTokens.Grantor> grantor = own.oauth2() == null ? Optional.empty()
                : Optional.of(oauth.grantor(new OAuthTokens.Owner(installed.id(), user), own.credentialsId(), own.oauth2(),
                        own.oauthIntegrationId(), own.values().all()));
        return new UsedCredentials(own.values(), own.credentialsId(), grantor);
    }

    /** What the plugin receives: the values, or for OAuth 2.0 the declared values and the access token (never the app's). */
    private static Credentials forCall(UsedCredentials credentials, OAuthTokens.Lease lease) {
        return lease == null ? Credentials.of(credentials.values().all())
                : Credentials.withAccessToken(OAuthAppFields.declaredOnly(credentials.values().all()), lease.token());
    }

    private static boolean refusedCredentials(ActionResult result) {
        return result instanceof ActionResult.Failed failed && failed.error().kind() == ErrorKind.INVALID_CREDENTIALS;
    }

    /**
     * The access token for the call: the stored one, refreshed when it is about to expire, or, after the remote system
     * refused {@code refused}, refreshed once.
     *
     * @throws HostException when no token can be had: the authorization is gone ({@code invalid_grant}; the
     *     configuration or the end user's authorization is marked so), or the provider failed (nothing is marked)
     */
    private OAuthTokens.Lease lease(InstalledIntegration installed, IntegrationConfiguration configuration, EndUser endUser,
                                    UsedCredentials credentials, OAuthTokens.Lease refused) {
        OAuthTokens.Grantor grantor = credentials.grantor().orElseThrow();
        try {
            return refused == null ? oauth.tokens().forCall(grantor) : oauth.tokens().afterRejection(grantor, refused);
        } catch (OAuthFailure failure) {
            if (failure.reason() != OAuthFailure.Reason.GRANT_REJECTED) {
                throw OAuthFailureAnswers.ofRequest(failure, "Refreshing the access token for " + installed.descriptor().name());
            }
            throw authorizationGone(installed, configuration, endUser, credentials, failure,
                    "the provider refused the refresh token (" + failure.errorCode() + ")");
        } catch (NoSuchElementException none) {
            throw authorizationGone(installed, configuration, endUser, credentials, null, "no OAuth 2.0 tokens are stored");
        }
    }

    /**
     * The authorization behind OAuth 2.0 credentials is gone: the pre-authorized configuration goes to the error state
     * (an administrator connects it again), or the end user's authorization and tokens are removed and the answer
     * carries a new link. Audited by the marking.
     */
    private HostException authorizationGone(InstalledIntegration installed, IntegrationConfiguration configuration,
                                            EndUser endUser, UsedCredentials credentials, OAuthFailure failure, String reason) {
        String name = installed.descriptor().name();
        if (endUser != null) {
            forgetUser(installed, endUser.id(), credentials, reason);
            return authorizationRequired(installed, configuration, endUser, name + " no longer accepts the end user's"
                    + " authorization: " + reason + ".");
        }
        configurations.markCredentialsRejected(configuration, reason);
        Map<String, Object> details = new LinkedHashMap<>();
        if (failure != null && failure.errorCode() != null) {
            details.put("providerError", failure.errorCode());
        }
        boolean consent = installed.descriptor().authorization().oauth2().offers(OAuth2GrantType.AUTHORIZATION_CODE);
        return new HostException(FailureKind.OAUTH_GRANT_REJECTED, name + " no longer accepts the stored authorization: "
                + reason + ".", "An administrator must " + (consent ? "connect it again (consent at the provider)."
                : "store the OAuth app's credentials again."), details)
                .withNextStep(consent ? NextStep.connectOAuth(installed.id()) : NextStep.authorize(installed.id()));
    }

    /**
     * Removes an end user's refused authorization; its tokens, if any, are revoked and removed by the sweep the removal
     * asks for, in the background, so the answer does not wait for the provider.
     */
    private void forgetUser(InstalledIntegration installed, String userId, UsedCredentials credentials, String reason) {
        endUsers.invalidate(installed.id(), userId, credentials.id(), reason);
    }

    private HostException credentialsRejected(InstalledIntegration installed, IntegrationConfiguration configuration,
                                              EndUser endUser, UsedCredentials credentials, IntegrationError error) {
        String reason = error.upstreamDetail() != null ? error.upstreamDetail() : error.message();
        if (endUser == null) {
            configurations.markCredentialsRejected(configuration, reason);
            Map<String, Object> details = new LinkedHashMap<>(UpstreamErrors.details(error));
            return new HostException(FailureKind.UPSTREAM_INVALID_CREDENTIALS, installed.descriptor().name()
                    + " rejected the stored credentials: " + reason, "An administrator must re-authorize the integration.",
                    details).withUpstream(UpstreamErrors.upstream(error));
        }
        forgetUser(installed, endUser.id(), credentials, reason);
        return authorizationRequired(installed, configuration, endUser, installed.descriptor().name()
                + " rejected the end user's credentials: " + reason);
    }

    private HostException authorizationRequired(InstalledIntegration installed, IntegrationConfiguration configuration,
                                                EndUser endUser, String message) {
        String userId = endUser.id();
        EndUserAuthorizations.IssuedLink link = endUsers.issueLink(installed.id(), userId, endUser.name(), configuration.profileId());
        return new HostException(FailureKind.AUTHORIZATION_REQUIRED, message,
                "Send the end user the authorization link; it works once, until it expires. Then run the action again.")
                .withAuthorizationLink(new AuthorizationLink(userId, link.url(), link.expiresAt().toString()));
    }

    private static HostException withCorrelation(HostException failure, String correlationId) {
        Map<String, Object> details = new LinkedHashMap<>(failure.details());
        details.put("correlationId", correlationId);
        return failure.withDetails(details);
    }

    private static String detail(String actionId, String correlationId, long durationMillis) {
        return "action " + actionId + "; correlation " + correlationId + "; " + durationMillis + " ms";
    }
}

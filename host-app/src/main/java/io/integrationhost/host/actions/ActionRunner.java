package io.integrationhost.host.actions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationhost.api.ActionCall;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.Integration;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.configuration.ConfigurationState;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.host.endusers.EndUserAuthorizations;
import io.integrationhost.host.configuration.IntegrationConfiguration;
import io.integrationhost.host.configuration.IntegrationConfigurations;
import io.integrationhost.runtime.error.AuthorizationLink;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.UpstreamErrors;
import io.integrationhost.runtime.error.Violation;
import io.integrationhost.runtime.plugins.HostIntegrationContext;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginRuntime;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs an integration's action for a client: checks that it may run, validates the input against the
 * action's schema before the plugin sees it, picks the credentials (the administrator's, or the end
 * user's own), calls the plugin within its time limit, and turns every failure into a typed answer.
 * Each use of stored credentials is audited.
 */
public final class ActionRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> INPUT = new TypeReference<>() { };

    private final PluginRuntime plugins;
    private final IntegrationConfigurations configurations;
    private final EndUserAuthorizations endUsers;
    private final PluginCalls calls;
    private final AuditTrail audit;
    private final Map<String, String> environment;
    private final Clock clock;

    public ActionRunner(PluginRuntime plugins, IntegrationConfigurations configurations, EndUserAuthorizations endUsers,
                        PluginCalls calls, AuditTrail audit, Map<String, String> environment, Clock clock) {
        this.plugins = plugins;
        this.configurations = configurations;
        this.endUsers = endUsers;
        this.calls = calls;
        this.audit = audit;
        this.environment = environment;
        this.clock = clock;
    }

    /** A successful run. */
    public record Outcome(Object result, String correlationId, long durationMillis) {
    }

    public Outcome run(String integrationId, String actionId, JsonNode input, String userId) {
        InstalledIntegration installed = plugins.snapshot().integration(integrationId)
                .orElseThrow(() -> HostException.notFound("No integration with id '" + integrationId + "' is installed."));
        if (installed.descriptor().action(actionId).isEmpty()) {
            throw new HostException(FailureKind.UNKNOWN_ACTION, installed.descriptor().name() + " has no action '" + actionId + "'.",
                    "Use one of " + installed.descriptor().actions().stream().map(a -> a.id()).toList() + ".");
        }
        // A plugin that cannot run is the first thing to put right: no configuration would make the call work.
        Integration code = installed.runnable().orElseThrow(() -> HostException.pluginUnavailable(
                "The plugin of " + installed.descriptor().name() + " is " + installed.plugin().state() + ": "
                        + installed.plugin().reason(), "Check the plugin on the Plugins page."));
        IntegrationConfiguration configuration = configurations.find(integrationId).orElseThrow(() -> new HostException(
                FailureKind.NOT_CONFIGURED, installed.descriptor().name() + " is not configured.",
                "An administrator must authorize and enable it first."));
        requireEnabled(installed, configuration);
        // Neither the stored credentials nor an end user's go to a plugin other than the one the configuration was made with.
        IntegrationConfigurations.requireMadeWith(configuration, installed);

        JsonNode checkedInput = validInput(installed, actionId, input);
        String correlationId = UUID.randomUUID().toString();
        UsedCredentials credentials;
        try {
            credentials = credentials(installed, configuration, userId);
        } catch (HostException e) {
            throw withCorrelation(e, correlationId);
        }
        String user = configuration.mode() == AuthorizationMode.USER_AUTHORIZED ? userId : null;
        String actor = user == null ? "client" : "client for end-user:" + user;

        long started = clock.millis();
        try {
            ActionCall call = new ActionCall(actionId, JSON.convertValue(checkedInput, INPUT), Credentials.of(credentials.values().all()),
                    new HostIntegrationContext(integrationId, environment, calls.timeout(), correlationId));
            Object result = calls.call(installed.plugin().pluginId(), code.getClass().getClassLoader(),
                    integrationId + "/" + actionId, () -> code.execute(call));
            long duration = clock.millis() - started;
            audit.record(actor, "action.run", integrationId, user, "SUCCESS", detail(actionId, correlationId, duration));
            return new Outcome(result, correlationId, duration);
        } catch (IntegrationException e) {
            long duration = clock.millis() - started;
            audit.record(actor, "action.run", integrationId, user, "FAILURE",
                    detail(actionId, correlationId, duration) + "; " + e.error().kind());
            if (e.error().kind() == ErrorKind.INVALID_CREDENTIALS) {
                throw withCorrelation(credentialsRejected(installed, configuration, user, credentials.id(), e), correlationId);
            }
            throw withCorrelation(UpstreamErrors.toHostException(e.error()), correlationId);
        } catch (HostException e) {
            audit.record(actor, "action.run", integrationId, user, "FAILURE",
                    detail(actionId, correlationId, clock.millis() - started) + "; " + e.kind());
            throw withCorrelation(e, correlationId);
        }
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

    private static JsonNode validInput(InstalledIntegration installed, String actionId, JsonNode input) {
        JsonNode checked = input == null || input.isNull() || input.isMissingNode() ? JsonNodeFactory.instance.objectNode() : input;
        if (!checked.isObject()) {
            throw HostException.badRequest("'input' must be a JSON object.", "Send the action's input as an object.");
        }
        var withDefaults = installed.inputSchemas().check(actionId, checked);
        List<String> violations = withDefaults.violations();
        if (!violations.isEmpty()) {
            throw new HostException(FailureKind.INVALID_INPUT, "The input does not match the action's input schema.",
                    "Correct the fields listed in 'violations'; the schema is in the integration's catalog entry.")
                    .withViolations(violations.stream().map(Violation::text).toList());
        }
        return withDefaults.input();
    }

    /**
     * The credentials one call uses, with the id of that stored version: a refusal reported for them must not touch
     * credentials stored since, while the call was running.
     */
    private record UsedCredentials(CredentialForm.Values values, String id) {
    }

    private UsedCredentials credentials(InstalledIntegration installed, IntegrationConfiguration configuration,
                                        String userId) {
        if (configuration.mode() == AuthorizationMode.PRE_AUTHORIZED) {
            return new UsedCredentials(configurations.openValues(configuration), configuration.credentialsId());
        }
        String user = EndUserAuthorizations.checkUserId(userId);
        EndUserAuthorizations.UserCredentials own = endUsers.userCredentials(installed.id(), user)
                .orElseThrow(() -> authorizationRequired(installed, configuration, user,
                        "The end user '" + user + "' has not authorized " + installed.descriptor().name() + " yet."));
        return new UsedCredentials(own.values(), own.credentialsId());
    }

    private HostException credentialsRejected(InstalledIntegration installed, IntegrationConfiguration configuration,
                                              String userId, String credentialsId, IntegrationException e) {
        String reason = e.error().upstreamDetail() != null ? e.error().upstreamDetail() : e.error().message();
        if (userId == null) {
            configurations.markCredentialsRejected(configuration, reason);
            Map<String, Object> details = new LinkedHashMap<>(UpstreamErrors.details(e.error()));
            return new HostException(FailureKind.UPSTREAM_INVALID_CREDENTIALS, installed.descriptor().name()
                    + " rejected the stored credentials: " + reason, "An administrator must re-authorize the integration.",
                    details).withUpstream(UpstreamErrors.upstream(e.error()));
        }
        endUsers.invalidate(installed.id(), userId, credentialsId, reason);
        return authorizationRequired(installed, configuration, userId, installed.descriptor().name()
                + " rejected the end user's credentials: " + reason);
    }

    private HostException authorizationRequired(InstalledIntegration installed, IntegrationConfiguration configuration,
                                                String userId, String message) {
        EndUserAuthorizations.IssuedLink link = endUsers.issueLink(installed.id(), userId, configuration.profileId());
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

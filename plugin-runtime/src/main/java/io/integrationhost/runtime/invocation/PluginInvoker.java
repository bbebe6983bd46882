package io.integrationhost.runtime.invocation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationhost.api.ActionCall;
import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.Violation;
import io.integrationhost.runtime.json.Json;
import io.integrationhost.runtime.plugins.ActionInputSchemas;
import io.integrationhost.runtime.plugins.HostIntegrationContext;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.worker.OutOfProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The one place that calls a plugin's code, for the host and the plugin test kit alike: an action's input is
 * checked against its schema (defaults filled in) before the plugin sees it, credential values against the
 * declared fields, the call gets its context (operator settings, time limit, correlation id) and runs under the
 * plugin's class loader within the time limit, and every way it can end is a typed value: a result, the plugin's
 * {@code IntegrationError}, a {@link ConnectionCheck}, or a {@link HostException} (time-out, crash, no answer, a
 * refused input). What a caller does with those (audit, stored state, assertions) is the caller's.
 *
 * <p>It knows a {@link RunnableIntegration}, not where its code runs: in this process on the plugin-call pool, or in the
 * plugin's worker process ({@link OutOfProcess}), whose code stands in for the plugin's and is called the same way.
 */
public final class PluginInvoker {

    private static final TypeReference<Map<String, Object>> INPUT = new TypeReference<>() { };
    /** Read from the tree, never written: nulls the client sent stay, and numbers are Integer, Long or Double. */
    private static final ObjectReader INPUT_READER = Json.mapper().readerFor(INPUT);

    private final PluginCalls calls;
    private final Map<String, String> environment;
    private final Consumer<Throwable> crashes;

    /** Calls on {@code calls}' pool and time limit, with operator settings from {@code environment}. */
    public PluginInvoker(PluginCalls calls, Map<String, String> environment) {
        this(calls, environment, crash -> { });
    }

    /**
     * Like {@link #PluginInvoker(PluginCalls, Map)}, handing {@code crashes} what a plugin's code threw other than an
     * {@code IntegrationException}, on the call's thread: a test kit shows it to the developer. The host does not
     * look at it, since a plugin's own exception message may quote its input.
     */
    public PluginInvoker(PluginCalls calls, Map<String, String> environment, Consumer<Throwable> crashes) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.environment = Map.copyOf(environment);
        this.crashes = Objects.requireNonNull(crashes, "crashes");
    }

    /** An action's input as the plugin receives it: checked, with the schema's defaults filled in. */
    public record CheckedInput(String actionId, Map<String, Object> values) {
    }

    /**
     * Checks {@code input} for action {@code actionId}: none (null, JSON null, missing) is {@code {}}, anything but an
     * object is refused, and the result must keep the action's input schema once its defaults are filled in.
     *
     * @throws HostException {@code INVALID_REQUEST} for an input that is no object, {@code INVALID_INPUT} listing every
     *     violation of the schema
     */
    public CheckedInput checkInput(RunnableIntegration target, String actionId, JsonNode input) {
        JsonNode given = input == null || input.isNull() || input.isMissingNode() ? JsonNodeFactory.instance.objectNode() : input;
        if (!given.isObject()) {
            throw HostException.badRequest("'input' must be a JSON object.", "Send the action's input as an object.");
        }
        ActionInputSchemas.Checked checked = target.inputSchemas().check(actionId, given);
        if (!checked.valid()) {
            throw new HostException(FailureKind.INVALID_INPUT, "The input does not match the action's input schema.",
                    "Correct the fields listed in 'violations'; the schema is in the integration's catalog entry.")
                    .withViolations(checked.violations().stream().map(Violation::text).toList());
        }
        try {
            return new CheckedInput(actionId, INPUT_READER.readValue(checked.input()));
        } catch (IOException e) {
            throw new UncheckedIOException("An object node is always a map", e);
        }
    }

    /**
     * Credential values as the plugin receives them: checked against the declared {@code fields}, every required one
     * present, trimmed.
     *
     * @throws HostException {@code VALIDATION_FAILED} listing every problem by field
     */
    public static CredentialForm.Values checkedCredentials(List<CredentialField> fields, Map<String, ?> values) {
        return CredentialForm.validate(fields, values, CredentialForm.Values.empty(), true);
    }

    /**
     * Runs a checked action with {@code credentials}.
     *
     * @throws HostException when the plugin gave no answer: it did not answer in time, crashed, or the host is busy
     */
    public ActionResult run(RunnableIntegration target, CheckedInput input, Credentials credentials, String correlationId) {
        ActionCall call = new ActionCall(input.actionId(), input.values(), credentials, context(target, correlationId));
        try {
            return new ActionResult.Returned(call(target, input.actionId(), () -> target.code().execute(call)));
        } catch (IntegrationException e) {
            return failed(e);
        }
    }

    /**
     * Runs the integration's connection test; a plugin's {@code IntegrationException} is a failed check.
     *
     * @throws HostException when the plugin gave no answer (including a {@code null} one: {@code PLUGIN_ERROR})
     */
    public ConnectionCheck testConnection(RunnableIntegration target, CredentialForm.Values values) {
        return testConnection(target, Credentials.of(values.all()));
    }

    /**
     * Runs the integration's connection test with {@code credentials} as given, such as an OAuth 2.0 configuration's
     * declared values with its access token ({@link Credentials#withAccessToken}); otherwise as
     * {@link #testConnection(RunnableIntegration, CredentialForm.Values)}.
     */
    public ConnectionCheck testConnection(RunnableIntegration target, Credentials credentials) {
        IntegrationContext context = context(target, UUID.randomUUID().toString());
        return check(target, "connection-test", () -> target.code().testConnection(credentials, context));
    }

    /**
     * Runs the verification of profile type {@code profileTypeId}, as {@link #testConnection} does.
     *
     * @throws HostException {@code PLUGIN_UNAVAILABLE} when the plugin offers no such profile type, or as
     *     {@link #testConnection}
     */
    public ConnectionCheck verify(RunnableIntegration target, String profileTypeId, CredentialForm.Values values) {
        return verify(target, profileTypeId, Credentials.of(values.all()));
    }

    /** Runs the verification of profile type {@code profileTypeId} with {@code credentials} as given (an access token too). */
    public ConnectionCheck verify(RunnableIntegration target, String profileTypeId, Credentials credentials) {
        AuthorizationProfile profile = target.profiles().get(profileTypeId);
        if (profile == null) {
            throw unavailable(target.id(), "it does not offer the profile type '" + profileTypeId + "'");
        }
        IntegrationContext context = context(target, UUID.randomUUID().toString());
        return check(target, "verify-" + profileTypeId, () -> profile.verify(credentials, context));
    }

    /** The context a call of {@code target} gets. */
    public IntegrationContext context(RunnableIntegration target, String correlationId) {
        return new HostIntegrationContext(target.id(), environment, calls.timeout(), correlationId);
    }

    /**
     * The one refusal of a call to an integration that cannot run ({@code PLUGIN_UNAVAILABLE}): an action, a connection
     * test and a verification are refused alike.
     */
    public static HostException unavailable(InstalledIntegration installed) {
        return unavailable(installed.id(), whyNotRunnable(installed));
    }

    /** Such as "its plugin is failed: Failed to start: …". */
    public static String whyNotRunnable(InstalledIntegration installed) {
        return "its plugin is " + installed.plugin().state().name().toLowerCase(Locale.ROOT)
                + (installed.plugin().reason() == null ? "" : ": " + installed.plugin().reason());
    }

    /** The refusal of a call to integration {@code integrationId}, which cannot run for the reason {@code why}. */
    public static HostException unavailable(String integrationId, String why) {
        return HostException.pluginUnavailable("The integration '" + integrationId + "' cannot run: " + why + ".",
                "Check the plugin on the Plugins page; fix or reinstall it.");
    }

    private ConnectionCheck check(RunnableIntegration target, String what, PluginCalls.PluginWork<ConnectionCheck> work) {
        ConnectionCheck check;
        try {
            check = call(target, what, work);
        } catch (IntegrationException e) {
            return ConnectionCheck.failed(failed(e).error());
        }
        if (check == null) {
            throw new HostException(FailureKind.PLUGIN_ERROR, "The integration's connection test gave no answer.",
                    "Report this to the plugin's provider.");
        }
        return check;
    }

    private <T> T call(RunnableIntegration target, String what, PluginCalls.PluginWork<T> work) throws IntegrationException {
        if (target.code() instanceof OutOfProcess) {
            // Its worker keeps the time limit and the plugin's share of calls; this thread only waits for the answer.
            return work.run();
        }
        return calls.call(target.pluginId(), target.classLoader(), target.id() + "/" + what, () -> {
            try {
                return work.run();
            } catch (RuntimeException | Error e) {
                crashes.accept(e);
                throw e;
            }
        });
    }

    /** The failure of a plugin whose {@code IntegrationException} carries no error, in its process or its worker. */
    public static HostException noError() {
        return new HostException(FailureKind.PLUGIN_ERROR, "The integration failed with an IntegrationException that"
                + " carries no IntegrationError.", "Report this to the plugin's provider.");
    }

    /** A subclass may answer no error; that is the plugin's mistake, not a typed failure. */
    private static ActionResult.Failed failed(IntegrationException e) {
        if (e.error() == null) {
            throw noError();
        }
        return new ActionResult.Failed(e.error());
    }
}

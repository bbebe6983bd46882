package io.integrationhost.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.api.ActionCall;
import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.Integration;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.Violation;
import io.integrationhost.runtime.plugins.ActionInputSchemas;
import io.integrationhost.runtime.plugins.HostIntegrationContext;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginState;
import io.integrationhost.runtime.plugins.PluginStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-process host for one built plugin jar: it loads the jar with the host's own plugin runtime (so
 * the plugin gets the host's class loading, descriptor checks and extension lookup), then runs the
 * connection test, profile verification and actions as the host does: credential values checked against
 * the declared fields, input checked against the action's input schema before the plugin sees it (with the
 * schema's defaults filled in), a time limit, and operator settings that the test supplies. One check goes
 * beyond the host: a result is checked against the action's {@code output.schema}, where it declares one, so
 * a plugin cannot drift from what its descriptor tells clients to expect.
 *
 * <pre>{@code
 * try (PluginHarness plugin = PluginHarness.forBuiltJar()
 *         .setting("BASE_URL", api.baseUrl())          // read by the plugin as context.setting("BASE_URL")
 *         .credentials(Map.of("apiKey", "test-key"))
 *         .start()) {
 *     assertThat(plugin.testConnection(Map.of("apiKey", "test-key")).successful()).isTrue();
 *     assertThat(plugin.run("get-item", Map.of("id", "42")).json().path("id").asText()).isEqualTo("42");
 * }
 * }</pre>
 *
 * <p>Meant for one test thread at a time; close it to stop the plugin and release its jar.
 */
public final class PluginHarness implements AutoCloseable {

    /** How long a call may take unless the test says otherwise; shorter than the host's 30 s so a hang fails fast. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> INPUT = new TypeReference<>() { };

    private final LoadedPlugin loaded;
    private final InstalledIntegration integration;
    private final Integration code;
    private final PluginCalls calls;
    private final Map<String, String> environment;
    private final Map<String, String> credentials;
    private final ActionOutputSchemas outputSchemas;

    private PluginHarness(LoadedPlugin loaded, InstalledIntegration integration, PluginCalls calls,
                          Map<String, String> environment, Map<String, String> credentials) {
        this.loaded = loaded;
        this.integration = integration;
        this.code = integration.runnable().orElseThrow();
        this.calls = calls;
        this.environment = Map.copyOf(environment);
        this.credentials = Map.copyOf(credentials);
        this.outputSchemas = ActionOutputSchemas.compile(integration.descriptor());
    }

    /** A harness for {@code jar}, to configure and {@link Builder#start() start}. */
    public static Builder forJar(Path jar) {
        return new Builder(jar);
    }

    /** A harness for the jar this project's build packaged (see {@link BuiltPluginJar#path()}). */
    public static Builder forBuiltJar() {
        return forJar(BuiltPluginJar.path());
    }

    /** How the harness runs the plugin: its operator settings, default credentials and time limit. */
    public static final class Builder {
        private final Path jar;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Map<String, String> credentials = Map.of();
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

        private Builder(Path jar) {
            this.jar = Objects.requireNonNull(jar, "jar");
        }

        /**
         * An operator setting, as the plugin reads it with {@code context.setting(name)}; in a real host it
         * comes from the environment variable {@code <INTEGRATION-ID>_<NAME>}.
         */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The credential values calls use unless a call names its own. */
        public Builder credentials(Map<String, String> values) {
            this.credentials = Map.copyOf(values);
            return this;
        }

        /** The time limit of each call (the host's is {@code HOST_ACTION_TIMEOUT_SECONDS}, 30 s by default). */
        public Builder callTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The call timeout must be positive, was " + timeout);
            }
            this.callTimeout = timeout;
            return this;
        }

        /**
         * Loads the jar and starts the plugin.
         *
         * @throws AssertionError when the host would not start it, with the host's reason
         */
        public PluginHarness start() {
            LoadedPlugin loaded = LoadedPlugin.load(jar);
            PluginStatus status = loaded.status();
            InstalledIntegration installed = loaded.integration().orElse(null);
            if (status.state() != PluginState.STARTED || installed == null || installed.runnable().isEmpty()) {
                loaded.close();
                throw new AssertionError("The host does not start the plugin in " + jar + "; it is " + status.state() + ": "
                        + status.reason() + "\nRun PluginContract.forJar(jar).verify() for every violation.");
            }
            Map<String, String> environment = new LinkedHashMap<>();
            settings.forEach((name, value) -> environment.put(variable(installed.id(), name), value));
            return new PluginHarness(loaded, installed, new PluginCalls(2, 16, callTimeout), environment, credentials);
        }

        /** The host's name for setting {@code name} of integration {@code id}, as {@code HostIntegrationContext} reads it. */
        static String variable(String integrationId, String name) {
            return HostIntegrationContext.variable(integrationId, name);
        }
    }

    /** The plugin's validated descriptor, as the host holds it. */
    public IntegrationDescriptor descriptor() {
        return integration.descriptor();
    }

    /**
     * Every way {@code values} break the integration's credential fields (missing required values, unknown
     * keys, patterns), as {@code "field: message"}; empty when the host would accept them.
     */
    public List<String> credentialViolations(Map<String, ?> values) {
        return credentialViolations(descriptor().authorization().fields(), values);
    }

    /**
     * Runs the integration's connection test with {@code values}, as the host does before it stores an
     * administrator's credentials. A plugin's {@code IntegrationException} becomes a failed check, as in the host.
     *
     * @throws AssertionError when the host would refuse the values before asking the plugin, or the test crashes or hangs
     */
    public ConnectionCheck testConnection(Map<String, String> values) {
        Credentials checked = validCredentials(descriptor().authorization().fields(), values);
        return check("connection-test", () -> code.testConnection(checked, context()));
    }

    /**
     * Runs a profile type's verification with an end user's {@code values}, as the host does before it stores them.
     *
     * @throws AssertionError when the descriptor declares no such profile type, the host would refuse the values,
     *     or the verification crashes or hangs
     */
    public ConnectionCheck verifyProfile(String profileTypeId, Map<String, String> values) {
        ProfileTypeSpec type = descriptor().profileType(profileTypeId).orElseThrow(() -> new AssertionError(
                descriptor().id() + " declares no authorization profile type '" + profileTypeId + "'; it declares "
                        + descriptor().authorizationProfiles().stream().map(ProfileTypeSpec::id).toList() + "."));
        AuthorizationProfile profile = integration.profiles().get(type.id());
        Credentials checked = validCredentials(type.fields(), values);
        return check("verify-" + profileTypeId, () -> profile.verify(checked, context()));
    }

    /** Runs an action with the default credentials; {@code input} is JSON-like data (maps, lists, strings, numbers). */
    public ActionOutcome run(String actionId, Map<String, ?> input) {
        return run(actionId, input, credentials);
    }

    /** Runs an action with the default credentials; {@code inputJson} is the input as a client would send it. */
    public ActionOutcome run(String actionId, String inputJson) {
        JsonNode input;
        try {
            input = JSON.readTree(inputJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The input is not JSON: " + e.getOriginalMessage(), e);
        }
        return runChecked(actionId, input, credentials);
    }

    /** Runs an action with these credential values instead of the default ones. */
    public ActionOutcome run(String actionId, Map<String, ?> input, Map<String, String> credentialValues) {
        return runChecked(actionId, input == null ? null : JSON.valueToTree(input), credentialValues);
    }

    private ActionOutcome runChecked(String actionId, JsonNode input, Map<String, String> credentialValues) {
        IntegrationDescriptor descriptor = descriptor();
        if (descriptor.action(actionId).isEmpty()) {
            throw new AssertionError(descriptor.id() + " declares no action '" + actionId + "'; it declares "
                    + descriptor.actions().stream().map(ActionSpec::id).toList() + ".");
        }
        JsonNode checkedInput = input == null || input.isNull() ? JSON.createObjectNode() : input;
        if (!checkedInput.isObject()) {
            return ActionOutcome.inputRefused(actionId, List.of("'input' must be a JSON object."));
        }
        ActionInputSchemas.Checked checked = integration.inputSchemas().check(actionId, checkedInput);
        if (!checked.valid()) {
            return ActionOutcome.inputRefused(actionId, checked.violations());
        }
        // Through JSON and back, as input reaches the plugin in the host: numbers as Integer, Long or Double, and
        // the input schema's defaults filled in.
        ActionCall call = new ActionCall(actionId, JSON.convertValue(checked.input(), INPUT),
                validCredentials(descriptor.authorization().fields(), credentialValues), context());
        AtomicReference<Throwable> crash = new AtomicReference<>();
        try {
            Object result = calls.call(integration.plugin().pluginId(), code.getClass().getClassLoader(),
                    descriptor.id() + "/" + actionId, () -> {
                try {
                    return code.execute(call);
                } catch (RuntimeException | Error e) {
                    crash.set(e);
                    throw e;
                }
            });
            List<String> mismatches = outputSchemas.violations(actionId, result);
            return mismatches.isEmpty() ? ActionOutcome.returned(actionId, result)
                    : ActionOutcome.crashed(actionId, "It returned a result that does not match the action's output schema: "
                            + mismatches + ".", null);
        } catch (IntegrationException e) {
            return e.error() == null
                    ? ActionOutcome.crashed(actionId, "It threw an IntegrationException without an IntegrationError.", e)
                    : ActionOutcome.failed(actionId, e.error());
        } catch (HostException e) {
            return e.failureKind() == FailureKind.PLUGIN_TIMEOUT ? ActionOutcome.timedOut(actionId, e.getMessage())
                    : ActionOutcome.crashed(actionId, e.getMessage(), crash.get());
        }
    }

    private ConnectionCheck check(String what, PluginCalls.PluginWork<ConnectionCheck> work) {
        AtomicReference<Throwable> crash = new AtomicReference<>();
        ConnectionCheck check;
        try {
            check = calls.call(integration.plugin().pluginId(), code.getClass().getClassLoader(),
                    descriptor().id() + "/" + what, () -> {
                try {
                    return work.run();
                } catch (RuntimeException | Error e) {
                    crash.set(e);
                    throw e;
                }
            });
        } catch (IntegrationException e) {
            return ConnectionCheck.failed(e.error());
        } catch (HostException e) {
            throw new AssertionError(what + " of " + descriptor().id() + " did not answer: " + e.getMessage(), crash.get());
        }
        if (check == null) {
            throw new AssertionError(what + " of " + descriptor().id() + " returned no ConnectionCheck; the host treats "
                    + "that as a plugin error.");
        }
        return check;
    }

    private static List<String> credentialViolations(List<CredentialField> fields, Map<String, ?> values) {
        try {
            CredentialForm.validate(fields, values, CredentialForm.Values.empty(), true);
            return List.of();
        } catch (HostException e) {
            return e.violations().isEmpty() ? List.of(e.getMessage())
                    : e.violations().stream().map(Violation::describe).toList();
        }
    }

    /** The values as the plugin receives them once the host accepted them (trimmed), or an assertion error saying why not. */
    private static Credentials validCredentials(List<CredentialField> fields, Map<String, String> values) {
        try {
            return Credentials.of(CredentialForm.validate(fields, values, CredentialForm.Values.empty(), true).all());
        } catch (HostException e) {
            throw new AssertionError("The host would refuse these credential values before calling the plugin: "
                    + credentialViolations(fields, values) + ". Pass values for the declared fields "
                    + fields.stream().map(CredentialField::key).toList() + " (PluginHarness.Builder.credentials sets the default).");
        }
    }

    private HostIntegrationContext context() {
        return new HostIntegrationContext(descriptor().id(), environment, calls.timeout(), UUID.randomUUID().toString());
    }

    /** Stops the plugin (closing its extensions, as the host does on unload) and deletes its temporary plugins folder. */
    @Override
    public void close() {
        calls.close();
        loaded.close();
    }
}

package io.integrationhost.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.AccessToken;
import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.Integration;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.api.metadata.AuthorizationType;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.Violation;
import io.integrationhost.runtime.invocation.ActionResult;
import io.integrationhost.runtime.invocation.PluginInvoker;
import io.integrationhost.runtime.invocation.RunnableIntegration;
import io.integrationhost.runtime.json.Json;
import io.integrationhost.runtime.plugins.HostIntegrationContext;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.worker.Isolation;
import io.integrationhost.runtime.worker.OutOfProcess;
import io.integrationhost.runtime.worker.PluginWorker;
import io.integrationhost.runtime.worker.Sandbox;
import io.integrationhost.runtime.worker.WorkerSettings;
import io.integrationhost.runtime.worker.WorkerStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An in-process host for one built plugin jar: it loads the jar with the host's own plugin runtime (so
 * the plugin gets the host's class loading, descriptor checks and extension lookup), then runs the
 * connection test, profile verification and actions through the host's own plugin invoker, as the host does:
 * credential values checked against the declared fields, input checked against the action's input schema before the plugin sees it (with the
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
 * <p>An OAuth 2.0 plugin gets the access token the host would obtain and keep fresh: {@link Builder#accessToken(String)}
 * gives the token that calls of an OAuth 2.0 authorization or profile type carry, beside the declared values only
 * (never the OAuth app's client id, secret or scopes), as {@code Credentials.withAccessToken}; a call may name its own
 * token, such as a revoked one. The harness does not talk to an authorization server: the host's flows do that.
 *
 * <pre>{@code
 * try (PluginHarness plugin = PluginHarness.forBuiltJar()
 *         .setting("BASE_URL", api.baseUrl())
 *         .credentials(Map.of("subdomain", "acme"))
 *         .accessToken("test-access-token")                // credentials.requireAccessToken() in the plugin
 *         .start()) {
 *     api.requiresBearerToken("test-access-token");
 *     assertThat(plugin.run("get-item", Map.of("id", "42")).json().path("id").asText()).isEqualTo("42");
 * }
 * }</pre>
 *
 * <p>{@link #forExtensions(Integration, Map)} runs extension instances a test made itself (with a stub's address,
 * a recording sleeper, a fixed clock) the same way, without a jar: the descriptor comes from the test class
 * path and is checked by the host's rules, and the calls go through the same invoker.
 *
 * <p>{@link Builder#inWorker()} runs a jar's code in a worker process of its own, as the host runs every plugin an
 * operator has not named in {@code HOST_IN_PROCESS_PLUGINS}: a JVM with a heap limit, the plugin's settings as its only
 * environment, a temporary working folder, and a bubblewrap sandbox where one can run. The calls go through the same
 * invoker and the same checks; what the worker adds shows: a plugin that ends its process ({@code System.exit}, a full
 * heap) answers {@link ActionOutcome.Kind#WORKER_CRASHED}, the next call starts a new worker, and
 * {@link #workerStatus()} tells its state, restarts and last crash. The system property {@value #ISOLATION_PROPERTY}
 * ({@code worker} or {@code in-process}) sets where a jar's harness runs it unless the test says, so one build can run
 * the same tests both ways.
 *
 * <pre>{@code
 * try (PluginHarness plugin = PluginHarness.forBuiltJar().inWorker().setting("BASE_URL", api.baseUrl()).start()) {
 *     assertThat(plugin.run("get-item", Map.of("id", "42")).succeeded()).isTrue();
 *     assertThat(plugin.workerStatus().orElseThrow().state()).isEqualTo(WorkerStatus.State.RUNNING);
 * }
 * }</pre>
 *
 * <p>Meant for one test thread at a time; close it to stop the plugin (and its worker) and release its jar.
 */
public final class PluginHarness implements AutoCloseable {

    /** How long a call may take unless the test says otherwise; shorter than the host's 30 s so a hang fails fast. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The system property that says where a jar's harness runs the plugin unless the test calls {@link Builder#inWorker()}
     * or {@link Builder#inProcess()}: {@code worker}, or {@code in-process} (the default).
     */
    public static final String ISOLATION_PROPERTY = "plugin.isolation";

    private final AutoCloseable owner;
    private final RunnableIntegration integration;
    private final PluginCalls calls;
    private final PluginInvoker invoker;
    private final Map<String, String> environment;
    private final Map<String, String> credentials;
    private final AccessToken accessToken;
    private final ActionOutputSchemas outputSchemas;
    private final PluginCrashes crashes = new PluginCrashes();

    private PluginHarness(AutoCloseable owner, RunnableIntegration integration, PluginCalls calls,
                          Map<String, String> environment, Map<String, String> credentials, AccessToken accessToken) {
        this.owner = owner;
        this.integration = integration;
        this.calls = calls;
        this.invoker = new PluginInvoker(calls, environment, crashes);
        this.environment = Map.copyOf(environment);
        this.credentials = Map.copyOf(credentials);
        this.accessToken = accessToken;
        this.outputSchemas = ActionOutputSchemas.compile(integration.descriptor());
    }

    /** A harness for {@code jar}, to configure and {@link Builder#start() start}. */
    public static Builder forJar(Path jar) {
        return new Builder(Objects.requireNonNull(jar, "jar"), null);
    }

    /** A harness for the jar this project's build packaged (see {@link BuiltPluginJar#path()}). */
    public static Builder forBuiltJar() {
        return forJar(BuiltPluginJar.path());
    }

    /**
     * A harness for extension instances the test made, with the descriptor {@code integration.json} on the class path
     * of the integration's class, checked by the host's rules.
     *
     * @param profiles the authorization profile extensions, by profile type id: one for each type the descriptor declares
     * @throws AssertionError when the host would refuse the descriptor, with every violation
     */
    public static Builder forExtensions(Integration integration, Map<String, AuthorizationProfile> profiles) {
        return forExtensions(ClassPathDescriptor.read(integration.getClass().getClassLoader()), integration, profiles);
    }

    /** A harness for extension instances the test made, implementing {@code descriptor}. */
    public static Builder forExtensions(IntegrationDescriptor descriptor, Integration integration,
                                        Map<String, AuthorizationProfile> profiles) {
        RunnableIntegration runnable = RunnableIntegration.ofExtensions(descriptor, integration, profiles);
        ClassPathDescriptor.requireImplemented(runnable);
        return new Builder(null, runnable);
    }

    /**
     * The pool the harness's calls take: two calls at once for the plugin, in its process or its worker, so that a call
     * the harness stopped waiting for keeps its place until its code returns, as in the host, and the test's next call
     * is not refused while it does.
     */
    private static PluginCalls calls(Duration callTimeout) {
        return new PluginCalls(4, 16, callTimeout);
    }

    /** How the harness runs the plugin: its operator settings, default credentials, access token and time limit. */
    public static final class Builder {
        private final Path jar;
        private final RunnableIntegration extensions;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Map<String, String> credentials = Map.of();
        private AccessToken accessToken;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private boolean inWorker;

        private Builder(Path jar, RunnableIntegration extensions) {
            this.jar = jar;
            this.extensions = extensions;
            this.inWorker = jar != null && workerByDefault();
        }

        /** Whether {@value #ISOLATION_PROPERTY} asks for workers. */
        private static boolean workerByDefault() {
            String isolation = System.getProperty(ISOLATION_PROPERTY, "in-process").strip().toLowerCase(Locale.ROOT);
            return switch (isolation) {
                case "worker" -> true;
                case "in-process", "" -> false;
                default -> throw new IllegalArgumentException(ISOLATION_PROPERTY + " is 'worker' or 'in-process', not '"
                        + isolation + "'");
            };
        }

        /**
         * Runs the jar's code in a worker process of its own, as the host runs a plugin it isolates: started here and
         * ready before {@link #start()} returns, in a bubblewrap sandbox where one can run, with the host's default
         * worker heap ({@value WorkerSettings#DEFAULT_HEAP}).
         *
         * @throws IllegalStateException for a harness of extension instances, which live in the test's own process
         */
        public Builder inWorker() {
            if (jar == null) {
                throw new IllegalStateException("Extension instances a test made run in the test's process; a worker loads"
                        + " a plugin jar: use PluginHarness.forJar or forBuiltJar.");
            }
            this.inWorker = true;
            return this;
        }

        /** Runs the jar's code in the test's process, as the host runs a plugin named in {@code HOST_IN_PROCESS_PLUGINS}. */
        public Builder inProcess() {
            this.inWorker = false;
            return this;
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

        /**
         * The bearer token that calls of an OAuth 2.0 authorization or profile type carry unless a call names its own:
         * the access token the host would have obtained for them.
         */
        public Builder accessToken(String value) {
            return accessToken(new AccessToken(value, "Bearer"));
        }

        /** {@link #accessToken(String)} with the token type the provider states, such as {@code Bearer}. */
        public Builder accessToken(AccessToken token) {
            this.accessToken = Objects.requireNonNull(token, "token");
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
         * Loads the jar and starts the plugin, or takes the extension instances as they are.
         *
         * @throws AssertionError when the host would not start the jar's plugin, with the host's reason
         */
        public PluginHarness start() {
            Map<String, String> environment = new LinkedHashMap<>();
            PluginCalls calls = calls(callTimeout);
            if (extensions != null) {
                settings.forEach((name, value) -> environment.put(variable(extensions.id(), name), value));
                return new PluginHarness(() -> closeExtensions(extensions), extensions, calls, environment, credentials,
                        accessToken);
            }
            LoadedPlugin loaded;
            try {
                loaded = inWorker ? inAWorker(calls) : LoadedPlugin.load(jar);
            } catch (RuntimeException | Error e) {
                calls.close();
                throw e;
            }
            RunnableIntegration started = loaded.integration().flatMap(RunnableIntegration::of).orElse(null);
            String failure = started == null ? loaded.status().state() + ": " + loaded.status().reason() : workerStart(started);
            if (failure != null) {
                loaded.close();
                calls.close();
                throw new AssertionError("The host does not start the plugin in " + jar + (inWorker ? " in a worker" : "")
                        + "; it is " + failure + "\nRun PluginContract.forJar(jar).verify() for every violation.");
            }
            settings.forEach((name, value) -> environment.put(variable(started.id(), name), value));
            return new PluginHarness(loaded, started, calls, environment, credentials, accessToken);
        }

        /**
         * The jar loaded with a worker for its plugin, as the host's {@code IntegrationHost} sets workers up: its
         * environment is the test's settings under the integration's names, its time limit and share of calls the
         * harness's.
         */
        private LoadedPlugin inAWorker(PluginCalls calls) {
            Map<String, String> workerEnvironment = new LinkedHashMap<>();
            LoadedPlugin.declaredIntegrationId(jar).ifPresent(id -> settings.forEach((name, value) ->
                    workerEnvironment.put(variable(id, name), value)));
            Isolation isolation = Isolation.workers(new WorkerSettings(Set.of(), WorkerSettings.DEFAULT_HEAP,
                    WorkerSettings.DEFAULT_IDLE, callTimeout, calls.callsPerPlugin(), workerEnvironment,
                    Sandbox.detect(System.getenv("PATH")), List.of()));
            try {
                return LoadedPlugin.load(jar, isolation);
            } catch (RuntimeException | Error e) {
                isolation.close();
                throw e;
            }
        }

        /**
         * Starts the worker of a plugin that runs in one and waits until it is ready, as the host does with an upload,
         * so that a plugin whose start fails fails here as it does in the test's process; {@code null} when it is ready
         * (or runs in this process), or why not.
         */
        private static String workerStart(RunnableIntegration started) {
            if (!(started.code() instanceof OutOfProcess outOfProcess)) {
                return null;
            }
            String failure = outOfProcess.worker().startNow();
            return failure == null ? null : "FAILED in its worker: " + failure;
        }

        /** As the host closes a plugin's extensions when it stops the plugin. */
        private static void closeExtensions(RunnableIntegration extensions) {
            extensions.code().close();
            extensions.profiles().values().forEach(AuthorizationProfile::close);
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
        return new DeclaredCredentialFields(descriptor().authorization().fields()).violations(values);
    }

    /**
     * Runs the integration's connection test with {@code values}, as the host does before it stores an
     * administrator's credentials; for an OAuth 2.0 integration, with the {@link Builder#accessToken default access
     * token}, as the host tests a token it just obtained. A plugin's {@code IntegrationException} becomes a failed
     * check, as in the host.
     *
     * @throws AssertionError when the host would refuse the values before asking the plugin, an OAuth 2.0 integration
     *     has no token to test, or the test crashes or hangs
     */
    public ConnectionCheck testConnection(Map<String, String> values) {
        return connectionTest(values, tokenOf(descriptor().authorization().type(), "its connection test"));
    }

    /**
     * Runs the integration's connection test with {@code values} and {@code accessToken}, such as a token the provider
     * no longer accepts.
     */
    public ConnectionCheck testConnection(Map<String, String> values, AccessToken accessToken) {
        return connectionTest(values, Objects.requireNonNull(accessToken, "accessToken"));
    }

    private ConnectionCheck connectionTest(Map<String, String> values, AccessToken token) {
        var checked = new DeclaredCredentialFields(descriptor().authorization().fields()).accepted(values);
        Credentials given = credentials(checked.all(), token);
        return crashes.answerOf("connection-test", descriptor().id(), () -> invoker.testConnection(integration, given));
    }

    /**
     * Runs a profile type's verification with an end user's {@code values}, as the host does before it stores them;
     * for an OAuth 2.0 profile type, with the {@link Builder#accessToken default access token}, as the host verifies
     * the token an end user's consent gave.
     *
     * @throws AssertionError when the descriptor declares no such profile type, the host would refuse the values, an
     *     OAuth 2.0 profile type has no token to verify, or the verification crashes or hangs
     */
    public ConnectionCheck verifyProfile(String profileTypeId, Map<String, String> values) {
        ProfileTypeSpec type = profileType(profileTypeId);
        return verification(type, values, tokenOf(type.type(), "the verification of '" + profileTypeId + "'"));
    }

    /** Runs a profile type's verification with an end user's {@code values} and {@code accessToken}. */
    public ConnectionCheck verifyProfile(String profileTypeId, Map<String, String> values, AccessToken accessToken) {
        return verification(profileType(profileTypeId), values, Objects.requireNonNull(accessToken, "accessToken"));
    }

    private ProfileTypeSpec profileType(String profileTypeId) {
        return descriptor().profileType(profileTypeId).orElseThrow(() -> new AssertionError(
                descriptor().id() + " declares no authorization profile type '" + profileTypeId + "'; it declares "
                        + descriptor().authorizationProfiles().stream().map(ProfileTypeSpec::id).toList() + "."));
    }

    private ConnectionCheck verification(ProfileTypeSpec type, Map<String, String> values, AccessToken token) {
        var checked = new DeclaredCredentialFields(type.fields()).accepted(values);
        Credentials given = credentials(checked.all(), token);
        return crashes.answerOf("verify-" + type.id(), descriptor().id(), () -> invoker.verify(integration, type.id(), given));
    }

    /** Runs an action with the default credentials; {@code input} is JSON-like data (maps, lists, strings, numbers). */
    public ActionOutcome run(String actionId, Map<String, ?> input) {
        return run(actionId, input, credentials);
    }

    /** Runs an action with the default credentials; {@code inputJson} is the input as a client would send it. */
    public ActionOutcome run(String actionId, String inputJson) {
        JsonNode input;
        try {
            input = Json.mapper().readTree(inputJson); // as the host reads a request body
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The input is not JSON: " + e.getOriginalMessage(), e);
        }
        return runChecked(actionId, input, credentials);
    }

    /** Runs an action with these credential values instead of the default ones (and the default access token). */
    public ActionOutcome run(String actionId, Map<String, ?> input, Map<String, String> credentialValues) {
        return runChecked(actionId, input == null ? null : Json.asIs(input), credentialValues);
    }

    /** Runs an action with these credential values and this access token, such as one the provider has revoked. */
    public ActionOutcome run(String actionId, Map<String, ?> input, Map<String, String> credentialValues,
                             AccessToken accessToken) {
        Objects.requireNonNull(accessToken, "accessToken");
        return runChecked(actionId, input == null ? null : Json.asIs(input), credentialValues, () -> accessToken);
    }

    /**
     * Runs an action with {@code credentials} as the plugin receives them, such as an end user's of an OAuth 2.0
     * profile type: {@code Credentials.withAccessToken(Map.of("subdomain", "acme"), new AccessToken("token", "Bearer"))}.
     * The host passes stored credentials on as they are (it checked them when it stored them: {@link #testConnection},
     * {@link #verifyProfile}), so only what the host never passes is refused.
     *
     * @throws AssertionError for credentials with an access token that also carry the OAuth app's client id, secret or
     *     scopes, which the host keeps to itself
     */
    public ActionOutcome run(String actionId, Map<String, ?> input, Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        if (credentials.accessToken().isPresent() && credentials.keys().stream().anyMatch(OAuthAppFields.KEYS::contains)) {
            throw new AssertionError("The host never passes the OAuth app's " + OAuthAppFields.KEYS.stream().sorted().toList()
                    + " to a plugin: a call with an access token carries the declared fields only, but these credentials"
                    + " have " + credentials.keys() + ".");
        }
        return runWith(actionId, input == null ? null : Json.asIs(input), () -> credentials);
    }

    private ActionOutcome runChecked(String actionId, JsonNode input, Map<String, String> credentialValues) {
        return runChecked(actionId, input, credentialValues, () -> tokenOf(descriptor().authorization().type(), "its actions"));
    }

    /** Runs an action with values checked against the integration's fields, as the administrator's stored ones were. */
    private ActionOutcome runChecked(String actionId, JsonNode input, Map<String, String> credentialValues,
                                     Supplier<AccessToken> token) {
        return runWith(actionId, input, () -> credentials(
                new DeclaredCredentialFields(descriptor().authorization().fields()).accepted(credentialValues).all(),
                token.get()));
    }

    /**
     * The credentials of one call: the values, with the access token when there is one (the OAuth 2.0 calls the host
     * makes carry it beside the declared values).
     */
    private static Credentials credentials(Map<String, String> values, AccessToken token) {
        return token == null ? Credentials.of(values) : Credentials.withAccessToken(values, token);
    }

    /**
     * The default access token for a call of authorization type {@code type}: none unless it is OAuth 2.0, whose calls
     * the host never makes without one.
     */
    private AccessToken tokenOf(AuthorizationType type, String what) {
        if (type != AuthorizationType.OAUTH2) {
            return null;
        }
        if (accessToken == null) {
            throw new AssertionError(descriptor().id() + " authorizes with OAuth 2.0, and the host runs " + what
                    + " with an access token only. Give the harness one with PluginHarness.Builder.accessToken(...), or pass"
                    + " one to the call.");
        }
        return accessToken;
    }

    /** Runs a checked action with the credentials {@code credentials} gives once the input passed. */
    private ActionOutcome runWith(String actionId, JsonNode input, Supplier<Credentials> credentials) {
        IntegrationDescriptor descriptor = descriptor();
        if (descriptor.action(actionId).isEmpty()) {
            throw new AssertionError(descriptor.id() + " declares no action '" + actionId + "'; it declares "
                    + descriptor.actions().stream().map(ActionSpec::id).toList() + ".");
        }
        PluginInvoker.CheckedInput checked;
        try {
            checked = invoker.checkInput(integration, actionId, input);
        } catch (HostException refused) {
            return ActionOutcome.inputRefused(actionId, refused.violations().isEmpty() ? List.of(refused.getMessage())
                    : refused.violations().stream().map(Violation::describe).toList());
        }
        Credentials values = credentials.get();
        crashes.forget();
        ActionResult result;
        try {
            result = invoker.run(integration, checked, values, UUID.randomUUID().toString());
        } catch (HostException e) {
            return switch (e.failureKind()) {
                case PLUGIN_TIMEOUT -> ActionOutcome.timedOut(actionId, e.getMessage());
                case PLUGIN_CRASHED -> ActionOutcome.workerCrashed(actionId, e.getMessage());
                default -> ActionOutcome.crashed(actionId, e.getMessage(), crashes.last());
            };
        }
        if (result instanceof ActionResult.Failed failed) {
            return ActionOutcome.failed(actionId, failed.error());
        }
        Object returned = asReturned(((ActionResult.Returned) result).value());
        List<String> mismatches = outputSchemas.violations(actionId, returned);
        return mismatches.isEmpty() ? ActionOutcome.returned(actionId, returned)
                : ActionOutcome.crashed(actionId, "It returned a result that does not match the action's output schema: "
                        + mismatches + ".", null);
    }

    /**
     * A worker's result as the plugin returned it: JSON it wrote on its channel, read back into maps, lists, strings,
     * numbers and booleans, so that it is checked and compared as a result of the plugin in this process is.
     */
    private Object asReturned(Object value) {
        if (integration.code() instanceof OutOfProcess && value instanceof JsonNode json) {
            return Json.mapper().convertValue(json, Object.class);
        }
        return value;
    }

    /**
     * What the plugin's worker is doing, when the plugin runs in one ({@link Builder#inWorker()}): its state
     * ({@code RUNNING}, {@code IDLE}, or {@code FAILED} after {@value PluginWorker#CRASHES_TO_FAIL} crashes within a
     * minute), its process id, how many times it ended unexpectedly and was started again, and the last reason, such as
     * "exited with code 3"; empty when the plugin runs in the test's process.
     */
    public Optional<WorkerStatus> workerStatus() {
        return integration.code() instanceof OutOfProcess outOfProcess ? Optional.of(outOfProcess.worker().status())
                : Optional.empty();
    }

    /**
     * The context the harness gives the plugin's calls: the test's settings, the call time limit and a new correlation
     * id. For a test that calls an extension directly, to see what it does with what the host would refuse first.
     */
    public IntegrationContext context() {
        return invoker.context(integration, UUID.randomUUID().toString());
    }

    /** {@link #context()} with another call time limit, for a direct call that tests what an extension does with it. */
    public IntegrationContext context(Duration callTimeout) {
        return new HostIntegrationContext(integration.id(), environment, callTimeout, UUID.randomUUID().toString());
    }

    /**
     * Stops the plugin, closing its extensions as the host does on unload (the test's own instances too), and deletes
     * a jar's temporary plugins folder.
     */
    @Override
    public void close() {
        calls.close();
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("Closing the plugin failed", e);
        }
    }
}

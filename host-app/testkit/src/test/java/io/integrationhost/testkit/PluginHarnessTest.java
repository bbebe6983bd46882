package io.integrationhost.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PluginHarness runs a built plugin jar the way the host does: loaded from the jar, values and input checked first. */
class PluginHarnessTest {

    private static final Map<String, String> GOOD = Map.of("account", "acme", "token", "good-token");

    @TempDir
    static Path dir;
    static PluginHarness echo;

    @BeforeAll
    static void start() {
        echo = PluginHarness.forJar(FixtureJar.echo().writeTo(dir))
                .setting("MODE", "from-the-test")
                .credentials(GOOD)
                .callTimeout(Duration.ofMillis(500))
                .start();
    }

    @AfterAll
    static void stop() {
        echo.close();
    }

    @Test
    void thePluginRunsFromItsJarWithItsOwnClassLoaderAsInTheHost() {
        JsonNode received = echo.run("echo", Map.of("text", "hi")).json();

        assertThat(received.path("loadedFromTheJar").asBoolean()).isTrue();
        assertThat(received.path("contextClassLoaderIsThePlugins").asBoolean()).isTrue();
        assertThat(echo.descriptor().id()).isEqualTo("echo");
    }

    @Test
    void anActionReceivesItsInputAsJsonTheCredentialsTheSettingsAndTheTimeLimit() {
        JsonNode received = echo.run("echo", Map.of("text", "hi", "count", 3)).json();

        assertThat(received.path("input").path("text").asText()).isEqualTo("hi");
        assertThat(received.path("inputTypes").toString()).contains("Integer");
        assertThat(received.path("account").asText()).isEqualTo("acme");
        assertThat(received.path("token").asText()).isEqualTo("good-token");
        assertThat(received.path("mode").asText()).isEqualTo("from-the-test");
        assertThat(received.path("callTimeoutMillis").asLong()).isEqualTo(500);
    }

    @Test
    void inputCanBeGivenAsTheJsonAClientWouldSend() {
        assertThat(echo.run("echo", "{\"text\": \"from json\", \"day\": \"2026-11-24\"}").json().path("input").path("day").asText())
                .isEqualTo("2026-11-24");
    }

    @Test
    void credentialValuesAreCheckedAndTrimmedAsTheHostDoesBeforeThePluginSeesThem() {
        Map<String, String> padded = Map.of("account", " acme ", "token", " good-token ");

        assertThat(echo.run("echo", Map.of("text", "hi"), padded).json().path("token").asText()).isEqualTo("good-token");
        assertThat(echo.credentialViolations(Map.of("account", "Not Valid", "colour", "red")))
                .anySatisfy(violation -> assertThat(violation).isEqualTo("account: Account is not in the expected format"))
                .anySatisfy(violation -> assertThat(violation).startsWith("token: Token is required"))
                .anySatisfy(violation -> assertThat(violation).startsWith("colour: is not a field"));
        assertThatThrownBy(() -> echo.run("echo", Map.of("text", "hi"), Map.of("account", "acme")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("token: Token is required");
    }

    @Test
    void anInputThatBreaksTheSchemaIsRefusedWithEveryViolationAndThePluginIsNotCalled() {
        ActionOutcome refused = echo.run("echo", Map.of("day", "24/11/2026", "extra", true));

        assertThat(refused.kind()).isEqualTo(ActionOutcome.Kind.INPUT_REFUSED);
        assertThat(String.join(" ", refused.inputViolations())).contains("text").contains("day").contains("extra");
        assertThat(echo.run("echo", "[1, 2]").inputViolations()).containsExactly("'input' must be a JSON object.");
    }

    @Test
    void aTypedFailureKeepsItsKindAndTheUpstreamsWords() {
        IntegrationError error = echo.run("fail", Map.of()).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(error.upstreamStatus()).isEqualTo(404);
        assertThat(error.upstreamDetail()).isEqualTo("Thing 7 does not exist");
        assertThat(error.requestId()).isEqualTo("req-2");
    }

    @Test
    void aCrashIsReportedWithThePluginsOwnExceptionForTheDeveloper() {
        ActionOutcome crashed = echo.run("crash", Map.of());

        assertThat(crashed.kind()).isEqualTo(ActionOutcome.Kind.CRASHED);
        assertThatThrownBy(crashed::result).isInstanceOf(AssertionError.class)
                .hasMessageContaining("crash crashed")
                .hasRootCauseMessage("bug in the plugin");
    }

    @Test
    void aResultThatIsNotJsonLikeDataIsACrash() {
        assertThat(echo.run("non-json", Map.of()).problem()).contains("java.lang.Object at $.when");
    }

    @Test
    void aPluginThatHangsTimesOutWithinTheCallTimeLimit() {
        long started = System.nanoTime();

        assertThat(echo.run("hang", Map.of()).kind()).isEqualTo(ActionOutcome.Kind.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void askingForTheWrongOutcomeFailsTheTestWithWhatHappened() {
        assertThatThrownBy(() -> echo.run("fail", Map.of()).result())
                .hasMessage("Expected fail to end SUCCEEDED, but fail failed with NOT_FOUND: No such thing (upstream HTTP 404)");
        assertThatThrownBy(() -> echo.run("echo", Map.of("text", "hi")).error()).hasMessageContaining("echo succeeded with {");
    }

    @Test
    void anUndeclaredActionIsATestMistakeNamedWithTheDeclaredOnes() {
        assertThatThrownBy(() -> echo.run("teleport", Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no action 'teleport'").hasMessageContaining("echo");
    }

    @Test
    void theConnectionTestAnswersForGoodAndBadCredentials() {
        ConnectionCheck good = echo.testConnection(GOOD);
        ConnectionCheck bad = echo.testConnection(Map.of("account", "acme", "token", "bad"));

        assertThat(good.successful()).isTrue();
        assertThat(good.message()).isEqualTo("Connected as acme");
        assertThat(bad.successful()).isFalse();
        assertThat(bad.error().kind()).isEqualTo(ErrorKind.INVALID_CREDENTIALS);
    }

    @Test
    void aProfileTypeVerifiesAnEndUsersValuesAgainstItsOwnFields() {
        assertThat(echo.verifyProfile("echo-token", Map.of("token", "good-own")).successful()).isTrue();
        assertThat(echo.verifyProfile("echo-token", Map.of("token", "bad")).successful()).isFalse();
        assertThatThrownBy(() -> echo.verifyProfile("echo-password", Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("[echo-token]");
    }

    @Test
    void aJarTheHostWouldNotStartFailsToStartWithTheHostsReason(@TempDir Path other) {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        descriptor.put("id", "other");
        Path jar = FixtureJar.echo().descriptor(descriptor).writeTo(other);

        assertThatThrownBy(() -> PluginHarness.forJar(jar).start())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("it is FAILED")
                .hasMessageContaining("integrationId() 'other'");
    }

    @Test
    void theInputSchemasDefaultsAreFilledInBeforeThePluginIsCalledAsInTheHost(@TempDir Path other) {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        ((ObjectNode) descriptor.get("actions").get(0).get("inputSchema").get("properties")).putObject("greeting")
                .put("type", "string").put("default", "hello");

        try (PluginHarness plugin = PluginHarness.forJar(FixtureJar.echo().descriptor(descriptor).writeTo(other))
                .credentials(GOOD).start()) {
            assertThat(plugin.run("echo", Map.of("text", "hi")).json().path("input").path("greeting").asText()).isEqualTo("hello");
            assertThat(plugin.run("echo", Map.of("text", "hi", "greeting", "hey")).json().path("input").path("greeting").asText())
                    .isEqualTo("hey");
        }
    }

    @Test
    void aResultThatBreaksTheActionsOutputSchemaFailsTheRunAndOneThatKeepsItSucceeds(@TempDir Path other) {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        ((ObjectNode) descriptor.get("actions").get(0)).putObject("output").put("description", "What the plugin received.")
                .putObject("schema").put("type", "object").putArray("required").add("input").add("account");
        ((ObjectNode) descriptor.get("actions").get(0).get("output").get("schema")).putObject("properties")
                .putObject("account").put("type", "integer");
        ObjectNode kept = descriptor.deepCopy();
        ((ObjectNode) kept.get("actions").get(0).get("output").get("schema").get("properties").get("account")).put("type", "string");

        try (PluginHarness plugin = PluginHarness.forJar(FixtureJar.echo().descriptor(descriptor).writeTo(other, "a.jar"))
                .credentials(GOOD).start()) {
            ActionOutcome broken = plugin.run("echo", Map.of("text", "hi"));
            assertThat(broken.kind()).isEqualTo(ActionOutcome.Kind.CRASHED);
            assertThat(broken.problem()).startsWith("It returned a result that does not match the action's output schema: [")
                    .contains("/account: string found, integer expected");
        }
        try (PluginHarness plugin = PluginHarness.forJar(FixtureJar.echo().descriptor(kept).writeTo(other, "b.jar"))
                .credentials(GOOD).start()) {
            assertThat(plugin.run("echo", Map.of("text", "hi")).json().path("account").asText()).isEqualTo("acme");
        }
    }

    @Test
    void settingsFollowTheHostsEnvironmentNaming() {
        assertThat(PluginHarness.Builder.variable("acme-crm", "base-url")).isEqualTo("ACME_CRM_BASE_URL");
        assertThat(new io.integrationhost.runtime.plugins.HostIntegrationContext("acme-crm",
                Map.of(PluginHarness.Builder.variable("acme-crm", "BASE_URL"), "http://stub"), Duration.ofSeconds(1), "c")
                .setting("BASE_URL")).hasValue("http://stub");
    }
}

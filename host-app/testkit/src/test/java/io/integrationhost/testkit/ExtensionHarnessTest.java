package io.integrationhost.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.api.ActionCall;
import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.testkit.fixtures.EchoIntegration;
import io.integrationhost.testkit.fixtures.EchoProfile;
import io.integrationhost.testkit.fixtures.OAuthEchoIntegration;
import io.integrationhost.testkit.fixtures.OAuthEchoProfile;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PluginHarness.forExtensions runs extension instances a test made itself through the same checks and calls as a
 * built jar: the descriptor by the host's rules, input, credentials, settings, time limit and output schema.
 */
class ExtensionHarnessTest {

    private static final Map<String, String> GOOD = Map.of("account", "acme", "token", "good-token");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RemoteApiStub api = RemoteApiStub.onLoopback();

    @TempDir
    Path classPath;

    @Test
    void extensionInstancesRunWithTheDescriptorsChecksTheSettingsAndTheTimeLimit() throws IOException {
        try (PluginHarness echo = PluginHarness.forExtensions(descriptor(FixtureJar.echoDescriptor()), new EchoIntegration(),
                Map.of("echo-token", new EchoProfile())).setting("MODE", "instances").credentials(GOOD)
                .callTimeout(Duration.ofMillis(400)).start()) {
            JsonNode received = echo.run("echo", Map.of("text", "hi", "count", 3)).json();

            assertThat(received.path("input").path("text").asText()).isEqualTo("hi");
            assertThat(received.path("inputTypes").toString()).contains("Integer");
            assertThat(received.path("mode").asText()).isEqualTo("instances");
            assertThat(received.path("callTimeoutMillis").asLong()).isEqualTo(400);
            assertThat(received.path("token").asText()).isEqualTo("good-token");
            assertThat(String.join(" ", echo.run("echo", Map.of("day", "someday", "extra", 1)).inputViolations()))
                    .contains("text").contains("day").contains("extra");
            assertThat(echo.run("fail", Map.of()).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThatThrownBy(echo.run("crash", Map.of())::result).hasRootCauseMessage("bug in the plugin");
            assertThat(echo.run("hang", Map.of()).kind()).isEqualTo(ActionOutcome.Kind.TIMED_OUT);
            assertThatThrownBy(() -> echo.run("echo", Map.of("text", "hi"), Map.of("account", "Not Valid!", "token", "good")))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("account");
            assertThat(echo.testConnection(GOOD).message()).isEqualTo("Connected as acme");
            assertThat(echo.verifyProfile("echo-token", Map.of("token", "bad")).error().kind())
                    .isEqualTo(ErrorKind.INVALID_CREDENTIALS);
            assertThat(echo.context().setting("MODE")).contains("instances");
            assertThat(echo.context().callTimeout()).isEqualTo(Duration.ofMillis(400));
            assertThat(echo.context(Duration.ofSeconds(3)).callTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(echo.context(Duration.ofSeconds(3)).setting("MODE")).contains("instances");
        }
    }

    @Test
    void aResultThatBreaksTheOutputSchemaIsACrashAsForAJar() throws IOException {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        ((ObjectNode) descriptor.get("actions").get(0)).set("output", JSON.readTree(
                "{\"description\": \"What was received.\", \"schema\": {\"type\": \"object\","
                        + " \"properties\": {\"account\": {\"type\": \"integer\"}}}}"));
        try (PluginHarness echo = PluginHarness.forExtensions(descriptor(descriptor), new EchoIntegration(),
                Map.of("echo-token", new EchoProfile())).credentials(GOOD).start()) {
            assertThat(echo.run("echo", Map.of("text", "hi")).problem())
                    .startsWith("It returned a result that does not match the action's output schema");
        }
    }

    @Test
    void theDescriptorOnTheClassPathIsCheckedByTheHostsRules() throws IOException {
        ObjectNode broken = FixtureJar.echoDescriptor();
        broken.put("name", "");

        assertThatThrownBy(() -> descriptor(broken)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.name: must not be empty");
        assertThatThrownBy(() -> PluginHarness.forExtensions(new EchoIntegration(), Map.of("echo-token", new EchoProfile())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no integration.json");
    }

    @Test
    void extensionsThatDoNotImplementTheDescriptorAreRefusedAsTheHostWouldNotStartThem() throws IOException {
        ObjectNode other = FixtureJar.echoDescriptor();
        other.put("id", "other");

        assertThatThrownBy(() -> PluginHarness.forExtensions(descriptor(other), new EchoIntegration(),
                Map.of("echo-token", new EchoProfile()))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("integrationId() is 'echo'");
        assertThatThrownBy(() -> PluginHarness.forExtensions(descriptor(FixtureJar.echoDescriptor()), new EchoIntegration(),
                Map.of())).isInstanceOf(AssertionError.class).hasMessageContaining("'echo-token'");
    }

    @Test
    void closingTheHarnessClosesTheTestsExtensionsAsTheHostDoesWhenItStopsAPlugin() throws IOException {
        AtomicBoolean integrationClosed = new AtomicBoolean();
        AtomicBoolean profileClosed = new AtomicBoolean();
        EchoIntegration integration = new EchoIntegration() {
            @Override
            public void close() {
                integrationClosed.set(true);
            }
        };
        AuthorizationProfile profile = new EchoProfile() {
            @Override
            public void close() {
                profileClosed.set(true);
            }
        };

        PluginHarness.forExtensions(descriptor(FixtureJar.echoDescriptor()), integration, Map.of("echo-token", profile))
                .start().close();

        assertThat(integrationClosed).isTrue();
        assertThat(profileClosed).isTrue();
    }

    @Test
    void anIntegrationExceptionWithoutAnErrorIsACrashNotATypedFailure() throws IOException {
        EchoIntegration integration = new EchoIntegration() {
            @Override
            public Object execute(ActionCall call) throws IntegrationException {
                throw new IntegrationException(IntegrationError.of(ErrorKind.INTERNAL, "overridden")) {
                    @Override
                    public IntegrationError error() {
                        return null;
                    }
                };
            }
        };
        try (PluginHarness echo = PluginHarness.forExtensions(descriptor(FixtureJar.echoDescriptor()), integration,
                Map.of("echo-token", new EchoProfile())).credentials(GOOD).start()) {
            assertThat(echo.run("fail", Map.of()).problem()).contains("carries no IntegrationError");
        }
    }

    @Test
    void inputGivenAsJsonTextIsReadAsTheHostReadsARequestBody() throws IOException {
        try (PluginHarness echo = PluginHarness.forExtensions(descriptor(FixtureJar.echoDescriptor()), new EchoIntegration(),
                Map.of("echo-token", new EchoProfile())).credentials(GOOD).start()) {
            assertThat(echo.run("echo", "{\"text\": \"hi\"}").json().path("input").path("text").asText()).isEqualTo("hi");
            assertThatThrownBy(() -> echo.run("echo", "{\"text\": \"a\", \"text\": \"b\"}"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text");
            assertThatThrownBy(() -> echo.run("echo", "{\"text\": \"a\"} {}")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void extensionInstancesOfAnOAuthPluginGetTheAccessTokenAsFromAJar() throws IOException {
        api.requiresBearerToken("token-1");
        api.stubFor(get("/me").willReturn(okJson("{\"name\": \"Ada\"}")));
        try (PluginHarness plugin = PluginHarness.forExtensions(descriptor(FixtureJar.oauthEchoDescriptor()),
                new OAuthEchoIntegration(), Map.of("oauth-echo-user", new OAuthEchoProfile()))
                .setting("BASE_URL", api.baseUrl()).credentials(Map.of("account", "acme")).accessToken("token-1").start()) {
            assertThat(plugin.testConnection(Map.of("account", "acme")).message()).isEqualTo("Connected as Ada");
            assertThat(plugin.run("received", Map.of()).json().path("tokenType").asText()).isEqualTo("Bearer");
        }
    }

    /** {@code descriptor} as a class path holds it, with its icon, read by the kit. */
    private IntegrationDescriptor descriptor(ObjectNode descriptor) throws IOException {
        Files.write(classPath.resolve("integration.json"), JSON.writeValueAsBytes(descriptor));
        Files.write(classPath.resolve("icon.svg"), FixtureJar.SVG_ICON);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classPath.toUri().toURL()}, null)) {
            return ClassPathDescriptor.read(loader);
        }
    }
}

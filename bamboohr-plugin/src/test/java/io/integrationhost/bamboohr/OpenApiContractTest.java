package io.integrationhost.bamboohr;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.bamboohr.client.ClientSettings;
import io.integrationhost.bamboohr.client.RetryPolicy;
import io.integrationhost.bamboohr.support.BambooHrDescription;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.ActionOutcome;
import io.integrationhost.testkit.ClassPathDescriptor;
import io.integrationhost.testkit.OpenApiMock;
import io.integrationhost.testkit.PluginHarness;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every action's request, and the connection test's, checked against BambooHR's own OpenAPI description: Stoplight
 * Prism mocks the description (default behaviour, no {@code Prefer} header) and validates each request it receives
 * (path, query, headers, security, body). Each must get a success status and no validation error in Prism's log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private OpenApiMock prism;
    private PluginHarness plugin;

    @BeforeAll
    void startPrism() {
        prism = OpenApiMock.start(BambooHrDescription.openApi());
        plugin = TestExtensions.with(new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 2,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO))).harness().setting("BASE_URL", prism.baseUrl())
                .callTimeout(Duration.ofSeconds(15)).start();
    }

    @AfterAll
    void stopPrism() {
        if (plugin != null) {
            plugin.close();
        }
        if (prism != null) {
            prism.close();
        }
    }

    /** One realistic input per action, each valid against the action's declared schema. */
    static Stream<Arguments> everyAction() {
        Map<String, Map<String, Object>> inputs = BambooHrDescription.actionInputs();
        assertThat(inputs.keySet()).as("an input for every declared action").containsExactlyElementsOf(
                ClassPathDescriptor.read(OpenApiContractTest.class.getClassLoader()).actions().stream().map(ActionSpec::id).toList());
        return inputs.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAction")
    void theActionsRequestConformsToBambooHrsDescription(String actionId, Map<String, Object> input) throws Exception {
        ActionOutcome[] outcome = new ActionOutcome[1];
        OpenApiMock.Exchange exchange = prism.exchange(() -> outcome[0] = plugin.run(actionId, input));

        // The harness checks the input against the declared schema first, as the host does: a refusal fails here.
        assertThat(outcome[0].result()).isNotNull();
        assertThat(exchange.problems()).as(exchange.toString()).isEmpty();
    }

    @Test
    void theConnectionTestConformsToBambooHrsDescription() throws Exception {
        ConnectionCheck[] check = new ConnectionCheck[1];
        OpenApiMock.Exchange exchange = prism.exchange(() -> check[0] = plugin.testConnection(TestExtensions.CREDENTIAL_VALUES));

        assertThat(check[0].successful()).as(check[0].message()).isTrue();
        assertThat(exchange.problems()).as(exchange.toString()).isEmpty();
    }

    @Test
    void prismRefusesRequestsThatBreakTheDescriptionSoTheChecksAboveMeanSomething() throws Exception {
        OpenApiMock.Exchange exchange = prism.exchange(() -> assertThat(prism.send("/api/v1/time_off/requests")).isIn(400, 401, 422));

        assertThat(exchange.refused()).as(exchange.toString()).isTrue();
        assertThat(exchange.problems()).isNotEmpty();
    }

    @Test
    void prismServesTheDescriptionAtTheOfficialUrlFormOnlyWhichIsTheFormThePluginBuilds() {
        // The description's server is https://{companyDomain}.bamboohr.com with no path, so Prism serves /api/v1/…
        // at its root; the legacy /api/gateway.php/{companyDomain}/v1/… form matches nothing.
        assertThat(prism.send("/api/gateway.php/acme/v1/meta/fields")).isEqualTo(404);
    }
}

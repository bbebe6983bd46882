package io.integrationhost.bamboohr;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.api.ActionCall;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.bamboohr.actions.ActionCatalog;
import io.integrationhost.bamboohr.client.BambooHrClient;
import io.integrationhost.bamboohr.client.ClientSettings;
import io.integrationhost.bamboohr.client.RetryPolicy;
import io.integrationhost.bamboohr.support.BambooHrDescription;
import io.integrationhost.bamboohr.support.Descriptor;
import io.integrationhost.bamboohr.support.PluginUnderTest;
import io.integrationhost.bamboohr.support.StubContext;
import io.integrationhost.testkit.OpenApiMock;
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
    private BambooHrIntegration integration;
    private StubContext context;

    @BeforeAll
    void startPrism() {
        prism = OpenApiMock.start(BambooHrDescription.openApi());
        integration = new BambooHrIntegration(BambooHrClient.create(new ClientSettings(Duration.ofSeconds(2),
                Duration.ofSeconds(10), 2, new RetryPolicy(1, Duration.ZERO, Duration.ZERO))), ActionCatalog.bambooHr());
        context = StubContext.pointingAt(prism.baseUrl()).withCallTimeout(Duration.ofSeconds(15));
    }

    @AfterAll
    void stopPrism() {
        if (integration != null) {
            integration.close();
        }
        if (prism != null) {
            prism.close();
        }
    }

    /** One realistic input per action, each valid against the action's declared schema. */
    static Stream<Arguments> everyAction() {
        Map<String, Map<String, Object>> inputs = BambooHrDescription.actionInputs();
        assertThat(inputs.keySet()).as("an input for every declared action").containsExactlyElementsOf(Descriptor.actionIds());
        return inputs.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAction")
    void theActionsRequestConformsToBambooHrsDescription(String actionId, Map<String, Object> input) throws Exception {
        assertThat(Descriptor.problemsWith(actionId, input)).isEmpty();

        OpenApiMock.Exchange exchange = prism.exchange(() -> assertThat(integration.execute(
                new ActionCall(actionId, input, PluginUnderTest.CREDENTIALS, context))).isNotNull());

        assertThat(exchange.problems()).as(exchange.toString()).isEmpty();
    }

    @Test
    void theConnectionTestConformsToBambooHrsDescription() throws Exception {
        ConnectionCheck[] check = new ConnectionCheck[1];
        OpenApiMock.Exchange exchange = prism.exchange(() -> check[0] = integration.testConnection(PluginUnderTest.CREDENTIALS, context));

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

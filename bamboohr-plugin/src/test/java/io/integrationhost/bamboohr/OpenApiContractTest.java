package io.integrationhost.bamboohr;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.api.ActionCall;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.bamboohr.actions.ActionCatalog;
import io.integrationhost.bamboohr.client.BambooHrClient;
import io.integrationhost.bamboohr.client.ClientSettings;
import io.integrationhost.bamboohr.client.RetryPolicy;
import io.integrationhost.bamboohr.support.Descriptor;
import io.integrationhost.bamboohr.support.PluginUnderTest;
import io.integrationhost.bamboohr.support.PrismMock;
import io.integrationhost.bamboohr.support.StubContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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

    private PrismMock prism;
    private BambooHrIntegration integration;
    private StubContext context;

    @BeforeAll
    void startPrism() {
        prism = PrismMock.start();
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
        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        inputs.put("create-employee", Map.of("firstName", "Panda", "lastName", "Bear", "workEmail", "panda@example.com",
                "hireDate", "2026-04-01", "jobTitle", "Software Engineer", "customShirtSize", "L"));
        inputs.put("get-employee", Map.of("id", "4", "fields", List.of("firstName", "lastName", "jobTitle", "hireDate"),
                "onlyCurrent", false));
        inputs.put("list-employees", Map.of("onlyCurrent", true));
        inputs.put("update-employee", Map.of("id", "4", "fields", Map.of("jobTitle", "HR Director", "mobilePhone", "")));
        inputs.put("get-time-off-requests", Map.of("start", "2026-03-01", "end", "2026-03-31", "employeeId", "4",
                "requestId", "1", "statuses", List.of("approved", "requested"), "timeOffTypeIds", List.of("78"),
                "action", "approve", "excludeNotes", true));
        inputs.put("whos-out", Map.of("start", "2026-03-01", "end", "2026-03-14"));
        inputs.put("update-time-off-request-status", Map.of("requestId", "12", "status", "canceled", "note", "Plans changed"));
        inputs.put("create-time-off-request", Map.of("employeeId", "4", "timeOffTypeId", "78", "start", "2026-05-04",
                "end", "2026-05-05", "amount", 2, "status", "requested", "employeeNote", "Beach week",
                "managerNote", "Enjoy", "previousRequestId", "1349",
                "dates", List.of(Map.of("date", "2026-05-04", "amount", 1), Map.of("date", "2026-05-05", "amount", 1))));
        inputs.put("list-time-off-types", Map.of("requestableOnly", true));
        inputs.put("list-employee-fields", Map.of());
        inputs.put("list-changed-employees", Map.of("since", "2026-03-31T10:00:00+02:00", "changeType", "updated"));
        assertThat(inputs.keySet()).as("an input for every declared action").containsExactlyElementsOf(Descriptor.actionIds());
        return inputs.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAction")
    void theActionsRequestConformsToBambooHrsDescription(String actionId, Map<String, Object> input) throws Exception {
        assertThat(Descriptor.problemsWith(actionId, input)).isEmpty();

        List<String> log = prism.logOf(() -> assertThat(integration.execute(
                new ActionCall(actionId, input, PluginUnderTest.CREDENTIALS, context))).isNotNull());

        assertConforms(log);
    }

    @Test
    void theConnectionTestConformsToBambooHrsDescription() throws Exception {
        ConnectionCheck[] check = new ConnectionCheck[1];
        List<String> log = prism.logOf(() -> check[0] = integration.testConnection(PluginUnderTest.CREDENTIALS, context));

        assertThat(check[0].successful()).as(check[0].message()).isTrue();
        assertConforms(log);
    }

    @Test
    void prismRefusesRequestsThatBreakTheDescriptionSoTheChecksAboveMeanSomething() throws Exception {
        List<String> log = prism.logOf(() -> assertThat(prism.send("/api/v1/time_off/requests")).isIn(400, 401, 422));

        assertThat(log).anyMatch(line -> line.contains("✖"));
    }

    @Test
    void prismServesTheDescriptionAtTheOfficialUrlFormOnlyWhichIsTheFormThePluginBuilds() {
        // The description's server is https://{companyDomain}.bamboohr.com with no path, so Prism serves /api/v1/…
        // at its root; the legacy /api/gateway.php/{companyDomain}/v1/… form matches nothing.
        assertThat(prism.send("/api/gateway.php/acme/v1/meta/fields")).isEqualTo(404);
    }

    private void assertConforms(List<String> log) {
        String text = String.join("\n", log);
        assertThat(log).as("Prism received the request:\n" + text).anyMatch(line -> line.contains("Request received"));
        assertThat(log).as("Prism validated it:\n" + text)
                .anyMatch(line -> line.contains("The request passed the validation rules"));
        // A negotiator warning ("Unable to find content") is about the description's answer, not the request.
        assertThat(log).as("no violation or error in Prism's log:\n" + text).noneMatch(line -> line.contains("✖")
                || line.contains("Violation") || line.contains("[VALIDATOR]") && line.contains("⚠"));
    }
}

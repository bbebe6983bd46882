package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.api.ActionCall;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.actions.ActionCatalog;
import io.integrationhost.bamboohr.client.BambooHrClient;
import io.integrationhost.bamboohr.client.ClientSettings;
import io.integrationhost.bamboohr.client.RetryPolicy;
import io.integrationhost.bamboohr.support.LocalStub;
import io.integrationhost.bamboohr.support.SentRequests;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.PluginHarness;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 429 and 503 are retried after the wait BambooHR asks for, a bounded number of times and within bounded time;
 * a request whose outcome is unknown is repeated only when repeating it is harmless.
 */
class RetriesTest {

    private static final String FIELDS = "/api/v1/meta/fields";
    private static final Map<String, Object> NEW_EMPLOYEE = Map.of("firstName", "Panda", "lastName", "Bear");
    private static final Map<String, Object> NEW_TIME_OFF_REQUEST =
            Map.of("employeeId", "4", "timeOffTypeId", "78", "start", "2026-05-04", "end", "2026-05-04");

    @RegisterExtension
    static WireMockExtension bamboo = LocalStub.bambooHr();

    private final TestExtensions extensions = TestExtensions.create();
    private PluginHarness plugin;

    @BeforeEach
    void pointPluginAtStub() {
        plugin = extensions.against(bamboo.baseUrl());
    }

    @AfterEach
    void closePlugin() {
        plugin.close();
    }

    @Test
    void a429IsRetriedAfterTheSecondsInRetryAfter() throws Exception {
        failFirstThenSucceed(() -> get(FIELDS), aResponse().withStatus(429).withHeader("Retry-After", "2"));

        assertThat(plugin.run("list-employee-fields", Map.of()).result()).isEqualTo(Map.of("fields", List.of()));
        assertThat(extensions.sleeper().waits()).containsExactly(Duration.ofSeconds(2));
        assertThat(SentRequests.all(bamboo)).hasSize(2);
    }

    @Test
    void a429IsRetriedAtTheHttpDateInRetryAfter() throws Exception {
        String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(TestExtensions.NOW.plusSeconds(3).atOffset(ZoneOffset.UTC));
        failFirstThenSucceed(() -> get(FIELDS), aResponse().withStatus(429).withHeader("Retry-After", inThreeSeconds));

        plugin.run("list-employee-fields", Map.of()).result();

        assertThat(extensions.sleeper().waits()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aReadIsRetriedAfterA503AtTheWaitInRetryAfter() throws Exception {
        failFirstThenSucceed(() -> get(FIELDS), aResponse().withStatus(503).withHeader("Retry-After", "1"));

        plugin.run("list-employee-fields", Map.of()).result();

        assertThat(extensions.sleeper().waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a503WithoutRetryAfterRetriesAReadWithABackOff() throws Exception {
        bamboo.stubFor(get(FIELDS).inScenario("unavailable").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("still"));
        bamboo.stubFor(get(FIELDS).inScenario("unavailable").whenScenarioStateIs("still")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        bamboo.stubFor(get(FIELDS).inScenario("unavailable").whenScenarioStateIs("up").willReturn(jsonList()));

        plugin.run("list-employee-fields", Map.of()).result();

        assertThat(extensions.sleeper().waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void attemptsAreBoundedAndTheLastRefusalIsReportedWithTheWaitAskedFor() {
        bamboo.stubFor(get(FIELDS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("X-BambooHR-Error-Message", "Rate limit exceeded").withHeader("x-request-id", "req-429")));

        IntegrationError error = plugin.run("list-employee-fields", Map.of()).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error.upstreamStatus()).isEqualTo(429);
        assertThat(error.upstreamDetail()).isEqualTo("Rate limit exceeded");
        assertThat(error.requestId()).isEqualTo("req-429");
        assertThat(error.remedy()).isEqualTo("BambooHR asked to wait 1 s; try again after that.");
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(SentRequests.all(bamboo)).hasSize(RetryPolicy.DEFAULT.maxAttempts());
        assertThat(extensions.sleeper().waits()).hasSize(RetryPolicy.DEFAULT.maxAttempts() - 1);
    }

    @Test
    void aWaitLongerThanTheTotalWaitAllowedIsNotWaitedFor() {
        bamboo.stubFor(get(FIELDS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        IntegrationError error = plugin.run("list-employee-fields", Map.of()).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error.remedy()).contains("120 s");
        assertThat(error.retryAfter()).as("the client is told how long to wait").isEqualTo(Duration.ofSeconds(120));
        assertThat(extensions.sleeper().waits()).isEmpty();
        assertThat(SentRequests.all(bamboo)).hasSize(1);
    }

    @Test
    void aWaitThatWouldOutlastTheHostsCallTimeoutIsNotWaitedFor() throws Exception {
        bamboo.stubFor(get(FIELDS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")));
        IntegrationContext threeSecondCall = plugin.context(Duration.ofSeconds(3));

        IntegrationError error = catchThrowableOfType(IntegrationException.class,
                () -> extensions.integration().execute(new ActionCall("list-employee-fields", Map.of(),
                        TestExtensions.CREDENTIALS, threeSecondCall))).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(extensions.sleeper().waits()).isEmpty();
    }

    @Test
    void aCreateIsNotSentAgainAfterA503() {
        bamboo.stubFor(post("/api/v1/employees").willReturn(aResponse().withStatus(503)));

        IntegrationError error = plugin.run("create-employee", NEW_EMPLOYEE).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(SentRequests.all(bamboo)).hasSize(1);
        assertThat(extensions.sleeper().waits()).isEmpty();
    }

    static Stream<Arguments> creates() {
        Supplier<MappingBuilder> newEmployee = () -> post("/api/v1/employees");
        Supplier<MappingBuilder> newTimeOffRequest = () -> put("/api/v1/employees/4/time_off/request");
        return Stream.of(Arguments.of("create-employee", newEmployee, NEW_EMPLOYEE),
                Arguments.of("create-time-off-request", newTimeOffRequest, NEW_TIME_OFF_REQUEST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creates")
    void aCreateIsNotSentAgainAfterA503EvenWithRetryAfter(String actionId, Supplier<MappingBuilder> create,
                                                          Map<String, Object> input) {
        // BambooHR has throttled with 429 since 2026-09-16: a 503 no longer proves that nothing was created.
        failFirstThenSucceed(create, aResponse().withStatus(503).withHeader("Retry-After", "1"),
                aResponse().withStatus(201).withHeader("Location", "/api/v1/employees/123"));

        IntegrationError error = plugin.run(actionId, input).error();

        assertThat(error.upstreamStatus()).isEqualTo(503);
        assertThat(error.kind()).as("not a rate limit that proves nothing was done").isEqualTo(ErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(error.message()).contains("may or may not have carried out the request");
        assertThat(error.remedy()).contains("Check in BambooHR whether the change was made");
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(SentRequests.all(bamboo)).hasSize(1);
        assertThat(extensions.sleeper().waits()).isEmpty();
    }

    @Test
    void aCreateIsNotSentAgainAfterATimeout() {
        bamboo.stubFor(post("/api/v1/employees").willReturn(aResponse().withStatus(201).withFixedDelay(1_500)
                .withHeader("Location", "/api/v1/employees/123")));

        IntegrationError error = plugin.run("create-employee", NEW_EMPLOYEE).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(SentRequests.all(bamboo)).hasSize(1);
    }

    @Test
    void aCreateIsSentAgainAfterA429BecauseTheRateLimiterRefusedItUnprocessed() throws Exception {
        failFirstThenSucceed(() -> post("/api/v1/employees"), aResponse().withStatus(429).withHeader("Retry-After", "1"),
                aResponse().withStatus(201).withHeader("Location", "/api/v1/employees/123"));

        assertThat(plugin.run("create-employee", NEW_EMPLOYEE).result()).isEqualTo(Map.of("id", "123"));
        assertThat(SentRequests.all(bamboo)).hasSize(2);
    }

    @Test
    void aTimeOffRequestCreatedWithPutIsNotSentAgainAfterAnAmbiguous503() {
        bamboo.stubFor(put("/api/v1/employees/4/time_off/request").willReturn(aResponse().withStatus(503)));

        IntegrationError error = plugin.run("create-time-off-request", NEW_TIME_OFF_REQUEST).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(SentRequests.all(bamboo)).hasSize(1);
    }

    @Test
    void settingATimeOffStatusIsIdempotentAndSentAgainAfterAnAmbiguous503() throws Exception {
        failFirstThenSucceed(() -> put("/api/v1/time_off/requests/12/status"), aResponse().withStatus(503),
                aResponse().withStatus(200));

        plugin.run("update-time-off-request-status", Map.of("requestId", "12", "status", "approved")).result();

        assertThat(SentRequests.all(bamboo)).hasSize(2);
    }

    @Test
    void theDefaultSleeperReallyWaitsForRetryAfter() throws Exception {
        failFirstThenSucceed(() -> get(FIELDS), aResponse().withStatus(429).withHeader("Retry-After", "1"));
        try (BambooHrIntegration integration = new BambooHrIntegration(BambooHrClient.create(
                new ClientSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, RetryPolicy.DEFAULT)),
                ActionCatalog.bambooHr())) {
            long started = System.nanoTime();

            integration.execute(new ActionCall("list-employee-fields", Map.of(), TestExtensions.CREDENTIALS,
                    plugin.context()));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    private static void failFirstThenSucceed(Supplier<MappingBuilder> request, ResponseDefinitionBuilder refusal) {
        failFirstThenSucceed(request, refusal, jsonList());
    }

    private static void failFirstThenSucceed(Supplier<MappingBuilder> request, ResponseDefinitionBuilder refusal,
                                             ResponseDefinitionBuilder success) {
        bamboo.stubFor(request.get().inScenario("retry").whenScenarioStateIs(STARTED).willReturn(refusal)
                .willSetStateTo("accepting"));
        bamboo.stubFor(request.get().inScenario("retry").whenScenarioStateIs("accepting").willReturn(success));
    }

    private static ResponseDefinitionBuilder jsonList() {
        return aResponse().withHeader("Content-Type", "application/json").withBody("[]");
    }
}

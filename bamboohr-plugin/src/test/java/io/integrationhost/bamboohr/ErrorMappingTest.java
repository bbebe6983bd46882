package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.api.ActionCall;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.support.LocalStub;
import io.integrationhost.bamboohr.support.SentRequests;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.PluginHarness;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a call fails becomes one typed error, with BambooHR's reason and request id and nothing else. */
class ErrorMappingTest {

    private static final Map<String, Object> UPDATE_JOB_TITLE = Map.of("id", "4", "fields", Map.of("jobTitle", "CEO"));

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

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({
            "400, INVALID_INPUT, Invalid JSON",
            "401, INVALID_CREDENTIALS, API key not provided or invalid",
            "403, PERMISSION_DENIED, You do not have access to this employee",
            "404, NOT_FOUND, Employee not found",
            "409, CONFLICT, Invalid value for field jobTitle",
            "422, INVALID_INPUT, Unprocessable",
            "500, UPSTREAM_UNAVAILABLE, Internal error",
            "502, UPSTREAM_UNAVAILABLE, Bad gateway",
            "504, UPSTREAM_UNAVAILABLE, Gateway timeout"})
    void eachFailureStatusMapsToItsKindWithBambooHrsReasonAndRequestId(int status, ErrorKind kind, String reason) {
        bamboo.stubFor(post("/api/v1/employees/4").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withHeader("X-BambooHR-Error-Message", reason)
                .withHeader("x-request-id", "req-" + status)));

        IntegrationError error = plugin.run("update-employee", UPDATE_JOB_TITLE).error();

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.upstreamStatus()).isEqualTo(status);
        assertThat(error.upstreamDetail()).isEqualTo(reason);
        assertThat(error.requestId()).isEqualTo("req-" + status);
        assertThat(error.message()).contains("HTTP " + status).contains(reason).doesNotContain("Exception");
        assertThat(error.remedy()).isNotBlank();
        assertThat(SentRequests.all(bamboo)).as("a POST is sent once").hasSize(1);
    }

    @ParameterizedTest(name = "HTTP {0} with Retry-After {1} is {2}, asking to wait {3} s")
    @CsvSource({
            "429, 7, RATE_LIMITED, 7",
            "429, '', RATE_LIMITED, ",
            "503, 120, UPSTREAM_UNAVAILABLE, 120",
            "503, '', UPSTREAM_UNAVAILABLE, ",
            "500, 30, UPSTREAM_UNAVAILABLE, "})
    void a429IsRateLimitedA503IsUnavailableAndBothCarryTheWaitBambooHrAskedFor(int status, String retryAfter,
                                                                               ErrorKind kind, Long waitSeconds) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("x-request-id", "req-" + status);
        if (!retryAfter.isEmpty()) {
            answer = answer.withHeader("Retry-After", retryAfter);
        }
        // A read: for a create or an update a 5xx leaves open whether it was carried out (see RetriesTest).
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/4")).willReturn(answer));

        IntegrationError error = plugin.run("get-employee", Map.of("id", "4")).error();

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.upstreamStatus()).isEqualTo(status);
        assertThat(error.requestId()).isEqualTo("req-" + status);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).isEqualTo(waitSeconds == null ? null : Duration.ofSeconds(waitSeconds));
    }

    @Test
    void aRetryAfterGivenAsAnHttpDateIsTheWaitUntilThatDate() {
        String in45Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(TestExtensions.NOW.plusSeconds(45).atOffset(ZoneOffset.UTC));
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/4")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", in45Seconds)));

        IntegrationError error = plugin.run("get-employee", Map.of("id", "4")).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(45));
        assertThat(error.remedy()).isEqualTo("BambooHR asked to wait 45 s; try again after that.");
    }

    @ParameterizedTest(name = "header {0}")
    @ValueSource(strings = {"X-BambooHR-Error-Message", "X-BambooHR-Message", "x-bamboohr-error-messsage"})
    void theReasonIsReadFromEveryHeaderNameBambooHrUses(String header) {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/99")).willReturn(aResponse().withStatus(404)
                .withHeader(header, "Employee not found")));

        assertThat(plugin.run("get-employee", Map.of("id", "99")).error().upstreamDetail()).isEqualTo("Employee not found");
    }

    @Test
    void aReasonRepeatedInCommaSeparatedTextIsSaidOnce() {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/99")).willReturn(aResponse().withStatus(404)
                .withHeader("X-BambooHR-Error-Message", "Employee not found, Employee not found")
                .withHeader("X-BambooHR-Message", "Employee not found")));

        IntegrationError error = plugin.run("get-employee", Map.of("id", "99")).error();

        assertThat(error.upstreamDetail()).isEqualTo("Employee not found");
        assertThat(error.message()).isEqualTo("BambooHR found no such record (HTTP 404): Employee not found.");
    }

    @Test
    void withoutAReasonHeaderAMessageInAJsonBodyIsTheReason() {
        bamboo.stubFor(post("/api/v1/employees/4").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"BadRequest\",\"message\":\"Unknown field 'shoeSize'\"}}")));

        assertThat(plugin.run("update-employee", UPDATE_JOB_TITLE).error().upstreamDetail())
                .isEqualTo("Unknown field 'shoeSize'");
    }

    @Test
    void aFailureWithoutAnyReasonStillSaysWhatHappened() {
        bamboo.stubFor(post("/api/v1/employees/4").willReturn(aResponse().withStatus(403)));

        IntegrationError error = plugin.run("update-employee", UPDATE_JOB_TITLE).error();

        assertThat(error.message()).isEqualTo("BambooHR does not allow the API key's user to do this (HTTP 403).");
        assertThat(error.upstreamDetail()).isNull();
        assertThat(error.requestId()).isNull();
    }

    @Test
    void aSlowAnswerIsATimeoutAfterTheResponseTimeout() {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/4")).willReturn(aResponse()
                .withFixedDelay(2_000).withHeader("Content-Type", "application/json").withBody("{\"id\":\"4\"}")));

        long started = System.nanoTime();
        IntegrationError error = plugin.run("get-employee", Map.of("id", "4")).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(error.message()).isEqualTo("BambooHR (" + bamboo.baseUrl().replace("http://", "")
                + ") did not answer within 700 ms.");
        assertThat(error.upstreamStatus()).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_800));
    }

    @Test
    void theResponseTimeoutShrinksToTheHostsCallTimeout() throws Exception {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/4")).willReturn(aResponse()
                .withFixedDelay(2_000).withHeader("Content-Type", "application/json").withBody("{\"id\":\"4\"}")));
        IntegrationContext shortCall = plugin.context(Duration.ofMillis(250));

        long started = System.nanoTime();
        IntegrationException thrown = catchThrowableOfType(IntegrationException.class,
                () -> extensions.integration().execute(new ActionCall("get-employee", Map.of("id", "4"),
                        TestExtensions.CREDENTIALS, shortCall)));

        assertThat(thrown.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(thrown.error().message()).matches(".*did not answer within 2[0-9]{2} ms\\.");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(650));
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() {
        try (PluginHarness nowhere = TestExtensions.startedAgainst(LocalStub.closedPort())) {
            IntegrationError error = nowhere.run("list-employee-fields", Map.of()).error();

            assertThat(error.kind()).isEqualTo(ErrorKind.CONNECTION_FAILED);
            assertThat(error.message()).startsWith("Could not connect to 127.0.0.1:").endsWith("the connection was refused.");
        }
    }

    @Test
    void anHtmlPageWhereJsonWasExpectedIsABadResponse() {
        bamboo.stubFor(get("/api/v1/meta/fields").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withHeader("x-request-id", "req-html")
                .withBody("<html><body>Log in to BambooHR</body></html>")));

        IntegrationError error = plugin.run("list-employee-fields", Map.of()).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
        assertThat(error.message()).isEqualTo("BambooHR answered HTTP 200 with a body that is not JSON (text/html).");
        assertThat(error.upstreamStatus()).isEqualTo(200);
        assertThat(error.requestId()).isEqualTo("req-html");
    }

    @Test
    void anEmptyBodyWhereJsonWasExpectedIsABadResponse() {
        bamboo.stubFor(get("/api/v1/meta/fields").willReturn(aResponse().withStatus(200)));

        IntegrationError error = plugin.run("list-employee-fields", Map.of()).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
        assertThat(error.message()).contains("an empty body");
    }

    @Test
    void aRedirectIsNotFollowedAndPointsAtTheSubdomain() {
        bamboo.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", "/login.php")));

        IntegrationError error = plugin.run("list-employee-fields", Map.of()).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(error.remedy()).isEqualTo("Check the company subdomain.");
        assertThat(SentRequests.only(bamboo).getUrl()).isEqualTo("/api/v1/meta/fields");
    }

    @ParameterizedTest(name = "BASE_URL={0}")
    @ValueSource(strings = {"ftp://127.0.0.1/", "127.0.0.1:4010", "http://user:pass@127.0.0.1:4010", "http://a b"})
    void anUnusableBaseUrlSettingIsReportedWithoutSendingAnything(String baseUrl) {
        try (PluginHarness misconfigured = TestExtensions.startedAgainst(baseUrl)) {
            IntegrationError error = misconfigured.run("list-employee-fields", Map.of()).error();

            assertThat(error.kind()).isEqualTo(ErrorKind.CONNECTION_FAILED);
            assertThat(error.message()).contains("BAMBOOHR_BASE_URL").doesNotContain("pass");
        }
    }
}

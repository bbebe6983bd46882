package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.bamboohr.support.BambooHrDescription;
import io.integrationhost.bamboohr.support.LocalStub;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.PluginHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All eleven actions share one client, one error mapper and one retry policy, so each failure BambooHR or the
 * network can produce reaches the caller as the same typed error whichever action met it, with BambooHR's reason
 * and request id. {@link ErrorMappingTest} and {@link RetriesTest} specify the mapping and the retries in detail.
 */
class EveryActionFailsAlikeTest {

    private static final String REASON = "Something BambooHR says";

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

    static Stream<Arguments> everyActionMeetingEveryFailureStatus() {
        Map<Integer, ErrorKind> kinds = Map.of(400, ErrorKind.INVALID_INPUT, 401, ErrorKind.INVALID_CREDENTIALS,
                403, ErrorKind.PERMISSION_DENIED, 404, ErrorKind.NOT_FOUND, 409, ErrorKind.CONFLICT,
                429, ErrorKind.RATE_LIMITED, 500, ErrorKind.UPSTREAM_UNAVAILABLE, 503, ErrorKind.UPSTREAM_UNAVAILABLE);
        List<Arguments> cases = new ArrayList<>();
        BambooHrDescription.actionInputs().forEach((action, input) -> kinds.forEach((status, kind) -> {
            // BambooHR answers an empty directory with 404: EmployeeActionsTest shows it read as no employees.
            if (!(action.equals("list-employees") && status == 404)) {
                cases.add(Arguments.of(action, input, status, kind));
            }
        }));
        return cases.stream();
    }

    static Stream<Arguments> everyAction() {
        return BambooHrDescription.actionInputs().entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0} meeting HTTP {2} fails as {3}")
    @MethodSource("everyActionMeetingEveryFailureStatus")
    void aFailureStatusIsTheSameTypedErrorForEveryAction(String action, Map<String, Object> input, int status, ErrorKind kind) {
        bamboo.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("X-BambooHR-Error-Message", REASON).withHeader("x-request-id", "req-" + status)));

        IntegrationError error = plugin.run(action, input).error();

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.upstreamStatus()).isEqualTo(status);
        assertThat(error.upstreamDetail()).isEqualTo(REASON);
        assertThat(error.requestId()).isEqualTo("req-" + status);
        assertThat(error.message()).contains("HTTP " + status).doesNotContain(TestExtensions.API_KEY);
    }

    @ParameterizedTest(name = "{0} without an answer in time")
    @MethodSource("everyAction")
    void noAnswerInTimeIsATimeoutForEveryAction(String action, Map<String, Object> input) {
        bamboo.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withFixedDelay((int) TestExtensions.RESPONSE_TIMEOUT.toMillis() * 2)));

        assertThat(plugin.run(action, input).error().kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @ParameterizedTest(name = "{0} with BambooHR unreachable")
    @MethodSource("everyAction")
    void aRefusedConnectionIsAConnectionFailureForEveryAction(String action, Map<String, Object> input) {
        try (PluginHarness unreachable = TestExtensions.startedAgainst(LocalStub.closedPort())) {
            assertThat(unreachable.run(action, input).error().kind()).isEqualTo(ErrorKind.CONNECTION_FAILED);
        }
    }

    /** The two updates answer from their input: BambooHR's 200 to them carries no body worth reading. */
    static Stream<Arguments> everyActionThatReadsItsAnswer() {
        return everyAction().filter(arguments -> !List.of("update-employee", "update-time-off-request-status")
                .contains(arguments.get()[0]));
    }

    @ParameterizedTest(name = "{0} answered with HTML")
    @MethodSource("everyActionThatReadsItsAnswer")
    void anAnswerThatIsNotJsonIsABadResponseForEveryActionThatReadsOne(String action, Map<String, Object> input) {
        bamboo.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Maintenance</body></html>")));

        assertThat(plugin.run(action, input).error().kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
    }
}

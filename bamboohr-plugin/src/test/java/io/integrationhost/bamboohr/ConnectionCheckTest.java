package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.integrationhost.bamboohr.support.SentRequests.assertSent;
import static io.integrationhost.bamboohr.support.SentRequests.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.bamboohr.support.Fixtures;
import io.integrationhost.bamboohr.support.LocalStub;
import io.integrationhost.bamboohr.support.SentRequests;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.PluginHarness;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The integration's connection test and the authorization profile's verification are one check: the key's own
 * employee, telling working credentials from refused ones with BambooHR's reason.
 */
class ConnectionCheckTest {

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

    /**
     * One of the two checks, called directly with the kit's context: some cases below send values the host refuses
     * before it asks the plugin, to show the plugin refuses them too.
     */
    @FunctionalInterface
    interface Check {
        ConnectionCheck run(TestExtensions extensions, PluginHarness harness, Credentials credentials);
    }

    /** Both entry points, so that every case below holds for each. */
    static Stream<Arguments> checks() {
        Check integration = (extensions, harness, credentials) ->
                extensions.integration().testConnection(credentials, harness.context());
        Check verification = (extensions, harness, credentials) -> extensions.profile().verify(credentials, harness.context());
        return Stream.of(Arguments.of("the integration's connection test", integration),
                Arguments.of("the authorization profile's verification", verification));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void workingCredentialsAreConfirmedWithTheKeysOwnEmployee(String name,
                                                             Check check) {
        ownEmployeeAnswers(aResponse().withHeader("Content-Type", "application/json")
                .withBody(Fixtures.read("employee-4.json")));

        ConnectionCheck result = check.run(extensions, plugin, TestExtensions.CREDENTIALS);

        assertThat(result.successful()).isTrue();
        assertThat(result.message()).isEqualTo("Connected to BambooHR company 'acme' as Charlotte Abbott (employee 4).");
        assertSent(only(bamboo), "GET", "/api/v1/employees/0", Map.of("fields", "firstName,lastName"), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void aRefusedKeyFailsWithBambooHrsReason(String name, Check check) {
        ownEmployeeAnswers(aResponse().withStatus(401)
                .withHeader("x-bamboohr-error-message", "API key not provided or invalid")
                .withHeader("x-request-id", "req-401"));

        ConnectionCheck result = check.run(extensions, plugin, TestExtensions.CREDENTIALS);

        assertThat(result.successful()).isFalse();
        assertThat(result.error().kind()).isEqualTo(ErrorKind.INVALID_CREDENTIALS);
        assertThat(result.error().upstreamDetail()).isEqualTo("API key not provided or invalid");
        assertThat(result.error().requestId()).isEqualTo("req-401");
        assertThat(result.message()).isEqualTo(
                "BambooHR did not accept the API key (HTTP 401): API key not provided or invalid.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void aKeyNotLinkedToAnEmployeeRecordIsAcceptedAndSaysActionsRunWithItsUsersPermissions(String name,
            Check check) {
        // Employee 0 is the key's own employee "if any": BambooHR answers 404 for a key of a user without one.
        ownEmployeeAnswers(aResponse().withStatus(404)
                .withHeader("x-bamboohr-error-message", "Employee not found"));

        ConnectionCheck result = check.run(extensions, plugin, TestExtensions.CREDENTIALS);

        assertThat(result.successful()).isTrue();
        assertThat(result.message()).isEqualTo("Connected to BambooHR company 'acme'. The API key is accepted but not "
                + "linked to an employee record; actions run with the permissions of the BambooHR user it belongs to.");
        assertSent(only(bamboo), "GET", "/api/v1/employees/0", Map.of("fields", "firstName,lastName"), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void aKeyWhoseUserMayNotSeeItsOwnEmployeeFailsAsPermissionDeniedWithBambooHrsReason(String name,
            Check check) {
        ownEmployeeAnswers(aResponse().withStatus(403)
                .withHeader("x-bamboohr-error-message", "You do not have access to this employee"));

        ConnectionCheck result = check.run(extensions, plugin, TestExtensions.CREDENTIALS);

        assertThat(result.successful()).isFalse();
        assertThat(result.error().kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(result.error().upstreamDetail()).isEqualTo("You do not have access to this employee");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void aSubdomainThatIsNoSubdomainFailsBeforeAnyRequest(String name,
                                                         Check check) {
        ConnectionCheck result = check.run(extensions, plugin, Credentials.of(Map.of("subdomain", "evil.com/x",
                "apiKey", TestExtensions.API_KEY)));

        assertThat(result.successful()).isFalse();
        assertThat(result.error().kind()).isEqualTo(ErrorKind.INVALID_CREDENTIALS);
        assertThat(bamboo.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void aMissingKeyFailsBeforeAnyRequest(String name, Check check) {
        ConnectionCheck result = check.run(extensions, plugin, Credentials.of(Map.of("subdomain", "acme")));

        assertThat(result.error().kind()).isEqualTo(ErrorKind.INVALID_CREDENTIALS);
        assertThat(result.message()).contains("apiKey");
        assertThat(bamboo.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void anUnreachableBambooHrIsAFailedCheckNotAnException(String name,
                                                          Check check) {
        TestExtensions elsewhere = TestExtensions.create();
        try (PluginHarness nowhere = elsewhere.against(LocalStub.closedPort())) {
            ConnectionCheck result = check.run(elsewhere, nowhere, TestExtensions.CREDENTIALS);

            assertThat(result.error().kind()).isEqualTo(ErrorKind.CONNECTION_FAILED);
        }
    }

    @Test
    void aClosedProfileHasShutItsConnectionPoolAndFailsCleanlyWithoutSendingAnything() {
        ownEmployeeAnswers(aResponse().withHeader("Content-Type", "application/json")
                .withBody(Fixtures.read("employee-4.json")));
        assertThat(extensions.profile().verify(TestExtensions.CREDENTIALS, plugin.context()).successful()).isTrue();

        extensions.profile().close();
        ConnectionCheck afterClose = extensions.profile().verify(TestExtensions.CREDENTIALS, plugin.context());

        assertThat(afterClose.successful()).isFalse();
        assertThat(afterClose.error().kind()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(afterClose.message()).isEqualTo("The BambooHR client is closed: the plugin has been stopped.");
        assertThat(SentRequests.all(bamboo)).as("requests sent").hasSize(1);
    }

    private static void ownEmployeeAnswers(ResponseDefinitionBuilder answer) {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/0")).willReturn(answer));
    }
}

package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.api.AccessToken;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.bamboohr.support.Fixtures;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.PluginHarness;
import io.integrationhost.testkit.RemoteApiStub;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged BambooHR jar run in the platform's plugin test kit: the connection test and actions run in the
 * kit's in-process host, which loads the jar the way the host does (the jar is named by the {@code plugin.jar}
 * property that the failsafe configuration sets). The build runs it twice: with the plugin in the test's process, and
 * in a worker process of its own ({@code plugin.isolation=worker}), as the host runs it unless an operator names it in
 * {@code HOST_IN_PROCESS_PLUGINS}. The contract check is {@link PluginContractIT}, a class of its
 * own, so that a plugin that fails to start here cannot hide its contract report.
 */
class PluginKitIT {

    private static final Map<String, String> CREDENTIALS = Map.of("subdomain", "acme", "apiKey", TestExtensions.API_KEY);

    @RegisterExtension
    static final RemoteApiStub bamboo = RemoteApiStub.onLoopback();

    private static PluginHarness plugin;

    @BeforeAll
    static void startThePluginFromItsJar() {
        plugin = PluginHarness.forBuiltJar().setting("BASE_URL", bamboo.baseUrl()).credentials(CREDENTIALS).start();
    }

    @AfterAll
    static void stopThePlugin() {
        if (plugin != null) {
            plugin.close();
        }
    }

    @Test
    void thePluginRunsWhereTheBuildAsksInAWorkerOrInTheTestsProcess() {
        boolean inAWorker = "worker".equals(System.getProperty(PluginHarness.ISOLATION_PROPERTY));

        assertThat(plugin.workerStatus()).as("the plugin's worker").matches(status -> status.isPresent() == inAWorker);
    }

    @Test
    void theConnectionTestAcceptsTheKeyOfTheApiKeysOwnEmployee() {
        bamboo.requiresHeader("Authorization", TestExtensions.BASIC_AUTHORIZATION);
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/0")).willReturn(okJson(Fixtures.read("employee-4.json"))));

        ConnectionCheck check = plugin.testConnection(CREDENTIALS);

        assertThat(check.successful()).as(check.message()).isTrue();
        assertThat(plugin.testConnection(Map.of("subdomain", "acme", "apiKey", "0000000000000000")).error().kind())
                .isEqualTo(ErrorKind.INVALID_CREDENTIALS);
    }

    @Test
    void anEndUserOfTheOAuthProfileTypeIsVerifiedAndCallsWithTheirAccessTokenFromTheJar() {
        bamboo.requiresBearerToken("end-user-token");
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/0")).willReturn(okJson(Fixtures.read("employee-4.json"))));
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/4")).willReturn(okJson(Fixtures.read("employee-4.json"))));
        AccessToken token = new AccessToken("end-user-token", "Bearer");

        ConnectionCheck check = plugin.verifyProfile(BambooHrOAuthProfile.PROFILE_TYPE_ID, Map.of("subdomain", "acme"), token);

        assertThat(check.successful()).as(check.message()).isTrue();
        assertThat(plugin.run("get-employee", Map.of("id", "4"), Credentials.withAccessToken(Map.of("subdomain", "acme"), token))
                .json().path("firstName").asText()).isEqualTo("Charlotte");
        assertThat(plugin.verifyProfile(BambooHrOAuthProfile.PROFILE_TYPE_ID, Map.of("subdomain", "acme"),
                new AccessToken("revoked-token", "Bearer")).error().kind()).isEqualTo(ErrorKind.INVALID_CREDENTIALS);
    }

    @Test
    void getEmployeeRunsFromTheJarWithTheInputTheHostValidated() {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/4")).willReturn(okJson(Fixtures.read("employee-4.json"))));

        assertThat(plugin.run("get-employee", Map.of("id", "4")).json().path("firstName").asText()).isEqualTo("Charlotte");
        assertThat(plugin.run("get-employee", Map.of("id", "../4")).inputViolations()).isNotEmpty();
    }
}

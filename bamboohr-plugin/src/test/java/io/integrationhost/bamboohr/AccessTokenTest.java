package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.integrationhost.api.AccessToken;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrAccount;
import io.integrationhost.bamboohr.support.BambooHrDescription;
import io.integrationhost.bamboohr.support.Fixtures;
import io.integrationhost.bamboohr.support.SuccessAnswers;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.PluginHarness;
import io.integrationhost.testkit.RemoteApiStub;
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
 * With an OAuth 2.0 authorization the host hands each call an access token instead of an API key: every action, the
 * integration's connection test and the OAuth profile type's verification send it as {@code Authorization: Bearer},
 * to the same API base, and never a Basic header; BambooHR refusing the token is {@code INVALID_CREDENTIALS}, which
 * is what makes the host refresh it.
 */
class AccessTokenTest {

    private static final String TOKEN = "bhr-access-7c1f0e92d54a4b3f8e6d";
    private static final Credentials WITH_TOKEN =
            Credentials.withAccessToken(Map.of("subdomain", "acme"), new AccessToken(TOKEN, "bearer"));

    @RegisterExtension
    static final RemoteApiStub bamboo = RemoteApiStub.onLoopback();

    private final TestExtensions extensions = TestExtensions.create();
    private PluginHarness plugin;

    @BeforeEach
    void pointPluginAtStubThatTakesOnlyTheToken() {
        plugin = extensions.against(bamboo.baseUrl());
        bamboo.requiresBearerToken(TOKEN);
    }

    @AfterEach
    void closePlugin() {
        plugin.close();
    }

    /** Each action with its input and a success answer shaped like BambooHR's. */
    static Stream<Arguments> everyActionWithItsAnswer() {
        Map<String, ResponseDefinitionBuilder> answers = SuccessAnswers.byAction();
        assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(BambooHrDescription.actionInputs().keySet());
        return BambooHrDescription.actionInputs().entrySet().stream()
                .map(entry -> Arguments.of(entry.getKey(), entry.getValue(), answers.get(entry.getKey())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyActionWithItsAnswer")
    void everyActionSendsTheAccessTokenAsBearerAndNoApiKey(String action, Map<String, Object> input,
                                                           ResponseDefinitionBuilder answer) {
        bamboo.stubFor(any(anyUrl()).willReturn(answer));

        // As the host calls an end user's OAuth 2.0 authorization: the declared values and the token, no API key.
        Object result = plugin.run(action, input, WITH_TOKEN).result();

        assertThat(result).isNotNull();
        assertThat(bamboo.requests()).hasSize(1).allSatisfy(AccessTokenTest::carriesOnlyTheToken);
        assertThat(bamboo.requests().get(0).getUrl()).startsWith("/api/v1/");
    }

    @Test
    void theConnectionTestWithATokenSaysWhoAuthorizedAccess() {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/0")).willReturn(okJson(Fixtures.read("employee-4.json"))));

        ConnectionCheck integration = extensions.integration().testConnection(WITH_TOKEN, plugin.context());
        ConnectionCheck profile = plugin.verifyProfile(BambooHrOAuthProfile.PROFILE_TYPE_ID, Map.of("subdomain", "acme"),
                new AccessToken(TOKEN, "bearer"));

        assertThat(integration.message()).isEqualTo("Connected to BambooHR company 'acme' as Charlotte Abbott (employee 4).");
        assertThat(profile.message()).isEqualTo(integration.message());
        assertThat(bamboo.requests()).hasSize(2).allSatisfy(AccessTokenTest::carriesOnlyTheToken);
    }

    @Test
    void aTokenWhoseUserHasNoEmployeeRecordIsAcceptedAndSaysWhosePermissionsActionsHave() {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/0")).willReturn(aResponse().withStatus(404)));

        ConnectionCheck check = plugin.verifyProfile(BambooHrOAuthProfile.PROFILE_TYPE_ID, Map.of("subdomain", "acme"),
                new AccessToken(TOKEN, "Bearer"));

        assertThat(check.successful()).as(check.message()).isTrue();
        assertThat(check.message()).isEqualTo("Connected to BambooHR company 'acme'. The access token is accepted, but"
                + " the user who authorized access has no employee record; actions run with that BambooHR user's"
                + " permissions.");
    }

    @Test
    void aRefusedTokenIsInvalidCredentialsWithBambooHrsReasonAndNeverShowsTheToken() {
        bamboo.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
                .withHeader("X-BambooHR-Error-Message", "Token " + TOKEN + " expired").withHeader("x-request-id", "req-1")));

        IntegrationError failed = plugin.run("get-employee", Map.of("id", "4"), WITH_TOKEN).error();
        ConnectionCheck check = extensions.oauthProfile().verify(WITH_TOKEN, plugin.context());

        for (IntegrationError error : new IntegrationError[] {failed, check.error()}) {
            assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_CREDENTIALS);
            assertThat(error.message()).isEqualTo("BambooHR did not accept the access token (HTTP 401): Token [redacted]"
                    + " expired.");
            assertThat(error.toString()).doesNotContain(TOKEN);
        }
    }

    @Test
    void aTokenWhoseUserMayNotDoSomethingIsPermissionDeniedNamingThatUser() {
        bamboo.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403)));

        IntegrationError error = plugin.run("list-employees", Map.of(), WITH_TOKEN).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(error.message()).startsWith("BambooHR does not allow the user who authorized access to do this");
    }

    @Test
    void theSubdomainIsCheckedWithATokenAsWithAKeyBeforeAnyRequest() {
        Credentials elsewhere = Credentials.withAccessToken(Map.of("subdomain", "evil.com/x"), new AccessToken(TOKEN, null));

        ConnectionCheck check = extensions.oauthProfile().verify(elsewhere, plugin.context());

        assertThat(check.error().kind()).isEqualTo(ErrorKind.INVALID_CREDENTIALS);
        assertThat(bamboo.requests()).isEmpty();
    }

    @Test
    void anAccountWithATokenNeverShowsIt() throws IntegrationException {
        assertThat(BambooHrAccount.from(WITH_TOKEN).toString()).doesNotContain(TOKEN).contains("acme", "accessToken");
    }

    private static void carriesOnlyTheToken(LoggedRequest request) {
        assertThat(request.getHeaders().getHeader("Authorization").values()).containsExactly("Bearer " + TOKEN);
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    }
}

package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.integrationhost.api.AccessToken;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.metadata.AuthorizationType;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.OAuth2ClientAuthentication;
import io.integrationhost.api.metadata.OAuth2GrantType;
import io.integrationhost.api.metadata.OAuth2Scope;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.bamboohr.support.BambooHrDescription;
import io.integrationhost.bamboohr.support.SuccessAnswers;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.ClassPathDescriptor;
import io.integrationhost.testkit.PluginHarness;
import io.integrationhost.testkit.RemoteApiStub;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The "BambooHR with OAuth 2.0" profile type as the descriptor declares it: BambooHR's endpoints on the company's own
 * host, and a default set of scopes that covers every action, checked against the {@code security} that BambooHR's
 * OpenAPI description gives the operation each action actually sends.
 */
class OAuthProfileTypeTest {

    @RegisterExtension
    static final RemoteApiStub bamboo = RemoteApiStub.onLoopback();

    private static ProfileTypeSpec oauthType() {
        return ClassPathDescriptor.read(OAuthProfileTypeTest.class.getClassLoader())
                .profileType(BambooHrOAuthProfile.PROFILE_TYPE_ID).orElseThrow();
    }

    @Test
    void theProfileTypeSendsEndUsersToTheirCompanysAuthorizeAndTokenEndpoints() {
        ProfileTypeSpec type = oauthType();
        OAuth2Spec oauth = type.oauth2();

        assertThat(type.type()).isEqualTo(AuthorizationType.OAUTH2);
        assertThat(type.fields()).extracting(CredentialField::key).containsExactly("subdomain");
        assertThat(type.fields().get(0).secret()).isFalse();
        assertThat(oauth.grantTypes()).containsExactly(OAuth2GrantType.AUTHORIZATION_CODE);
        assertThat(oauth.authorizationUrl()).isEqualTo("https://{subdomain}.bamboohr.com/authorize.php");
        assertThat(oauth.tokenUrl()).isEqualTo("https://{subdomain}.bamboohr.com/token.php?request=token");
        assertThat(oauth.authorizationParameters()).isEqualTo(Map.of("request", "authorize"));
        assertThat(oauth.clientAuthentication()).isEqualTo(OAuth2ClientAuthentication.CLIENT_SECRET_POST);
        assertThat(oauth.usesPkce()).isTrue();
        assertThat(oauth.defaultScopes()).contains("openid", "offline_access");
    }

    @Test
    void theSubdomainOfTheOAuthTypeIsOnlyAHostLabelSinceTheHostBuildsBambooHrsAddressFromIt() {
        try (PluginHarness plugin = TestExtensions.create().harness().start()) {
            ProfileTypeSpec type = plugin.descriptor().profileType(BambooHrOAuthProfile.PROFILE_TYPE_ID).orElseThrow();
            Pattern pattern = Pattern.compile(type.fields().get(0).pattern());

            assertThat(List.of("acme", "Acme-2")).allMatch(value -> pattern.matcher(value).matches());
            assertThat(List.of("acme.bamboohr.com", "https://acme.bamboohr.com/", "evil.com/x", "a@b", " acme", ""))
                    .noneMatch(value -> pattern.matcher(value).matches());
        }
    }

    @Test
    void everyDeclaredScopeIsOneBambooHrDefines() throws IOException {
        JsonNode defined = openApi().path("components").path("securitySchemes").path("oauth").path("flows")
                .path("authorizationCode").path("scopes");

        assertThat(oauthType().oauth2().scopes()).extracting(OAuth2Scope::name)
                .allSatisfy(name -> assertThat(defined.has(name)).as(name + " is a BambooHR scope").isTrue());
    }

    @Test
    void theDefaultScopesGrantEveryActionTheOperationItSends() throws IOException {
        JsonNode paths = openApi().path("paths");
        Set<String> defaults = new HashSet<>(oauthType().oauth2().defaultScopes());
        Credentials withToken = Credentials.withAccessToken(Map.of("subdomain", "acme"), new AccessToken("t", "Bearer"));
        List<String> uncovered = new ArrayList<>();
        try (PluginHarness plugin = TestExtensions.startedAgainst(bamboo.baseUrl())) {
            for (var action : BambooHrDescription.actionInputs().entrySet()) {
                bamboo.resetAll();
                bamboo.stubFor(any(anyUrl()).willReturn(SuccessAnswers.byAction().get(action.getKey())));
                assertThat(plugin.run(action.getKey(), action.getValue(), withToken).succeeded()).as(action.getKey()).isTrue();
                LoggedRequest sent = bamboo.requests().get(0);
                JsonNode operation = operationFor(paths, sent);
                assertThat(operation.isMissingNode()).as(action.getKey() + ": " + sent.getUrl() + " is described").isFalse();
                if (!grantedBy(operation.path("security"), defaults)) {
                    uncovered.add(action.getKey() + " (" + operation.path("security") + ")");
                }
            }
        }
        assertThat(uncovered).as("actions the default scopes do not grant").isEmpty();
    }

    /** Whether one of the operation's alternatives ({@code - oauth: [scopes]}) asks only for these scopes. */
    private static boolean grantedBy(JsonNode security, Set<String> scopes) {
        return StreamSupport.stream(security.spliterator(), false).map(alternative -> alternative.path("oauth"))
                .filter(JsonNode::isArray)
                .anyMatch(needed -> StreamSupport.stream(needed.spliterator(), false).allMatch(s -> scopes.contains(s.asText())));
    }

    /** The described operation a request matches; a literal segment wins over a parameter ({@code /directory}). */
    private static JsonNode operationFor(JsonNode paths, LoggedRequest request) {
        String path = request.getUrl().replaceFirst("\\?.*", "");
        String method = request.getMethod().getName().toLowerCase(Locale.ROOT);
        return paths.properties().stream()
                .filter(entry -> entry.getValue().has(method))
                .filter(entry -> Pattern.matches(entry.getKey().replaceAll("\\{[^}]+}", "[^/]+"), path))
                .min(Comparator.comparingLong(entry -> entry.getKey().chars().filter(c -> c == '{').count()))
                .map(entry -> entry.getValue().path(method)).orElse(MissingNode.getInstance());
    }

    private static JsonNode openApi() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(BambooHrDescription.openApi().toFile());
    }
}

package io.integrationhost.host.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.integrationhost.api.metadata.OAuth2GrantType;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.Violation;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthEndpointsTest {

    private static final OAuth2Spec BAMBOO_LIKE = new OAuth2Spec(List.of(OAuth2GrantType.AUTHORIZATION_CODE),
            "https://{subdomain}.bamboohr.com/authorize.php?request=authorize",
            "https://{subdomain}.bamboohr.com/token.php?request=token", null, List.of(), null, null, null);

    @Test
    void placeholdersAreReplacedByTheFieldsValuesAndAQueryInTheTemplateIsKept() {
        OAuthEndpoints endpoints = OAuthEndpoints.resolve(BAMBOO_LIKE, "bamboohr", Map.of("subdomain", "acme"), Map.of());

        assertThat(endpoints.authorization()).isEqualTo(URI.create("https://acme.bamboohr.com/authorize.php?request=authorize"));
        assertThat(endpoints.token()).isEqualTo(URI.create("https://acme.bamboohr.com/token.php?request=token"));
        assertThat(endpoints.revocation()).isNull();
    }

    @Test
    void aValueIsUrlEncodedSoThatItStaysInItsPartOfTheUrl() {
        OAuth2Spec spec = new OAuth2Spec(List.of(OAuth2GrantType.CLIENT_CREDENTIALS), null,
                "https://api.example.com/tenants/{tenant}/token?region={region}",
                "https://api.example.com/tenants/{tenant}/revoke", List.of(), null, null, null);

        OAuthEndpoints endpoints = OAuthEndpoints.resolve(spec, "example",
                Map.of("tenant", "a b/../c", "region", "eu&x=1"), Map.of());

        assertThat(endpoints.token().toString())
                .isEqualTo("https://api.example.com/tenants/a%20b%2F..%2Fc/token?region=eu%26x%3D1");
        assertThat(endpoints.token().getHost()).isEqualTo("api.example.com");
        assertThat(endpoints.revocation().toString()).isEqualTo("https://api.example.com/tenants/a%20b%2F..%2Fc/revoke");
        assertThat(endpoints.authorization()).isNull();
    }

    @Test
    void aValueThatWouldChangeTheHostIsRefusedNamingItsField() {
        HostException refused = catchThrowableOfType(HostException.class, () -> OAuthEndpoints.resolve(BAMBOO_LIKE,
                "bamboohr", Map.of("subdomain", "evil.example/x?"), Map.of()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.violations()).extracting(Violation::field).containsExactly("subdomain");
    }

    @Test
    void everyPlaceholderWithoutAValueIsReportedAtOnceByField() {
        OAuth2Spec spec = new OAuth2Spec(List.of(OAuth2GrantType.AUTHORIZATION_CODE),
                "https://{subdomain}.example.com/authorize", "https://{region}.example.com/token", null, List.of(),
                null, null, null);

        HostException refused = catchThrowableOfType(HostException.class,
                () -> OAuthEndpoints.resolve(spec, "example", Map.of("region", " "), Map.of()));

        assertThat(refused.failureKind()).isEqualTo(FailureKind.VALIDATION_FAILED);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.violations()).extracting(Violation::field).containsExactly("subdomain", "region");
    }

    @Test
    void anOperatorSettingReplacesAUrlMayUseThePlaceholdersAndMayBePlainHttp() {
        Map<String, String> environment = Map.of(
                "BAMBOO_HR_OAUTH_TOKEN_URL", "http://localhost:8089/{subdomain}/token",
                "BAMBOO_HR_OAUTH_REVOCATION_URL", "http://localhost:8089/revoke",
                "OTHER_OAUTH_AUTHORIZATION_URL", "http://localhost:1/not-this-one");

        OAuthEndpoints endpoints = OAuthEndpoints.resolve(BAMBOO_LIKE, "bamboo-hr", Map.of("subdomain", "acme"), environment);

        assertThat(endpoints.authorization()).isEqualTo(URI.create("https://acme.bamboohr.com/authorize.php?request=authorize"));
        assertThat(endpoints.token()).isEqualTo(URI.create("http://localhost:8089/acme/token"));
        assertThat(endpoints.revocation()).isEqualTo(URI.create("http://localhost:8089/revoke"));
    }

    @Test
    void anOperatorSettingThatIsNoHttpUrlIsTheOperatorsToCorrect() {
        HostException refused = catchThrowableOfType(HostException.class, () -> OAuthEndpoints.resolve(BAMBOO_LIKE,
                "bamboohr", Map.of("subdomain", "acme"), Map.of("BAMBOOHR_OAUTH_TOKEN_URL", "ftp://files.example.com/token")));

        assertThat(refused.failureKind()).isEqualTo(FailureKind.PLUGIN_UNAVAILABLE);
        assertThat(refused.getMessage()).contains("token URL of bamboohr");
        assertThat(refused.remedy()).contains("BAMBOOHR_OAUTH_TOKEN_URL");
    }
}

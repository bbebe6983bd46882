package io.integrationhost.host.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.HostWithFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OAuth fixture plugin the OAuth tests run on is a valid plugin the host loads and lists. */
class OAuthFixtureLoadsTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.on("oauth-svc", FixturePlugins.oauth("oauth-svc"));

    @Test
    void theHostListsTheOAuthFixtureAsAnOAuth2IntegrationWithItsProfileType() {
        JsonNode integration = svc.host().getJson("/api/integrations/oauth-svc");

        assertThat(integration.path("plugin").path("state").asText()).isEqualTo("STARTED");
        assertThat(integration.path("authorization").path("type").asText()).isEqualTo("OAUTH2");
        assertThat(integration.path("authorizationProfiles").get(0).path("id").asText()).isEqualTo("oauth-svc-user");
        assertThat(integration.path("actions").findValuesAsText("id")).contains("whoami", "reject-first-token");
        assertThat(integration.path("authorizationProfiles").get(0).path("oauth2").path("grantTypes").toString())
                .isEqualTo("[\"AUTHORIZATION_CODE\"]");
    }
}

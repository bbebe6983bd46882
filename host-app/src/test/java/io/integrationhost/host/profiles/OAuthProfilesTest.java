package io.integrationhost.host.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import io.integrationhost.runtime.credentials.CredentialForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Profiles of an OAuth 2.0 type hold the OAuth app: its client id and secret (which end users never see, so they must
 * be presets) and the scopes chosen (each one the type declares). The types list shows the fields such a profile is
 * made of and what the type offers, with the callback URL to register; a type the integration's own plugin declares is
 * accepted whatever its mechanism, as BambooHR's Basic integration offers an OAuth 2.0 type.
 */
class OAuthProfilesTest {

    private static final String TYPE = FixturePlugins.oauthProfileType("oauthsvc");

    @RegisterExtension
    final HostWithFixtures host = HostWithFixtures.on("oauthsvc", FixturePlugins.oauth("oauthsvc"),
            FixturePlugins.service("svc"), FixturePlugins.oauth("hr").descriptor(apiKeyIntegrationWithItsOwnOAuthType()));

    private Response create(String name, String type, Map<String, String> presets) {
        return host.host().post("/api/authorization-profiles", Map.of("name", name, "type", type, "presets", presets));
    }

    private static List<String> violatedFields(Response answer) {
        List<String> fields = new ArrayList<>();
        answer.error().path("violations").forEach(violation -> fields.add(violation.path("field").asText()));
        return fields;
    }

    @Test
    void aProfileOfAnOAuthTypeIsRefusedWithoutTheAppsClientIdAndSecretNamingBoth() {
        Response refused = create("Users", TYPE, Map.of("issuer", "issuer"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("kind").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(violatedFields(refused)).containsExactlyInAnyOrder("clientId", "clientSecret");
        assertThat(violatedFields(create("Users", TYPE, Map.of("clientId", "app")))).containsExactly("clientSecret");
        assertThat(host.host().getJson("/api/authorization-profiles")).isEmpty();
    }

    @Test
    void aScopeTheTypeDoesNotDeclareIsRefusedNamingTheScopesField() {
        Response refused = create("Users", TYPE, Map.of("clientId", "app", "clientSecret", "s3cret", "scopes", "openid admin"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(violatedFields(refused)).containsExactly("scopes");
        assertThat(refused.raw().body()).contains("admin").doesNotContain("s3cret");
    }

    @Test
    void aProfileWithTheAppKeepsItsSecretSealedAndShowsItMasked() {
        Response created = create("Users", TYPE, Map.of("clientId", "app", "clientSecret", "s3cret", "scopes", "openid"));

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.body().path("presets").path("clientId").asText()).isEqualTo("app");
        assertThat(created.body().path("presets").path("clientSecret").asText()).isEqualTo(CredentialForm.MASK);
        assertThat(created.raw().body()).doesNotContain("s3cret");
        // The mask sent back keeps the stored secret; leaving the secret out is refused as on creation.
        String path = "/api/authorization-profiles/" + created.body().path("id").asText();
        Response kept = host.host().put(path, Map.of("presets", Map.of("clientId", "app", "clientSecret", CredentialForm.MASK,
                "scopes", "openid")));
        assertThat(kept.status()).as(kept.raw().body()).isEqualTo(200);
        assertThat(violatedFields(host.host().put(path, Map.of("presets", Map.of("clientId", "app"))))).containsExactly("clientSecret");
    }

    @Test
    void theTypesListShowsTheAppsFieldsAndWhatTheTypeOffersWithTheCallbackUrl() {
        JsonNode type = typeNamed(TYPE);

        List<String> keys = new ArrayList<>();
        type.path("fields").forEach(field -> keys.add(field.path("key").asText()));
        assertThat(keys).containsExactly("issuer", "clientId", "clientSecret", "scopes");
        assertThat(type.path("fields").get(2).path("secret").asBoolean()).isTrue();
        assertThat(type.path("fields").get(3).path("defaultValue").asText()).isEqualTo("openid profile");
        JsonNode oauth2 = type.path("oauth2");
        assertThat(oauth2.path("grantTypes").toString()).contains("AUTHORIZATION_CODE");
        assertThat(oauth2.path("scopes").get(0).path("name").asText()).isEqualTo("openid");
        assertThat(oauth2.path("scopes").get(2).path("byDefault").asBoolean()).isFalse();
        assertThat(oauth2.path("callbackUrl").asText()).isEqualTo(host.host().uri("/oauth2/callback").toString());
        assertThat(typeNamed("fixture-token").has("oauth2")).isFalse();
    }

    @Test
    void anOAuthProfileIsTestedByAnEndUsersConsentNotByTheTestRoute() {
        String id = create("Users", TYPE, Map.of("clientId", "app", "clientSecret", "s3cret")).body().path("id").asText();

        Response test = host.host().post("/api/authorization-profiles/" + id + "/test", Map.of("values", Map.of("issuer", "issuer")));

        assertThat(test.status()).isEqualTo(409);
        assertThat(test.error().path("kind").asText()).isEqualTo("OAUTH_NOT_OFFERED");
        assertThat(test.error().path("message").asText()).contains("end user's consent");
    }

    @Test
    void anIntegrationAcceptsTheOAuthTypeItsOwnPluginDeclaresThoughItsOwnAuthorizationIsAnApiKey() {
        String id = create("HR users", "hr-user", Map.of("clientId", "app", "clientSecret", "s3cret")).body().path("id").asText();

        Response used = host.host().put("/api/integrations/hr/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", id));

        assertThat(used.status()).as(used.raw().body()).isEqualTo(200);
    }

    @Test
    void anotherPluginsOAuthTypeIsNotAcceptedByAnApiKeyIntegration() {
        String id = create("Users", TYPE, Map.of("clientId", "app", "clientSecret", "s3cret")).body().path("id").asText();

        Response refused = host.host().put("/api/integrations/svc/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", id));

        assertThat(refused.error().path("kind").asText()).isEqualTo("PROFILE_NOT_ACCEPTED");
    }

    private JsonNode typeNamed(String id) {
        for (JsonNode type : host.host().getJson("/api/authorization-profile-types")) {
            if (type.path("id").asText().equals(id)) {
                return type;
            }
        }
        throw new AssertionError("no profile type " + id);
    }

    /** The OAuth fixture's descriptor for plugin {@code hr}, its own authorization an API key (as BambooHR's is Basic). */
    private static String apiKeyIntegrationWithItsOwnOAuthType() {
        String oauth = FixturePlugins.oauthDescriptorFor("hr");
        int start = oauth.indexOf("\"authorization\": {");
        int end = oauth.indexOf("\"authorizationProfiles\"");
        return oauth.substring(0, start) + """
                "authorization": {
                    "type": "API_KEY",
                    "modes": ["PRE_AUTHORIZED", "USER_AUTHORIZED"],
                    "fields": [{"key": "issuer", "label": "Issuer", "required": true, "secret": false},
                               {"key": "apiKey", "label": "API key", "required": true, "secret": true}]
                  },
                  """ + oauth.substring(end);
    }
}

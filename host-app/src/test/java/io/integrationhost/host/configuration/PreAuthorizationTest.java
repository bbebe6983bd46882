package io.integrationhost.host.configuration;

import io.integrationhost.runtime.credentials.CredentialForm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An administrator pre-authorizes an integration: values checked, tested by the plugin, stored only if accepted. */
class PreAuthorizationTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.service("svc");

    private Response preAuthorize(Map<String, String> values) {
        return svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED", "values", values));
    }

    @Test
    void credentialsTheConnectionTestRefusesAreNotStoredAndTheAnswerCarriesTheUpstreamReason() {
        Response refused = preAuthorize(Map.of("account", "acme", "token", "wrong-token"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.error().path("kind").asText()).isEqualTo("CONNECTION_TEST_FAILED");
        assertThat(refused.error().path("message").asText()).contains("Token not accepted");
        assertThat(refused.error().path("upstream").path("status").asInt()).isEqualTo(401);
        assertThat(refused.error().path("upstream").path("requestId").asText()).isEqualTo("req-fixture-1");
        JsonNode entry = svc.host().getJson("/api/integrations/svc");
        assertThat(entry.path("configured").asBoolean()).isFalse();
        assertThat(entry.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(svc.host().getJson("/api/audit?integrationId=svc").get(0).path("outcome").asText()).isEqualTo("FAILURE");
    }

    @Test
    void valuesAreCheckedAgainstTheMetadataBeforeThePluginIsAsked() {
        Response invalid = svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "Not Valid!", "surprise", "x")));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error().path("kind").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(invalid.error().path("violations").toString())
                .contains("\"field\":\"account\"").contains("expected format")
                .contains("\"field\":\"token\"").contains("Token is required")
                .contains("\"field\":\"surprise\"").contains("is not a field");
        assertThat(svc.host().getJson("/api/audit?integrationId=svc")).isEmpty();
    }

    @Test
    void acceptedCredentialsAreStoredMaskedAndTheIntegrationIsConfiguredButNotEnabled() {
        Response stored = preAuthorize(Map.of("account", "acme", "token", "good-secret-token"));

        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body().path("connectionTest").path("message").asText()).isEqualTo("Connected as acme");
        assertThat(stored.raw().body()).doesNotContain("good-secret-token");
        JsonNode entry = svc.host().getJson("/api/integrations/svc");
        assertThat(entry.path("status").asText()).isEqualTo("CONFIGURED");
        assertThat(entry.path("configuration").path("mode").asText()).isEqualTo("PRE_AUTHORIZED");
        assertThat(entry.path("configuration").path("values").path("account").asText()).isEqualTo("acme");
        assertThat(entry.path("configuration").path("values").path("token").asText()).isEqualTo(CredentialForm.MASK);

        Response notYet = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi")));
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.error().path("kind").asText()).isEqualTo("NOT_ENABLED");

        assertThat(svc.host().post("/api/integrations/svc/enable", null).body().path("status").asText()).isEqualTo("ENABLED");
        Response ran = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi")));
        assertThat(ran.status()).isEqualTo(200);
        assertThat(ran.body().path("result").path("account").asText()).isEqualTo("acme");
    }

    @Test
    void sendingTheMaskBackWithTheSameOtherValuesKeepsTheStoredSecret() {
        preAuthorize(Map.of("account", "acme", "token", "good-secret-token"));

        Response updated = preAuthorize(Map.of("account", "acme", "token", CredentialForm.MASK));

        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        svc.host().post("/api/integrations/svc/enable", null);
        Response ran = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi")));
        assertThat(ran.status()).as("the kept token still passes the fixture's check").isEqualTo(200);
        assertThat(ran.body().path("result").path("account").asText()).isEqualTo("acme");
    }

    @Test
    void theMaskDoesNotCarryTheStoredSecretToAnotherAccountAndNothingIsSentOrStored() {
        preAuthorize(Map.of("account", "acme", "token", "good-secret-token"));
        svc.host().post("/api/integrations/svc/enable", null);
        long testsBefore = connectionTests();

        Response refused = preAuthorize(Map.of("account", "other-company", "token", CredentialForm.MASK));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("kind").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.error().path("violations")).singleElement().satisfies(violation -> {
            assertThat(violation.path("field").asText()).isEqualTo("token");
            assertThat(violation.path("message").asText()).contains("must be entered again").contains("Account changed");
        });
        assertThat(connectionTests()).as("the plugin was never handed the stored token with the new account")
                .isEqualTo(testsBefore);
        JsonNode entry = svc.host().getJson("/api/integrations/svc");
        assertThat(entry.path("status").asText()).isEqualTo("ENABLED");
        assertThat(entry.path("configuration").path("values").path("account").asText()).isEqualTo("acme");
        Response ran = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi")));
        assertThat(ran.body().path("result").path("account").asText()).isEqualTo("acme");

        Response entered = preAuthorize(Map.of("account", "other-company", "token", "good-other-token"));
        assertThat(entered.status()).as(entered.raw().body()).isEqualTo(200);
        assertThat(svc.host().getJson("/api/integrations/svc").path("configuration").path("values").path("account").asText())
                .isEqualTo("other-company");
    }

    private long connectionTests() {
        return java.util.stream.StreamSupport.stream(svc.host().getJson("/api/audit?integrationId=svc&limit=1000").spliterator(), false)
                .filter(event -> event.path("action").asText().equals("credentials.tested")).count();
    }

    @Test
    void disableKeepsTheConfigurationAndDeleteRemovesIt() {
        preAuthorize(Map.of("account", "acme", "token", "good-secret-token"));
        svc.host().post("/api/integrations/svc/enable", null);

        assertThat(svc.host().post("/api/integrations/svc/disable", null).body().path("status").asText()).isEqualTo("DISABLED");
        Response disabled = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi")));
        assertThat(disabled.status()).isEqualTo(409);
        assertThat(disabled.error().path("kind").asText()).isEqualTo("DISABLED");
        assertThat(svc.host().getJson("/api/integrations/svc").path("configuration").path("values").path("account").asText())
                .isEqualTo("acme");

        assertThat(svc.host().post("/api/integrations/svc/enable", null).body().path("status").asText()).isEqualTo("ENABLED");
        assertThat(svc.host().delete("/api/integrations/svc/configuration").status()).isEqualTo(204);
        JsonNode entry = svc.host().getJson("/api/integrations/svc");
        assertThat(entry.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(entry.path("configured").asBoolean()).isFalse();
        assertThat(svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi"))).error()
                .path("kind").asText()).isEqualTo("NOT_CONFIGURED");
    }

    @Test
    void anUpstream401OnAPreAuthorizedCallPutsTheIntegrationInErrorUntilReAuthorized() {
        preAuthorize(Map.of("account", "acme", "token", "good-secret-token"));
        svc.host().post("/api/integrations/svc/enable", null);

        Response rejected = svc.host().post("/api/integrations/svc/actions/reject", Map.of());

        assertThat(rejected.status()).isEqualTo(502);
        assertThat(rejected.error().path("kind").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(rejected.error().path("remedy").asText()).contains("re-authorize");
        JsonNode entry = svc.host().getJson("/api/integrations/svc");
        assertThat(entry.path("status").asText()).isEqualTo("ERROR");
        assertThat(entry.path("statusReason").asText()).contains("Token revoked").contains("Re-authorize");
        assertThat(svc.host().post("/api/integrations/svc/enable", null).status()).isEqualTo(409);
        assertThat(svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"))).error()
                .path("kind").asText()).isEqualTo("INTEGRATION_ERROR");

        assertThat(preAuthorize(Map.of("account", "acme", "token", "good-new-token")).status()).isEqualTo(200);
        assertThat(svc.host().getJson("/api/integrations/svc").path("status").asText()).isEqualTo("ENABLED");
    }

    @Test
    void aRejectionWithAnUpstreamReasonLongerThanTheColumnStillPutsTheIntegrationInErrorWithTheReasonShortened() {
        preAuthorize(Map.of("account", "acme", "token", "good-secret-token"));
        svc.host().post("/api/integrations/svc/enable", null);

        Response rejected = svc.host().post("/api/integrations/svc/actions/reject-verbosely", Map.of());

        assertThat(rejected.status()).as(rejected.raw().body()).isEqualTo(502);
        assertThat(rejected.error().path("kind").asText()).isEqualTo("INVALID_CREDENTIALS");
        JsonNode entry = svc.host().getJson("/api/integrations/svc");
        assertThat(entry.path("status").asText()).isEqualTo("ERROR");
        assertThat(entry.path("statusReason").asText()).hasSizeLessThanOrEqualTo(2000)
                .startsWith("The stored credentials were rejected (<html>").contains("…)")
                .endsWith("Re-authorize the integration.");
        assertThat(svc.host().getJson("/api/audit?integrationId=svc&limit=5")).filteredOn(event -> event.path("action").asText()
                .equals("configuration.error")).singleElement().satisfies(event ->
                assertThat(event.path("detail").asText()).hasSize(2000).endsWith("…"));
    }

    @Test
    void rejectedCredentialsStayRejectedThroughADisableAndOnlyAPassingReAuthorizationLetsTheIntegrationBeEnabled() {
        preAuthorize(Map.of("account", "acme", "token", "good-secret-token"));
        svc.host().post("/api/integrations/svc/enable", null);
        svc.host().post("/api/integrations/svc/actions/reject", Map.of());

        Response disabled = svc.host().post("/api/integrations/svc/disable", null);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body().path("status").asText()).isEqualTo("DISABLED");
        assertThat(disabled.body().path("statusReason").asText()).contains("Token revoked");
        assertThat(disabled.body().path("configuration").path("credentialsRejectedAt").asText()).isNotBlank();

        Response enable = svc.host().post("/api/integrations/svc/enable", null);
        assertThat(enable.status()).isEqualTo(409);
        assertThat(enable.error().path("kind").asText()).isEqualTo("INTEGRATION_ERROR");
        assertThat(enable.error().path("message").asText()).contains("Token revoked");
        assertThat(enable.error().path("remedy").asText()).contains("Re-authorize");
        assertThat(preAuthorize(Map.of("account", "acme", "token", "still-wrong")).status()).isEqualTo(422);
        assertThat(svc.host().post("/api/integrations/svc/enable", null).status()).isEqualTo(409);

        assertThat(preAuthorize(Map.of("account", "acme", "token", CredentialForm.MASK)).status()).isEqualTo(200);
        JsonNode reAuthorized = svc.host().getJson("/api/integrations/svc");
        assertThat(reAuthorized.path("status").asText()).isEqualTo("DISABLED");
        assertThat(reAuthorized.path("statusReason").isMissingNode()).isTrue();
        assertThat(reAuthorized.path("configuration").path("credentialsRejectedAt").isMissingNode()).isTrue();
        assertThat(svc.host().post("/api/integrations/svc/enable", null).body().path("status").asText()).isEqualTo("ENABLED");
        assertThat(svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"))).status()).isEqualTo(200);
    }

    @Test
    void lettingEndUsersAuthorizeInsteadOfRejectedCredentialsClearsTheRejection() {
        preAuthorize(Map.of("account", "acme", "token", "good-secret-token"));
        svc.host().post("/api/integrations/svc/enable", null);
        svc.host().post("/api/integrations/svc/actions/reject", Map.of());
        svc.host().post("/api/integrations/svc/disable", null);
        String profileId = svc.host().post("/api/authorization-profiles", Map.of("name", "Users", "type", "fixture-token"))
                .body().path("id").asText();

        svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", profileId));

        assertThat(svc.host().getJson("/api/integrations/svc").path("statusReason").isMissingNode()).isTrue();
        assertThat(svc.host().post("/api/integrations/svc/enable", null).body().path("status").asText()).isEqualTo("ENABLED");
    }

    @Test
    void onlyModesTheMetadataAllowsCanBeChosen() throws Exception {
        FixturePlugins.plugin("only-pre").writeTo(svc.root().resolve("plugins"));
        svc.startAgain();

        Response refused = svc.host().put("/api/integrations/only-pre/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", "x"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("kind").asText()).isEqualTo("MODE_NOT_ALLOWED");
        assertThat(svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "SOMETIMES")).error().path("kind").asText())
                .isEqualTo("INVALID_REQUEST");
        assertThat(svc.host().put("/api/integrations/svc/authorization", "{not json").error().path("message").asText())
                .contains("not valid JSON");
    }
}

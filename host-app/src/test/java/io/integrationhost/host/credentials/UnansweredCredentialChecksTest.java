package io.integrationhost.host.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A check of credentials that ends without the plugin's verdict (it threw, or did not answer in time) is
 * audited like a refusal: as a FAILURE, with the kind of failure, and never the values that were checked.
 */
class UnansweredCredentialChecksTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.service("svc").setting("HOST_ACTION_TIMEOUT_SECONDS", "1");

    private JsonNode newestAudit() {
        return svc.host().getJson("/api/audit?limit=1").get(0);
    }

    private Response preAuthorize(String token) {
        return svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", token)));
    }

    @Test
    void aConnectionTestThatThrowsIsAuditedAsAFailureOfKindPluginError() {
        Response failed = preAuthorize("crash-secret-4711");

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.error().path("kind").asText()).isEqualTo("PLUGIN_ERROR");
        JsonNode audited = newestAudit();
        assertThat(audited.path("action").asText()).isEqualTo("credentials.tested");
        assertThat(audited.path("integrationId").asText()).isEqualTo("svc");
        assertThat(audited.path("outcome").asText()).isEqualTo("FAILURE");
        assertThat(audited.path("detail").asText()).contains("PLUGIN_ERROR").doesNotContain("secret-4711");
    }

    @Test
    void aConnectionTestThatDoesNotAnswerInTimeIsAuditedAsAFailureOfKindTimeout() {
        Response failed = preAuthorize("hang-secret-4711");

        assertThat(failed.status()).isEqualTo(504);
        JsonNode audited = newestAudit();
        assertThat(audited.path("action").asText()).isEqualTo("credentials.tested");
        assertThat(audited.path("outcome").asText()).isEqualTo("FAILURE");
        assertThat(audited.path("detail").asText()).contains("TIMEOUT").doesNotContain("secret-4711");
    }

    @Test
    void aProfileTestThatDoesNotAnswerInTimeIsAuditedAsAFailureOfKindTimeout() {
        String profileId = svc.host().post("/api/authorization-profiles", Map.of("name", "Users", "type", "fixture-token"))
                .body().path("id").asText();

        Response failed = svc.host().post("/api/authorization-profiles/" + profileId + "/test",
                Map.of("values", Map.of("account", "alice", "token", "hang-secret-4711")));

        assertThat(failed.status()).isEqualTo(504);
        JsonNode audited = newestAudit();
        assertThat(audited.path("action").asText()).isEqualTo("profile.tested");
        assertThat(audited.path("outcome").asText()).isEqualTo("FAILURE");
        assertThat(audited.path("detail").asText()).contains(profileId).contains("TIMEOUT").doesNotContain("secret-4711");
    }

    @Test
    void anEndUsersVerificationThatThrowsIsAuditedAndTheFormSaysWhatHappened() {
        svc.host().enableUserAuthorized("svc", "Users");

        HttpResponse<String> page = svc.host().send(FormPost.of(svc.host().authorizationLink("svc", "u1"),
                Map.of("account", "alice", "token", "crash-secret-4711")));

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("failed unexpectedly").contains("<form").doesNotContain("secret-4711");
        JsonNode audited = newestAudit();
        assertThat(audited.path("action").asText()).isEqualTo("authorization.verified");
        assertThat(audited.path("userId").asText()).isEqualTo("u1");
        assertThat(audited.path("outcome").asText()).isEqualTo("FAILURE");
        assertThat(audited.path("detail").asText()).contains("PLUGIN_ERROR").doesNotContain("secret-4711");
    }
}

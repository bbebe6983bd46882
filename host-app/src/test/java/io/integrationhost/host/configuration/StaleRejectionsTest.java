package io.integrationhost.host.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import io.integrationhost.host.web.HostServices;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A remote system's refusal applies to the credentials the refused call used. A call takes a while, and
 * meanwhile an administrator may re-authorize or disable the integration, or the end user authorize
 * again: the refusal reported when the call ends must leave those newer decisions alone. Each test reads
 * what a call reads before it runs, changes things as an administrator or end user would, then reports
 * the refusal as the host does when that call ends.
 */
class StaleRejectionsTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.service("svc");

    private HostServices services() {
        return svc.host().host().services();
    }

    private void preAuthorize(String token) {
        Response stored = svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", token)));
        assertThat(stored.status()).as(stored.raw().body()).isEqualTo(200);
    }

    private Response echo(String userId) {
        return svc.host().post("/api/integrations/svc/actions/echo", userId == null ? Map.of("input", Map.of("text", "x"))
                : Map.of("input", Map.of("text", "x"), "userId", userId));
    }

    @Test
    void aRefusalOfCredentialsReplacedDuringTheCallLeavesTheNewCredentialsEnabled() {
        preAuthorize("good-old-token");
        svc.host().post("/api/integrations/svc/enable", null);
        IntegrationConfiguration readByTheCall = services().configurations().find("svc").orElseThrow();

        preAuthorize("good-new-token");
        boolean marked = services().configurations().markCredentialsRejected(readByTheCall, "Token revoked");

        assertThat(marked).isFalse();
        JsonNode entry = svc.host().getJson("/api/integrations/svc");
        assertThat(entry.path("status").asText()).isEqualTo("ENABLED");
        assertThat(entry.path("configuration").path("credentialsRejectedAt").isMissingNode()).isTrue();
        assertThat(echo(null).status()).isEqualTo(200);
        assertThat(svc.host().getJson("/api/audit?integrationId=svc").toString()).doesNotContain("configuration.error");
    }

    @Test
    void aRefusalReportedAfterTheIntegrationWasDisabledKeepsItDisabledAndItsCredentialsRejected() {
        preAuthorize("good-token");
        svc.host().post("/api/integrations/svc/enable", null);
        IntegrationConfiguration readByTheCall = services().configurations().find("svc").orElseThrow();

        svc.host().post("/api/integrations/svc/disable", null);
        boolean marked = services().configurations().markCredentialsRejected(readByTheCall, "Token revoked");

        assertThat(marked).isTrue();
        JsonNode entry = svc.host().getJson("/api/integrations/svc");
        assertThat(entry.path("status").asText()).isEqualTo("DISABLED");
        assertThat(entry.path("statusReason").asText()).contains("Token revoked");
        assertThat(svc.host().post("/api/integrations/svc/enable", null).error().path("kind").asText()).isEqualTo("INTEGRATION_ERROR");
    }

    @Test
    void aRefusalOfAnEndUsersEarlierCredentialsKeepsTheOnesTheyEnteredDuringTheCall() {
        String profileId = svc.host().enableUserAuthorized("svc", "Users");
        URI first = svc.host().authorizationLink("svc", "u1");
        svc.host().send(FormPost.of(first, Map.of("account", "alice", "token", "good-old")));
        String usedByTheCall = services().endUsers().userCredentials("svc", "u1").orElseThrow().credentialsId();

        URI again = URI.create(services().endUsers().issueLink("svc", "u1", profileId).url());
        assertThat(svc.host().send(FormPost.of(again, Map.of("account", "bob", "token", "good-new"))).statusCode()).isEqualTo(200);
        boolean forgotten = services().endUsers().invalidate("svc", "u1", usedByTheCall, "Token revoked");

        assertThat(forgotten).isFalse();
        assertThat(echo("u1").body().path("result").path("account").asText()).isEqualTo("bob");
        String current = services().endUsers().userCredentials("svc", "u1").orElseThrow().credentialsId();
        assertThat(services().endUsers().invalidate("svc", "u1", current, "Token revoked")).isTrue();
        assertThat(echo("u1").error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
    }
}

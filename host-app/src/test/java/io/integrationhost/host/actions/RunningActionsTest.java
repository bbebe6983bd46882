package io.integrationhost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clients run actions: input checked first, plugin failures typed, a stuck or crashing plugin never takes the host down. */
class RunningActionsTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.service("svc")
            .setting("HOST_ACTION_TIMEOUT_SECONDS", "1").setting("SVC_MODE", "operator-setting").preAuthorized();

    @Test
    void theCatalogEntryListsEachActionWithItsInputSchema() {
        JsonNode echo = svc.host().getJson("/api/integrations/svc").path("actions").get(0);

        assertThat(echo.path("id").asText()).isEqualTo("echo");
        assertThat(echo.path("inputSchema").path("required").get(0).asText()).isEqualTo("text");
    }

    @Test
    void theCatalogSaysWhetherEachActionReadsOrChangesDataAndAnUnstatedEffectIsAChange() {
        for (String path : new String[] {"/api/integrations", "/api/integrations/svc"}) {
            JsonNode entry = svc.host().getJson(path);
            JsonNode actions = (entry.isArray() ? entry.get(0) : entry).path("actions");

            assertThat(actions.get(0).path("id").asText()).isEqualTo("echo");
            assertThat(actions.get(0).path("effect").asText()).as(path).isEqualTo("READ");
            assertThat(actions.get(1).path("id").asText()).isEqualTo("reject");
            assertThat(actions.get(1).path("effect").asText()).as(path).isEqualTo("WRITE");
        }
    }

    @Test
    void aValidInputReachesThePluginWithTheOperatorsSettings() {
        Response ran = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi", "day", "2026-11-24")));

        assertThat(ran.status()).isEqualTo(200);
        assertThat(ran.body().path("result").path("input").path("day").asText()).isEqualTo("2026-11-24");
        assertThat(ran.body().path("result").path("setting").asText()).isEqualTo("operator-setting");
        assertThat(ran.body().path("correlationId").asText()).isNotBlank();
        JsonNode audit = svc.host().getJson("/api/audit?integrationId=svc&limit=1").get(0);
        assertThat(audit.path("action").asText()).isEqualTo("action.run");
        assertThat(audit.path("detail").asText()).contains(ran.body().path("correlationId").asText());
    }

    @Test
    void nullsInAResultReachTheClientAsNullsNotAsMissingFields() {
        Response ran = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi")));

        assertThat(ran.status()).isEqualTo(200);
        assertThat(ran.body().path("result").has("unsetSetting")).as(ran.body().toString()).isTrue();
        assertThat(ran.body().path("result").path("unsetSetting").isNull()).isTrue();
    }

    @Test
    void anInputThatBreaksTheSchemaIsRefusedWithEveryViolationBeforeThePluginRuns() {
        Response invalid = svc.host().post("/api/integrations/svc/actions/echo",
                Map.of("input", Map.of("day", "24/11/2026", "extra", 1)));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error().path("kind").asText()).isEqualTo("INVALID_INPUT");
        assertThat(invalid.error().path("violations").toString()).contains("text").contains("day").contains("extra");
        assertThat(svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", "text")).error().path("message").asText())
                .contains("must be a JSON object");
    }

    @Test
    void unknownIntegrationsAndActionsAreNamedInTheError() {
        Response unknownAction = svc.host().post("/api/integrations/svc/actions/teleport", Map.of());
        assertThat(unknownAction.status()).isEqualTo(404);
        assertThat(unknownAction.error().path("kind").asText()).isEqualTo("UNKNOWN_ACTION");
        assertThat(unknownAction.error().path("remedy").asText()).contains("echo");

        Response unknownIntegration = svc.host().post("/api/integrations/nope/actions/echo", Map.of());
        assertThat(unknownIntegration.status()).isEqualTo(404);
        assertThat(unknownIntegration.error().path("message").asText()).contains("nope");
    }

    @Test
    void upstreamFailuresKeepTheirKindStatusAndRequestId() {
        Response down = svc.host().post("/api/integrations/svc/actions/upstream-down", Map.of());

        assertThat(down.status()).isEqualTo(502);
        assertThat(down.error().path("kind").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(down.error().path("retryable").asBoolean()).isTrue();
        assertThat(down.error().path("upstream").path("status").asInt()).isEqualTo(503);
        assertThat(down.error().path("upstream").path("detail").asText()).isEqualTo("Maintenance");
        assertThat(down.error().path("upstream").path("requestId").asText()).isEqualTo("req-fixture-3");
        assertThat(down.error().path("correlationId").asText()).isNotBlank();
        assertThat(down.error().has("retryAfterSeconds")).as("the plugin did not say how long to wait").isFalse();
        assertThat(down.raw().headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void aRateLimitWithTheWaitThePluginReportedIsA429WithRetryAfterInWholeSecondsRoundedUp() {
        Response limited = svc.host().post("/api/integrations/svc/actions/rate-limited", Map.of());

        assertThat(limited.status()).as(limited.raw().body()).isEqualTo(429);
        assertThat(limited.error().path("kind").asText()).isEqualTo("RATE_LIMITED");
        assertThat(limited.raw().headers().firstValue("Retry-After")).contains("7");
        assertThat(limited.error().path("retryAfterSeconds").asLong()).isEqualTo(7);
        assertThat(limited.error().path("retryable").asBoolean()).isTrue();
        assertThat(limited.error().path("upstream").path("status").asInt()).isEqualTo(429);
    }

    @Test
    void aPluginThatHangsOrThrowsCostsOneCallATypedErrorAndTheHostStaysUp() {
        Response hung = svc.host().post("/api/integrations/svc/actions/hang", Map.of());
        assertThat(hung.status()).isEqualTo(504);
        assertThat(hung.error().path("kind").asText()).isEqualTo("TIMEOUT");

        Response crashed = svc.host().post("/api/integrations/svc/actions/crash", Map.of());
        assertThat(crashed.status()).isEqualTo(502);
        assertThat(crashed.error().path("kind").asText()).isEqualTo("PLUGIN_ERROR");
        assertThat(crashed.raw().body()).doesNotContain("bug in the plugin").doesNotContain("at io.");

        assertThat(svc.host().getJson("/health").path("status").asText()).isEqualTo("UP");
        assertThat(svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "still here"))).status())
                .isEqualTo(200);
    }
}

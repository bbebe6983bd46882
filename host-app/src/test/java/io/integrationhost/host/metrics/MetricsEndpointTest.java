package io.integrationhost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics}: the host's meters for Prometheus, for administrators only, with no secret and no user in them. */
class MetricsEndpointTest {

    private static final String TIMER = "host_action_calls_seconds";

    private static Exposition scrape(RunningHost host) {
        HttpResponse<String> answer = host.get("/metrics");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain").contains("0.0.4");
        assertThat(answer.headers().firstValue("Cache-Control")).as("no cache keeps what only administrators may read").hasValue("no-store");
        return Exposition.parse(answer.body());
    }

    private static Map<String, String> call(String action, String outcome) {
        return Map.of("integration", "svc", "action", action, "outcome", outcome);
    }

    @Nested
    class PreAuthorized {

        @RegisterExtension
        final HostWithFixtures svc = HostWithFixtures.service("svc").preAuthorized();

        @Test
        void theMetricsNeedTheAdministratorsTokenOrSessionLikeTheAdminApi() {
            RunningHost host = svc.host();
            assertThat(host.send(HttpRequest.newBuilder(host.uri("/metrics")).GET()).statusCode()).isEqualTo(401);
            assertThat(host.send(HttpRequest.newBuilder(host.uri("/metrics")).header("Authorization", "Bearer not-the-token")
                    .GET()).statusCode()).isEqualTo(401);
            assertThat(host.get("/metrics").statusCode()).isEqualTo(200);

            HttpResponse<String> signedIn = host.send(HttpRequest.newBuilder(host.uri("/api/session"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + RunningHost.ADMIN_TOKEN + "\"}")));
            String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
            HttpResponse<String> bySession = host.send(HttpRequest.newBuilder(host.uri("/metrics"))
                    .header("Cookie", setCookie.substring(0, setCookie.indexOf(';'))).GET());
            assertThat(bySession.statusCode()).isEqualTo(200);
            assertThat(bySession.body()).contains("# TYPE jvm_threads_live_threads gauge");
        }

        @Test
        void eachActionCallIsTimedByIntegrationActionAndOutcomeWithALatencyHistogram() {
            RunningHost host = svc.host();
            for (int i = 0; i < 2; i++) {
                assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi"))).status())
                        .isEqualTo(200);
            }
            assertThat(host.post("/api/integrations/svc/actions/upstream-down", Map.of()).status()).isEqualTo(502);
            // Names no client may add series with: neither is an installed integration's declared action.
            host.post("/api/integrations/svc/actions/made-up", Map.of());
            host.post("/api/integrations/made-up/actions/echo", Map.of());

            Exposition metrics = scrape(host);

            assertThat(metrics.value(TIMER + "_count", call("echo", "success"))).hasValue(2);
            assertThat(metrics.value(TIMER + "_count", call("upstream-down", "UPSTREAM_UNAVAILABLE"))).hasValue(1);
            assertThat(metrics.value(TIMER + "_sum", call("echo", "success")).orElseThrow()).isPositive();
            assertThat(metrics.value(TIMER + "_bucket", Map.of("integration", "svc", "action", "echo", "outcome", "success",
                    "le", "+Inf"))).hasValue(2);
            assertThat(metrics.count(TIMER + "_bucket", call("echo", "success"))).as("histogram buckets").isGreaterThan(10);
            assertThat(metrics.count(TIMER + "_count", Map.of("action", "made-up"))).isZero();
            assertThat(metrics.count(TIMER + "_count", Map.of("integration", "made-up"))).isZero();
            assertThat(metrics.count(TIMER + "_count", Map.of())).isEqualTo(2);
        }

        @Test
        void thePoolsTheAuditQueueAndTheJvmAreMeasured() {
            Exposition metrics = scrape(svc.host());

            assertThat(metrics.value("host_plugin_calls_active", Map.of())).isPresent();
            assertThat(metrics.value("host_plugin_calls_queued", Map.of())).hasValue(0);
            assertThat(metrics.value("host_plugin_calls_threads", Map.of()).orElseThrow()).isPositive();
            assertThat(metrics.value("host_audit_queued", Map.of())).isPresent();
            assertThat(metrics.value("hikaricp_connections_max", Map.of("pool", "host-db")).orElseThrow()).isPositive();
            assertThat(metrics.value("hikaricp_connections_active", Map.of("pool", "host-db"))).isPresent();
            assertThat(metrics.count("jvm_memory_used_bytes", Map.of())).isPositive();
            assertThat(metrics.value("jvm_threads_live_threads", Map.of()).orElseThrow()).isPositive();
            assertThat(metrics.count("jvm_gc_memory_allocated_bytes_total", Map.of())
                    + metrics.count("jvm_gc_max_data_size_bytes", Map.of())).isPositive();
        }
    }

    @Nested
    class UserAuthorized {

        @RegisterExtension
        final HostWithFixtures svc = HostWithFixtures.service("svc").userAuthorized("Fixture users");

        @Test
        void noSecretTokenOrUserIdAppearsInTheMetrics() {
            RunningHost host = svc.host();
            String user = "metrics-user-4711";
            String token = "good-secret-of-metrics-user";
            Response required = host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"), "userId", user));
            assertThat(required.error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
            URI link = URI.create(required.error().path("authorizationUrl").asText());
            assertThat(host.send(FormPost.of(link, Map.of("account", "metrics-account", "token", token))).statusCode())
                    .isEqualTo(200);
            Response ran = host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"), "userId", user));
            assertThat(ran.status()).as(ran.raw().body()).isEqualTo(200);

            String text = host.get("/metrics").body();
            Exposition metrics = Exposition.parse(text);

            assertThat(metrics.value(TIMER + "_count", call("echo", "success"))).hasValue(1);
            assertThat(metrics.value(TIMER + "_count", call("echo", "AUTHORIZATION_REQUIRED"))).hasValue(1);
            assertThat(text).doesNotContain(user).doesNotContain(token).doesNotContain("metrics-account")
                    .doesNotContain(RunningHost.ADMIN_TOKEN).doesNotContain(link.getPath().substring("/authorize/".length()));
        }
    }
}

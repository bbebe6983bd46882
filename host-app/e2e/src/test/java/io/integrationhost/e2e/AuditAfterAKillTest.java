package io.integrationhost.e2e;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.runtime.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash can lose of the audit trail: the packaged host, killed with SIGKILL (no shutdown runs), keeps every
 * change it acknowledged, with its entry, and the entry of every action it answered more than a flush interval
 * before it died. Action entries are written in batches; only the last interval's are at risk.
 */
class AuditAfterAKillTest {

    private static final String ADMIN_TOKEN = "kill-test-admin-token-8d31c0a4b77e";
    /** The administrator's key docs/bamboohr-stub accepts. */
    private static final String ADMIN_KEY = "0123456789abcdef0123456789abcdef01234567";
    private static final int CALLS = 25;

    @RegisterExtension
    static final WireMockExtension bambooHr = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                    .usingFilesUnderDirectory(PlatformArtifacts.ofThisBuild().root().resolve("docs/bamboohr-stub").toString()))
            .build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path root;

    @Test
    void aKilledHostKeepsItsAcknowledgedChangesAndTheEntriesOfCallsAnsweredBeforeTheLastFlushInterval() throws Exception {
        BundledPlugins.installBambooHr(root);
        Map<String, String> environment = Map.of("HOST_ADMIN_TOKEN", ADMIN_TOKEN,
                "BAMBOOHR_BASE_URL", bambooHr.getRuntimeInfo().getHttpBaseUrl(), "HOST_AUDIT_FLUSH_MILLIS", "5");
        try (PackagedHost host = PackagedHost.start(root, List.of(), environment)) {
            assertThat(admin(host, "PUT", "/api/integrations/bamboohr/authorization",
                    Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("subdomain", "acme", "apiKey", ADMIN_KEY))).statusCode())
                    .isEqualTo(200);
            assertThat(admin(host, "POST", "/api/integrations/bamboohr/enable", null).statusCode()).isEqualTo(200);
            for (int i = 0; i < CALLS; i++) {
                assertThat(admin(host, "POST", "/api/integrations/bamboohr/actions/list-time-off-types",
                        Map.of("input", Map.of())).statusCode()).isEqualTo(200);
            }
            // A second is two hundred flush intervals: every answered call's entry has had its turn to be written.
            Thread.sleep(1000);
            host.kill();
        }

        try (PackagedHost restarted = PackagedHost.start(root, List.of(), environment)) {
            assertThat(Json.mapper().readTree(admin(restarted, "GET", "/api/integrations/bamboohr", null).body()).path("status").asText())
                    .isEqualTo("ENABLED");
            JsonNode audit = Json.mapper().readTree(admin(restarted, "GET", "/api/audit?integrationId=bamboohr&limit=1000", null).body());
            List<String> actions = StreamSupport.stream(audit.spliterator(), false).map(entry -> entry.path("action").asText())
                    .toList();
            assertThat(actions).contains("credentials.stored");
            assertThat(actions.stream().filter("action.run"::equals).count()).isEqualTo(CALLS);
        }
    }

    private HttpResponse<String> admin(PackagedHost host, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(host.uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

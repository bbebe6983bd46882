package io.integrationhost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} counts the plugins' worker processes that run, and each installed plugin's worker restarts. */
class PluginWorkerMetricsTest {

    private static final String RUNNING = "host_plugin_workers_running";
    private static final String RESTARTS = "host_plugin_worker_restarts";

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.on("svc", FixturePlugins.service("svc"), FixturePlugins.service("other"))
            .preAuthorized();

    private Exposition scrape() {
        HttpResponse<String> answer = svc.host().get("/metrics");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Exposition.parse(answer.body());
    }

    @Test
    void theWorkersThatRunAreCountedAndEachInstalledPluginHasItsRestarts() {
        Exposition metrics = scrape();

        assertThat(metrics.value(RUNNING, Map.of())).as("the connection test started svc's worker; other's never ran")
                .hasValue(1);
        assertThat(metrics.value(RESTARTS, Map.of("plugin", "svc"))).hasValue(0);
        assertThat(metrics.value(RESTARTS, Map.of("plugin", "other"))).hasValue(0);
    }

    @Test
    void aWorkerThatIsKilledIsCountedAsARestartOfItsPluginAndNoLongerRuns() throws Exception {
        RunningHost host = svc.host();
        long pid = host.getJson("/api/plugins").findValues("pid").get(0).asLong();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        Exposition metrics = scrape();
        while (metrics.value(RESTARTS, Map.of("plugin", "svc")).orElse(0) == 0 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(50);
            metrics = scrape();
        }

        assertThat(metrics.value(RESTARTS, Map.of("plugin", "svc"))).hasValue(1);
        assertThat(metrics.value(RESTARTS, Map.of("plugin", "other"))).hasValue(0);
        assertThat(metrics.value(RUNNING, Map.of())).hasValue(0);
    }
}

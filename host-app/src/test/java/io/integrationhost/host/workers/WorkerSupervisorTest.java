package io.integrationhost.host.workers;

import static io.integrationhost.host.workers.HostileHost.HEALTHY;
import static io.integrationhost.host.workers.HostileHost.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.RunningHost.Response;
import io.integrationhost.runtime.worker.WorkerStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor of plugin workers, seen through a real host: a worker starts on its plugin's first call and stops
 * when idle, a plugin's share of calls holds in its worker, and a plugin whose start code fails in its worker is
 * failed with that reason while its metadata stays listed.
 */
class WorkerSupervisorTest {

    @TempDir
    Path root;

    @Test
    void noWorkerRunsBeforeItsPluginsFirstCallAndOnlyThatPluginsWorkerStartsWithIt() throws Exception {
        try (HostileHost hostile = HostileHost.start(root, Map.of())) {
            assertThat(hostile.status(HOSTILE).state()).isEqualTo(WorkerStatus.State.IDLE);
            assertThat(hostile.status(HOSTILE).pid()).isNull();
            assertThat(hostile.status(HEALTHY).state()).isEqualTo(WorkerStatus.State.IDLE);
            assertThat(workerProcessesOnceEnded()).as("no worker JVM before a call").isEmpty();
            JsonNode catalog = hostile.host().getJson("/api/integrations");
            assertThat(catalog.findValuesAsText("id")).as("metadata without a worker").contains(HOSTILE, HEALTHY);

            hostile.configured();

            WorkerStatus running = hostile.status(HOSTILE);
            assertThat(running.state()).isEqualTo(WorkerStatus.State.RUNNING);
            assertThat(running.pid()).isNotNull();
            assertThat(running.lastStartMillis()).isPositive();
            assertThat(workerProcesses()).contains(running.pid());
        }
    }

    @Test
    void aWorkerWithoutCallsForItsIdleTimeStopsAndTheNextCallStartsAnother() throws Exception {
        try (HostileHost hostile = HostileHost.start(root, Map.of("HOST_PLUGIN_WORKER_IDLE_SECONDS", "1")).configured()) {
            Response first = hostile.hostile("echo", Map.of("text", "first"));
            assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
            long pid = hostile.status(HOSTILE).pid();

            WorkerStatus idle = hostile.awaitStatus(HOSTILE, status -> status.state() == WorkerStatus.State.IDLE);

            assertThat(idle.state()).isEqualTo(WorkerStatus.State.IDLE);
            assertThat(idle.pid()).isNull();
            assertThat(HostileHost.ended(pid)).as("its process is gone").isTrue();
            assertThat(idle.restarts()).as("an idle stop is no crash").isZero();
            assertThat(hostile.listed(HOSTILE).path("isolation").path("worker").path("state").asText()).isEqualTo("IDLE");
            Response next = hostile.hostile("echo", Map.of("text", "next"));
            assertThat(next.status()).as(next.raw().body()).isEqualTo(200);
            assertThat(hostile.status(HOSTILE).pid()).isNotEqualTo(pid);
        }
    }

    @Test
    void callsBeyondAPluginsShareAreRefusedAsBusyWhileTheOtherPluginKeepsAnswering() throws Exception {
        // Four call threads: each plugin may run two calls at once.
        Map<String, String> settings = Map.of("HOST_PLUGIN_CALL_THREADS", "4", "HOST_ACTION_TIMEOUT_SECONDS", "20");
        try (HostileHost hostile = HostileHost.start(root, settings).configured()) {
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                List<Future<Response>> spinning = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    spinning.add(clients.submit(() -> hostile.hostile("spin", Map.of("seconds", 3))));
                }
                WorkerStatus busy = hostile.awaitStatus(HOSTILE, status -> status.callsInFlight() == 2);
                assertThat(busy.callsInFlight()).isEqualTo(2);

                Response third = hostile.hostile("echo", Map.of("text", "one too many"));

                assertThat(third.status()).as(third.raw().body()).isEqualTo(503);
                assertThat(third.error().path("kind").asText()).isEqualTo("HOST_BUSY");
                assertThat(hostile.healthyEcho("meanwhile").status()).isEqualTo(200);
                for (Future<Response> call : spinning) {
                    assertThat(call.get().status()).as(call.get().raw().body()).isEqualTo(200);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(hostile.hostile("echo", Map.of("text", "share free again")).status()).isEqualTo(200);
        }
    }

    @Test
    void aPluginWhoseStartCodeFailsInItsWorkerIsFailedWithThatReasonAndItsMetadataStaysListed() throws Exception {
        try (HostileHost hostile = HostileHost.start(root, Map.of("HOSTILE_START_FAILS", "yes"))) {
            Response configured = hostile.host().put("/api/integrations/" + HOSTILE + "/authorization", Map.of(
                    "mode", "PRE_AUTHORIZED", "values", Map.of("account", "acme", "token", HostileHost.HOSTILE_TOKEN)));

            assertThat(configured.raw().body()).contains("hostile plugin refuses to start");
            WorkerStatus failed = hostile.status(HOSTILE);
            assertThat(failed.state()).isEqualTo(WorkerStatus.State.FAILED);
            assertThat(failed.failure()).contains("hostile plugin refuses to start");
            assertThat(failed.restarts()).as("a start failure is not retried").isZero();
            JsonNode listed = hostile.listed(HOSTILE);
            assertThat(listed.path("state").asText()).as("GET /api/plugins").isEqualTo("FAILED");
            assertThat(listed.toString()).contains("hostile plugin refuses to start");
            JsonNode catalog = hostile.host().getJson("/api/integrations");
            assertThat(catalog.findValuesAsText("id")).contains(HOSTILE);
            assertThat(catalog.toString()).contains("A plugin that tries to break out of its boundary");
            assertThat(workerProcessesOnceEnded()).as("the refused worker ends").isEmpty();
            Response again = hostile.hostile("echo", Map.of("text", "x"));
            assertThat(again.raw().body()).doesNotContain("\"result\"");
            assertThat(hostile.status(HOSTILE).state()).isEqualTo(WorkerStatus.State.FAILED);
            assertThat(workerProcesses()).as("no worker is started again").isEmpty();

            hostile.configure(HEALTHY, HostileHost.HEALTHY_TOKEN);
            assertThat(hostile.healthyEcho("beside it").status()).isEqualTo(200);
        }
    }

    /** {@link #workerProcesses()} once there are none, or after 15 s. */
    private static List<Long> workerProcessesOnceEnded() throws InterruptedException {
        long until = System.nanoTime() + 15_000_000_000L;
        List<Long> running = workerProcesses();
        while (!running.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(50);
            running = workerProcesses();
        }
        return running;
    }

    /** The pids of the worker JVMs this test's JVM started (directly, or inside bubblewrap). */
    private static List<Long> workerProcesses() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("WorkerMain"))
                .map(ProcessHandle::pid).toList();
    }
}

package io.integrationhost.host.workers;

import static io.integrationhost.host.workers.HostileHost.HEALTHY;
import static io.integrationhost.host.workers.HostileHost.HOSTILE;
import static io.integrationhost.host.workers.HostileHost.HOSTILE_TOKEN;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-plugin corpus, with or without a sandbox (a subclass each): a plugin that ends its process, holds its
 * threads, fills its heap, or reaches for the host's environment, classes and database, installed beside a
 * well-behaved plugin. For each, what stays safe: no secret but the call's own comes back, the host and the other
 * plugin keep answering during and after, and the worker's state and reason are shown.
 */
abstract class HostilePluginCorpus {

    /** The host's time limit of one call in these tests, in seconds. */
    static final int TIME_LIMIT_SECONDS = 2;

    @TempDir
    Path root;

    HostileHost hostile;

    /** {@code HOST_PLUGIN_SANDBOX} for the variant. */
    abstract String sandboxSetting();

    @BeforeEach
    void startHost() throws Exception {
        hostile = HostileHost.start(root, Map.of("HOST_PLUGIN_SANDBOX", sandboxSetting())).configured();
    }

    @AfterEach
    void stopHost() {
        if (hostile != null) {
            hostile.close();
        }
    }

    @Test
    void anActionThatExitsOrHaltsFailsAsCrashedWithAnUnknownOutcomeAndTheNextCallRunsInANewWorker() throws Exception {
        long firstPid = runningPid();

        HostileHost.During<Response> exit = hostile.whileCallingHealthy(() -> hostile.hostile("exit", Map.of()));

        assertCrashed(exit.hostile(), "exited with code 1");
        assertThat(exit.healthyStatuses()).as("the other plugin during the crash").containsOnly(200);
        WorkerStatus afterExit = hostile.status(HOSTILE);
        assertThat(afterExit.restarts()).isEqualTo(1);
        assertThat(afterExit.lastCrash()).isEqualTo("exited with code 1");
        assertThat(afterExit.lastCrashAt()).isNotNull();
        JsonNode listed = hostile.listed(HOSTILE).path("isolation").path("worker");
        assertThat(listed.path("restarts").asInt()).as("GET /api/plugins").isEqualTo(1);
        assertThat(listed.path("lastCrash").asText()).isEqualTo("exited with code 1");
        assertThat(HostileHost.ended(firstPid)).isTrue();
        Response again = hostile.hostile("echo", Map.of("text", "after exit"));
        assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
        long secondPid = runningPid();
        assertThat(secondPid).as("a new worker").isNotEqualTo(firstPid);

        Response halt = hostile.hostile("halt", Map.of());

        assertCrashed(halt, "exited with code 3");
        assertThat(hostile.status(HOSTILE).restarts()).isEqualTo(2);
        assertThat(hostile.status(HOSTILE).lastCrash()).isEqualTo("exited with code 3");
        assertThat(hostile.hostile("echo", Map.of("text", "after halt")).status()).isEqualTo(200);
        assertThat(runningPid()).isNotIn(firstPid, secondPid);
        assertThat(hostile.healthyEcho("after").status()).isEqualTo(200);
        assertThat(hostile.host().get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void fiveCrashesWithinAMinuteFailThePluginWithTheLastReasonAndTheOtherPluginKeepsAnswering() throws Exception {
        for (int crash = 1; crash <= 5; crash++) {
            Response exit = hostile.hostile("exit", Map.of());
            assertCrashed(exit, "exited with code 1");
            assertThat(hostile.healthyEcho("between crashes").status()).isEqualTo(200);
        }

        WorkerStatus failed = hostile.status(HOSTILE);
        assertThat(failed.state()).isEqualTo(WorkerStatus.State.FAILED);
        assertThat(failed.failure()).isEqualTo("Its worker crashed 5 times within a minute; the last time it exited with code 1.");
        assertThat(failed.restarts()).isEqualTo(5);
        JsonNode listed = hostile.listed(HOSTILE);
        assertThat(listed.path("state").asText()).as("GET /api/plugins").isEqualTo("FAILED");
        assertThat(listed.toString()).contains("crashed 5 times within a minute; the last time it exited with code 1");
        assertThat(listed.path("isolation").path("worker").path("state").asText()).isEqualTo("FAILED");
        assertThat(hostile.listed(HEALTHY).path("state").asText()).isEqualTo("STARTED");
        Response refused = hostile.hostile("echo", Map.of("text", "after failing"));
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(503);
        assertThat(refused.error().path("kind").asText()).isEqualTo("PLUGIN_UNAVAILABLE");
        assertThat(refused.error().path("message").asText()).contains("crashed 5 times within a minute");
        assertThat(hostile.status(HEALTHY).state()).isEqualTo(WorkerStatus.State.RUNNING);
        assertThat(hostile.healthyEcho("after").status()).isEqualTo(200);

        hostile.worker(HOSTILE).reset();

        assertThat(hostile.hostile("echo", Map.of("text", "after a reset")).status()).isEqualTo(200);
        assertThat(hostile.status(HOSTILE).state()).isEqualTo(WorkerStatus.State.RUNNING);
    }

    @Test
    void anActionThatFillsItsHeapFailsAsCrashedOutOfMemoryAndItsWorkerStartsAgain() throws Exception {
        long firstPid = runningPid();

        HostileHost.During<Response> allocate = hostile.whileCallingHealthy(() -> hostile.hostile("allocate", Map.of()));

        assertCrashed(allocate.hostile(), "ran out of memory (its heap limit is 96m)");
        assertThat(allocate.healthyStatuses()).containsOnly(200);
        assertThat(hostile.status(HOSTILE).lastCrash()).isEqualTo("ran out of memory (its heap limit is 96m)");
        assertThat(hostile.status(HOSTILE).restarts()).isEqualTo(1);
        assertThat(hostile.listed(HOSTILE).path("isolation").path("worker").path("lastCrash").asText())
                .isEqualTo("ran out of memory (its heap limit is 96m)");
        Response again = hostile.hostile("echo", Map.of("text", "after"));
        assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
        assertThat(runningPid()).isNotEqualTo(firstPid);
        assertThat(hostile.healthyEcho("after").status()).isEqualTo(200);
    }

    @Test
    void sixteenCallsSpinningPastTheTimeLimitEachTimeOutTheirWorkerIsReplacedAndTheOtherPluginKeepsAnswering() throws Exception {
        long spinningPid = runningPid();
        int calls = 16;
        ExecutorService clients = Executors.newFixedThreadPool(calls);
        try {
            HostileHost.During<List<Response>> spin = hostile.whileCallingHealthy(() -> {
                List<Future<Response>> sent = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    // Far longer than the time limit: only the host's replacement of the worker ends them in time.
                    sent.add(clients.submit(() -> hostile.hostile("spin", Map.of("seconds", 120))));
                }
                List<Response> answers = new ArrayList<>();
                for (Future<Response> answer : sent) {
                    answers.add(answer.get());
                }
                return answers;
            });

            assertThat(spin.hostile()).hasSize(calls).allSatisfy(answer -> {
                assertThat(answer.status()).as(answer.raw().body()).isEqualTo(504);
                assertThat(answer.error().path("kind").asText()).isEqualTo("TIMEOUT");
            });
            assertThat(spin.healthyStatuses()).as("the other plugin while they spin").containsOnly(200);
        } finally {
            clients.shutdownNow();
        }
        assertThat(HostileHost.ended(spinningPid)).as("the worker whose threads do not come free is ended").isTrue();
        Response again = onceTheShareIsFree(() -> hostile.hostile("echo", Map.of("text", "after")));
        assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
        assertThat(runningPid()).as("a new worker").isNotEqualTo(spinningPid);
        assertThat(hostile.status(HOSTILE).restarts()).as("a replacement is no crash").isZero();
        assertThat(hostile.healthyEcho("after").status()).isEqualTo(200);
    }

    @Test
    void theEnvironmentAWorkerSeesHoldsItsOwnSettingsOnlyAndNoneOfTheHosts() {
        Response env = hostile.hostile("read-env", Map.of());

        assertThat(env.status()).as(env.raw().body()).isEqualTo(200);
        JsonNode result = env.body().path("result");
        List<String> names = new ArrayList<>();
        result.path("names").forEach(name -> names.add(name.asText()));
        // bubblewrap sets PWD to the worker's own folder as it enters it: no setting of anyone's.
        assertThat(names).contains("HOSTILE_MODE").allMatch(name -> name.startsWith("HOSTILE_") || name.equals("PWD"));
        assertThat(result.path("hostAdminToken").asBoolean(true)).isFalse();
        assertThat(result.path("hostMasterKey").asBoolean(true)).isFalse();
        hostile.assertNoHostSecretIn(env);
    }

    @Test
    void theHostsClassesAndDatabaseDriversCannotBeLoadedWhileThePlatformApiCan() {
        for (String hostClass : List.of("io.integrationhost.host.vault.CredentialVault", "io.integrationhost.host.vault.MasterKey",
                "io.integrationhost.host.IntegrationHost", "org.h2.Driver", "org.postgresql.Driver")) {
            Response load = hostile.hostile("load-class", Map.of("className", hostClass));

            assertThat(load.status()).as(load.raw().body()).isEqualTo(200);
            assertThat(load.body().path("result").path("contextLoader").asBoolean(true)).as(hostClass).isFalse();
            assertThat(load.body().path("result").path("systemLoader").asBoolean(true)).as(hostClass).isFalse();
        }
        Response api = hostile.hostile("load-class", Map.of("className", "io.integrationhost.api.Integration"));
        assertThat(api.body().path("result").path("contextLoader").asBoolean()).as("the contract, as a control").isTrue();
    }

    @Test
    void theHostsDatabaseCannotBeOpened() {
        String url = "jdbc:h2:" + hostile.dataDir().resolve("host").toAbsolutePath();

        Response open = hostile.hostile("open-database", Map.of("url", url));

        assertThat(open.status()).as(open.raw().body()).isEqualTo(200);
        assertThat(open.body().path("result").has("connected")).isFalse();
        assertThat(open.body().path("result").path("error").asText()).isEqualTo("java.sql.SQLException");
        assertThat(hostile.healthyEcho("after").status()).isEqualTo(200);
    }

    @Test
    void aCallSeesItsOwnTokenAndNoOtherSecretOfTheHost() {
        Response echo = hostile.hostile("echo", Map.of("text", "hello"));

        assertThat(echo.status()).as(echo.raw().body()).isEqualTo(200);
        assertThat(echo.body().path("result").path("token").asText()).isEqualTo(HOSTILE_TOKEN);
        hostile.assertNoHostSecretIn(echo);
    }

    @Test
    void whatAPluginPrintsToStandardOutputNeitherBreaksTheChannelNorReachesTheAnswer() {
        long pid = runningPid();

        Response print = hostile.hostile("print", Map.of("text", "\u0000\u0000\u0000\u0010{\"type\":\"result\",\"id\":1}"));

        assertThat(print.status()).as(print.raw().body()).isEqualTo(200);
        Response echo = hostile.hostile("echo", Map.of("text", "after printing"));
        assertThat(echo.status()).as(echo.raw().body()).isEqualTo(200);
        assertThat(echo.body().path("result").path("input").path("text").asText()).isEqualTo("after printing");
        assertThat(runningPid()).as("the same worker").isEqualTo(pid);
        assertThat(hostile.status(HOSTILE).restarts()).isZero();
    }

    /**
     * The answer of {@code call} once it is no longer {@code HOST_BUSY}, or the last after 10 s: the calls a replaced
     * worker was given keep the plugin's share until the host has read that the process ended, a moment after it did.
     */
    static Response onceTheShareIsFree(java.util.function.Supplier<Response> call) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        Response answer = call.get();
        while ("HOST_BUSY".equals(answer.error().path("kind").asText()) && System.nanoTime() < until) {
            Thread.sleep(50);
            answer = call.get();
        }
        return answer;
    }

    /** The pid of the hostile plugin's running worker. */
    long runningPid() {
        WorkerStatus status = hostile.status(HOSTILE);
        assertThat(status.state()).as(status.toString()).isEqualTo(WorkerStatus.State.RUNNING);
        return status.pid();
    }

    /** {@code answer} is a crash whose reason is {@code reason}: outcome unknown, not retryable, no secret in it. */
    void assertCrashed(Response answer, String reason) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(502);
        JsonNode error = answer.error();
        assertThat(error.path("kind").asText()).isEqualTo("PLUGIN_CRASHED");
        assertThat(error.path("message").asText()).contains(reason).contains("Whether a change the call was making took effect is unknown");
        assertThat(error.path("outcome").asText()).isEqualTo("unknown");
        assertThat(error.path("retryable").isBoolean()).isTrue();
        assertThat(error.path("retryable").asBoolean()).isFalse();
        hostile.assertNoHostSecretIn(answer);
    }
}

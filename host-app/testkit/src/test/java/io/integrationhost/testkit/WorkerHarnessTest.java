package io.integrationhost.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.runtime.worker.WorkerStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PluginHarness runs a built jar in a worker process of its own, as the host runs a plugin it isolates: the same calls
 * give the same outcomes as in the test's process, and what only a worker can do shows (its process ends, the next
 * call starts a new one).
 */
class WorkerHarnessTest {

    private static final Map<String, String> GOOD = Map.of("account", "acme", "token", "good-token");

    @TempDir
    static Path dir;
    static PluginHarness inProcess;
    static PluginHarness inWorker;

    @BeforeAll
    static void startTheJarBothWays() {
        Path jar = FixtureJar.echo().writeTo(dir);
        inProcess = harness(jar).inProcess().start();
        inWorker = harness(jar).inWorker().start();
    }

    private static PluginHarness.Builder harness(Path jar) {
        return PluginHarness.forJar(jar).setting("MODE", "from-the-test").credentials(GOOD).callTimeout(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        inProcess.close();
        inWorker.close();
    }

    @Test
    void theWorkerIsAProcessOfItsOwnThatIsRunningOnceTheHarnessHasStarted() {
        WorkerStatus status = inWorker.workerStatus().orElseThrow();

        assertThat(status.state()).isEqualTo(WorkerStatus.State.RUNNING);
        assertThat(status.pid()).isNotNull().isNotEqualTo(ProcessHandle.current().pid());
        assertThat(inProcess.workerStatus()).isEmpty();
    }

    @Test
    void anActionReturnsTheSameResultInTheTestsProcessAndInAWorker() {
        Map<String, Object> input = Map.of("text", "hi", "count", 3, "day", "2026-11-24");

        ActionOutcome there = inWorker.run("echo", input);

        // As JSON, as the host answers it: a worker's numbers come back as the smallest Java type that holds them.
        assertThat(there.json().toString()).isEqualTo(inProcess.run("echo", input).json().toString());
        assertThat(there.json().path("mode").asText()).isEqualTo("from-the-test");
        assertThat(there.json().path("token").asText()).isEqualTo("good-token");
        assertThat(there.json().path("loadedFromTheJar").asBoolean()).isTrue();
        assertThat(there.json().path("contextClassLoaderIsThePlugins").asBoolean()).isTrue();
        assertThat(there.json().path("callTimeoutMillis").asLong()).isEqualTo(2000);
    }

    @Test
    void aTypedFailureARefusedInputACrashAndAHangEndAlikeInAWorker() {
        assertThat(inWorker.run("fail", Map.of()).error()).isEqualTo(inProcess.run("fail", Map.of()).error());
        assertThat(inWorker.run("echo", Map.of("day", "24/11/2026")).inputViolations())
                .isEqualTo(inProcess.run("echo", Map.of("day", "24/11/2026")).inputViolations());
        assertThat(inWorker.run("crash", Map.of()).kind()).isEqualTo(ActionOutcome.Kind.CRASHED);
        assertThat(inWorker.run("non-json", Map.of()).kind()).isEqualTo(ActionOutcome.Kind.CRASHED);
        assertThat(inWorker.run("hang", Map.of()).kind()).isEqualTo(ActionOutcome.Kind.TIMED_OUT);
        assertThat(inWorker.run("echo", Map.of("text", "after the hang")).succeeded()).isTrue();
    }

    @Test
    void theConnectionTestAndAProfilesVerificationAnswerAlikeInAWorker() {
        Map<String, String> bad = Map.of("account", "acme", "token", "bad");

        assertThat(summary(inWorker.testConnection(GOOD))).isEqualTo(summary(inProcess.testConnection(GOOD)))
                .isEqualTo("true Connected as acme null");
        assertThat(summary(inWorker.testConnection(bad))).isEqualTo(summary(inProcess.testConnection(bad)))
                .startsWith("false");
        assertThat(inWorker.testConnection(bad).error()).isEqualTo(inProcess.testConnection(bad).error());
        assertThat(summary(inWorker.verifyProfile("echo-token", Map.of("token", "good-own"))))
                .isEqualTo(summary(inProcess.verifyProfile("echo-token", Map.of("token", "good-own"))));
        assertThat(inWorker.verifyProfile("echo-token", Map.of("token", "bad")).successful()).isFalse();
    }

    @Test
    void aPluginThatEndsItsProcessAnswersWorkerCrashedAndTheNextCallRunsInANewWorker(@TempDir Path other) {
        try (PluginHarness plugin = PluginHarness.forJar(FixtureJar.echo().writeTo(other)).inWorker().credentials(GOOD).start()) {
            long first = plugin.workerStatus().orElseThrow().pid();

            ActionOutcome exited = plugin.run("exit", Map.of());

            assertThat(exited.kind()).isEqualTo(ActionOutcome.Kind.WORKER_CRASHED);
            assertThat(exited.problem()).contains("exited with code 3").contains("is unknown");
            WorkerStatus afterTheCrash = plugin.workerStatus().orElseThrow();
            assertThat(afterTheCrash.restarts()).isEqualTo(1);
            assertThat(afterTheCrash.lastCrash()).isEqualTo("exited with code 3");
            assertThat(afterTheCrash.state()).isNotEqualTo(WorkerStatus.State.FAILED);

            assertThat(plugin.run("echo", Map.of("text", "again")).json().path("input").path("text").asText()).isEqualTo("again");
            WorkerStatus restarted = plugin.workerStatus().orElseThrow();
            assertThat(restarted.state()).isEqualTo(WorkerStatus.State.RUNNING);
            assertThat(restarted.pid()).isNotEqualTo(first);
        }
    }

    @Test
    void aJarWhoseCodeDoesNotStartInItsWorkerFailsToStartWithTheHostsReason(@TempDir Path other) {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        descriptor.put("id", "other");
        Path jar = FixtureJar.echo().descriptor(descriptor).writeTo(other);

        assertThatThrownBy(() -> PluginHarness.forJar(jar).inWorker().start())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("in a worker")
                .hasMessageContaining("integrationId() 'other'");
    }

    @Test
    void theIsolationPropertyRunsAJarsHarnessInAWorkerUnlessTheTestSaysOtherwise(@TempDir Path other) {
        Path jar = FixtureJar.echo().writeTo(other);
        System.setProperty(PluginHarness.ISOLATION_PROPERTY, "worker");
        try (PluginHarness byProperty = PluginHarness.forJar(jar).credentials(GOOD).start();
             PluginHarness byTheTest = PluginHarness.forJar(jar).inProcess().credentials(GOOD).start()) {
            assertThat(byProperty.workerStatus()).isPresent();
            assertThat(byTheTest.workerStatus()).isEmpty();
        } finally {
            System.clearProperty(PluginHarness.ISOLATION_PROPERTY);
        }
        assertThatThrownBy(() -> {
            System.setProperty(PluginHarness.ISOLATION_PROPERTY, "container");
            try {
                PluginHarness.forJar(jar);
            } finally {
                System.clearProperty(PluginHarness.ISOLATION_PROPERTY);
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'container'");
    }

    private static String summary(ConnectionCheck check) {
        return check.successful() + " " + check.message() + " " + (check.error() == null ? null : check.error().kind());
    }
}

package io.integrationhost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.host.support.RunningHost.Response;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Threads get interrupted: the web server interrupts its request threads when the host stops (as it does when a
 * plugin calls {@code System.exit}), and the host interrupts a plugin's thread when it stops waiting for it. An
 * interruption ends one call, never the database: the call's audit entry is written and the next calls work.
 */
class InterruptedCallsTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.service("svc").setting("HOST_ACTION_TIMEOUT_SECONDS", "1").preAuthorized();

    @Test
    void aCallerInterruptedWhileThePluginRunsGetsHostStoppingAndItsAuditEntryAndTheDatabaseKeepsWorking() throws Exception {
        // The plugin in the host's process: the caller waits for a thread of the host's call pool.
        svc.startAgain(Map.of("HOST_IN_PROCESS_PLUGINS", "svc"));

        assertAnInterruptedCallerGetsHostStoppingAndTheDatabaseKeepsWorking("PluginCalls");
    }

    @Test
    void aCallerInterruptedWhileThePluginRunsInItsWorkerGetsHostStoppingAndItsAuditEntryAndTheDatabaseKeepsWorking()
            throws Exception {
        // The plugin in its worker (the default): the caller waits for the worker's answer, and the host tells the
        // worker to interrupt the call's thread there.
        assertAnInterruptedCallerGetsHostStoppingAndTheDatabaseKeepsWorking("PluginWorker");
    }

    /** A call of {@code hang} whose caller is interrupted while it waits in {@code waitingIn} (a class's simple name). */
    private void assertAnInterruptedCallerGetsHostStoppingAndTheDatabaseKeepsWorking(String waitingIn) throws Exception {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                svc.host().host().services().actions().run("svc", "hang", JsonNodeFactory.instance.objectNode(), null);
            } catch (RuntimeException e) {
                failure.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, "request-thread-of-a-stopping-server");
        caller.start();
        awaitWaitingForThePlugin(caller, waitingIn);

        caller.interrupt();
        caller.join(10_000);

        assertThat(failure.get()).isInstanceOf(HostException.class);
        assertThat(((HostException) failure.get()).kind()).isEqualTo("HOST_STOPPING");
        assertThat(stillInterrupted).as("the interruption is kept for whoever stops the thread").isTrue();
        JsonNode entry = svc.host().getJson("/api/audit?integrationId=svc&limit=1").get(0);
        assertThat(entry.path("action").asText()).isEqualTo("action.run");
        assertThat(entry.path("outcome").asText()).isEqualTo("FAILURE");
        assertThat(entry.path("detail").asText()).contains("action hang").contains("HOST_STOPPING");
        Response next = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "still here")));
        assertThat(next.status()).as(next.raw().body()).isEqualTo(200);
    }

    @Test
    void aPluginThreadInterruptedAtItsTimeOutLeavesTheDatabaseWorking() {
        for (int i = 0; i < 3; i++) {
            Response timedOut = svc.host().post("/api/integrations/svc/actions/hang", Map.of("input", Map.of()));
            assertThat(timedOut.error().path("kind").asText()).isEqualTo("TIMEOUT");
        }

        Response next = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "still here")));

        assertThat(next.status()).as(next.raw().body()).isEqualTo(200);
        assertThat(svc.host().getJson("/api/audit?integrationId=svc&limit=4")).extracting(event -> event.path("detail").asText())
                .filteredOn(detail -> detail.contains("TIMEOUT")).hasSize(3);
    }

    /** Until {@code caller} waits inside the host, in class {@code waitingIn}, for the plugin's answer. */
    private static void awaitWaitingForThePlugin(Thread caller, String waitingIn) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            boolean waiting = caller.getState() == Thread.State.TIMED_WAITING && Arrays.stream(caller.getStackTrace())
                    .anyMatch(frame -> frame.getClassName().endsWith(waitingIn));
            if (waiting) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("The call never reached the plugin: " + Arrays.toString(caller.getStackTrace()));
    }
}

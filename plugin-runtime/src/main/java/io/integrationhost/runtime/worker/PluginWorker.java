package io.integrationhost.runtime.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.invocation.PluginInvoker;
import io.integrationhost.runtime.plugins.PluginCalls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker of one installed plugin version, and its supervisor: it starts the worker process on the first call,
 * sends each call to it and waits for the answer within the call's time limit, and stops it after an idle time.
 *
 * <p>A worker that ends while calls run fails them with {@code PLUGIN_CRASHED} (their outcome is unknown) and is
 * started again on the next call, after a backoff that grows with each crash; after {@link #CRASHES_TO_FAIL} crashes
 * within {@link #CRASH_WINDOW} the plugin is failed, with the last reason, until an operator restarts it. A call past
 * its time limit fails with {@code TIMEOUT} and its thread in the worker is interrupted; a worker whose thread does
 * not come free within {@link #GRACE} is replaced: new calls go to a new process, and the old one is ended once the
 * calls it still has are done.
 */
public final class PluginWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginWorker.class);

    public static final int CRASHES_TO_FAIL = 5;
    public static final Duration CRASH_WINDOW = Duration.ofMinutes(1);
    /** How long a timed-out call's thread has to come free before its worker is replaced. */
    static final Duration GRACE = Duration.ofSeconds(1);
    /** The longest a worker may take to start. */
    static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Isolation isolation;
    private final Path jar;
    private final String pluginId;
    private final String version;
    private final String integrationId;
    private final Semaphore permits;

    // Written under this; read without it on the call path, which takes no lock when a process is running.
    private volatile WorkerProcess current;
    private volatile String failed;
    private volatile boolean closed;
    private volatile Instant lastUsed = Instant.now();
    // Guarded by this.
    private CompletableFuture<WorkerProcess> starting;
    private final Deque<Instant> crashes = new ArrayDeque<>();
    private int restarts;
    private String lastCrash;
    private Instant lastCrashAt;
    private Instant nextStart = Instant.EPOCH;
    private Duration lastStartTime;

    PluginWorker(Isolation isolation, Path jar, String pluginId, String version, String integrationId) {
        this.isolation = isolation;
        this.jar = jar;
        this.pluginId = pluginId;
        this.version = version;
        this.integrationId = integrationId;
        this.permits = new Semaphore(isolation.settings().callsPerPlugin());
    }

    public String pluginId() {
        return pluginId;
    }

    public String version() {
        return version;
    }

    public String integrationId() {
        return integrationId;
    }

    /**
     * Starts the worker now and waits until it is ready: its plugin loaded and started, its extensions matched.
     *
     * @return why it could not start, or {@code null} when it is ready
     */
    public String startNow() {
        try {
            process(Instant.now().plus(START_LIMIT));
            return null;
        } catch (HostException e) {
            return e.getMessage();
        }
    }

    /**
     * Sends {@code call} to the worker and waits for its answer frame ({@code result}, {@code failed}, {@code check}
     * or {@code crashed}).
     *
     * @param what the integration and action, for messages
     * @throws HostException {@code HOST_BUSY} beyond the plugin's share of calls, {@code TIMEOUT} past the time limit,
     *     {@code PLUGIN_CRASHED} when the worker ended while the call ran, {@code PLUGIN_UNAVAILABLE} when the plugin is
     *     failed or its worker cannot start
     */
    JsonNode call(String what, ObjectNode call) {
        PluginWorker successor = successorIfClosed();
        if (successor != null) {
            return successor.call(what, call);
        }
        if (!permits.tryAcquire()) {
            throw PluginCalls.pluginBusy(isolation.settings().callsPerPlugin(), abandonedCalls());
        }
        Duration timeout = isolation.settings().callTimeout();
        boolean sent = false;
        try {
            for (int attempt = 0; ; attempt++) {
                // Starting the worker is no part of the call's time, as the start of a plugin in the host's process is
                // none of its calls': the start has a limit of its own, and the call's time limit runs from its sending.
                WorkerProcess process;
                try {
                    process = process(Instant.now().plus(START_LIMIT));
                } catch (HostException refused) {
                    PluginWorker next = successorIfClosed();
                    if (next == null) {
                        throw refused;
                    }
                    // Replaced (an upgrade) after the call reached it, or while the call waited to be sent again: the
                    // call has not run here, so the plugin's next version takes it, as it takes later calls.
                    return next.call(what, call);
                }
                Instant deadline = Instant.now().plus(timeout);
                WorkerProcess.Pending pending;
                try {
                    pending = process.send(call, permits::release);
                } catch (WorkerProcess.Ended e) {
                    // Nothing was sent: the process had just ended; the next one gets the call.
                    if (attempt == 0) {
                        continue;
                    }
                    throw crashed(e);
                }
                sent = true;
                Frames.Frame answer;
                try {
                    long wait = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                    answer = pending.answer.get(wait, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    process.abandon(pending);
                    isolation.later(GRACE, () -> {
                        if (!pending.answer.isDone()) {
                            log.warn("A call of {} ignored its interruption after its time limit; its worker (pid {}) is replaced",
                                    what, process.pid());
                            replace(process);
                        }
                    });
                    throw PluginCalls.timedOut(timeout);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof WorkerProcess.Ended ended && ended.intended && attempt == 0
                            && permits.tryAcquire()) {
                        // The host stopped that process before it read the call (an idle stop, an upgrade): the call
                        // never ran, so it goes to the next process.
                        sent = false;
                        continue;
                    }
                    throw crashed(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.abandon(pending);
                    throw new HostException(FailureKind.HOST_STOPPING, "The host is stopping.", "Try again in a moment.");
                } finally {
                    lastUsed = Instant.now();
                }
                try {
                    return process.message(answer);
                } catch (WorkerProcess.Ended e) {
                    throw crashed(e);
                }
            }
        } finally {
            if (!sent) {
                permits.release();
            }
        }
    }

    private HostException crashed(Throwable cause) {
        String reason = cause instanceof WorkerProcess.Ended ended ? ended.getMessage() : String.valueOf(cause);
        return new HostException(FailureKind.PLUGIN_CRASHED, "The integration's worker process ended while the call ran: it "
                + reason + ". Whether a change the call was making took effect is unknown.",
                FailureKind.PLUGIN_CRASHED.defaultRemedy(), Map.of("outcome", "unknown", "retryable", false));
    }

    /** The running worker, started (or waited for) when there is none. */
    private WorkerProcess process(Instant deadline) {
        WorkerProcess running = current;
        if (running != null && running.accepting() && !closed && failed == null) {
            // The call path's common case, without a lock. Should the process be stopped or retired in the meantime,
            // a call it never read is sent again to the next one, as for any call that meets an idle stop.
            lastUsed = Instant.now();
            return running;
        }
        CompletableFuture<WorkerProcess> awaited;
        boolean launch = false;
        synchronized (this) {
            if (closed) {
                throw PluginInvoker.unavailable(integrationId, "its plugin was uninstalled or replaced");
            }
            if (failed != null) {
                throw PluginInvoker.unavailable(integrationId, "its plugin is failed: " + failed);
            }
            lastUsed = Instant.now();
            if (current != null && current.alive() && !current.retired()) {
                return current;
            }
            if (starting == null) {
                starting = new CompletableFuture<>();
                launch = true;
            }
            awaited = starting;
        }
        if (launch) {
            launch(awaited, deadline);
        }
        try {
            long wait = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            return awaited.get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw PluginInvoker.unavailable(integrationId, "its worker was not ready within "
                    + START_LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof HostException host ? host
                    : PluginInvoker.unavailable(integrationId, "its worker could not start: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException(FailureKind.HOST_STOPPING, "The host is stopping.", "Try again in a moment.");
        }
    }

    /** Starts a process, after the backoff of the last crash, and completes {@code started} with it when it is ready. */
    private void launch(CompletableFuture<WorkerProcess> started, Instant deadline) {
        Duration backoff;
        synchronized (this) {
            backoff = Duration.between(Instant.now(), nextStart);
        }
        Runnable start = () -> {
            Instant begun = Instant.now();
            WorkerProcess process = null;
            try {
                process = isolation.launch(this, jar);
                Duration limit = Duration.between(Instant.now(), deadline.isAfter(begun.plus(START_LIMIT)) ? deadline : begun.plus(START_LIMIT));
                JsonNode hello = process.ready.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
                if ("refused".equals(hello.path("type").asText())) {
                    String reason = hello.path("reason").asText("The plugin did not start.");
                    process.stop();
                    fail(reason);
                    started.completeExceptionally(PluginInvoker.unavailable(integrationId, "its plugin is failed: " + reason));
                    return;
                }
                if (hello.path("protocol").asInt() != Frames.PROTOCOL) {
                    process.kill();
                    String reason = "Its worker speaks protocol " + hello.path("protocol").asInt() + ", the host " + Frames.PROTOCOL + ".";
                    fail(reason);
                    started.completeExceptionally(PluginInvoker.unavailable(integrationId, reason));
                    return;
                }
                synchronized (this) {
                    current = process;
                    starting = null;
                    lastStartTime = Duration.between(begun, Instant.now());
                    if (closed) {
                        process.retire();
                    }
                }
                log.info("Worker of plugin {} {} started (pid {}) in {} ms", pluginId, version, process.pid(),
                        lastStartTime.toMillis());
                started.complete(process);
            } catch (ExecutionException e) {
                synchronized (this) {
                    starting = null;
                }
                String reason = e.getCause() instanceof WorkerProcess.Ended ended ? ended.getMessage() : String.valueOf(e.getCause());
                started.completeExceptionally(PluginInvoker.unavailable(integrationId, "its worker " + reason + " before it was ready"));
            } catch (TimeoutException e) {
                if (process != null) {
                    process.kill();
                }
                synchronized (this) {
                    starting = null;
                }
                started.completeExceptionally(PluginInvoker.unavailable(integrationId, "its worker was not ready within "
                        + START_LIMIT.toSeconds() + " s"));
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    starting = null;
                }
                log.error("Starting the worker of plugin {} failed: {}", pluginId, e.toString());
                started.completeExceptionally(PluginInvoker.unavailable(integrationId, "its worker could not be started: " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (this) {
                    starting = null;
                }
                started.completeExceptionally(new HostException(FailureKind.HOST_STOPPING, "The host is stopping.", "Try again in a moment."));
            }
        };
        // On a thread of its own: a start waits for a JVM, and must not hold up the timer that stops idle workers
        // and replaces stuck ones, nor the start of another plugin's worker.
        long wait = Math.max(0, backoff.toMillis());
        Thread starter = new Thread(() -> {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            start.run();
        }, "plugin-worker-start-" + pluginId);
        starter.setDaemon(true);
        starter.start();
    }

    /** Told by a process of this worker that it has ended. */
    void ended(WorkerProcess process, WorkerProcess.Ended how) {
        synchronized (this) {
            if (current == process) {
                current = null;
            }
            if (how.intended) {
                return;
            }
            Instant now = Instant.now();
            restarts++;
            lastCrash = how.getMessage();
            lastCrashAt = now;
            crashes.addLast(now);
            while (!crashes.isEmpty() && crashes.peekFirst().isBefore(now.minus(CRASH_WINDOW))) {
                crashes.removeFirst();
            }
            if (crashes.size() >= CRASHES_TO_FAIL) {
                failed = "Its worker crashed " + crashes.size() + " times within a minute; the last time it " + lastCrash + ".";
            } else {
                nextStart = now.plus(backoff(crashes.size()));
            }
        }
        log.warn("Worker of plugin {} {} (pid {}) {}{}", pluginId, version, process.pid(), how.getMessage(),
                failed == null ? "; it starts again on the next call" : "; the plugin is failed");
    }

    /** 250 ms after one crash, doubling with each crash within the window, at most 4 s. */
    static Duration backoff(int crashesInWindow) {
        return Duration.ofMillis(Math.min(4000, 250L << Math.max(0, crashesInWindow - 1)));
    }

    private synchronized void fail(String reason) {
        failed = reason;
        starting = null;
    }

    /** Replaces a process whose threads do not come free: new calls start a new one. */
    private void replace(WorkerProcess process) {
        synchronized (this) {
            if (current == process) {
                current = null;
            }
        }
        // Its stuck threads will not answer a stop: it is ended as soon as no call but theirs is left, so that their
        // places in the plugin's share come free at once.
        process.replace();
    }

    /** Stops the worker when it has had no call for the idle time. */
    void stopIfIdle(Instant now) {
        WorkerProcess idle = null;
        synchronized (this) {
            if (current != null && current.inFlight() == 0 && !lastUsed.plus(isolation.settings().idle()).isAfter(now)) {
                idle = current;
                current = null;
            }
        }
        if (idle != null) {
            log.info("Worker of plugin {} {} (pid {}) stops after {} s without a call", pluginId, version, idle.pid(),
                    isolation.settings().idle().toSeconds());
            idle.retire();
        }
    }

    /**
     * Clears a failed state and the crash count: the next call starts a worker again. For an operator who has dealt
     * with the cause.
     */
    public synchronized void reset() {
        failed = null;
        crashes.clear();
        nextStart = Instant.EPOCH;
    }

    private synchronized int abandonedCalls() {
        return current == null ? 0 : current.abandoned();
    }

    private PluginWorker successorIfClosed() {
        return closed ? isolation.successor(this).orElse(null) : null;
    }

    /** Why the plugin is failed, or {@code null} when it is not: read without a lock, on the call path. */
    public String failure() {
        return failed;
    }

    /** What the worker is doing now, for the Plugins page and the API's list of plugins. */
    public synchronized WorkerStatus status() {
        WorkerStatus.State state;
        if (failed != null) {
            state = WorkerStatus.State.FAILED;
        } else if (current != null && current.alive()) {
            state = WorkerStatus.State.RUNNING;
        } else if (starting != null) {
            state = WorkerStatus.State.STARTING;
        } else {
            state = WorkerStatus.State.IDLE;
        }
        WorkerProcess running = state == WorkerStatus.State.RUNNING ? current : null;
        return new WorkerStatus(state, running == null ? null : running.pid(), running == null ? null : running.started(),
                running == null ? 0 : running.inFlight(), lastStartTime == null ? null : lastStartTime.toMillis(), restarts,
                lastCrash, lastCrashAt, failed);
    }

    /** No more calls: a running worker stops once its calls end. Calls that come later go to the plugin's next version. */
    @Override
    public void close() {
        WorkerProcess running = detach();
        if (running != null) {
            running.retire();
        }
        isolation.forget(this);
    }

    /** Ends the running worker at once, as the host stops. */
    void kill() {
        WorkerProcess running = detach();
        if (running != null) {
            running.kill();
        }
    }

    /** Takes no more calls, and gives the process that ran them, if any. */
    private synchronized WorkerProcess detach() {
        closed = true;
        WorkerProcess running = current;
        current = null;
        return running;
    }
}

package io.integrationhost.runtime.plugins;

import io.integrationhost.api.IntegrationException;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs plugin code on a bounded pool with a time limit, so that a slow, stuck or crashing plugin costs
 * one call a typed error and never the host: a time-out, an exception or an error in the plugin become
 * {@link HostException}s; the plugin's own typed failures come out as {@link IntegrationException}.
 *
 * <p>The pool's threads run plugin code and nothing else: they are interrupted when the host stops waiting for a
 * call, and the host's own work (audit entries, stored state) stays on the calling thread.
 */
public final class PluginCalls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginCalls.class);

    private final ThreadPoolExecutor executor;
    private final Duration timeout;
    private final int callsPerPlugin;
    /**
     * Each plugin's part of the pool, by plugin id, for as long as the host runs: a plugin's threads are the same
     * threads after it is uninstalled, upgraded or installed again, so its share is too.
     */
    private final Map<String, Share> shares = new ConcurrentHashMap<>();

    public PluginCalls(int threads, int queue, Duration timeout) {
        this.callsPerPlugin = Math.max(1, threads / 2);
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                task -> {
                    Thread thread = new Thread(task, "plugin-call-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
        this.timeout = timeout;
    }

    /** Plugin code to run. */
    @FunctionalInterface
    public interface PluginWork<T> {
        T run() throws IntegrationException;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs {@code work} with the plugin's class loader as context class loader.
     *
     * @param pluginId the id of the plugin being called, whose share of the pool the call takes
     * @param pluginLoader the class loader of the plugin being called
     * @param what the integration (and action) for messages, such as {@code acme-crm/get-contact}
     */
    public <T> T call(String pluginId, ClassLoader pluginLoader, String what, PluginWork<T> work) throws IntegrationException {
        Share share = shares.computeIfAbsent(pluginId, id -> new Share(callsPerPlugin));
        if (!share.permits.tryAcquire()) {
            throw pluginBusy(callsPerPlugin, share.abandoned.get());
        }
        Call call = new Call(share);
        Future<T> future;
        try {
            future = executor.submit(() -> {
                if (!call.start()) {
                    return null;
                }
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(pluginLoader);
                try {
                    return work.run();
                } finally {
                    thread.setContextClassLoader(previous);
                    call.end();
                }
            });
        } catch (RejectedExecutionException e) {
            share.permits.release();
            throw new HostException(FailureKind.HOST_BUSY, "The host is running as many integration calls as it can.",
                    "Try again in a moment.", Map.of("retryable", true));
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.giveUp();
            future.cancel(true);
            throw timedOut(timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IntegrationException typed) {
                throw typed;
            }
            if (cause instanceof HostException host) {
                throw host;
            }
            throw failedUnexpectedly(what, cause.getClass().getName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.giveUp();
            future.cancel(true);
            throw new HostException(FailureKind.HOST_STOPPING, "The host is stopping.", "Try again in a moment.");
        }
    }

    /**
     * The refusal of a call beyond a plugin's share of calls at once ({@code HOST_BUSY}), in its process or its worker.
     *
     * @param abandoned how many of the running calls the host stopped waiting for
     */
    public static HostException pluginBusy(int callsPerPlugin, int abandoned) {
        return new HostException(FailureKind.HOST_BUSY, "This integration is already running as many calls as the host"
                + " gives one plugin (" + callsPerPlugin + "); earlier calls have not finished"
                + (abandoned == 0 ? "." : ", " + abandoned + " of them after the host stopped waiting for them."),
                "Try again in a moment; if it persists, the remote system or the plugin is not answering.",
                Map.of("retryable", true));
    }

    /** A call that did not answer within {@code timeout} ({@code TIMEOUT}), in the plugin's process or its worker. */
    public static HostException timedOut(Duration timeout) {
        return new HostException(FailureKind.PLUGIN_TIMEOUT, "The integration did not answer within " + timeout.toSeconds() + " s.",
                "Try again later; if it persists, check the remote system's status.", Map.of("retryable", true));
    }

    /**
     * A call whose plugin code threw what is no typed failure ({@code PLUGIN_ERROR}); it is logged with the type's name
     * {@code exceptionClass} only, since a plugin's own exception message may quote its input.
     */
    public static HostException failedUnexpectedly(String what, String exceptionClass) {
        log.error("Integration call {} failed inside the plugin with {}", what, exceptionClass);
        String simpleName = exceptionClass.substring(exceptionClass.lastIndexOf('.') + 1);
        return new HostException(FailureKind.PLUGIN_ERROR, "The integration failed unexpectedly (" + simpleName + ").",
                "Report this to the plugin's provider; the host's log has the details.");
    }

    /** How many calls of one plugin run at once. */
    public int callsPerPlugin() {
        return callsPerPlugin;
    }

    /**
     * Calls of plugin {@code pluginId} that the host gave up on (they timed out, or their caller was stopped) whose
     * code is still running: interrupted, but in code that does not stop for it.
     */
    public int abandonedCalls(String pluginId) {
        Share share = shares.get(pluginId);
        return share == null ? 0 : share.abandoned.get();
    }

    /** Plugin calls running on the pool's threads now (an estimate, as the pool reports it). */
    public int activeCalls() {
        return executor.getActiveCount();
    }

    /** Plugin calls waiting for a free thread. */
    public int queuedCalls() {
        return executor.getQueue().size();
    }

    /** The most threads plugin calls run on at once. */
    public int threads() {
        return executor.getMaximumPoolSize();
    }

    /**
     * Refuses to load plugin {@code pluginId} again (an upgrade, or an install after an uninstall) while calls of the
     * version the host loaded before are still running: they keep their threads and their part of the plugin's share
     * until they end, whatever version is installed, and only a restart of the host ends them.
     *
     * @throws HostException {@code 409 PLUGIN_BUSY} with how many calls are still running
     */
    public void requireNoAbandonedCalls(String pluginId) {
        int running = abandonedCalls(pluginId);
        if (running > 0) {
            throw new HostException(FailureKind.PLUGIN_BUSY, "The plugin '" + pluginId + "' cannot be loaded again yet: "
                    + running + " of its calls " + (running == 1 ? "is" : "are") + " still running after the host stopped"
                    + " waiting for them, holding " + running + " of the " + callsPerPlugin + " call threads the plugin may use.",
                    "Restart the host to end them (or wait until they end), then install the plugin again.",
                    Map.of("pluginId", pluginId, "abandonedCalls", running));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /**
     * One plugin id's part of the pool. A permit is returned when the plugin's code returns, not when the caller gives
     * up: a plugin whose calls hang and ignore interruption holds at most half the pool, and the others keep the rest.
     */
    private static final class Share {
        final Semaphore permits;
        /** Calls given up on whose code still runs; each holds one of the permits. */
        final AtomicInteger abandoned = new AtomicInteger();

        Share(int calls) {
            this.permits = new Semaphore(calls);
        }
    }

    /**
     * One call's life. Whoever moves it on first decides: the task when it starts, or the caller when it gives up on
     * a call still queued, which then never runs and whose permit the caller returns; a call given up on while it
     * runs is abandoned, and counted as such until its code returns.
     */
    private static final class Call {
        private enum Stage { QUEUED, RUNNING, ABANDONED, ENDED }

        private final Share share;
        private final AtomicReference<Stage> stage = new AtomicReference<>(Stage.QUEUED);

        Call(Share share) {
            this.share = share;
        }

        /** Whether the plugin's code may run: the caller has not given up on it yet. */
        boolean start() {
            return stage.compareAndSet(Stage.QUEUED, Stage.RUNNING);
        }

        /** After the plugin's code returned or threw. */
        void end() {
            share.permits.release();
            if (stage.getAndSet(Stage.ENDED) == Stage.ABANDONED) {
                share.abandoned.decrementAndGet();
            }
        }

        void giveUp() {
            if (stage.compareAndSet(Stage.QUEUED, Stage.ENDED)) {
                share.permits.release();
                return;
            }
            // Counted before it is marked, so that end() never takes back a count not yet made.
            share.abandoned.incrementAndGet();
            if (!stage.compareAndSet(Stage.RUNNING, Stage.ABANDONED)) {
                share.abandoned.decrementAndGet();
            }
        }
    }
}

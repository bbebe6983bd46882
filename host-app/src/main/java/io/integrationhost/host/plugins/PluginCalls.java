package io.integrationhost.host.plugins;

import io.integrationhost.api.IntegrationException;
import io.integrationhost.host.error.HostException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs plugin code on a bounded pool with a time limit, so that a slow, stuck or crashing plugin costs
 * one call a typed error and never the host: a time-out, an exception or an error in the plugin become
 * {@link HostException}s; the plugin's own typed failures come out as {@link IntegrationException}.
 */
public final class PluginCalls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginCalls.class);

    private final ThreadPoolExecutor executor;
    private final Duration timeout;
    private final int callsPerPlugin;
    /**
     * Calls in progress or waiting, per plugin (by its class loader, which is one per loaded plugin; weak, so an
     * unloaded plugin's entry goes with it). A permit is returned when the plugin's code returns, not when the
     * caller gives up: a plugin whose calls hang and ignore interruption holds at most half the pool, and the
     * other plugins keep the rest.
     */
    private final Map<ClassLoader, Semaphore> inFlight = Collections.synchronizedMap(new WeakHashMap<>());

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
     * @param pluginLoader the class loader of the plugin being called
     * @param what the integration (and action) for messages, such as {@code acme-crm/get-contact}
     */
    public <T> T call(ClassLoader pluginLoader, String what, PluginWork<T> work) throws IntegrationException {
        Semaphore permits = inFlight.computeIfAbsent(pluginLoader, loader -> new Semaphore(callsPerPlugin));
        if (!permits.tryAcquire()) {
            throw new HostException(503, "HOST_BUSY", "This integration is already running as many calls as the host"
                    + " gives one integration (" + callsPerPlugin + "); earlier calls have not finished.",
                    "Try again in a moment; if it persists, the remote system or the plugin is not answering.",
                    Map.of("retryable", true));
        }
        // Whoever claims the call first owns its permit: the task when it starts, or the caller when it gives up on a
        // call still queued, which then never runs.
        AtomicBoolean claimed = new AtomicBoolean();
        Runnable giveUp = () -> {
            if (claimed.compareAndSet(false, true)) {
                permits.release();
            }
        };
        Future<T> future;
        try {
            future = executor.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null;
                }
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(pluginLoader);
                try {
                    return work.run();
                } finally {
                    thread.setContextClassLoader(previous);
                    permits.release();
                }
            });
        } catch (RejectedExecutionException e) {
            permits.release();
            throw new HostException(503, "HOST_BUSY", "The host is running as many integration calls as it can.",
                    "Try again in a moment.", Map.of("retryable", true));
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            giveUp.run();
            future.cancel(true);
            throw new HostException(504, "TIMEOUT", "The integration did not answer within " + timeout.toSeconds() + " s.",
                    "Try again later; if it persists, check the remote system's status.", Map.of("retryable", true));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IntegrationException typed) {
                throw typed;
            }
            if (cause instanceof HostException host) {
                throw host;
            }
            // Only the type is shown and logged: a plugin's own exception message may quote its input.
            log.error("Integration call {} failed inside the plugin with {}", what, cause.getClass().getName());
            throw new HostException(502, "PLUGIN_ERROR",
                    "The integration failed unexpectedly (" + cause.getClass().getSimpleName() + ").",
                    "Report this to the plugin's provider; the host's log has the details.", Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp.run();
            future.cancel(true);
            throw new HostException(503, "HOST_STOPPING", "The host is stopping.", "Try again in a moment.", Map.of());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

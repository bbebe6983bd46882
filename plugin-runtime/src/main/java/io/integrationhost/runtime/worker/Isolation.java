package io.integrationhost.runtime.worker;

import io.integrationhost.api.OperatorSettings;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which plugins run in worker processes of their own, and how: every plugin does unless the operator names it as
 * trusted to run in the host's process, each worker in a sandbox where bubblewrap allows one. It keeps the workers of
 * the installed plugins, stops the idle ones, and ends them all when the host stops.
 */
public final class Isolation implements AutoCloseable {

    /** Every plugin in the host's own process: a plugin's own tests, and the runtime when nothing else is asked for. */
    public static final Isolation NONE = new Isolation(null);

    /** The worker's entry point in the worker jar. */
    static final String MAIN = "io.integrationhost.runtime.worker.WorkerMain";

    private final WorkerSettings settings;
    /**
     * The live workers, oldest first: the newest of a plugin id is where calls go that reach a version that was
     * replaced.
     */
    private final List<PluginWorker> live = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    /** Starts every worker process (see {@link #launch}). */
    private final java.util.concurrent.ExecutorService spawner;

    private Isolation(WorkerSettings settings) {
        this.settings = settings;
        if (settings == null) {
            this.timer = null;
            this.spawner = null;
            return;
        }
        // A thread that never times out: the sandboxes it starts last as long as it does.
        this.spawner = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "plugin-worker-spawner");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger count = new AtomicInteger();
        this.timer = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "plugin-workers-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(200, Math.min(60_000, settings.idle().toMillis() / 4));
        timer.scheduleWithFixedDelay(this::stopIdle, every, every, TimeUnit.MILLISECONDS);
    }

    /** Workers as {@code settings} say. */
    public static Isolation workers(WorkerSettings settings) {
        return new Isolation(settings);
    }

    /** Whether plugin {@code pluginId} runs in a worker. */
    public boolean isolates(String pluginId) {
        return settings != null && !settings.inProcess().contains(pluginId);
    }

    /** Whether any plugin runs in a worker. */
    public boolean enabled() {
        return settings != null;
    }

    public WorkerSettings settings() {
        if (settings == null) {
            throw new IllegalStateException("No plugin runs in a worker");
        }
        return settings;
    }

    /** The sandbox workers run in; {@code null} when no plugin runs in a worker. */
    public Sandbox sandbox() {
        return settings == null ? null : settings.sandbox();
    }

    /** The worker of one installed plugin version, whose jar is {@code jar}; it starts no process yet. */
    public PluginWorker worker(Path jar, String pluginId, String version, IntegrationDescriptor descriptor) {
        PluginWorker worker = new PluginWorker(this, jar.toAbsolutePath(), pluginId, version, descriptor.id());
        live.add(worker);
        return worker;
    }

    /** The worker that took over from {@code replaced}: its plugin's newer version, for the same integration. */
    Optional<PluginWorker> successor(PluginWorker replaced) {
        PluginWorker next = null;
        for (PluginWorker worker : live) {
            if (worker != replaced && worker.pluginId().equals(replaced.pluginId())
                    && worker.integrationId().equals(replaced.integrationId())) {
                next = worker;
            }
        }
        return Optional.ofNullable(next);
    }

    void forget(PluginWorker closed) {
        live.remove(closed);
    }

    /** Runs {@code task} after {@code delay} on the workers' timer. */
    void later(Duration delay, Runnable task) {
        timer.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Starts a worker process for {@code worker}'s plugin jar. */
    WorkerProcess launch(PluginWorker worker, Path jar) throws IOException {
        Path workDir = WorkerFiles.workDir(worker.pluginId());
        Path workerJar = WorkerJar.locate();
        Sandbox sandbox = settings.sandbox();
        List<String> java = sandbox.available()
                ? java(Sandbox.WORKER_JAR, Sandbox.PLUGIN_DIR + "/" + jar.getFileName(), Sandbox.WORK_DIR)
                : java(workerJar.toString(), jar.toString(), workDir.toString());
        // Right after the java binary: the plugin logs at the level the host logs it at.
        java.addAll(1, WorkerLogging.jvmOptions(worker.pluginId()));
        List<String> command = sandbox.available() ? sandbox.wrap(workerJar, jar, workDir, settings.hidden(), java) : java;
        Map<String, String> environment = environment(worker.integrationId());
        // Spawned from the one thread that lives as long as this isolation: bubblewrap's --die-with-parent ends the
        // sandbox when the thread that started it ends, not only when the host does.
        java.util.concurrent.Future<WorkerProcess> spawned = spawner.submit(() -> WorkerProcess.start(worker.pluginId(),
                command, environment, workDir, settings.heap(), process -> worker.ended(process, process.exited.join())));
        try {
            return spawned.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("Starting a worker failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting a worker", e);
        }
    }

    /**
     * The JVM a worker is: its heap limited, ended when the heap is full, its temporary files in its own folder. What
     * the JVM itself prints (such as "Terminating due to java.lang.OutOfMemoryError") goes to standard error: on
     * standard output, the channel, it would read as a broken frame instead of the reason the worker ended.
     */
    private List<String> java(String workerJar, String pluginJar, String workDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jit().options());
        command.addAll(List.of("-Xmx" + settings.heap(), "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:MaxMetaspaceSize=128m", "-Xss512k", "-Djava.io.tmpdir=" + workDir,
                "-Dfile.encoding=UTF-8",
                "-Dorg.slf4j.simpleLogger.log.org.pf4j=warn", "-Dorg.slf4j.simpleLogger.showThreadName=false", "-cp", workerJar, MAIN, pluginJar));
        return command;
    }

    /**
     * A worker's whole environment: its integration's operator settings ({@code ACME_*} for {@code acme}), and nothing
     * of the host's own ({@code HOST_*} never, whatever the integration's id).
     */
    Map<String, String> environment(String integrationId) {
        String prefix = OperatorSettings.variable(integrationId, "");
        Map<String, String> environment = new LinkedHashMap<>();
        settings.environment().forEach((name, value) -> {
            if (name.startsWith(prefix) && !name.toUpperCase(Locale.ROOT).startsWith("HOST_") && value != null) {
                environment.put(name, value);
            }
        });
        return environment;
    }

    private void stopIdle() {
        Instant now = Instant.now();
        for (PluginWorker worker : List.copyOf(live)) {
            try {
                worker.stopIfIdle(now);
            } catch (RuntimeException e) {
                // One worker's trouble never stops the others' idle stop.
            }
        }
    }

    /** Ends every worker at once. */
    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        live.forEach(PluginWorker::kill);
        live.clear();
        timer.shutdownNow();
        spawner.shutdownNow();
    }
}

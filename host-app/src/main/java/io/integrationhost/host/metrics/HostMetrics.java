package io.integrationhost.host.metrics;

import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.plugins.PluginWorkers;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.worker.PluginWorker;
import io.integrationhost.runtime.worker.WorkerStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host's one meter registry, read as Prometheus text by {@code GET /metrics}. Built by the composition root and
 * handed to what records; there is no global registry, so two hosts in one JVM (as in the tests) count apart.
 *
 * <p>Tags stay bounded and free of secrets: integration ids of installed integrations, declared action ids, failure
 * kinds; never a user id, a credential or a token.
 */
public final class HostMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    /** Listens to the JVM's collections until closed. */
    private final JvmGcMetrics gc;
    /** Brings meters whose set changes (one per installed plugin) up to date before each scrape. */
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    private HostMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
        this.registry = registry;
        this.gc = gc;
    }

    /** A registry with the JVM's basics bound: memory, collections, threads, class loading, processors, uptime. */
    public static HostMetrics start() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new HostMetrics(registry, gc);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The plugin call pool: calls running, calls waiting for a thread, and the pool's size. */
    public HostMetrics watch(PluginCalls calls) {
        Gauge.builder("host.plugin.calls.active", calls, PluginCalls::activeCalls)
                .description("Plugin calls running on the call pool's threads").register(registry);
        Gauge.builder("host.plugin.calls.queued", calls, PluginCalls::queuedCalls)
                .description("Plugin calls waiting for a free thread of the call pool").register(registry);
        Gauge.builder("host.plugin.calls.threads", calls, PluginCalls::threads)
                .description("The most threads plugin calls run on at once").register(registry);
        return this;
    }

    /** The action entries of the audit trail waiting to be written. */
    public HostMetrics watch(AuditTrail audit) {
        Gauge.builder("host.audit.queued", audit, AuditTrail::queuedEntries)
                .description("Audit entries of action calls queued and not yet written").register(registry);
        return this;
    }

    /**
     * The installed plugins' workers: how many processes run now, and per plugin (tag {@code plugin}, its id) how many
     * times its installed version's worker ended unexpectedly and was started again. Plugins come and go with
     * installs, so the per-plugin rows are those of the plugins installed at each scrape.
     */
    public HostMetrics watch(PluginRuntime plugins) {
        Gauge.builder("host.plugin.workers.running", plugins, runtime -> PluginWorkers.all(runtime.snapshot()).stream()
                        .filter(worker -> worker.status().state() == WorkerStatus.State.RUNNING).count())
                .description("Plugin worker processes running now").register(registry);
        MultiGauge restarts = MultiGauge.builder("host.plugin.worker.restarts")
                .description("Times the worker of the installed plugin version ended unexpectedly and was started again")
                .register(registry);
        beforeScrape.add(() -> restarts.register(PluginWorkers.all(plugins.snapshot()).stream()
                .map(worker -> MultiGauge.Row.of(Tags.of("plugin", worker.pluginId()), worker,
                        (PluginWorker w) -> w.status().restarts()))
                .toList(), true));
        return this;
    }

    /** Every meter in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}

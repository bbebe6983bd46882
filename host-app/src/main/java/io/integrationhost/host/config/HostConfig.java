package io.integrationhost.host.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one host instance runs. Built by the command line ({@code Main}) from options and the environment, or directly in tests.
 *
 * @param bindAddress the address to listen on; loopback by default
 * @param port the port; 0 picks a free one
 * @param pluginsDir the folder plugin jars are loaded from
 * @param dataDir the folder for the embedded database, the key file and the admin token's hash
 * @param databaseUrl a JDBC URL, or {@code null} for the embedded H2 database in {@code dataDir}
 * @param publicUrl the address end users reach this host at, for authorization links; {@code null} for
 *     the listening address
 * @param environment where secrets and operator settings come from: {@code HOST_ADMIN_TOKEN},
 *     {@code HOST_MASTER_KEY}, {@code HOST_DATABASE_USER}, {@code HOST_DATABASE_PASSWORD},
 *     {@code HOST_ACTION_TIMEOUT_SECONDS}, {@code HOST_LINK_TTL_MINUTES}, the pool sizes
 *     {@code HOST_PLUGIN_CALL_THREADS}, {@code HOST_PLUGIN_CALL_QUEUE}, {@code HOST_DATABASE_POOL_SIZE}, the audit's
 *     {@code HOST_AUDIT_FLUSH_MILLIS} and {@code HOST_AUDIT_RETENTION_DAYS}, the plugin workers'
 *     {@code HOST_IN_PROCESS_PLUGINS}, {@code HOST_PLUGIN_WORKER_HEAP}, {@code HOST_PLUGIN_WORKER_JIT}, {@code HOST_PLUGIN_WORKER_IDLE_SECONDS} and
 *     {@code HOST_PLUGIN_SANDBOX}, and plugins' settings
 *     ({@code <INTEGRATION>_<NAME>})
 */
public record HostConfig(String bindAddress, int port, Path pluginsDir, Path dataDir, String databaseUrl, URI publicUrl,
                         Map<String, String> environment) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** The largest pool size a setting may ask for. */
    public static final int MAX_POOL_SIZE = 10_000;

    public HostConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        pluginsDir = pluginsDir.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
    }

    /** A host with embedded defaults over the given folders, configured by {@code environment}. */
    public static HostConfig embedded(int port, Path pluginsDir, Path dataDir, Map<String, String> environment) {
        return new HostConfig(DEFAULT_BIND_ADDRESS, port, pluginsDir, dataDir, null, null, environment);
    }

    /** The variable {@code name} of the environment; {@code null} when unset or blank. */
    public String env(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** The time limit of one plugin call. */
    public Duration actionTimeout() {
        return Duration.ofSeconds(positive("HOST_ACTION_TIMEOUT_SECONDS", 30));
    }

    /** How long an end user's authorization link stays usable. */
    public Duration linkLifetime() {
        return Duration.ofMinutes(positive("HOST_LINK_TTL_MINUTES", 30));
    }

    /** How many plugin calls run at once, over all plugins. */
    public int pluginCallThreads() {
        return poolSize("HOST_PLUGIN_CALL_THREADS", 32);
    }

    /** How many plugin calls wait for a thread before further calls are refused as busy. */
    public int pluginCallQueue() {
        return poolSize("HOST_PLUGIN_CALL_QUEUE", 256);
    }

    /** How many connections to the database the host holds at most. */
    public int databasePoolSize() {
        return poolSize("HOST_DATABASE_POOL_SIZE", 16);
    }

    /** How long action entries wait in the audit queue at most: what a crash can lose. Up to one second. */
    public Duration auditFlushInterval() {
        return Duration.ofMillis(atMost("HOST_AUDIT_FLUSH_MILLIS", 5, 1000));
    }

    /** How long audit entries are kept before they are deleted. Up to a hundred years, so that a typo is caught. */
    public Duration auditRetention() {
        return Duration.ofDays(atMost("HOST_AUDIT_RETENTION_DAYS", 90, 36_500));
    }

    /**
     * The plugins the operator trusts to run in the host's own process ({@code HOST_IN_PROCESS_PLUGINS}, plugin ids
     * separated by commas); every other plugin runs in a worker process of its own.
     */
    public java.util.Set<String> inProcessPlugins() {
        String value = env("HOST_IN_PROCESS_PLUGINS");
        if (value == null) {
            return java.util.Set.of();
        }
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (String id : value.split(",")) {
            String trimmed = id.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new StartupException("HOST_IN_PROCESS_PLUGINS names '" + trimmed + "', which is no plugin id.",
                        "List plugin ids (the Plugin-Id of each jar's manifest) separated by commas, such as acme-crm,acme-hr.");
            }
            ids.add(trimmed);
        }
        return java.util.Set.copyOf(ids);
    }

    /** The largest heap of one plugin worker ({@code HOST_PLUGIN_WORKER_HEAP}, such as {@code 96m} or {@code 1g}). */
    public String pluginWorkerHeap() {
        String value = env("HOST_PLUGIN_WORKER_HEAP");
        if (value == null) {
            return io.integrationhost.runtime.worker.WorkerSettings.DEFAULT_HEAP;
        }
        String heap = value.strip();
        if (!heap.matches("[1-9][0-9]{0,5}[mMgG]")) {
            throw new StartupException("HOST_PLUGIN_WORKER_HEAP must be a size such as 96m or 1g, was '" + value + "'.",
                    "Set it to a number of megabytes or gigabytes with m or g, or leave it unset for "
                            + io.integrationhost.runtime.worker.WorkerSettings.DEFAULT_HEAP + ".");
        }
        return heap;
    }

    /** How a plugin worker's JVM compiles ({@code HOST_PLUGIN_WORKER_JIT}: {@code quick}, the default, or {@code full}). */
    public io.integrationhost.runtime.worker.WorkerSettings.Jit pluginWorkerJit() {
        String value = env("HOST_PLUGIN_WORKER_JIT");
        if (value == null || value.isBlank()) {
            return io.integrationhost.runtime.worker.WorkerSettings.Jit.QUICK;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "quick" -> io.integrationhost.runtime.worker.WorkerSettings.Jit.QUICK;
            case "full" -> io.integrationhost.runtime.worker.WorkerSettings.Jit.FULL;
            default -> throw new StartupException("HOST_PLUGIN_WORKER_JIT must be quick or full, was '" + value + "'.",
                    "Set it to quick (the first-tier compiler only, the default) or full (the JVM's full tiered compilation).");
        };
    }

    /** How long a plugin worker with no call stays up before it stops ({@code HOST_PLUGIN_WORKER_IDLE_SECONDS}). */
    public Duration pluginWorkerIdle() {
        return Duration.ofSeconds(atMost("HOST_PLUGIN_WORKER_IDLE_SECONDS",
                io.integrationhost.runtime.worker.WorkerSettings.DEFAULT_IDLE.toSeconds(), 86_400));
    }

    /**
     * Whether plugin workers run in a bubblewrap sandbox ({@code HOST_PLUGIN_SANDBOX}): {@code auto} (where bubblewrap
     * can run one, the default), {@code required} (the host does not start without one) or {@code none}.
     */
    public String pluginSandbox() {
        String value = env("HOST_PLUGIN_SANDBOX");
        String mode = value == null ? "auto" : value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("auto", "required", "none").contains(mode)) {
            throw new StartupException("HOST_PLUGIN_SANDBOX must be auto, required or none, was '" + value + "'.",
                    "Leave it unset for auto: a sandbox wherever bubblewrap can run one.");
        }
        return mode;
    }

    /** A pool size: a positive whole number up to {@link #MAX_POOL_SIZE}, so that a typo cannot ask for millions of threads. */
    private int poolSize(String name, int fallback) {
        return (int) atMost(name, fallback, MAX_POOL_SIZE);
    }

    private long atMost(String name, long fallback, long max) {
        long value = positive(name, fallback);
        if (value > max) {
            throw new StartupException(name + " must be at most " + max + ", was " + value + ".",
                    "Set " + name + " to a smaller number, or leave it unset for " + fallback + ".");
        }
        return value;
    }

    private long positive(String name, long fallback) {
        String value = env(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StartupException(name + " must be a positive whole number, was '" + value + "'.",
                "Set " + name + " to a whole number above 0, or leave it unset for " + fallback + ".");
    }
}

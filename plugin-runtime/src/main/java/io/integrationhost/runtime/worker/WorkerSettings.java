package io.integrationhost.runtime.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the host runs plugins in workers.
 *
 * @param inProcess the plugin ids the operator trusts to run in the host's own process ({@code HOST_IN_PROCESS_PLUGINS})
 * @param heap the largest heap of a worker, as the JVM's {@code -Xmx} takes it ({@code HOST_PLUGIN_WORKER_HEAP})
 * @param idle how long a worker with no call stays up ({@code HOST_PLUGIN_WORKER_IDLE_SECONDS})
 * @param callTimeout the time limit of one call
 * @param callsPerPlugin how many calls of one plugin run at once, as in the host's own process
 * @param environment the host's environment, of which a worker gets its integration's settings only
 * @param sandbox whether and how workers run in a sandbox
 * @param hidden folders of the host a sandboxed worker must not see even where a system folder it sees holds them
 *     (the data folder, the plugins folder)
 * @param jit how a worker's JVM compiles the plugin's code ({@code HOST_PLUGIN_WORKER_JIT})
 */
public record WorkerSettings(Set<String> inProcess, String heap, Duration idle, Duration callTimeout, int callsPerPlugin,
                             Map<String, String> environment, Sandbox sandbox, List<Path> hidden, Jit jit) {

    /**
     * How a worker's JVM compiles. A worker is a small JVM of its own: with the JVM's full tiered compilation, its
     * optimising compiler threads kept using about as much processor time as the plugin's calls through minutes of
     * sustained load (docs/BENCHMARKS.md), work the host's JVM had done once for the same libraries. The first tier
     * alone compiles at once and settles, for code that spends its time waiting on a remote system.
     */
    public enum Jit {
        /** The first-tier compiler only ({@code -XX:TieredStopAtLevel=1}): the default. */
        QUICK(List.of("-XX:TieredStopAtLevel=1")),
        /** The JVM's full tiered compilation, for a plugin whose own computing is its cost. */
        FULL(List.of());

        private final List<String> options;

        Jit(List<String> options) {
            this.options = options;
        }

        /** The JVM options it takes. */
        public List<String> options() {
            return options;
        }
    }

    /** The settings before the compiler could be chosen: {@link Jit#QUICK}. */
    public WorkerSettings(Set<String> inProcess, String heap, Duration idle, Duration callTimeout, int callsPerPlugin,
                          Map<String, String> environment, Sandbox sandbox, List<Path> hidden) {
        this(inProcess, heap, idle, callTimeout, callsPerPlugin, environment, sandbox, hidden, Jit.QUICK);
    }

    /** A worker's heap unless the operator sets one. */
    public static final String DEFAULT_HEAP = "96m";
    /** A worker's idle time before it stops, unless the operator sets one. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);

    public WorkerSettings {
        inProcess = Set.copyOf(inProcess);
        Objects.requireNonNull(heap, "heap");
        if (!heap.matches("[1-9][0-9]*[kKmMgG]?")) {
            throw new IllegalArgumentException("A worker's heap is a size such as 96m or 1g, not '" + heap + "'");
        }
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callsPerPlugin < 1) {
            throw new IllegalArgumentException("callsPerPlugin must be positive");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(sandbox, "sandbox");
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(jit, "jit");
    }
}

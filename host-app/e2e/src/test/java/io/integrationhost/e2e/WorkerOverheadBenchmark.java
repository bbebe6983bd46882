package io.integrationhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.integrationhost.api.Credentials;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.runtime.invocation.ActionResult;
import io.integrationhost.runtime.invocation.PluginInvoker;
import io.integrationhost.runtime.invocation.RunnableIntegration;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.worker.OutOfProcess;
import io.integrationhost.runtime.worker.WorkerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a worker process adds to a call: the same BambooHR call ({@code get-employee} against a local stub) through two
 * real hosts running side by side in this JVM, one whose BambooHR runs in a worker (in a bubblewrap sandbox where one
 * can run) and one with {@code HOST_IN_PROCESS_PLUGINS=bamboohr}. The two are measured in alternating order, round by
 * round, so that the machine's drift falls on both alike:
 *
 * <ul>
 *   <li>latency with one client, through the REST API and through the one invocation seam alone
 *       ({@link PluginInvoker#run}, no HTTP, no database, no audit);</li>
 *   <li>throughput with 16 client threads through the REST API;</li>
 *   <li>a worker's start to its first call, with and without the sandbox, and its resident memory.</li>
 * </ul>
 *
 * Its name keeps it out of {@code mvn verify}; run it on purpose with
 * {@code mvn verify -pl host-app/e2e -am -Dtest=WorkerOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dbenchmark.rounds}, {@code -Dbenchmark.calls}, {@code -Dbenchmark.seconds}, {@code -Dbenchmark.starts}
 * change the sizes, {@code -Dbenchmark.parts=throughput} runs one part, {@code -Dbenchmark.workerJit=full} gives the
 * worker the JVM's full tiered compilation). docs/BENCHMARKS.md keeps the figures.
 */
class WorkerOverheadBenchmark {

    private static final String KEY = BenchmarkBambooHr.KEY;
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 6);
    private static final int CALLS = Integer.getInteger("benchmark.calls", 500);
    private static final int WARM_UP = Math.max(300, CALLS);
    private static final int CLIENTS = 16;
    private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 3));
    private static final int STARTS = Integer.getInteger("benchmark.starts", 5);
    /** Which parts run: {@code latency}, {@code throughput}, {@code starts}; all unless {@code -Dbenchmark.parts} names some. */
    private static final List<String> PARTS = List.of(System.getProperty("benchmark.parts", "latency,throughput,starts").split(","));
    /** How the benchmark's worker compiles: {@code HOST_PLUGIN_WORKER_JIT}, the host's default unless {@code -Dbenchmark.workerJit}. */
    private static final String WORKER_JIT = System.getProperty("benchmark.workerJit", "quick");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The BambooHR both hosts call. */
    private static WireMockServer bambooHr;

    @TempDir
    static Path root;

    @BeforeAll
    static void startBambooHr() {
        bambooHr = BenchmarkBambooHr.start(48);
    }

    @AfterAll
    static void stopBambooHr() {
        bambooHr.stop();
    }

    @Test
    void measureWhatAWorkerAddsToACall() throws Exception {
        Report report = new Report();
        byte[] body = JSON.writeValueAsBytes(Map.of("input", Map.of("id", "4")));
        try (RunningHost inProcess = host("in-process", Map.of("HOST_IN_PROCESS_PLUGINS", "bamboohr"));
             RunningHost worker = host("worker", Map.of("HOST_PLUGIN_WORKER_JIT", WORKER_JIT));
             PluginCalls pool = new PluginCalls(32, 256, Duration.ofSeconds(30))) {
            assertThat(inProcess.host().plugins().snapshot().integration("bamboohr").orElseThrow().code())
                    .isNotInstanceOf(OutOfProcess.class);
            assertThat(workerStatus(worker).state()).isEqualTo(WorkerStatus.State.RUNNING);
            report.append(String.format(Locale.ROOT, "worker sandbox: %s; worker JIT: %s; %d rounds in alternating order;"
                    + " load average %s%n%n", worker.host().plugins().isolation().sandbox().describe(), WORKER_JIT, ROUNDS,
                    loadAverage()));

            Seam inProcessSeam = new Seam(inProcess, pool);
            Seam workerSeam = new Seam(worker, pool);
            if (PARTS.contains("latency")) {
                report.append(latencies("one client, REST API (POST .../actions/get-employee)",
                        () -> post(inProcess, body), () -> post(worker, body)));
                report.append(latencies("one client, the invocation seam alone (PluginInvoker.run)",
                        inProcessSeam::call, workerSeam::call));
            }
            if (PARTS.contains("throughput")) {
                report.append(throughput(inProcess, worker, body));
            }

            long workerPid = workerStatus(worker).pid();
            report.append(String.format(Locale.ROOT, "%nresident memory of the benchmark's worker after its load: %s%n",
                    Memory.of(workerPid)));
        }

        report.append(String.format(Locale.ROOT, "load average: %s%n", loadAverage()));
        if (PARTS.contains("starts")) {
            report.append(starts("starts-sandbox", "bubblewrap where it runs", Map.of("HOST_PLUGIN_WORKER_JIT", WORKER_JIT)));
            report.append(starts("starts-none", "no sandbox", Map.of("HOST_PLUGIN_SANDBOX", "none", "HOST_PLUGIN_WORKER_JIT", WORKER_JIT)));
        }

        report.append(String.format(Locale.ROOT, "%nload average at the end: %s%n", loadAverage()));
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("benchmark-worker-overhead.txt"), report.text);
    }

    /** The figures, printed as each part is done (a long run shows what it has so far) and kept for the file. */
    private static final class Report {
        private final StringBuilder text = new StringBuilder();

        Report append(String part) {
            System.out.print(part);
            text.append(part);
            return this;
        }
    }

    /**
     * The machine's load over the last 1, 5 and 15 minutes ({@code /proc/loadavg}): side-by-side ratios are only as
     * good as the machine was quiet, and a busy one shows here.
     */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A host with BambooHR installed, pre-authorized (its connection test has run, so a worker is up) and enabled. */
    private static RunningHost host(String name, Map<String, String> settings) throws IOException {
        Path hostRoot = Files.createDirectories(root.resolve(name));
        BundledPlugins.installBambooHr(hostRoot);
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("BAMBOOHR_BASE_URL", bambooHr.baseUrl());
        RunningHost host = RunningHost.start(hostRoot, environment);
        RunningHost.Response configured = host.put("/api/integrations/bamboohr/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("subdomain", "acme", "apiKey", KEY)));
        assertThat(configured.status()).as(configured.raw().body()).isEqualTo(200);
        assertThat(host.post("/api/integrations/bamboohr/enable", null).status()).isEqualTo(200);
        return host;
    }

    private static WorkerStatus workerStatus(RunningHost host) {
        Object code = host.host().plugins().snapshot().integration("bamboohr").orElseThrow().code();
        return ((OutOfProcess) code).worker().status();
    }

    /** One-client latencies of both hosts, round by round in alternating order, and the worker's added time. */
    private static String latencies(String title, Call inProcess, Call worker) throws Exception {
        measure(inProcess, WARM_UP);
        measure(worker, WARM_UP);
        long[][] inProcessRounds = new long[ROUNDS][];
        long[][] workerRounds = new long[ROUNDS][];
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 2 == 0) {
                inProcessRounds[round] = measure(inProcess, CALLS);
                workerRounds[round] = measure(worker, CALLS);
            } else {
                workerRounds[round] = measure(worker, CALLS);
                inProcessRounds[round] = measure(inProcess, CALLS);
            }
        }
        long[] in = concat(inProcessRounds);
        long[] out = concat(workerRounds);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d calls each after %d warm-up calls; microseconds%n%-22s %8s %8s %8s %8s%n", title, in.length, WARM_UP,
                "path", "mean", "p50", "p90", "p99"));
        table.append(row("in-process", in)).append(row("worker", out));
        table.append(String.format(Locale.ROOT, "%-22s %8d %8d %8d %8d%n", "added by the worker", mean(out) - mean(in),
                percentile(out, 0.5) - percentile(in, 0.5), percentile(out, 0.9) - percentile(in, 0.9),
                percentile(out, 0.99) - percentile(in, 0.99)));
        List<String> perRound = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            perRound.add(String.valueOf(percentile(workerRounds[round], 0.5) - percentile(inProcessRounds[round], 0.5)));
        }
        table.append("added at the median, round by round: ").append(String.join(", ", perRound)).append("\n\n");
        return table.toString();
    }

    /**
     * Calls per second with {@link #CLIENTS} client threads, both hosts in alternating order; every call must succeed.
     * Beside it, the processor time each call costs: this JVM's (both hosts, the clients and the BambooHR stub; the idle
     * host adds next to nothing) and the worker's processes'. With 16 clients on a small machine the processors are the
     * limit, so the ratio of those costs bounds the throughput's ratio, and unlike calls per second it holds when other
     * work shares the machine.
     */
    private static String throughput(RunningHost inProcess, RunningHost worker, byte[] body) throws Exception {
        load(inProcess, body, Duration.ofSeconds(1));
        load(worker, body, Duration.ofSeconds(1));
        long workerPid = workerStatus(worker).pid();
        Load in = new Load();
        Load out = new Load();
        List<String> perRound = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long inCalls;
            long outCalls;
            if (round % 2 == 0) {
                inCalls = in.add(inProcess, body, -1);
                outCalls = out.add(worker, body, workerPid);
            } else {
                outCalls = out.add(worker, body, workerPid);
                inCalls = in.add(inProcess, body, -1);
            }
            perRound.add(String.format(Locale.ROOT, "%.2f", (double) outCalls / inCalls));
        }
        double seconds = ROUNDS * LOAD.toMillis() / 1000.0;
        return String.format(Locale.ROOT, "%d clients, REST API, %d rounds of %d s each; calls per second, all answered 200%n"
                        + "in-process %8.0f%nworker     %8.0f%nratio worker / in-process: %.2f (round by round: %s)%n"
                        + "processor time per call, microseconds: in-process %d; worker %d (this JVM %d, the worker %d);"
                        + " ratio in-process / worker: %.2f%n",
                CLIENTS, ROUNDS, LOAD.toSeconds(), in.calls / seconds, out.calls / seconds,
                (double) out.calls / in.calls, String.join(", ", perRound), in.cpuPerCall(), out.cpuPerCall(),
                out.hostCpuMicros / out.calls, out.workerCpuMicros / out.calls, (double) in.cpuPerCall() / out.cpuPerCall());
    }

    /** The calls and processor time of one path's load rounds. */
    private static final class Load {
        long calls;
        long hostCpuMicros;
        long workerCpuMicros;

        /** One round; {@code workerPid} is -1 when the path has no worker. */
        long add(RunningHost host, byte[] body, long workerPid) throws InterruptedException {
            long hostBefore = CpuTime.ofTree(ProcessHandle.current().pid(), false);
            long workerBefore = workerPid < 0 ? 0 : CpuTime.ofTree(workerPid, true);
            long done = load(host, body, LOAD);
            hostCpuMicros += CpuTime.ofTree(ProcessHandle.current().pid(), false) - hostBefore;
            workerCpuMicros += workerPid < 0 ? 0 : CpuTime.ofTree(workerPid, true) - workerBefore;
            calls += done;
            return done;
        }

        long cpuPerCall() {
            return (hostCpuMicros + workerCpuMicros) / Math.max(1, calls);
        }
    }

    /** Processor time (user and system) of a process, from {@code /proc/<pid>/stat}, in microseconds. */
    private static final class CpuTime {
        private static final long TICK_MICROS = 1_000_000 / 100;

        static long ofTree(long pid, boolean withDescendants) {
            long total = of(pid);
            if (withDescendants) {
                total += ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).mapToLong(p -> of(p.pid())).sum();
            }
            return total;
        }

        private static long of(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                // The fields after the command's closing parenthesis; utime and stime are the 14th and 15th of the line.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MICROS;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /** How many calls {@link #CLIENTS} threads complete in {@code period}; a call that does not answer 200 fails the run. */
    private static long load(RunningHost host, byte[] body, Duration period) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(CLIENTS);
        long end = System.nanoTime() + period.toNanos();
        for (int client = 0; client < CLIENTS; client++) {
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        post(host, body);
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, e.toString());
                } finally {
                    finished.countDown();
                }
            }, "benchmark-client-" + client);
            thread.start();
        }
        finished.await();
        assertThat(failed.get()).as("failed calls, the first: %s", firstFailure.get()).isZero();
        return done.get();
    }

    /**
     * A worker's start to its first call: a host whose worker stops after one idle second, so that each measured call
     * finds no worker and starts one; the call's time through the REST API, and the start's own (to the worker's
     * {@code hello}), with the worker's resident memory right after that first call.
     */
    private static String starts(String name, String title, Map<String, String> settings) throws Exception {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("HOST_PLUGIN_WORKER_IDLE_SECONDS", "1");
        byte[] body = JSON.writeValueAsBytes(Map.of("input", Map.of("id", "4")));
        StringBuilder table = new StringBuilder();
        try (RunningHost host = host(name, environment)) {
            measure(() -> post(host, body), 50);
            long[] firstCall = new long[STARTS];
            long[] start = new long[STARTS];
            List<String> memory = new ArrayList<>();
            for (int i = 0; i < STARTS; i++) {
                awaitIdle(host);
                long begun = System.nanoTime();
                post(host, body);
                firstCall[i] = (System.nanoTime() - begun) / 1_000_000;
                WorkerStatus status = workerStatus(host);
                start[i] = status.lastStartMillis();
                memory.add(Memory.of(status.pid()).toString());
            }
            long begun = System.nanoTime();
            post(host, body);
            long secondCall = (System.nanoTime() - begun) / 1000;
            table.append(String.format(Locale.ROOT, "%nworker start, %s (%s), %d starts; milliseconds%n"
                            + "start to ready (hello):        %s%nfirst call through the REST API: %s%n"
                            + "the call after it: %d us%nresident memory after the first call: %s%n", title,
                    host.host().plugins().isolation().sandbox().describe(), STARTS, Arrays.toString(start),
                    Arrays.toString(firstCall), secondCall, String.join("; ", memory)));
        }
        return table.toString();
    }

    private static void awaitIdle(RunningHost host) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (workerStatus(host).state() != WorkerStatus.State.IDLE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The worker did not stop after its idle time");
            }
            Thread.sleep(50);
        }
    }

    private static void post(RunningHost host, byte[] body) throws IOException, InterruptedException {
        BenchmarkBambooHr.getEmployee(host, body);
    }

    /** The call as the host's action runner makes it, without the HTTP exchange, the database and the audit. */
    private static final class Seam {
        private final PluginInvoker invoker;
        private final RunnableIntegration target;
        private final PluginInvoker.CheckedInput input;
        private final Credentials credentials = Credentials.of(Map.of("subdomain", "acme", "apiKey", KEY));

        Seam(RunningHost host, PluginCalls pool) {
            this.invoker = new PluginInvoker(pool, Map.of("BAMBOOHR_BASE_URL", bambooHr.baseUrl()));
            this.target = RunnableIntegration.of(host.host().plugins().snapshot().integration("bamboohr").orElseThrow())
                    .orElseThrow();
            this.input = invoker.checkInput(target, "get-employee", JSON.createObjectNode().put("id", "4"));
        }

        void call() {
            ActionResult result = invoker.run(target, input, credentials, "benchmark");
            if (!(result instanceof ActionResult.Returned)) {
                throw new IllegalStateException("The call failed: " + result);
            }
        }
    }

    /** The resident memory of a worker: its process and what it started (bubblewrap's own processes and the JVM). */
    private record Memory(long totalKb, long largestKb, int processes) {

        static Memory of(long pid) {
            List<ProcessHandle> tree = new ArrayList<>();
            ProcessHandle.of(pid).ifPresent(tree::add);
            ProcessHandle.of(pid).ifPresent(process -> process.descendants().forEach(tree::add));
            long total = 0;
            long largest = 0;
            for (ProcessHandle process : tree) {
                long rss = rssKb(process.pid());
                total += rss;
                largest = Math.max(largest, rss);
            }
            return new Memory(total, largest, tree.size());
        }

        private static long rssKb(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // Gone meanwhile: counted as nothing.
            }
            return 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f MiB VmRSS in %d process(es), the JVM %.1f MiB", totalKb / 1024.0, processes,
                    largestKb / 1024.0);
        }
    }

    private static long[] measure(Call call, int calls) throws Exception {
        long[] micros = new long[calls];
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            call.run();
            micros[i] = (System.nanoTime() - started) / 1000;
        }
        return micros;
    }

    private static long[] concat(long[][] rounds) {
        return Arrays.stream(rounds).flatMapToLong(Arrays::stream).toArray();
    }

    private static String row(String path, long[] micros) {
        return String.format(Locale.ROOT, "%-22s %8d %8d %8d %8d%n", path, mean(micros), percentile(micros, 0.5),
                percentile(micros, 0.9), percentile(micros, 0.99));
    }

    private static long mean(long[] micros) {
        return (long) Arrays.stream(micros).average().orElse(0);
    }

    private static long percentile(long[] micros, double fraction) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * fraction))];
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}

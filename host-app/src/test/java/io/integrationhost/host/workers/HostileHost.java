package io.integrationhost.host.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import io.integrationhost.runtime.worker.OutOfProcess;
import io.integrationhost.runtime.worker.PluginWorker;
import io.integrationhost.runtime.worker.WorkerStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A real host running the hostile plugin {@code hostile} (see {@code HostileIntegration}) beside a well-behaved one,
 * {@code healthy} (the fixture service, standing in for BambooHR), both in workers, each configured with a secret
 * token of its own; and what the tests of the hostile corpus ask of it.
 */
final class HostileHost implements AutoCloseable {

    static final String HOSTILE = "hostile";
    static final String HEALTHY = "healthy";
    /** The hostile plugin's own token: the one secret its calls may see. */
    static final String HOSTILE_TOKEN = "good-hostile-own-token-5d1f0c";
    /** The other plugin's token, stored (sealed) in the host's database. */
    static final String HEALTHY_TOKEN = "good-healthy-secret-token-93ab7e";

    private final Path root;
    private final RunningHost host;

    private HostileHost(Path root, RunningHost host) {
        this.root = root;
        this.host = host;
    }

    /** Starts a host over {@code root} with both plugins in its plugins folder; {@code settings} add to the defaults. */
    static HostileHost start(Path root, Map<String, String> settings) throws IOException {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.hostile(HOSTILE).writeTo(plugins);
        FixturePlugins.service(HEALTHY).writeTo(plugins);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HOST_ACTION_TIMEOUT_SECONDS", "2");
        environment.put("HOSTILE_MODE", "hostile's own setting");
        environment.put("HEALTHY_MODE", "healthy's own setting");
        environment.putAll(settings);
        return new HostileHost(root, RunningHost.start(root, environment));
    }

    /** Pre-authorizes and enables both integrations, each with its own token (a connection test each: their workers start). */
    HostileHost configured() {
        configure(HOSTILE, HOSTILE_TOKEN);
        configure(HEALTHY, HEALTHY_TOKEN);
        return this;
    }

    /** Pre-authorizes {@code integrationId} with {@code token} and enables it. */
    void configure(String integrationId, String token) {
        Response configured = host.put("/api/integrations/" + integrationId + "/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", token)));
        assertThat(configured.status()).as(configured.raw().body()).isLessThan(300);
        Response enabled = host.post("/api/integrations/" + integrationId + "/enable", null);
        assertThat(enabled.status()).as(enabled.raw().body()).isLessThan(300);
    }

    RunningHost host() {
        return host;
    }

    Path dataDir() {
        return root.resolve("data");
    }

    Path pluginsDir() {
        return root.resolve("plugins");
    }

    /** Runs the hostile plugin's {@code action} with {@code input}. */
    Response hostile(String action, Map<String, Object> input) {
        return host.post("/api/integrations/" + HOSTILE + "/actions/" + action, Map.of("input", input));
    }

    /** The well-behaved plugin's echo. */
    Response healthyEcho(String text) {
        return host.post("/api/integrations/" + HEALTHY + "/actions/echo", Map.of("input", Map.of("text", text)));
    }

    /** The worker of {@code integrationId}, as the host's plugins hold it now. */
    PluginWorker worker(String integrationId) {
        return host.host().plugins().snapshot().integration(integrationId)
                // Its code, not its runnable code: a plugin whose worker failed has none to run, and still its worker.
                .map(installed -> installed.code())
                .filter(code -> code instanceof OutOfProcess)
                .map(code -> ((OutOfProcess) code).worker())
                .orElseThrow(() -> new AssertionError(integrationId + " runs in no worker"));
    }

    WorkerStatus status(String integrationId) {
        return worker(integrationId).status();
    }

    /** The status of {@code integrationId}'s worker once it is as {@code wanted} says, or the last one after 15 s. */
    WorkerStatus awaitStatus(String integrationId, Predicate<WorkerStatus> wanted) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        WorkerStatus status = status(integrationId);
        while (!wanted.test(status) && System.nanoTime() < until) {
            Thread.sleep(50);
            status = status(integrationId);
        }
        return status;
    }

    /** The entry of plugin {@code pluginId} in {@code GET /api/plugins}: its state, reasons and isolation. */
    JsonNode listed(String pluginId) {
        for (JsonNode plugin : host.getJson("/api/plugins")) {
            if (pluginId.equals(plugin.path("pluginId").asText())) {
                return plugin;
            }
        }
        throw new AssertionError(pluginId + " is not listed");
    }

    /** The secrets of the host no hostile call may answer with: its admin token, its master key, the other plugin's token. */
    List<String> hostSecrets() {
        List<String> secrets = new ArrayList<>(List.of(RunningHost.ADMIN_TOKEN, HEALTHY_TOKEN));
        Path keyFile = dataDir().resolve("master.key");
        try {
            byte[] key = Files.readAllBytes(keyFile);
            String text = new String(key, StandardCharsets.UTF_8).strip();
            secrets.add(text);
            secrets.add(Base64.getEncoder().encodeToString(key));
            secrets.add(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secrets;
    }

    /** Asserts that {@code answer} holds none of the host's secrets. */
    void assertNoHostSecretIn(Response answer) {
        String body = answer.raw().body();
        for (String secret : hostSecrets()) {
            assertThat(body).as("a secret of the host in the answer").doesNotContain(secret);
        }
    }

    /** Whether process {@code pid} still runs. */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Waits up to 15 s for process {@code pid} to end; whether it did. */
    static boolean ended(long pid) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (alive(pid) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        return !alive(pid);
    }

    /**
     * Runs {@code hostileCalls} while the healthy plugin is called over and over on another thread; answers the
     * statuses of the healthy plugin's calls, made during the hostile ones (at least one).
     */
    <T> During<T> whileCallingHealthy(java.util.concurrent.Callable<T> hostileCalls) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<List<Integer>> healthy = caller.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                do {
                    Response echo = healthyEcho("during");
                    statuses.add(echo.status());
                    Thread.sleep(20);
                } while (!done.get());
                return statuses;
            });
            T result;
            try {
                result = hostileCalls.call();
            } finally {
                done.set(true);
            }
            return new During<>(result, healthy.get());
        } finally {
            caller.shutdownNow();
        }
    }

    /** What the hostile calls answered, and the statuses of the healthy plugin's calls made meanwhile. */
    record During<T>(T hostile, List<Integer> healthyStatuses) {
    }

    @Override
    public void close() {
        host.close();
    }
}

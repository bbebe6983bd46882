package io.integrationhost.e2e;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.runtime.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades lose no call: the packaged host runs the real BambooHR jar in a worker process (its default), 16 client
 * threads call a BambooHR action without pause, and the plugin is upgraded {@value #UPGRADES} times through
 * {@code POST /api/plugins}. Each new version's worker is started and ready before traffic moves to it, calls already
 * on the old one finish there, and then the old worker stops. Every call is counted; every one must answer 200. The
 * figures (calls and failures, per upgrade) are printed and kept in {@code target/upgrade-under-load.txt}.
 */
class UpgradeUnderLoadTest {

    private static final String ADMIN_TOKEN = "upgrade-test-admin-token-5b0e9f2c71d3";
    /** The administrator's key docs/bamboohr-stub accepts. */
    private static final String ADMIN_KEY = "0123456789abcdef0123456789abcdef01234567";
    private static final int CLIENTS = 16;
    private static final int UPGRADES = 5;
    /** How long the calls run on each version after its upload answered, before the next upload. */
    private static final Duration ON_EACH_VERSION = Duration.ofSeconds(2);

    @RegisterExtension
    static final WireMockExtension bambooHr = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(CLIENTS + 8)
                    .usingFilesUnderDirectory(PlatformArtifacts.ofThisBuild().root().resolve("docs/bamboohr-stub").toString()))
            .build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path root;
    @TempDir
    Path versions;

    @Test
    void sixteenClientsCallingThroughFiveUpgradesGetNoFailedCall() throws Exception {
        BundledPlugins.installBambooHr(root);
        Map<String, String> environment = Map.of("HOST_ADMIN_TOKEN", ADMIN_TOKEN,
                "BAMBOOHR_BASE_URL", bambooHr.getRuntimeInfo().getHttpBaseUrl());
        List<Path> jars = new ArrayList<>();
        for (int upgrade = 1; upgrade <= UPGRADES; upgrade++) {
            jars.add(withVersion(BundledPlugins.bambooHrJar(), "1.0." + upgrade, versions.resolve("bamboohr-1.0." + upgrade + ".jar")));
        }
        try (PackagedHost host = PackagedHost.start(root, List.of(), environment)) {
            assertThat(admin(host, "PUT", "/api/integrations/bamboohr/authorization",
                    Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("subdomain", "acme", "apiKey", ADMIN_KEY))).statusCode())
                    .isEqualTo(200);
            assertThat(admin(host, "POST", "/api/integrations/bamboohr/enable", null).statusCode()).isEqualTo(200);

            Load load = new Load(host);
            load.start();
            try {
                load.runOn(0, ON_EACH_VERSION);
                for (int upgrade = 1; upgrade <= UPGRADES; upgrade++) {
                    load.phase.set(upgrade);
                    HttpResponse<String> installed = upload(host, jars.get(upgrade - 1));
                    assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
                    assertThat(Json.mapper().readTree(installed.body()).path("version").asText()).isEqualTo("1.0." + upgrade);
                    load.runOn(upgrade, ON_EACH_VERSION);
                }
            } finally {
                load.stop();
            }

            String report = load.report();
            System.out.print(report);
            Files.writeString(Files.createDirectories(Path.of("target")).resolve("upgrade-under-load.txt"), report);
            assertThat(load.failures).as(report).isEmpty();
            for (int phase = 0; phase <= UPGRADES; phase++) {
                assertThat(load.calls.get(phase)).as("calls answered in phase " + phase + "\n" + report).isPositive();
            }
            JsonNode plugin = Json.mapper().readTree(admin(host, "GET", "/api/plugins", null).body()).get(0);
            assertThat(plugin.path("version").asText()).isEqualTo("1.0." + UPGRADES);
            assertThat(plugin.path("state").asText()).isEqualTo("STARTED");
            // Each new version passed its connection test with the stored API key before calls moved to it.
            List<String> tested = new ArrayList<>();
            for (JsonNode entry : Json.mapper().readTree(admin(host, "GET", "/api/audit?integrationId=bamboohr&action=plugin.upgrade-tested", null).body())) {
                assertThat(entry.path("outcome").asText()).as(entry.toString()).isEqualTo("SUCCESS");
                tested.add(entry.path("detail").asText().replaceAll(":.*", ""));
            }
            assertThat(tested).as("the upgrades' connection tests").hasSize(UPGRADES)
                    .contains("bamboohr 1.0.4 to 1.0.5").anySatisfy(first -> assertThat(first).endsWith(" to 1.0.1"));
            assertOneWorkerIsLeft(host);
        }
    }

    /** The old versions' workers stop once their calls are done: only the newest version's is left. */
    private static void assertOneWorkerIsLeft(PackagedHost host) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> workers = host.workerCommands();
        while (workers.size() != 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            workers = host.workerCommands();
        }
        assertThat(workers).as("the host's plugin workers").hasSize(1);
        assertThat(workers.get(0)).contains("bamboohr-1.0." + UPGRADES);
    }

    /** The clients: each calls the action again as soon as it has its answer, counting calls and failures by phase. */
    private final class Load {
        private final PackagedHost host;
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final List<Future<?>> running = new ArrayList<>();
        private final AtomicBoolean go = new AtomicBoolean(true);
        /** 0 before the first upgrade; n from the moment upgrade n is uploaded. */
        final AtomicInteger phase = new AtomicInteger();
        final AtomicLongArray calls = new AtomicLongArray(UPGRADES + 1);
        final AtomicLongArray failed = new AtomicLongArray(UPGRADES + 1);
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final long[] phaseMillis = new long[UPGRADES + 1];
        private long phaseStarted;

        Load(PackagedHost host) {
            this.host = host;
        }

        void start() {
            byte[] body = "{\"input\": {}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int client = 0; client < CLIENTS; client++) {
                running.add(clients.submit(() -> {
                    while (go.get()) {
                        int during = phase.get();
                        String failure = call(body);
                        calls.incrementAndGet(during);
                        if (failure != null) {
                            failed.incrementAndGet(during);
                            if (failures.size() < 20) {
                                failures.add("phase " + during + ": " + failure);
                            }
                        }
                    }
                    return null;
                }));
            }
            phaseStarted = System.nanoTime();
        }

        /** Lets the calls run for {@code duration} more in {@code current}, and notes how long the phase lasted. */
        void runOn(int current, Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
            long now = System.nanoTime();
            phaseMillis[current] = (now - phaseStarted) / 1_000_000;
            phaseStarted = now;
        }

        private String call(byte[] body) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                host.uri("/api/integrations/bamboohr/actions/list-time-off-types"))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return answer.statusCode() == 200 ? null : answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                return e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        void stop() throws Exception {
            go.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).as("the clients end").isTrue();
            for (Future<?> client : running) {
                client.get();
            }
        }

        String report() {
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                    "%d client threads calling list-time-off-types through %d upgrades of the BambooHR plugin (in a worker)%n"
                            + "%-28s %8s %8s %8s%n", CLIENTS, UPGRADES, "phase", "ms", "calls", "failed"));
            long total = 0;
            long totalFailed = 0;
            for (int phase = 0; phase <= UPGRADES; phase++) {
                String name = phase == 0 ? "before the first upgrade" : "upgrade " + phase + " (to 1.0." + phase + ")";
                report.append(String.format(Locale.ROOT, "%-28s %8d %8d %8d%n", name, phaseMillis[phase], calls.get(phase),
                        failed.get(phase)));
                total += calls.get(phase);
                totalFailed += failed.get(phase);
            }
            report.append(String.format(Locale.ROOT, "%-28s %8s %8d %8d%n", "all", "", total, totalFailed));
            failures.forEach(failure -> report.append("  ").append(failure).append('\n'));
            return report.toString();
        }
    }

    private HttpResponse<String> upload(PackagedHost host, Path jar) throws Exception {
        return http.send(HttpRequest.newBuilder(host.uri("/api/plugins?fileName=" + jar.getFileName()))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/java-archive")
                .header("Accept", "application/json").timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofFile(jar)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(PackagedHost host, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(host.uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A copy of {@code jar} whose manifest states {@code version} as its Plugin-Version: what a release build makes. */
    private static Path withVersion(Path jar, String version, Path copy) throws IOException {
        try (JarFile source = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(source.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Plugin-Version"), version);
            try (OutputStream file = Files.newOutputStream(copy); JarOutputStream out = new JarOutputStream(file, manifest)) {
                Enumeration<JarEntry> entries = source.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return copy;
    }
}

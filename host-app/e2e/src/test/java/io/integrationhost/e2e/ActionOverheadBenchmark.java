package io.integrationhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.testkit.PluginHarness;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the host adds to one action call: the same BambooHR call ({@code get-employee} against a local stub) run by
 * the plugin alone, in the test kit's in-process host, and then through the real host's REST API, pre-authorized
 * and for end users of a user-authorized integration. One client thread, sequential calls after a warm-up;
 * latencies in microseconds. Its name keeps it out of {@code mvn verify}; run it on purpose, after a build, with
 * {@code mvn verify -pl host-app/e2e -Dtest=ActionOverheadBenchmark} ({@code -Dbenchmark.calls} and
 * {@code -Dbenchmark.users} change the sizes). docs/BENCHMARKS.md keeps the figures.
 */
class ActionOverheadBenchmark {

    private static final String KEY = BenchmarkBambooHr.KEY;
    private static final int CALLS = Integer.getInteger("benchmark.calls", 3000);
    private static final int WARM_UP = Math.max(200, CALLS / 5);
    private static final int USERS = Integer.getInteger("benchmark.users", 1000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;

    private static WireMockServer bambooHr;

    @BeforeAll
    static void startBambooHr() {
        bambooHr = BenchmarkBambooHr.start(16);
    }

    @AfterAll
    static void stopBambooHr() {
        bambooHr.stop();
    }

    @Test
    void measureWhatTheHostAddsToACall() throws Exception {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%d calls after %d warm-up calls, one client thread; microseconds%n%-44s %8s %8s %8s %8s%n",
                CALLS, WARM_UP, "path", "mean", "p50", "p90", "p99"));

        try (PluginHarness plugin = PluginHarness.forJar(BundledPlugins.bambooHrJar()).setting("BASE_URL", bambooHr.baseUrl())
                .credentials(Map.of("subdomain", "acme", "apiKey", KEY)).start()) {
            report.append(row("plugin alone (test kit's in-process host)", measure(i -> {
                plugin.run("get-employee", Map.of("id", "4")).result();
            })));
        }

        Path hostRoot = Files.createDirectories(root.resolve("host"));
        BundledPlugins.installBambooHr(hostRoot);
        try (RunningHost host = RunningHost.start(hostRoot, Map.of("BAMBOOHR_BASE_URL", bambooHr.baseUrl()))) {
            assertThat(host.put("/api/integrations/bamboohr/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("subdomain", "acme", "apiKey", KEY))).status()).isEqualTo(200);
            host.post("/api/integrations/bamboohr/enable", null);
            byte[] body = JSON.writeValueAsBytes(Map.of("input", Map.of("id", "4")));
            report.append(row("host REST API, pre-authorized", measure(i -> post(host, body))));

            String profile = host.post("/api/authorization-profiles", Map.of("name", "Employees", "type", "bamboohr-api-key",
                    "presets", Map.of("subdomain", "acme"))).body().path("id").asText();
            host.put("/api/integrations/bamboohr/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", profile));
            host.post("/api/integrations/bamboohr/enable", null);
            long started = System.nanoTime();
            for (int user = 0; user < USERS; user++) {
                authorize(host, "user-" + user);
            }
            report.append(String.format(Locale.ROOT, "(%d end users authorized through their links in %d ms)%n", USERS,
                    (System.nanoTime() - started) / 1_000_000));
            Random random = new Random(42);
            report.append(row("host REST API, user-authorized, random of " + USERS, measure(i -> post(host,
                    JSON.writeValueAsBytes(Map.of("input", Map.of("id", "4"), "userId", "user-" + random.nextInt(USERS)))))));
        }

        System.out.print(report);
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("benchmark-action-overhead.txt"), report);
    }

    private static void post(RunningHost host, byte[] body) throws IOException, InterruptedException {
        BenchmarkBambooHr.getEmployee(host, body);
    }

    private static void authorize(RunningHost host, String userId) {
        RunningHost.Response required = host.post("/api/integrations/bamboohr/actions/get-employee",
                Map.of("input", Map.of("id", "4"), "userId", userId));
        URI link = URI.create(required.error().path("authorizationUrl").asText());
        assertThat(host.send(FormPost.of(link, Map.of("apiKey", KEY))).statusCode()).isEqualTo(200);
    }

    private static long[] measure(Call call) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            call.run(i);
        }
        long[] micros = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long started = System.nanoTime();
            call.run(i);
            micros[i] = (System.nanoTime() - started) / 1000;
        }
        return micros;
    }

    private static String row(String path, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%-44s %8d %8d %8d %8d%n", path, (long) Arrays.stream(sorted).average().orElse(0),
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], sorted[(int) (sorted.length * 0.99)]);
    }

    @FunctionalInterface
    private interface Call {
        void run(int index) throws Exception;
    }
}

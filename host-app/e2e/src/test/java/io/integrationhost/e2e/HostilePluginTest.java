package io.integrationhost.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real BambooHR plugin jar beside a hostile plugin, each in its worker: while the hostile plugin ends its process,
 * holds 16 threads spinning past the time limit and fills its heap, BambooHR's calls (against a local stub of its API)
 * keep succeeding, in the same worker throughout, and the hostile plugin's crashes are shown.
 */
class HostilePluginTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef01234567";

    @RegisterExtension
    static final WireMockExtension bambooHr = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @TempDir
    Path root;

    @BeforeEach
    void stubBambooHr() {
        bambooHr.stubFor(get(urlPathMatching("/api/v1/employees/[0-9]+"))
                .willReturn(okJson("{\"id\": \"4\", \"firstName\": \"Charlotte\", \"lastName\": \"Abbott\"}")));
    }

    @Test
    void bambooHrKeepsAnsweringWhileAHostilePluginExitsSpinsAndFillsItsHeap() throws Exception {
        BundledPlugins.installBambooHr(root);
        FixturePlugins.hostile("hostile").writeTo(root.resolve("plugins"));
        try (RunningHost host = RunningHost.start(root, Map.of("BAMBOOHR_BASE_URL", bambooHr.baseUrl(),
                "HOST_ACTION_TIMEOUT_SECONDS", "2"))) {
            configure(host, "bamboohr", Map.of("subdomain", "acme", "apiKey", KEY));
            configure(host, "hostile", Map.of("account", "acme", "token", "good-hostile-token"));
            assertThat(getEmployee(host).status()).isEqualTo(200);
            long bambooHrPid = worker(host, "bamboohr").path("pid").asLong();

            During exit = whileCallingBambooHr(host, () -> List.of(hostile(host, "exit", Map.of())));
            assertThat(exit.hostile()).singleElement().satisfies(answer -> {
                assertThat(answer.status()).as(answer.raw().body()).isEqualTo(502);
                assertThat(answer.error().path("kind").asText()).isEqualTo("PLUGIN_CRASHED");
            });
            assertThat(exit.bambooHr()).as("BambooHR while the hostile plugin exits").containsOnly(200);
            assertThat(worker(host, "hostile").path("lastCrash").asText()).isEqualTo("exited with code 1");

            ExecutorService clients = Executors.newFixedThreadPool(16);
            try {
                During spin = whileCallingBambooHr(host, () -> {
                    List<Future<Response>> sent = new ArrayList<>();
                    for (int i = 0; i < 16; i++) {
                        sent.add(clients.submit(() -> hostile(host, "spin", Map.of("seconds", 120))));
                    }
                    List<Response> answers = new ArrayList<>();
                    for (Future<Response> answer : sent) {
                        answers.add(answer.get());
                    }
                    return answers;
                });
                assertThat(spin.hostile()).hasSize(16).allSatisfy(answer ->
                        assertThat(answer.error().path("kind").asText()).as(answer.raw().body()).isEqualTo("TIMEOUT"));
                assertThat(spin.bambooHr()).as("BambooHR while 16 hostile calls spin").containsOnly(200);
            } finally {
                clients.shutdownNow();
            }

            During allocate = whileCallingBambooHr(host, () -> List.of(onceNotBusy(() -> hostile(host, "allocate", Map.of()))));
            assertThat(allocate.hostile()).singleElement().satisfies(answer ->
                    assertThat(answer.error().path("kind").asText()).as(answer.raw().body()).isEqualTo("PLUGIN_CRASHED"));
            assertThat(allocate.bambooHr()).as("BambooHR while the hostile plugin fills its heap").containsOnly(200);
            assertThat(worker(host, "hostile").path("lastCrash").asText()).isEqualTo("ran out of memory (its heap limit is 96m)");

            assertThat(getEmployee(host).status()).isEqualTo(200);
            assertThat(worker(host, "bamboohr").path("pid").asLong()).as("BambooHR's worker was never touched").isEqualTo(bambooHrPid);
            assertThat(worker(host, "bamboohr").path("restarts").asInt()).isZero();
            assertThat(onceNotBusy(() -> hostile(host, "echo", Map.of("text", "still here"))).status()).isEqualTo(200);
        }
    }

    private static void configure(RunningHost host, String integrationId, Map<String, String> values) {
        Response configured = host.put("/api/integrations/" + integrationId + "/authorization",
                Map.of("mode", "PRE_AUTHORIZED", "values", values));
        assertThat(configured.status()).as(configured.raw().body()).isEqualTo(200);
        assertThat(host.post("/api/integrations/" + integrationId + "/enable", null).status()).isLessThan(300);
    }

    private static Response getEmployee(RunningHost host) {
        return host.post("/api/integrations/bamboohr/actions/get-employee", Map.of("input", Map.of("id", "4")));
    }

    private static Response hostile(RunningHost host, String action, Map<String, Object> input) {
        return host.post("/api/integrations/hostile/actions/" + action, Map.of("input", input));
    }

    /** The {@code isolation.worker} of plugin {@code pluginId} in {@code GET /api/plugins}. */
    private static JsonNode worker(RunningHost host, String pluginId) {
        for (JsonNode plugin : host.getJson("/api/plugins")) {
            if (pluginId.equals(plugin.path("pluginId").asText())) {
                return plugin.path("isolation").path("worker");
            }
        }
        throw new AssertionError(pluginId + " is not listed");
    }

    /** The answer of {@code call} once it is not {@code HOST_BUSY} (a replaced worker's calls hold the share until it has ended). */
    private static Response onceNotBusy(Callable<Response> call) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        Response answer = call.call();
        while ("HOST_BUSY".equals(answer.error().path("kind").asText()) && System.nanoTime() < until) {
            Thread.sleep(50);
            answer = call.call();
        }
        return answer;
    }

    /** The hostile calls' answers, and the statuses of BambooHR's calls made meanwhile. */
    private record During(List<Response> hostile, List<Integer> bambooHr) {
    }

    private static During whileCallingBambooHr(RunningHost host, Callable<List<Response>> hostileCalls) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<List<Integer>> bamboo = caller.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                do {
                    statuses.add(getEmployee(host).status());
                    Thread.sleep(20);
                } while (!done.get());
                return statuses;
            });
            List<Response> answers;
            try {
                answers = hostileCalls.call();
            } finally {
                done.set(true);
            }
            return new During(answers, bamboo.get());
        } finally {
            caller.shutdownNow();
        }
    }
}

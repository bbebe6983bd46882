package io.integrationhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.worker.OutOfProcess;
import io.integrationhost.testkit.OpenApiMock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every BambooHR action run as a client runs it: through the real host's REST API, by the real plugin jar, with
 * the credentials an administrator pre-authorized, against Prism serving BambooHR's own OpenAPI description. Each
 * answers 200 and each request the plugin sent conforms to the description. The inputs are the plugin's contract
 * test inputs ({@code bamboohr-plugin/src/test/resources/contract/action-inputs.json}), so the two cannot drift.
 * BambooHR runs in a worker process of its own here, as the host runs every plugin by default;
 * {@link BambooHrInProcessAgainstItsOpenApiTest} runs the same calls with it in the host's process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BambooHrAgainstItsOpenApiTest {

    private static final String API_KEY = "4f3a9c1be2d84075a6c3f19e0b7d52a8c4e6f013";

    private OpenApiMock bambooHr;
    private RunningHost host;

    /** The host's settings of where plugins run: none, so BambooHR runs in a worker. */
    Map<String, String> isolationSettings() {
        return Map.of();
    }

    @BeforeAll
    void startPrismAndTheHostWithBambooHrPreAuthorized(@TempDir Path root) throws Exception {
        bambooHr = OpenApiMock.start(bambooHrsDescription());
        BundledPlugins.installBambooHr(root);
        Map<String, String> environment = new HashMap<>(isolationSettings());
        environment.put("BAMBOOHR_BASE_URL", bambooHr.baseUrl());
        host = RunningHost.start(root, environment);
        RunningHost.Response[] authorized = new RunningHost.Response[1];
        OpenApiMock.Exchange connectionTest = bambooHr.exchange(() -> authorized[0] = host.put(
                "/api/integrations/bamboohr/authorization",
                Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("subdomain", "https://acme.bamboohr.com/home", "apiKey", API_KEY))));
        assertThat(authorized[0].status()).as(authorized[0].body().toString()).isEqualTo(200);
        assertThat(connectionTest.problems()).as(connectionTest.toString()).isEmpty();
        assertThat(host.post("/api/integrations/bamboohr/enable", null).status()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.close();
        }
        if (bambooHr != null) {
            bambooHr.close();
        }
    }

    static Stream<Arguments> everyAction() throws IOException {
        return actionInputs().entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @Test
    void bambooHrRunsInAWorkerUnlessTheOperatorTrustsItToRunInTheHostsProcess() {
        Object code = host.host().plugins().snapshot().integration("bamboohr").flatMap(InstalledIntegration::runnable)
                .orElseThrow();

        assertThat(code instanceof OutOfProcess).as("BambooHR's code runs in a worker")
                .isEqualTo(!isolationSettings().getOrDefault("HOST_IN_PROCESS_PLUGINS", "").contains("bamboohr"));
    }

    @Test
    void thereIsAnInputForEveryActionTheHostLists() throws IOException {
        List<String> listed = new ArrayList<>();
        host.getJson("/api/integrations/bamboohr").path("actions").forEach(action -> listed.add(action.path("id").asText()));

        assertThat(listed).hasSize(11).containsExactlyElementsOf(actionInputs().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAction")
    void theActionRunsThroughTheHostAndItsRequestConformsToBambooHrsDescription(String actionId, Map<String, Object> input)
            throws Exception {
        RunningHost.Response[] ran = new RunningHost.Response[1];
        OpenApiMock.Exchange exchange = bambooHr.exchange(() -> ran[0] = host.post(
                "/api/integrations/bamboohr/actions/" + actionId, Map.of("input", input)));

        JsonNode answer = ran[0].body();
        assertThat(ran[0].status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.has("result")).as(answer.toString()).isTrue();
        assertThat(answer.path("correlationId").asText()).isNotBlank();
        assertThat(exchange.problems()).as(exchange.toString()).isEmpty();
        assertThat(answer.toString()).doesNotContain(API_KEY);
    }

    /**
     * BambooHR's description, which stays out of the repository: {@code -Dbamboohr.openapi=PATH}, or else
     * {@code ../shared/bamboohr/openapi.yaml} beside the clone. Without it this class is skipped, unless
     * {@code REQUIRE_BAMBOOHR_OPENAPI=true} (CI) makes that a failure.
     */
    private static Path bambooHrsDescription() {
        return OpenApiMock.description("bamboohr.openapi", Path.of(requiredProperty("repository.root"), "../shared/bamboohr/openapi.yaml"),
                "REQUIRE_BAMBOOHR_OPENAPI", "BambooHR's description (their file, MIT licence: specs/public.yaml in"
                        + " https://github.com/BambooHR/bhr-api-php)");
    }

    private static Map<String, Map<String, Object>> actionInputs() throws IOException {
        Path inputs = Path.of(requiredProperty("bamboohr.contract.inputs"));
        return new ObjectMapper().readValue(Files.readString(inputs),
                new TypeReference<LinkedHashMap<String, Map<String, Object>>>() { });
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; run the tests through Maven (mvn verify)");
        }
        return value;
    }
}

package io.integrationhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.integrationhost.host.support.FormPost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged host with DEBUG logging turned on as an operator turns it on, with the real BambooHR plugin against a
 * local BambooHR (the walkthrough's stub, {@code docs/bamboohr-stub}): the administrator signs in, pre-authorizes
 * BambooHR with an API key and runs an action, then an end user completes their link's form with their own key and
 * runs one. The log is full of DEBUG lines, the plugin's HTTP calls included, and holds none of the secrets: the
 * admin token, the session cookie and its CSRF token, either API key (as sent, and as the Basic header that carries
 * it) or the link's token.
 */
class DebugLogKeepsSecretsTest {

    private static final String ADMIN_TOKEN = "debug-log-admin-token-5f2c9a71e04b";
    /** The keys docs/bamboohr-stub accepts: the administrator's and an end user's. */
    private static final String ADMIN_KEY = "0123456789abcdef0123456789abcdef01234567";
    private static final String USER_KEY = "fedcba9876543210fedcba9876543210fedcba98";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer bambooHr;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startBambooHr() {
        bambooHr = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().jettyAcceptors(1)
                .usingFilesUnderDirectory(PlatformArtifacts.ofThisBuild().root().resolve("docs/bamboohr-stub").toString()));
        bambooHr.start();
    }

    @AfterAll
    static void stopBambooHr() {
        if (bambooHr != null) {
            bambooHr.stop();
        }
    }

    /** The two ways an operator turns DEBUG on: the packaged configuration's setting, or a configuration of their own. */
    static Stream<Arguments> debugSwitchedOn() {
        return Stream.of(
                Arguments.of("HOST_LOG_LEVEL=DEBUG", null),
                Arguments.of("an own logback.xml with only the root at DEBUG", """
                        <configuration>
                          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                            <encoder><pattern>%d %-5level [%thread] %logger - %msg%n</pattern></encoder>
                          </appender>
                          <root level="DEBUG"><appender-ref ref="OUT"/></root>
                        </configuration>
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("debugSwitchedOn")
    void noSecretReachesTheLogAtDebug(String how, String ownConfiguration, @TempDir Path root) throws Exception {
        BundledPlugins.installBambooHr(root);
        List<String> jvmOptions = ownConfiguration == null ? List.of()
                : List.of("-Dlogback.configurationFile=" + Files.writeString(root.resolve("logback.xml"), ownConfiguration));
        Map<String, String> environment = new HashMap<>(Map.of("HOST_ADMIN_TOKEN", ADMIN_TOKEN,
                "BAMBOOHR_BASE_URL", bambooHr.baseUrl()));
        if (ownConfiguration == null) {
            environment.put("HOST_LOG_LEVEL", "DEBUG");
        }
        List<String> secrets;
        String log;
        try (PackagedHost host = PackagedHost.start(root, jvmOptions, environment)) {
            secrets = administratorAndEndUserAtWork(host);
            // The host logs a request's outcome after answering it: let the last lines reach the log.
            host.close();
            log = host.log();
        }

        assertThat(log.lines().filter(line -> line.contains(" DEBUG ")).count()).as("DEBUG lines in the log").isGreaterThan(20);
        assertThat(log).as("the plugin's calls to BambooHR are logged at DEBUG")
                .contains("GET /api/v1/employees/0 answered 200").contains("GET /api/v1/meta/time_off/types answered 200");
        for (int i = 0; i < secrets.size(); i++) {
            String secret = secrets.get(i);
            String shown = "<secret " + i + ">";
            assertThat(log.lines().filter(line -> line.contains(secret)).map(line -> line.replace(secret, shown)))
                    .as("lines of the log that hold a secret").isEmpty();
        }
    }

    /** What an administrator and an end user do, with the secrets that passed: each must stay out of the log. */
    private List<String> administratorAndEndUserAtWork(PackagedHost host) throws Exception {
        HttpResponse<String> signedIn = send(json(host.uri("/api/session"), "POST", Map.of("token", ADMIN_TOKEN)));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrfToken = JSON.readTree(signedIn.body()).path("csrfToken").asText();
        HttpResponse<String> preAuthorized = send(json(host.uri("/api/integrations/bamboohr/authorization"), "PUT",
                Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("subdomain", "acme", "apiKey", ADMIN_KEY)))
                .header("Cookie", cookie).header("X-CSRF-Token", csrfToken));
        assertThat(preAuthorized.statusCode()).as(preAuthorized.body()).isEqualTo(200);
        assertThat(admin(host, "POST", "/api/integrations/bamboohr/enable", null).statusCode()).isEqualTo(200);
        assertThat(admin(host, "POST", "/api/integrations/bamboohr/actions/list-time-off-types", Map.of("input", Map.of()))
                .statusCode()).isEqualTo(200);

        HttpResponse<String> profile = admin(host, "POST", "/api/authorization-profiles",
                Map.of("name", "Employees", "type", "bamboohr-api-key", "presets", Map.of("subdomain", "acme")));
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(201);
        assertThat(admin(host, "PUT", "/api/integrations/bamboohr/authorization", Map.of("mode", "USER_AUTHORIZED",
                "profileId", JSON.readTree(profile.body()).path("id").asText())).statusCode()).isEqualTo(200);
        Map<String, Object> asEndUser = Map.of("input", Map.of(), "userId", "u1");
        JsonNode required = JSON.readTree(admin(host, "POST", "/api/integrations/bamboohr/actions/list-time-off-types", asEndUser).body());
        URI link = URI.create(required.path("error").path("authorizationUrl").asText());
        HttpResponse<String> completed = send(FormPost.of(link, Map.of("apiKey", USER_KEY)));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(admin(host, "POST", "/api/integrations/bamboohr/actions/list-time-off-types", asEndUser).statusCode())
                .isEqualTo(200);

        String linkToken = link.getPath().substring(link.getPath().lastIndexOf('/') + 1);
        return List.of(ADMIN_TOKEN, cookie.substring(cookie.indexOf('=') + 1), csrfToken, ADMIN_KEY, basic(ADMIN_KEY),
                USER_KEY, basic(USER_KEY), linkToken);
    }

    /** The Basic credentials BambooHR's plugin sends: the key as user name, {@code x} as password. */
    private static String basic(String key) {
        return Base64.getEncoder().encodeToString((key + ":x").getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> admin(PackagedHost host, String method, String path, Object body) throws Exception {
        return send(json(host.uri(path), method, body).header("Authorization", "Bearer " + ADMIN_TOKEN));
    }

    private static HttpRequest.Builder json(URI uri, String method, Object body) throws Exception {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

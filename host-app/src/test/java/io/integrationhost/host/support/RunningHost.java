package io.integrationhost.host.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.host.config.HostConfig;
import io.integrationhost.host.IntegrationHost;
import io.integrationhost.runtime.worker.OutOfProcess;
import io.integrationhost.runtime.worker.PluginWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A real host on a free loopback port, over real folders and a real database, with a small HTTP client
 * for its API that signs requests with the administrator's token. Plugins are real jars, such as fixtures
 * made by {@link FixturePlugins}.
 */
public final class RunningHost implements AutoCloseable {

    /** The administrator token every test host is started with. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

    private static final String SHARED_MASTER_KEY = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IntegrationHost host;

    private RunningHost(IntegrationHost host) {
        this.host = host;
    }

    /** Starts a host over {@code root}/plugins and {@code root}/data with an embedded database. */
    public static RunningHost start(Path root) {
        return start(root, Map.of());
    }

    /** Starts a host over {@code root}/plugins and {@code root}/data; {@code environment} adds settings. */
    public static RunningHost start(Path root, Map<String, String> environment) {
        return start(HostConfig.embedded(0, root.resolve("plugins"), root.resolve("data"), withAdminToken(environment)));
    }

    /**
     * Starts a host over {@code root}/plugins and the database at {@code databaseUrl}, with its own
     * {@code dataDir}. Every such host has the same master key, so several over one database read each
     * other's secrets, as instances of one deployment do.
     */
    public static RunningHost start(Path root, String databaseUrl, Path dataDir) {
        return start(root, databaseUrl, dataDir, Map.of());
    }

    /** Like {@link #start(Path, String, Path)}; {@code environment} adds settings. */
    public static RunningHost start(Path root, String databaseUrl, Path dataDir, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOST_MASTER_KEY", SHARED_MASTER_KEY);
        return start(new HostConfig("127.0.0.1", 0, root.resolve("plugins"), dataDir, databaseUrl, null, withAdminToken(env)));
    }

    public static RunningHost start(HostConfig config) {
        return new RunningHost(IntegrationHost.start(config));
    }

    public static Map<String, String> withAdminToken(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("HOST_ADMIN_TOKEN", ADMIN_TOKEN);
        return env;
    }

    /** An answer: status and body as JSON (a missing node when the body is empty). */
    public record Response(int status, JsonNode body, HttpResponse<String> raw) {
        public JsonNode error() {
            return body.path("error");
        }
    }

    public URI uri(String path) {
        return host.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** GET with the admin token. */
    public HttpResponse<String> get(String path) {
        return send(admin(HttpRequest.newBuilder(uri(path)).GET()));
    }

    /** GET with the admin token, expecting 200 and JSON. */
    public JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** A request with the admin token and a JSON body (or none). */
    public Response call(String method, String path, Object body) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer(send(admin(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json").method(method, publisher))));
    }

    private static Response answer(HttpResponse<String> response) {
        return new Response(response.statusCode(), response.body().isEmpty() ? JSON.missingNode() : parse(response.body()),
                response);
    }

    public Response post(String path, Object body) {
        return call("POST", path, body);
    }

    public Response put(String path, Object body) {
        return call("PUT", path, body);
    }

    public Response delete(String path) {
        return call("DELETE", path, null);
    }

    /** Pre-authorizes the fixture service {@code integrationId} with a good account and token and enables it. */
    public void enablePreAuthorized(String integrationId) {
        Response configured = put("/api/integrations/" + integrationId + "/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", "good-token")));
        Response enabled = post("/api/integrations/" + integrationId + "/enable", null);
        for (Response answer : new Response[] {configured, enabled}) {
            if (answer.status() >= 300) {
                throw new AssertionError(answer.raw().request().uri() + " answered " + answer.status() + ": " + answer.raw().body());
            }
        }
    }

    /** Uploads a plugin jar as the Plugins page does: {@code POST /api/plugins?fileName=…} with the jar as the body. */
    public Response uploadPlugin(Path jar, String fileName) {
        try {
            return answer(send(admin(HttpRequest.newBuilder(uri("/api/plugins?fileName=" + fileName))
                    .header("Content-Type", "application/java-archive").POST(HttpRequest.BodyPublishers.ofFile(jar)))));
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a {@code fixture-token} profile named {@code profileName}, lets end users authorize
     * {@code integrationId} through it and enables the integration; answers the profile's id.
     */
    public String enableUserAuthorized(String integrationId, String profileName) {
        Response created = post("/api/authorization-profiles", Map.of("name", profileName, "type", "fixture-token"));
        String profileId = created.body().path("id").asText();
        Response configured = put("/api/integrations/" + integrationId + "/authorization",
                Map.of("mode", "USER_AUTHORIZED", "profileId", profileId));
        Response enabled = post("/api/integrations/" + integrationId + "/enable", null);
        for (Response answer : new Response[] {created, configured, enabled}) {
            if (answer.status() >= 300) {
                throw new AssertionError(answer.raw().request().uri() + " answered " + answer.status() + ": " + answer.raw().body());
            }
        }
        return profileId;
    }

    /**
     * The one-time link the host hands out when {@code userId}, who has not authorized, runs the fixture's
     * {@code echo} action.
     */
    public URI authorizationLink(String integrationId, String userId) {
        Response required = post("/api/integrations/" + integrationId + "/actions/echo",
                Map.of("input", Map.of("text", "x"), "userId", userId));
        if (!"AUTHORIZATION_REQUIRED".equals(required.error().path("kind").asText())) {
            throw new AssertionError("Expected AUTHORIZATION_REQUIRED for " + userId + ", got " + required.raw().body());
        }
        return URI.create(required.error().path("authorizationUrl").asText());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder admin(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Accept", "application/json");
    }

    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public IntegrationHost host() {
        return host;
    }

    /** The worker of integration {@code integrationId}, whose plugin runs in a worker process (the default). */
    public PluginWorker worker(String integrationId) {
        Object code = host.plugins().snapshot().integration(integrationId).orElseThrow().code();
        if (!(code instanceof OutOfProcess outOfProcess)) {
            throw new AssertionError("The plugin of " + integrationId + " runs in the host's process");
        }
        return outOfProcess.worker();
    }

    /**
     * Waits until the revocations the host started in the background so far are done (those of tokens whose
     * credentials a request removed, or that a connection test refused).
     */
    public void awaitOAuthRevocations() {
        try {
            host.services().oauth().tokens().awaitBackground(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the host's OAuth revocations did not finish in 30 seconds", e);
        }
    }

    @Override
    public void close() {
        host.close();
    }
}

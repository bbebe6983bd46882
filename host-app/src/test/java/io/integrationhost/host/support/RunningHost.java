package io.integrationhost.host.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.host.HostConfig;
import io.integrationhost.host.IntegrationHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real host on a free loopback port, over real folders, with a small HTTP client for its API. Plugins
 * are real jars, such as fixtures made by {@link FixturePlugins}.
 */
public final class RunningHost implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IntegrationHost host;

    private RunningHost(IntegrationHost host) {
        this.host = host;
    }

    /** Starts a host over {@code root}/plugins and {@code root}/data. */
    public static RunningHost start(Path root) {
        return new RunningHost(IntegrationHost.start(
                new HostConfig("127.0.0.1", 0, root.resolve("plugins"), root.resolve("data"))));
    }

    public URI uri(String path) {
        return host.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    @Override
    public void close() {
        host.close();
    }
}

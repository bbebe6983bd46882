package io.integrationhost.host.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.config.HostConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link RunningHost} on the OAuth fixture plugin ({@link FixturePlugins#oauth(String)}) whose OAuth URLs point at an
 * {@link AuthorizationServer}, and the steps of an administrator's authorization code flow as a browser takes them:
 * start (the host answers the provider's URL and sets its cookie), the provider's consent (the mock server answers
 * 302 to the callback), the callback (with the cookie, or another one).
 */
public final class OAuthFixtureHost implements AutoCloseable {

    /** The OAuth app the tests register; the mock server accepts any. */
    public static final String CLIENT_ID = "fixture-app";
    public static final String CLIENT_SECRET = "fixture-app-secret-0123456789";

    private final String integrationId;
    private final AuthorizationServer server;
    private final RunningHost host;
    /** A browser that does not follow redirects: each step is the test's to take. */
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private OAuthFixtureHost(String integrationId, AuthorizationServer server, RunningHost host) {
        this.integrationId = integrationId;
        this.server = server;
        this.host = host;
    }

    /**
     * Writes {@code plugin} (an OAuth fixture) into {@code root}/plugins and starts a host on it with the settings that
     * point it at {@code server}, and {@code moreSettings}.
     */
    public static OAuthFixtureHost start(Path root, String integrationId, FixturePlugins plugin, AuthorizationServer server,
                                         Map<String, String> moreSettings) {
        return start(root, integrationId, plugin, server, moreSettings, null);
    }

    /** Like {@link #start(Path, String, FixturePlugins, AuthorizationServer, Map)}, with a public URL ({@code HOST_PUBLIC_URL}). */
    public static OAuthFixtureHost start(Path root, String integrationId, FixturePlugins plugin, AuthorizationServer server,
                                         Map<String, String> moreSettings, URI publicUrl) {
        Map<String, String> settings = install(root, integrationId, plugin, server, moreSettings);
        return new OAuthFixtureHost(integrationId, server, RunningHost.start(new HostConfig(HostConfig.DEFAULT_BIND_ADDRESS, 0,
                root.resolve("plugins"), root.resolve("data"), null, publicUrl, RunningHost.withAdminToken(settings))));
    }

    /**
     * Like {@link #start(Path, String, FixturePlugins, AuthorizationServer, Map)}, over the database at {@code databaseUrl}
     * with the master key every such host shares ({@link RunningHost#start(Path, String, Path, Map)}): one of several
     * instances of a deployment.
     */
    public static OAuthFixtureHost startOn(String databaseUrl, Path root, String integrationId, FixturePlugins plugin,
                                           AuthorizationServer server, Map<String, String> moreSettings) {
        Map<String, String> settings = install(root, integrationId, plugin, server, moreSettings);
        return new OAuthFixtureHost(integrationId, server, RunningHost.start(root, databaseUrl, root.resolve("data"), settings));
    }

    /** Writes {@code plugin} into {@code root}/plugins; answers the settings that point it at {@code server}, and more. */
    private static Map<String, String> install(Path root, String integrationId, FixturePlugins plugin, AuthorizationServer server,
                                               Map<String, String> moreSettings) {
        try {
            plugin.writeTo(Files.createDirectories(root.resolve("plugins")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new LinkedHashMap<>(FixturePlugins.oauthSettings(integrationId, server.mock().baseUrl().toString()));
        settings.putAll(moreSettings);
        return settings;
    }

    public RunningHost host() {
        return host;
    }

    /** The values an administrator enters: the fixture's issuer and the OAuth app. */
    public static Map<String, String> appValues() {
        return Map.of("issuer", AuthorizationServer.ISSUER, "clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET);
    }

    /** A started flow as the browser holds it: the provider's URL to open, and the cookie the host set. */
    public record Started(RunningHost.Response answer, URI authorizationUrl, String cookie) {
    }

    /** {@code POST /api/integrations/{id}/authorization/oauth2} with {@code values}, expecting 200. */
    public Started start(Map<String, ?> values) {
        RunningHost.Response answer = host.post("/api/integrations/" + integrationId + "/authorization/oauth2", Map.of("values", values));
        if (answer.status() != 200) {
            throw new AssertionError("starting the flow answered " + answer.status() + ": " + answer.raw().body());
        }
        String cookie = answer.raw().headers().allValues("Set-Cookie").stream()
                .flatMap(header -> HttpCookie.parse(header).stream())
                .filter(c -> c.getName().equals("ih_oauth_flow")).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no ih_oauth_flow cookie in " + answer.raw().headers()));
        return new Started(answer, URI.create(answer.body().path("authorizationUrl").asText()), cookie);
    }

    /**
     * The provider's consent: the mock server answers the authorization URL with a redirect to the callback, or, for
     * the fixture's {@code prompt=consent}, with its sign-in page first, where the administrator signs in as
     * {@code jane.doe}.
     */
    public URI consent(Started started) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(started.authorizationUrl()).GET());
        if (answer.statusCode() == 200) {
            answer = send(FormPost.of(started.authorizationUrl(), Map.of("username", "jane.doe")));
        }
        if (answer.statusCode() != 302) {
            throw new AssertionError("the provider answered " + answer.statusCode() + " to the authorization request: " + answer.body());
        }
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    /** The browser follows the provider's redirect to the host's callback, with {@code cookie} (or none when null). */
    public HttpResponse<String> callback(URI redirect, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(redirect).GET();
        if (cookie != null) {
            request.header("Cookie", "ih_oauth_flow=" + cookie);
        }
        return send(request);
    }

    /** The whole flow, from start to the callback's page, with the app's values. */
    public HttpResponse<String> connect() {
        Started started = start(appValues());
        return callback(consent(started), started.cookie());
    }

    /** Connects (expecting the callback's 200) and enables the integration. */
    public void connectAndEnable() {
        HttpResponse<String> page = connect();
        if (page.statusCode() != 200) {
            throw new AssertionError("the callback answered " + page.statusCode() + ": " + page.body());
        }
        RunningHost.Response enabled = host.post("/api/integrations/" + integrationId + "/enable", null);
        if (enabled.status() != 200) {
            throw new AssertionError("enabling answered " + enabled.status() + ": " + enabled.raw().body());
        }
    }

    /**
     * Lets end users authorize through a new profile of the fixture's OAuth profile type, whose presets hold the OAuth
     * app, and enables the integration.
     */
    public void letEndUsersAuthorize() {
        RunningHost.Response profile = host.post("/api/authorization-profiles", Map.of("name", "Fixture users",
                "type", FixturePlugins.oauthProfileType(integrationId),
                "presets", Map.of("clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET)));
        RunningHost.Response configured = host.put("/api/integrations/" + integrationId + "/authorization",
                Map.of("mode", "USER_AUTHORIZED", "profileId", profile.body().path("id").asText()));
        RunningHost.Response enabled = host.post("/api/integrations/" + integrationId + "/enable", null);
        for (RunningHost.Response answer : new RunningHost.Response[] {profile, configured, enabled}) {
            if (answer.status() >= 300) {
                throw new AssertionError(answer.raw().request().uri() + " answered " + answer.status() + ": " + answer.raw().body());
            }
        }
    }

    /**
     * End user {@code userId} authorizes through the link a call hands out: the link's form (the issuer), the
     * provider's consent, the callback with the cookie the form's answer set.
     */
    public void authorizeEndUser(String userId) {
        authorizeThrough(linkFor(userId));
    }

    /** The one-time link a call of {@code userId}, who has not authorized, hands out. */
    public URI linkFor(String userId) {
        RunningHost.Response required = run("whoami", userId);
        if (!"AUTHORIZATION_REQUIRED".equals(required.error().path("kind").asText())) {
            throw new AssertionError("expected AUTHORIZATION_REQUIRED for " + userId + ", got " + required.raw().body());
        }
        return URI.create(required.error().path("authorizationUrl").asText());
    }

    /** An end user authorizes through {@code link}, as {@link #authorizeEndUser} does. */
    public void authorizeThrough(URI link) {
        HttpResponse<String> continued = send(FormPost.of(link, Map.of("issuer", AuthorizationServer.ISSUER)));
        if (continued.statusCode() != 303) {
            throw new AssertionError("the link's form answered " + continued.statusCode() + ": " + continued.body());
        }
        String cookie = continued.headers().allValues("Set-Cookie").stream().flatMap(header -> HttpCookie.parse(header).stream())
                .filter(c -> c.getName().equals("ih_oauth_flow")).map(HttpCookie::getValue).findFirst().orElseThrow();
        URI authorizationUrl = URI.create(continued.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> done = callback(consent(new Started(null, authorizationUrl, cookie)), cookie);
        if (done.statusCode() != 200) {
            throw new AssertionError("the end user's callback answered " + done.statusCode() + ": " + done.body());
        }
    }

    /** Runs action {@code action} for end user {@code userId} with an empty input. */
    public RunningHost.Response run(String action, String userId) {
        return host.post("/api/integrations/" + integrationId + "/actions/" + action, Map.of("input", Map.of(), "userId", userId));
    }

    /** Runs action {@code action} with an empty input. */
    public RunningHost.Response run(String action) {
        return host.post("/api/integrations/" + integrationId + "/actions/" + action, Map.of("input", Map.of()));
    }

    /** The integration's catalog entry. */
    public JsonNode integration() {
        return host.getJson("/api/integrations/" + integrationId);
    }

    public AuthorizationServer server() {
        return server;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        host.close();
    }
}

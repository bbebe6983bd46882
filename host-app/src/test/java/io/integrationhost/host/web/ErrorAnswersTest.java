package io.integrationhost.host.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RawHttp;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every failure is answered in the form its caller reads: JSON with a kind for the API, whatever the address or
 * method; a page for the end user's link. And an end user's link, a credential, never reaches the log.
 */
class ErrorAnswersTest {

    @TempDir
    Path root;
    RunningHost host;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void start() throws Exception {
        log.start();
        rootLogger.addAppender(log);
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        host = RunningHost.start(root);
    }

    @AfterEach
    void stop() {
        host.close();
        rootLogger.detachAppender(log);
    }

    @Test
    void anUnknownApiAddressOrMethodIsATypedJsonError() {
        for (String[] request : new String[][] {{"GET", "/api/no-such-thing"}, {"PATCH", "/api/integrations/svc"},
                {"GET", "/api/integrations/svc/actions/echo"}}) {
            Response answer = host.call(request[0], request[1], null);

            assertThat(answer.status()).as(request[0] + " " + request[1]).isEqualTo(404);
            assertThat(answer.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(answer.error().path("kind").asText()).isEqualTo("NOT_FOUND");
            assertThat(answer.error().path("message").asText()).contains(request[1]);
        }
    }

    @Test
    void aHandlersOwnNotFoundKeepsItsMessage() {
        Response answer = host.call("GET", "/api/integrations/nope", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error().path("message").asText()).contains("No integration with id 'nope'");
    }

    @Test
    void answersThatAskForCredentialsCarryTheCallsCorrelationIdLikeEveryOtherFailedCall() {
        host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", "good-token")));
        host.post("/api/integrations/svc/enable", null);
        Response rejected = host.post("/api/integrations/svc/actions/reject", Map.of("input", Map.of()));
        assertThat(rejected.error().path("kind").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(rejected.error().path("correlationId").asText()).isNotBlank();

        Response created = host.post("/api/authorization-profiles", Map.of("name", "Fixture users", "type", "fixture-token"));
        host.put("/api/integrations/svc/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", created.body().path("id").asText()));
        host.post("/api/integrations/svc/enable", null);
        Response required = host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi"), "userId", "u1"));
        assertThat(required.error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
        assertThat(required.error().path("correlationId").asText()).isNotBlank();
    }

    @Test
    void aBrokenSubmissionOfTheEndUsersPageGetsAPageAndItsLinkIsNeverLogged() {
        Response created = host.post("/api/authorization-profiles", Map.of("name", "Fixture users", "type", "fixture-token"));
        host.put("/api/integrations/svc/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", created.body().path("id").asText()));
        host.post("/api/integrations/svc/enable", null);
        Response required = host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi"), "userId", "u1"));
        URI link = URI.create(required.error().path("authorizationUrl").asText());
        String token = link.getPath().substring("/authorize/".length());

        // A multipart body that ends before its first part: the form cannot be read at all.
        HttpResponse<String> broken = host.send(HttpRequest.newBuilder(link)
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"token\"\r\n")));

        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(broken.body()).contains("Something went wrong").doesNotContain("\"kind\"");
        assertThat(host.send(HttpRequest.newBuilder(link).GET()).body()).as("the link still works").contains("<form");
        assertThat(log.list).isNotEmpty().noneMatch(event -> event.getFormattedMessage().contains(token)
                || event.getThrowableProxy() != null && event.getThrowableProxy().getMessage() != null
                && event.getThrowableProxy().getMessage().contains(token));
    }

    private record Refusal(String what, int status, String kind, RawHttp.Answer answer) {
    }

    /** Requests the HTTP server refuses before any handler runs: each answer is the API's typed JSON. */
    @Test
    void requestsTheServerCannotParseAreAnsweredInTheApisJson() {
        URI base = host.uri("/");
        byte[] none = new byte[0];
        for (Refusal refusal : new Refusal[] {
                new Refusal("address too long", 414, "URI_TOO_LONG", RawHttp.get(base, null, "/api/" + "a".repeat(10_000))),
                new Refusal("headers too large", 431, "HEADERS_TOO_LARGE",
                        RawHttp.get(base, null, "/api/integrations", "X-Padding: " + "p".repeat(10_000))),
                new Refusal("%00 in the path", 400, "INVALID_REQUEST", RawHttp.get(base, null, "/api/integrations/%00")),
                new Refusal("a path above the root", 400, "INVALID_REQUEST",
                        RawHttp.get(base, null, "/api/../../etc/passwd")),
                new Refusal("a broken header", 400, "INVALID_REQUEST",
                        RawHttp.get(base, null, "/health", "Not A Header")),
                new Refusal("no Host", 400, "INVALID_REQUEST", RawHttp.send(base, "GET /health HTTP/1.1", none)),
                new Refusal("two lengths", 400, "INVALID_REQUEST", RawHttp.send(base, "POST /api/session HTTP/1.1\r\nHost: x"
                        + "\r\nContent-Length: 2\r\nTransfer-Encoding: chunked", ascii("0\r\n\r\n"))),
                new Refusal("HTTP/7.1", 505, "HTTP_VERSION_NOT_SUPPORTED",
                        RawHttp.send(base, "GET /health HTTP/7.1\r\nHost: x", none)),
                // Refused by the server's WebSocket support, which answers through its error handler.
                new Refusal("a WebSocket upgrade", 404, "NOT_FOUND", RawHttp.get(base, null, "/api/integrations",
                        "Upgrade: websocket", "Connection: Upgrade, close", "Sec-WebSocket-Version: 13",
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="))}) {
            RawHttp.Answer answer = refusal.answer();
            assertThat(answer.status()).as(refusal.what()).isEqualTo(refusal.status());
            assertThat(answer.header("Content-Type")).as(refusal.what()).startsWith("application/json");
            assertThat(answer.json().path("error").path("kind").asText()).as(refusal.what()).isEqualTo(refusal.kind());
            assertThat(answer.json().path("error").path("message").asText()).as(refusal.what()).isNotBlank();
            assertThat(answer.json().path("error").path("remedy").asText()).as(refusal.what()).isNotBlank();
        }
    }

    @Test
    void aBodyOverItsLimitIsRefusedByItsContentLengthAloneInJson() {
        // Only a few bytes of each announced body are sent: the answer does not wait for the rest.
        RawHttp.Answer json = adminPost("/api/authorization-profiles", "Content-Length: 300000", "{}");
        RawHttp.Answer jar = adminPost("/api/plugins?fileName=big.jar", "Content-Length: " + (65L * 1024 * 1024), "PK");
        RawHttp.Answer chunked = adminPost("/api/authorization-profiles", "Transfer-Encoding: chunked",
                "40000\r\n" + " ".repeat(0x40000) + "\r\n10\r\n" + " ".repeat(16) + "\r\n0\r\n\r\n");
        RawHttp.Answer brokenChunks = adminPost("/api/authorization-profiles", "Transfer-Encoding: chunked", "ZZ\r\n");

        for (RawHttp.Answer tooLarge : new RawHttp.Answer[] {json, jar, chunked}) {
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.header("Content-Type")).startsWith("application/json");
            assertThat(tooLarge.json().path("error").path("kind").asText()).isEqualTo("BODY_TOO_LARGE");
        }
        assertThat(brokenChunks.status()).isEqualTo(400);
        assertThat(brokenChunks.json().path("error").path("kind").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(host.getJson("/api/plugins").toString()).doesNotContain("big.jar");
        assertThat(host.getJson("/api/authorization-profiles")).isEmpty();
    }

    @Test
    void aPluginUploadThatBreaksOffIsRefusedInJsonAndNothingOfItIsKept() throws Exception {
        String head = "POST /api/plugins?fileName=cut.jar HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + RunningHost.ADMIN_TOKEN + "\r\nContent-Type: application/java-archive\r\n";
        RawHttp.Answer shortOfItsLength = RawHttp.sendAndStop(host.uri("/"), head + "Content-Length: 100000", ascii("PK"));
        RawHttp.Answer brokenChunks = RawHttp.send(host.uri("/"), head + "Transfer-Encoding: chunked", ascii("2\r\nPK\r\nZZ\r\n"));

        for (RawHttp.Answer cut : new RawHttp.Answer[] {shortOfItsLength, brokenChunks}) {
            assertThat(cut.status()).as(cut.body()).isEqualTo(400);
            assertThat(cut.header("Content-Type")).startsWith("application/json");
        }
        assertThat(shortOfItsLength.json().path("error").path("kind").asText()).isEqualTo("PLUGIN_REFUSED");
        assertThat(shortOfItsLength.json().path("error").path("message").asText()).contains("broke off");
        assertThat(host.getJson("/api/plugins").toString()).doesNotContain("cut.jar");
        try (var staged = Files.list(root.resolve("plugins").resolve(".incoming"))) {
            assertThat(staged).isEmpty();
        }
    }

    private RawHttp.Answer adminPost(String path, String framing, String body) {
        return RawHttp.send(host.uri("/"), "POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + RunningHost.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\n" + framing, ascii(body));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void anEndUsersFormOverTheLimitGetsAPage() {
        RawHttp.Answer answer = RawHttp.send(host.uri("/"), "POST /authorize/some-token HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + (65L * 1024 * 1024),
                ascii("token="));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        assertThat(answer.body()).contains("Something went wrong");
    }

    @Test
    void anUnknownAddressOutsideTheApiIsATypedJsonErrorToo() {
        HttpResponse<String> answer = host.send(HttpRequest.newBuilder(host.uri("/no-such-page")).GET());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(RunningHost.parse(answer.body()).path("error").path("kind").asText()).isEqualTo("NOT_FOUND");
    }
}

package io.integrationhost.host.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
}

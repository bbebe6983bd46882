package io.integrationhost.host.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.integrationhost.host.support.AuthorizationServer;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.OAuthFixtureHost;
import io.integrationhost.host.support.RunningHost;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Whatever an OAuth 2.0 integration goes through (consent, callback, calls, refreshes, a refused callback, client
 * credentials, deletion), no answer of the API, no page, no audit entry and no log line at any level carries the
 * OAuth app's secret, an authorization code, a flow's state once spent, or a token (the mock server's tokens are JWTs:
 * {@code eyJ...}).
 */
class OAuthSecretsTest {

    private static final String ID = "oauth-svc";

    @RegisterExtension
    final AuthorizationServer server = AuthorizationServer.builder().tokenExpiry(Duration.ofSeconds(30)).build();

    @TempDir
    Path root;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level levelBefore;
    private OAuthFixtureHost svc;

    @BeforeEach
    void start() {
        log.start();
        levelBefore = rootLogger.getLevel();
        rootLogger.setLevel(Level.TRACE);
        rootLogger.addAppender(log);
        svc = OAuthFixtureHost.start(root, ID, FixturePlugins.oauth(ID), server, Map.of());
    }

    @AfterEach
    void stop() {
        svc.close();
        rootLogger.detachAppender(log);
        rootLogger.setLevel(levelBefore);
    }

    @Test
    void noAnswerAuditEntryOrLogLineCarriesTheSecretACodeAStateOrAToken() {
        List<String> seen = new ArrayList<>();
        OAuthFixtureHost.Started started = svc.start(OAuthFixtureHost.appValues());
        URI redirect = svc.consent(started);
        String code = query(redirect, "code");
        String state = query(redirect, "state");
        seen.add(started.answer().body().path("callbackUrl").asText());
        seen.add(page(svc.callback(redirect, started.cookie())));
        seen.add(page(svc.callback(redirect, started.cookie())));
        seen.add(svc.host().post("/api/integrations/" + ID + "/enable", null).raw().body());
        seen.add(svc.run("whoami").raw().body());
        seen.add(svc.run("reject-first-token").raw().body());
        seen.add(svc.run("reject").raw().body());
        seen.add(svc.host().get("/api/integrations").body());
        seen.add(svc.host().put("/api/integrations/" + ID + "/authorization",
                Map.of("mode", "PRE_AUTHORIZED", "values", OAuthFixtureHost.appValues())).raw().body());
        seen.add(svc.host().get("/api/integrations/" + ID).body());
        seen.add(svc.host().delete("/api/integrations/" + ID + "/configuration").raw().body());
        // The deletion's revocation runs in the background once the removal is committed: its audit entry too is read.
        svc.host().awaitOAuthRevocations();
        seen.add(svc.host().get("/api/audit?integrationId=" + ID).body());

        assertThat(server.tokenRequests("refresh_token")).as("the calls refreshed tokens").isNotEmpty();
        assertThat(server.revocationRequests()).as("the deletion revoked").isNotEmpty();
        // The tokens, as the server saw the host present them: refresh tokens in refreshes and the revocation, access
        // tokens at the userinfo endpoint.
        List<String> secrets = new ArrayList<>(List.of(OAuthFixtureHost.CLIENT_SECRET, code, state, "eyJ"));
        server.tokenRequests("refresh_token").forEach(refresh -> secrets.add(refresh.form("refresh_token")));
        server.revocationRequests().forEach(revocation -> secrets.add(revocation.form("token")));
        server.seen().stream().filter(request -> request.path().endsWith("/userinfo") && request.authorization() != null)
                .forEach(request -> secrets.add(request.authorization().substring("Bearer ".length())));
        assertThat(secrets).as("tokens presented").hasSizeGreaterThan(6);
        // The mock server's own log lines (it runs in this JVM) are the provider's, not the host's.
        List<ILoggingEvent> hostEvents = log.list.stream().filter(event -> !event.getLoggerName().startsWith("no.nav.")
                && !event.getLoggerName().startsWith("okhttp3.") && !event.getLoggerName().startsWith("io.netty.")).toList();
        assertThat(hostEvents).as("the host logged").isNotEmpty();
        // Which answer or logger failed is named, never the text: an assertion message must not print a secret either.
        for (int i = 0; i < seen.size(); i++) {
            assertThat(carriesASecret(seen.get(i), secrets)).as("answer #" + i + " carries a secret").isFalse();
        }
        for (ILoggingEvent event : hostEvents) {
            assertThat(carriesASecret(text(event), secrets)).as("a line of logger " + event.getLoggerName()
                    + " carries a secret").isFalse();
        }
    }

    private static boolean carriesASecret(String text, List<String> secrets) {
        return secrets.stream().anyMatch(text::contains);
    }

    private static String page(HttpResponse<String> page) {
        return page.headers().map() + page.body();
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            text.append(' ').append(thrown.getMessage());
        }
        return text.toString();
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in the redirect");
    }
}

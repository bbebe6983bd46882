package io.integrationhost.host.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationhost.host.config.HostConfig;
import io.integrationhost.host.config.StartupException;
import io.integrationhost.host.support.RawHttp;
import io.integrationhost.host.support.RunningHost;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API and pages are for administrators only; sessions from the pages need their CSRF token to change anything. */
class AdminAccessTest {

    @TempDir
    Path root;

    @Test
    void theApiRefusesRequestsWithoutTheAdminTokenButHealthAndPagesStayOpen() {
        try (RunningHost host = RunningHost.start(root)) {
            HttpResponse<String> anonymous = host.send(HttpRequest.newBuilder(host.uri("/api/integrations")).GET());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("UNAUTHORIZED");
            HttpResponse<String> wrong = host.send(HttpRequest.newBuilder(host.uri("/api/integrations"))
                    .header("Authorization", "Bearer not-the-token").GET());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(host.send(HttpRequest.newBuilder(host.uri("/health")).GET()).statusCode()).isEqualTo(200);
            HttpResponse<String> page = host.send(HttpRequest.newBuilder(host.uri("/")).GET());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        }
    }

    @Test
    void aSignedInSessionReadsFreelyButChangesOnlyWithItsCsrfToken() {
        try (RunningHost host = RunningHost.start(root)) {
            HttpResponse<String> refused = host.send(HttpRequest.newBuilder(host.uri("/api/session"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"guess\"}")));
            assertThat(refused.statusCode()).isEqualTo(401);

            HttpResponse<String> signedIn = host.send(HttpRequest.newBuilder(host.uri("/api/session"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + RunningHost.ADMIN_TOKEN + "\"}")));
            assertThat(signedIn.statusCode()).isEqualTo(200);
            String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            String csrf = RunningHost.parse(signedIn.body()).path("csrfToken").asText();

            assertThat(host.send(HttpRequest.newBuilder(host.uri("/api/plugins")).header("Cookie", cookie).GET()).statusCode())
                    .isEqualTo(200);
            String profile = "{\"name\":\"p\",\"type\":\"none\"}";
            HttpResponse<String> withoutCsrf = host.send(HttpRequest.newBuilder(host.uri("/api/authorization-profiles"))
                    .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString(profile)));
            assertThat(withoutCsrf.statusCode()).isEqualTo(403);
            assertThat(withoutCsrf.body()).contains("CSRF_TOKEN_INVALID");
            HttpResponse<String> withCsrf = host.send(HttpRequest.newBuilder(host.uri("/api/authorization-profiles"))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(profile)));
            assertThat(withCsrf.statusCode()).as("passes the CSRF check, then fails on the unknown type").isEqualTo(400);

            host.send(HttpRequest.newBuilder(host.uri("/api/session")).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                    .DELETE());
            assertThat(host.send(HttpRequest.newBuilder(host.uri("/api/plugins")).header("Cookie", cookie).GET()).statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void withoutAConfiguredTokenOneIsGeneratedAndOnlyItsHashIsKept() throws Exception {
        Path data = root.resolve("data");
        io.integrationhost.host.config.HostConfig config = io.integrationhost.host.config.HostConfig.embedded(0, root.resolve("plugins"), data,
                Map.of());
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(console, true));
        String token;
        try (RunningHost host = RunningHost.start(config)) {
            String printed = console.toString();
            token = printed.lines().map(String::strip).filter(line -> line.matches("[A-Za-z0-9_-]{43}")).findFirst().orElseThrow();
            assertThat(host.send(HttpRequest.newBuilder(host.uri("/api/plugins")).header("Authorization", "Bearer " + token)
                    .GET()).statusCode()).isEqualTo(200);
        } finally {
            System.setOut(original);
        }
        String stored = Files.readString(data.resolve("admin-token.sha256"));
        assertThat(stored).doesNotContain(token).hasSize(64);

        console.reset();
        System.setOut(new java.io.PrintStream(console, true));
        try (RunningHost host = RunningHost.start(config)) {
            assertThat(console.toString()).doesNotContain("Administrator token");
            assertThat(host.send(HttpRequest.newBuilder(host.uri("/api/plugins")).header("Authorization", "Bearer " + token)
                    .GET()).statusCode()).isEqualTo(200);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void behindAnHttpsPublicAddressTheSessionCookieIsSecureThoughTheRequestCameOverHttp() {
        HostConfig config = new HostConfig("127.0.0.1", 0, root.resolve("plugins"), root.resolve("data"), null,
                URI.create("https://hr-bot.example.com/"), RunningHost.withAdminToken(Map.of()));
        try (RunningHost host = RunningHost.start(config)) {
            HttpResponse<String> signedIn = host.send(HttpRequest.newBuilder(host.uri("/api/session"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + RunningHost.ADMIN_TOKEN + "\"}")));

            assertThat(signedIn.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("Secure");
        }
        try (RunningHost host = RunningHost.start(root)) {
            HttpResponse<String> signedIn = host.send(HttpRequest.newBuilder(host.uri("/api/session"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + RunningHost.ADMIN_TOKEN + "\"}")));

            assertThat(signedIn.headers().firstValue("Set-Cookie").orElseThrow()).doesNotContainIgnoringCase("Secure");
        }
    }

    @Test
    void pastTenWrongTokensFromOneAddressWrongOnesAreRefusedWithRetryAfterWhileTheRightTokenStillPasses() {
        try (RunningHost host = RunningHost.start(root)) {
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> wrong = host.send(HttpRequest.newBuilder(host.uri("/api/integrations"))
                        .header("Authorization", "Bearer guess-" + i).GET());
                assertThat(wrong.statusCode()).isEqualTo(401);
            }

            HttpResponse<String> throttled = host.send(HttpRequest.newBuilder(host.uri("/api/integrations"))
                    .header("Authorization", "Bearer guess-10").GET());
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(RunningHost.parse(throttled.body()).path("error").path("kind").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
            long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(RunningHost.parse(throttled.body()).path("error").path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
            assertThat(signIn(host, "guess-11").statusCode()).as("signing in counts against the same limit").isEqualTo(429);

            HttpResponse<String> right = host.send(HttpRequest.newBuilder(host.uri("/api/integrations"))
                    .header("Authorization", "Bearer " + RunningHost.ADMIN_TOKEN).GET());
            assertThat(right.statusCode()).isEqualTo(200);
            HttpResponse<String> signedIn = signIn(host, RunningHost.ADMIN_TOKEN);
            assertThat(signedIn.statusCode()).isEqualTo(200);
            String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(host.send(HttpRequest.newBuilder(host.uri("/api/plugins"))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).GET()).statusCode()).isEqualTo(200);
            assertThat(host.send(HttpRequest.newBuilder(host.uri("/api/integrations")).GET()).statusCode())
                    .as("no token at all is not a guess").isEqualTo(401);
        }
    }

    @Test
    void wrongTokensFromManyAddressesReachTheGlobalLimitAfterWhichWrongTokensFromAnyAddressAreRefusedButTheRightOnePasses()
            throws Exception {
        try (RunningHost host = RunningHost.start(root)) {
            URI base = host.uri("/");
            // 20 addresses, 5 wrong tokens each: none is over its own limit, all together reach the global one.
            for (int address = 2; address < 22; address++) {
                for (int i = 0; i < 5; i++) {
                    assertThat(RawHttp.get(base, loopback(address), "/api/integrations", "Authorization: Bearer guess-" + i)
                            .status()).isEqualTo(401);
                }
            }

            RawHttp.Answer refused = RawHttp.get(base, loopback(99), "/api/integrations", "Authorization: Bearer first-guess");
            assertThat(refused.status()).as("an address that sent nothing wrong yet").isEqualTo(429);
            assertThat(refused.json().path("error").path("kind").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(RawHttp.postJson(base, loopback(98), "/api/session", "{\"token\":\"guess\"}").status()).isEqualTo(429);

            assertThat(RawHttp.get(base, loopback(99), "/api/integrations", "Authorization: Bearer " + RunningHost.ADMIN_TOKEN)
                    .status()).isEqualTo(200);
            RawHttp.Answer signedIn = RawHttp.postJson(base, loopback(98), "/api/session",
                    "{\"token\":\"" + RunningHost.ADMIN_TOKEN + "\"}");
            assertThat(signedIn.status()).isEqualTo(200);
            assertThat(signedIn.json().path("signedIn").asBoolean()).isTrue();
            assertThat(host.get("/api/integrations").statusCode()).isEqualTo(200);
        }
    }

    private static InetAddress loopback(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    private static HttpResponse<String> signIn(RunningHost host, String token) {
        return host.send(HttpRequest.newBuilder(host.uri("/api/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")));
    }

    @Test
    void aChosenAdministratorTokenShorterThanSixteenCharactersKeepsTheHostFromStarting() {
        assertThatThrownBy(() -> RunningHost.start(root, Map.of("HOST_ADMIN_TOKEN", "secret123")))
                .isInstanceOf(StartupException.class).hasMessageContaining("shorter than 16 characters");
    }
}

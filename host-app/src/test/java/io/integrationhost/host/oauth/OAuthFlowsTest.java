package io.integrationhost.host.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.integrationhost.api.metadata.OAuth2GrantType;
import io.integrationhost.api.metadata.OAuth2Scope;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.host.storage.Database;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.vault.CredentialVault;
import io.integrationhost.runtime.error.HostException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flows in progress, on the embedded H2 file and on PostgreSQL: a flow is spent once, by the browser that started it,
 * within its lifetime (a test clock moves past it), and what it keeps is sealed.
 */
class OAuthFlowsTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final URI PUBLIC_BASE = URI.create("https://host.example/");
    private static final OAuth2Spec SPEC = new OAuth2Spec(List.of(OAuth2GrantType.AUTHORIZATION_CODE),
            "https://auth.example/authorize", "https://auth.example/token", null,
            List.of(new OAuth2Scope("openid", "Who you are.", true)), null, null, Map.of());
    private static final OAuthEndpoints ENDPOINTS = new OAuthEndpoints(URI.create("https://auth.example/authorize"),
            URI.create("https://auth.example/token"), null);
    private static final Map<String, String> VALUES = Map.of("issuer", "acme", "clientId", "app-1",
            "clientSecret", "app-secret-value-123");

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock(START);
    private String url;
    private Database database;
    private OAuthFlows flows;

    private void open(Databases kind) {
        url = kind.freshUrl(data);
        database = Database.open(url, null, null, 4);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        flows = new OAuthFlows(database.jdbc(), new CredentialVault(new SecretKeySpec(key, "AES")),
                new OAuthClient(Duration.ofSeconds(5), clock), clock, () -> PUBLIC_BASE);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private OAuthFlows.Started start() {
        return flows.start(new OAuthFlows.Purpose(OAuthFlows.Kind.ADMINISTRATOR, "acme-crm", null, null, null, "acme-plugin",
                VALUES), SPEC, ENDPOINTS, "app-1", List.of("openid"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aFlowIsSpentOnceByItsBrowserAndGivesBackWhatItKept(Databases kind) throws Exception {
        open(kind);
        OAuthFlows.Started started = start();
        Map<String, String> asked = query(started.authorizationUrl());

        OAuthFlows.Spent spent = flows.spend(asked.get("state"), started.browserCookie());

        assertThat(started.expiresAt()).isEqualTo(START.plus(OAuthFlows.LIFETIME));
        assertThat(asked).containsEntry("redirect_uri", "https://host.example/oauth2/callback");
        assertThat(spent.redirectUri()).isEqualTo(URI.create("https://host.example/oauth2/callback"));
        assertThat(spent.purpose().values()).isEqualTo(VALUES);
        assertThat(spent.purpose().integrationId()).isEqualTo("acme-crm");
        assertThat(spent.purpose().pluginId()).isEqualTo("acme-plugin");
        assertThat(spent.scopes()).containsExactly("openid");
        assertThat(challenge(spent.codeVerifier())).as("the verifier kept is the one the challenge was made of")
                .isEqualTo(asked.get("code_challenge"));
        assertThat(refusal(() -> flows.spend(asked.get("state"), started.browserCookie()))).isEqualTo("ALREADY_USED");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aFlowCanBeCompletedWithinItsLifetimeOnly(Databases kind) {
        open(kind);
        OAuthFlows.Started late = start();
        OAuthFlows.Started inTime = start();

        clock.advance(OAuthFlows.LIFETIME.minusSeconds(1));
        OAuthFlows.Spent spent = flows.spend(query(inTime.authorizationUrl()).get("state"), inTime.browserCookie());
        clock.advance(Duration.ofSeconds(1));

        assertThat(spent.purpose().integrationId()).isEqualTo("acme-crm");
        assertThat(refusal(() -> flows.spend(query(late.authorizationUrl()).get("state"), late.browserCookie())))
                .isEqualTo("EXPIRED");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anotherBrowsersCookieOrAnUnknownStateSpendsNothing(Databases kind) {
        open(kind);
        OAuthFlows.Started started = start();
        String state = query(started.authorizationUrl()).get("state");

        assertThat(refusal(() -> flows.spend(state, start().browserCookie()))).isEqualTo("OTHER_BROWSER");
        assertThat(refusal(() -> flows.spend(state, null))).isEqualTo("OTHER_BROWSER");
        assertThat(refusal(() -> flows.spend("not-a-state-the-host-made", started.browserCookie()))).isEqualTo("UNKNOWN_STATE");
        assertThat(refusal(() -> flows.spend(null, started.browserCookie()))).isEqualTo("UNKNOWN_STATE");
        assertThat(flows.spend(state, started.browserCookie()).purpose().kind()).isEqualTo(OAuthFlows.Kind.ADMINISTRATOR);
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theStoredFlowHoldsNeitherItsStateNorItsCookieNorTheVerifierNorTheSecretInClear(Databases kind) throws Exception {
        open(kind);
        OAuthFlows.Started started = start();
        String state = query(started.authorizationUrl()).get("state");
        List<String> stored = storedCells();
        String verifier = flows.spend(state, started.browserCookie()).codeVerifier();

        assertThat(stored).isNotEmpty().noneMatch(cell -> cell.contains(state) || cell.contains(started.browserCookie())
                || cell.contains(verifier) || cell.contains("app-secret-value-123"));
    }

    private List<String> storedCells() throws Exception {
        List<String> cells = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM oauth_flow")) {
            ResultSetMetaData columns = rows.getMetaData();
            while (rows.next()) {
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    cells.add(String.valueOf(rows.getObject(i)));
                }
            }
        }
        return cells;
    }

    private static String refusal(Runnable spend) {
        HostException refused = catchThrowableOfType(spend::run, HostException.class);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.kind()).isEqualTo("OAUTH_CALLBACK_INVALID");
        return String.valueOf(refused.details().get("reason"));
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }
}

package io.integrationhost.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same behaviour on the embedded H2 file and on PostgreSQL: everything survives a restart, no secret
 * is stored in plain text, and two host instances over one database behave as one.
 */
class StorageBackendsTest {

    private static final String SECRET = "good-very-secret-token-4711";

    @TempDir
    Path root;

    @ParameterizedTest
    @EnumSource(Databases.class)
    void everythingAnAdministratorAndAnEndUserSetUpSurvivesARestart(Databases database) throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        String url = database.freshUrl(root.resolve("data"));
        URI usedLink;
        try (RunningHost host = RunningHost.start(root, url, root.resolve("data"))) {
            host.enableUserAuthorized("svc", "Users");
            usedLink = URI.create(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"), "userId", "u1"))
                    .error().path("authorizationUrl").asText());
            assertThat(host.send(FormPost.of(usedLink, Map.of("account", "alice", "token", SECRET))).statusCode()).isEqualTo(200);
        }

        try (RunningHost host = RunningHost.start(root, url, root.resolve("data"))) {
            assertThat(host.getJson("/api/authorization-profiles").get(0).path("name").asText()).isEqualTo("Users");
            assertThat(host.getJson("/api/integrations/svc").path("status").asText()).isEqualTo("ENABLED");
            Response ran = host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"), "userId", "u1"));
            assertThat(ran.status()).as(ran.raw().body()).isEqualTo(200);
            assertThat(ran.body().path("result").path("account").asText()).isEqualTo("alice");
            URI sameLinkOnNewHost = host.uri(usedLink.getPath());
            assertThat(host.send(FormPost.of(sameLinkOnNewHost, Map.of("account", "x", "token", "good-x"))).statusCode()).isEqualTo(410);
            assertThat(host.getJson("/api/audit?limit=1000").toString()).contains("authorization.stored").contains("action.run")
                    .doesNotContain(SECRET);
        }

        assertNoPlainSecretIn(url);
        if (database == Databases.H2) {
            try (Stream<Path> files = Files.walk(root.resolve("data"))) {
                files.filter(Files::isRegularFile).forEach(file -> assertThat(readLatin1(file)).as(file.toString()).doesNotContain(SECRET));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aLinkIssuedByOneInstanceIsCompletedOnAnother(Databases database) throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        String url = database.freshUrl(root.resolve("data"));
        try (RunningHost first = RunningHost.start(root, url, root.resolve("data-a"));
             RunningHost second = RunningHost.start(root, url, root.resolve("data-b"))) {
            first.enableUserAuthorized("svc", "Users");

            JsonNode required = first.post("/api/integrations/svc/actions/echo",
                    Map.of("input", Map.of("text", "x"), "userId", "u1")).error();
            URI onSecond = second.uri(URI.create(required.path("authorizationUrl").asText()).getPath());
            assertThat(second.send(FormPost.of(onSecond, Map.of("account", "alice", "token", SECRET))).statusCode()).isEqualTo(200);

            assertThat(first.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"), "userId", "u1"))
                    .body().path("result").path("account").asText()).isEqualTo("alice");
            assertThat(second.getJson("/api/integrations/svc/users")).hasSize(1);
        }
    }

    private static void assertNoPlainSecretIn(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            for (String table : new String[] {"integration_configuration", "authorization_profile", "user_authorization", "audit_event"}) {
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            assertThat(String.valueOf(rows.getObject(i))).as(table).doesNotContain(SECRET);
                        }
                    }
                }
            }
        }
    }

    private static String readLatin1(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.integrationhost.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Removing an integration's configuration, or switching it to pre-authorized, takes every end user's
 * authorization and pending link with it in the same transaction: all of it happens, or none of it.
 */
class AtomicChangesTest {

    @TempDir
    Path root;
    RunningHost host;
    String url;

    /** A user-authorized integration where u1 has authorized and u2 holds a link not used yet. */
    private void startWithOneAuthorizedAndOnePendingUser(Databases database) throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        url = database.freshUrl(root.resolve("data"));
        host = RunningHost.start(root, url, root.resolve("data"));
        host.enableUserAuthorized("svc", "Users");
        URI link = host.authorizationLink("svc", "u1");
        assertThat(host.send(FormPost.of(link, Map.of("account", "alice", "token", "good-alice"))).statusCode()).isEqualTo(200);
        host.authorizationLink("svc", "u2");
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private long rowsOfSvc(String table) throws Exception {
        return Databases.count(url, "SELECT COUNT(*) FROM " + table + " WHERE integration_id = 'svc'");
    }

    /** A row elsewhere that references u1's authorization makes removing it fail half-way, as a lost connection would. */
    private void holdU1sAuthorization() throws Exception {
        Databases.execute(url, "CREATE TABLE authorization_hold (integration_id VARCHAR(64), user_id VARCHAR(200),"
                        + " FOREIGN KEY (integration_id, user_id) REFERENCES user_authorization (integration_id, user_id))",
                "INSERT INTO authorization_hold VALUES ('svc', 'u1')");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void deletingTheConfigurationRemovesEveryEndUserAuthorizationAndPendingLink(Databases database) throws Exception {
        startWithOneAuthorizedAndOnePendingUser(database);

        assertThat(host.delete("/api/integrations/svc/configuration").status()).isEqualTo(204);

        assertThat(rowsOfSvc("user_authorization")).isZero();
        assertThat(rowsOfSvc("authorization_link")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void switchingToPreAuthorizedRemovesEveryEndUserAuthorizationAndPendingLink(Databases database) throws Exception {
        startWithOneAuthorizedAndOnePendingUser(database);

        Response switched = host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", "good-admin-token")));

        assertThat(switched.status()).as(switched.raw().body()).isEqualTo(200);
        assertThat(rowsOfSvc("user_authorization")).isZero();
        assertThat(rowsOfSvc("authorization_link")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aDeleteThatFailsPartWayLeavesTheConfigurationWithItsEndUsersAndLinks(Databases database) throws Exception {
        startWithOneAuthorizedAndOnePendingUser(database);
        holdU1sAuthorization();

        Response failed = host.delete("/api/integrations/svc/configuration");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.error().path("kind").asText()).isEqualTo("INTERNAL");
        assertThat(host.getJson("/api/integrations/svc").path("status").asText()).isEqualTo("ENABLED");
        assertThat(rowsOfSvc("user_authorization")).isEqualTo(1);
        assertThat(rowsOfSvc("authorization_link")).isEqualTo(2);
        assertThat(host.getJson("/api/audit?integrationId=svc").toString()).doesNotContain("configuration.deleted");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aModeSwitchThatFailsPartWayKeepsTheEndUsersMode(Databases database) throws Exception {
        startWithOneAuthorizedAndOnePendingUser(database);
        holdU1sAuthorization();

        Response failed = host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", "good-admin-token")));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(host.getJson("/api/integrations/svc").path("configuration").path("mode").asText()).isEqualTo("USER_AUTHORIZED");
        assertThat(rowsOfSvc("user_authorization")).isEqualTo(1);
        assertThat(rowsOfSvc("authorization_link")).isEqualTo(2);
        Response ran = host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"), "userId", "u1"));
        assertThat(ran.body().path("result").path("account").asText()).isEqualTo("alice");
    }
}

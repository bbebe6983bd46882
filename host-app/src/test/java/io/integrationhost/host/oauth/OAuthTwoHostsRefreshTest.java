package io.integrationhost.host.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.storage.Database;
import io.integrationhost.host.support.AtOnce;
import io.integrationhost.host.support.AuthorizationServer;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.OAuthFixtureHost;
import io.integrationhost.host.support.RunningHost;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty calls of one OAuth 2.0 credential at the moment its access token is about to expire, over HTTP on real hosts:
 * two host instances (each its own HTTP server, connection pool and plugin jar) over one PostgreSQL database, or one
 * host over its embedded H2 database. The authorization server sees one refresh, the audit one {@code oauth.refreshed},
 * and every call answers with the identity: for a pre-authorized integration and for an end user's authorization.
 */
class OAuthTwoHostsRefreshTest {

    private static final String ID = "oauth-svc";
    private static final String USER = "u-42";
    private static final int CALLS = 50;
    /**
     * Enough plugin call threads that one plugin's share (half of them) takes every call one host receives at once: the
     * calls that waited for the refresh reach the plugin together, and beyond its share a host answers HOST_BUSY.
     */
    private static final Map<String, String> SETTINGS = Map.of("HOST_PLUGIN_CALL_THREADS", String.valueOf(2 * CALLS));

    /** The token endpoint answers slowly, so that the calls on both hosts overlap the refresh in flight. */
    @RegisterExtension
    final AuthorizationServer server = AuthorizationServer.builder().tokenDelay(Duration.ofMillis(300)).build();

    @TempDir
    Path root;

    private final List<OAuthFixtureHost> hosts = new ArrayList<>();

    @AfterEach
    void stop() {
        hosts.forEach(OAuthFixtureHost::close);
    }

    @Test
    void fiftyCallsOfAPreAuthorizedIntegrationOnTwoHostsOverPostgresqlJustBeforeExpiryRefreshOnce() throws Exception {
        String url = Databases.POSTGRESQL.freshUrl(root);
        List<OAuthFixtureHost> instances = List.of(host(url, "a"), host(url, "b"));
        instances.get(0).connectAndEnable();

        assertOneRefreshFor(url, instances, instance -> instance.run("whoami"));
    }

    @Test
    void fiftyCallsOfAnEndUserOnTwoHostsOverPostgresqlJustBeforeExpiryRefreshOnce() throws Exception {
        String url = Databases.POSTGRESQL.freshUrl(root);
        List<OAuthFixtureHost> instances = List.of(host(url, "a"), host(url, "b"));
        instances.get(0).letEndUsersAuthorize();
        instances.get(1).authorizeEndUser(USER);

        assertOneRefreshFor(url, instances, instance -> instance.run("whoami", USER));
    }

    @Test
    void fiftyCallsOfAPreAuthorizedIntegrationOnOneHostOverH2JustBeforeExpiryRefreshOnce() throws Exception {
        OAuthFixtureHost instance = embeddedHost();
        instance.connectAndEnable();

        assertOneRefreshFor(Database.embeddedUrl(root.resolve("data")), List.of(instance), svc -> svc.run("whoami"));
    }

    @Test
    void fiftyCallsOfAnEndUserOnOneHostOverH2JustBeforeExpiryRefreshOnce() throws Exception {
        OAuthFixtureHost instance = embeddedHost();
        instance.letEndUsersAuthorize();
        instance.authorizeEndUser(USER);

        assertOneRefreshFor(Database.embeddedUrl(root.resolve("data")), List.of(instance), svc -> svc.run("whoami", USER));
    }

    private OAuthFixtureHost host(String databaseUrl, String name) {
        OAuthFixtureHost host = OAuthFixtureHost.startOn(databaseUrl, root.resolve(name), ID, FixturePlugins.oauth(ID), server, SETTINGS);
        hosts.add(host);
        return host;
    }

    private OAuthFixtureHost embeddedHost() {
        OAuthFixtureHost host = OAuthFixtureHost.start(root, ID, FixturePlugins.oauth(ID), server, SETTINGS);
        hosts.add(host);
        return host;
    }

    /**
     * Moves the stored access token's expiry into the host's refresh margin, then runs {@link #CALLS} calls released
     * together ({@link AtOnce}), spread over {@code instances} in turn.
     */
    private void assertOneRefreshFor(String databaseUrl, List<OAuthFixtureHost> instances,
                                     Function<OAuthFixtureHost, RunningHost.Response> call) throws Exception {
        expireWithinTheRefreshMargin(databaseUrl);
        assertThat(server.tokenRequests("refresh_token")).isEmpty();

        List<RunningHost.Response> answers = AtOnce.run(CALLS, index -> call.apply(instances.get(index % instances.size())));

        assertThat(server.tokenRequests("refresh_token")).as("refresh requests the server saw").hasSize(1);
        assertThat(answers).hasSize(CALLS).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
            assertThat(answer.body().path("result").path("claims").path("sub").asText()).isEqualTo("jane.doe");
        });
        List<String> oauthAudit = new ArrayList<>();
        for (JsonNode entry : instances.get(0).host().getJson("/api/audit?integrationId=" + ID + "&limit=1000")) {
            if (entry.path("action").asText().startsWith("oauth.refresh")) {
                oauthAudit.add(entry.path("action").asText());
            }
        }
        assertThat(oauthAudit).containsExactly("oauth.refreshed");
    }

    /**
     * The mock server gives a grant's refreshed tokens the expiry of its first, so a short expiry would leave every
     * refreshed token about to expire too, and each later call would rightly refresh again. Instead the tokens are
     * issued for an hour and the stored expiry (all a host goes by) is moved to half a minute from now, inside the
     * host's margin, as the passing of 59 minutes would.
     */
    private static void expireWithinTheRefreshMargin(String databaseUrl) throws Exception {
        assertThat(Databases.count(databaseUrl, "SELECT COUNT(*) FROM oauth_token")).isEqualTo(1);
        long soon = Instant.now().plus(OAuthTokens.REFRESH_MARGIN.dividedBy(2)).toEpochMilli();
        Databases.execute(databaseUrl, "UPDATE oauth_token SET expires_at = " + soon);
    }
}

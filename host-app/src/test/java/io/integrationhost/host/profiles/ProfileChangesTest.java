package io.integrationhost.host.profiles;

import io.integrationhost.runtime.credentials.CredentialForm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.storage.Database;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End users' authorizations belong to the profile, and the presets, they were made with: switching the
 * integration to another profile, or changing the profile's presets, retires them, and the users
 * authorize again through a new link.
 */
class ProfileChangesTest {

    @TempDir
    Path root;
    RunningHost host;
    String firstProfile;

    @BeforeEach
    void start() throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        host = RunningHost.start(root);
        firstProfile = host.enableUserAuthorized("svc", "First");
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private Response echo(String userId) {
        return host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"), "userId", userId));
    }

    private HttpResponse<String> submit(URI link, Map<String, String> fields) {
        return host.send(FormPost.of(link, fields));
    }

    private String createProfile(String name) {
        return host.post("/api/authorization-profiles", Map.of("name", name, "type", "fixture-token")).body().path("id").asText();
    }

    private void switchTo(String profileId) {
        Response switched = host.put("/api/integrations/svc/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", profileId));
        assertThat(switched.status()).as(switched.raw().body()).isEqualTo(200);
    }

    private long rows(String query) throws Exception {
        return Databases.count(Database.embeddedUrl(root.resolve("data")), query);
    }

    @Test
    void switchingToAnotherProfileRemovesTheAuthorizationsAndLinksMadeWithThePreviousOne() throws Exception {
        submit(host.authorizationLink("svc", "u1"), Map.of("account", "alice", "token", "good-alice"));
        URI pending = host.authorizationLink("svc", "u2");

        switchTo(createProfile("Second"));

        assertThat(host.getJson("/api/audit?integrationId=svc&limit=1").get(0).path("detail").asText())
                .contains("1 end-user authorizations of another profile removed");
        assertThat(host.getJson("/api/integrations/svc/users")).isEmpty();
        assertThat(rows("SELECT COUNT(*) FROM authorization_link WHERE profile_id = '" + firstProfile + "'")).isZero();
        assertThat(echo("u1").error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
        assertThat(submit(pending, Map.of("account", "bob", "token", "good-bob")).statusCode()).isNotEqualTo(200);
    }

    @Test
    void aLinkForThePreviousProfileIssuedAfterTheSwitchShowsAnExpiredPageAndStoresNothing() {
        switchTo(createProfile("Second"));
        // What an instance that read the configuration just before the switch hands out.
        URI late = URI.create(host.host().services().endUsers().issueLink("svc", "u1", firstProfile).url());

        HttpResponse<String> opened = host.send(HttpRequest.newBuilder(late).GET());
        HttpResponse<String> submitted = submit(late, Map.of("account", "alice", "token", "good-alice"));

        assertThat(opened.statusCode()).isEqualTo(410);
        assertThat(opened.body()).contains("This link has expired").contains("changed").doesNotContain("<form");
        assertThat(submitted.statusCode()).isEqualTo(410);
        assertThat(submitted.body()).contains("This link has expired");
        assertThat(host.getJson("/api/integrations/svc/users")).isEmpty();
    }

    @Test
    void anAuthorizationOfAnotherProfileLeftInTheDatabaseIsNotUsedForCalls() throws Exception {
        submit(host.authorizationLink("svc", "u1"), Map.of("account", "alice", "token", "good-alice"));
        String other = createProfile("Other");
        host.put("/api/authorization-profiles/" + other, Map.of("presets", Map.of("account", "other-tenant")));

        Databases.execute(Database.embeddedUrl(root.resolve("data")),
                "UPDATE user_authorization SET profile_id = '" + other + "' WHERE user_id = 'u1'");

        assertThat(echo("u1").error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
    }

    @Test
    void changingAProfilesPresetsRemovesTheAuthorizationsMadeWithTheOldOnesAndTheAnswerSaysSo() {
        host.put("/api/authorization-profiles/" + firstProfile, Map.of("presets", Map.of("account", "tenant-a")));
        submit(host.authorizationLink("svc", "u1"), Map.of("token", "good-alice"));
        assertThat(echo("u1").body().path("result").path("account").asText()).isEqualTo("tenant-a");

        Response changed = host.put("/api/authorization-profiles/" + firstProfile, Map.of("presets", Map.of("account", "tenant-b")));

        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.body().path("endUserAuthorizationsRemoved").asInt()).isEqualTo(1);
        assertThat(changed.body().path("notice").asText()).contains("1 end-user authorization").contains("new link");
        assertThat(host.getJson("/api/integrations/svc/users")).isEmpty();
        assertThat(host.getJson("/api/audit?integrationId=svc").toString()).contains("authorizations.removed");
        submit(host.authorizationLink("svc", "u1"), Map.of("token", "good-alice"));
        assertThat(echo("u1").body().path("result").path("account").asText()).isEqualTo("tenant-b");
    }

    @Test
    void presetsChangedWhileAnEndUsersValuesAreBeingVerifiedMakeTheFormAskAgainAndStoreNothing() throws Exception {
        Path gate = root.resolve("gate");
        host.close();
        host = RunningHost.start(root, Map.of("SVC_GATE", gate.toString()));
        host.put("/api/authorization-profiles/" + firstProfile, Map.of("presets", Map.of("account", "tenant-a")));
        URI link = host.authorizationLink("svc", "u1");

        CompletableFuture<HttpResponse<String>> submitted = CompletableFuture.supplyAsync(
                () -> submit(link, Map.of("token", "good-alice")));
        awaitFile(gate.resolve("verifying"));
        host.put("/api/authorization-profiles/" + firstProfile, Map.of("presets", Map.of("account", "tenant-b")));
        Files.writeString(gate.resolve("go"), "");

        HttpResponse<String> refused = submitted.get(30, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("changed while your values were being checked").contains("<form");
        assertThat(host.getJson("/api/integrations/svc/users")).isEmpty();
        assertThat(submit(link, Map.of("token", "good-alice")).statusCode()).isEqualTo(200);
        assertThat(echo("u1").body().path("result").path("account").asText()).isEqualTo("tenant-b");
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as("waiting for " + file).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void renamingAProfileOrSendingTheSamePresetsKeepsItsAuthorizations() {
        host.put("/api/authorization-profiles/" + firstProfile, Map.of("presets", Map.of("account", "tenant-a")));
        submit(host.authorizationLink("svc", "u1"), Map.of("token", "good-alice"));

        Response renamed = host.put("/api/authorization-profiles/" + firstProfile,
                Map.of("name", "Renamed", "presets", Map.of("account", "tenant-a")));

        assertThat(renamed.body().path("endUserAuthorizationsRemoved").asInt()).isZero();
        assertThat(renamed.body().path("notice").isMissingNode()).isTrue();
        JsonNode users = host.getJson("/api/integrations/svc/users");
        assertThat(users).hasSize(1);
        assertThat(echo("u1").status()).isEqualTo(200);
    }

    @Test
    void aMaskedSecretPresetIsNotKeptForAnotherAccountAndTheRefusedChangeRemovesNothing() {
        Response created = host.put("/api/authorization-profiles/" + firstProfile,
                Map.of("presets", Map.of("account", "tenant-a", "token", "good-preset")));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        submit(host.authorizationLink("svc", "u1"), Map.of());
        assertThat(echo("u1").body().path("result").path("account").asText()).isEqualTo("tenant-a");

        Response refused = host.put("/api/authorization-profiles/" + firstProfile,
                Map.of("presets", Map.of("account", "tenant-b", "token", CredentialForm.MASK)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("kind").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.error().path("violations")).singleElement().satisfies(violation -> {
            assertThat(violation.path("field").asText()).isEqualTo("token");
            assertThat(violation.path("message").asText()).contains("must be entered again").contains("Account changed");
        });
        JsonNode profile = host.getJson("/api/authorization-profiles/" + firstProfile);
        assertThat(profile.path("presets").path("account").asText()).isEqualTo("tenant-a");
        assertThat(profile.path("presets").path("token").asText()).isEqualTo(CredentialForm.MASK);
        assertThat(host.getJson("/api/integrations/svc/users")).hasSize(1);
        assertThat(echo("u1").body().path("result").path("account").asText()).isEqualTo("tenant-a");

        Response dropped = host.put("/api/authorization-profiles/" + firstProfile,
                Map.of("presets", Map.of("token", CredentialForm.MASK)));
        assertThat(dropped.status()).as("leaving out a preset changes it too").isEqualTo(400);

        Response kept = host.put("/api/authorization-profiles/" + firstProfile,
                Map.of("name", "Renamed", "presets", Map.of("account", "tenant-a", "token", CredentialForm.MASK)));
        assertThat(kept.status()).as(kept.raw().body()).isEqualTo(200);
        assertThat(kept.body().path("endUserAuthorizationsRemoved").asInt()).isZero();
        assertThat(echo("u1").status()).isEqualTo(200);
    }
}

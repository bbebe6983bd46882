package io.integrationhost.host.profiles;

import io.integrationhost.runtime.credentials.CredentialForm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.storage.Database;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End users' authorizations belong to the profile, and the presets, they were made with: switching the
 * integration to another profile, or changing the profile's presets, retires them, and the users
 * authorize again through a new link.
 */
class ProfileChangesTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.service("svc").userAuthorized("First");

    /** The profile the integration is set up with. */
    private String firstProfile() {
        return svc.profileId();
    }

    private Response echo(String userId) {
        return svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"), "userId", userId));
    }

    private HttpResponse<String> submit(URI link, Map<String, String> fields) {
        return svc.host().send(FormPost.of(link, fields));
    }

    private String createProfile(String name) {
        return svc.host().post("/api/authorization-profiles", Map.of("name", name, "type", "fixture-token")).body().path("id").asText();
    }

    private void switchTo(String profileId) {
        Response switched = svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", profileId));
        assertThat(switched.status()).as(switched.raw().body()).isEqualTo(200);
    }

    private long rows(String query) throws Exception {
        return Databases.count(Database.embeddedUrl(svc.root().resolve("data")), query);
    }

    @Test
    void switchingToAnotherProfileRemovesTheAuthorizationsAndLinksMadeWithThePreviousOne() throws Exception {
        submit(svc.host().authorizationLink("svc", "u1"), Map.of("account", "alice", "token", "good-alice"));
        URI pending = svc.host().authorizationLink("svc", "u2");

        switchTo(createProfile("Second"));

        assertThat(svc.host().getJson("/api/audit?integrationId=svc&limit=1").get(0).path("detail").asText())
                .contains("1 end-user authorizations of another profile removed");
        assertThat(svc.host().getJson("/api/integrations/svc/users")).isEmpty();
        assertThat(rows("SELECT COUNT(*) FROM authorization_link WHERE profile_id = '" + firstProfile() + "'")).isZero();
        assertThat(echo("u1").error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
        assertThat(submit(pending, Map.of("account", "bob", "token", "good-bob")).statusCode()).isNotEqualTo(200);
    }

    @Test
    void aLinkForThePreviousProfileIssuedAfterTheSwitchShowsAnExpiredPageAndStoresNothing() {
        switchTo(createProfile("Second"));
        // What an instance that read the configuration just before the switch hands out.
        URI late = URI.create(svc.host().host().services().endUsers().issueLink("svc", "u1", firstProfile()).url());

        HttpResponse<String> opened = svc.host().send(HttpRequest.newBuilder(late).GET());
        HttpResponse<String> submitted = submit(late, Map.of("account", "alice", "token", "good-alice"));

        assertThat(opened.statusCode()).isEqualTo(410);
        assertThat(opened.body()).contains("This link has expired").contains("changed").doesNotContain("<form");
        assertThat(submitted.statusCode()).isEqualTo(410);
        assertThat(submitted.body()).contains("This link has expired");
        assertThat(svc.host().getJson("/api/integrations/svc/users")).isEmpty();
    }

    @Test
    void anAuthorizationOfAnotherProfileLeftInTheDatabaseIsNotUsedForCalls() throws Exception {
        submit(svc.host().authorizationLink("svc", "u1"), Map.of("account", "alice", "token", "good-alice"));
        String other = createProfile("Other");
        svc.host().put("/api/authorization-profiles/" + other, Map.of("presets", Map.of("account", "other-tenant")));

        Databases.execute(Database.embeddedUrl(svc.root().resolve("data")),
                "UPDATE user_authorization SET profile_id = '" + other + "' WHERE user_id = 'u1'");

        assertThat(echo("u1").error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
    }

    @Test
    void changingAProfilesPresetsRemovesTheAuthorizationsMadeWithTheOldOnesAndTheAnswerSaysSo() {
        svc.host().put("/api/authorization-profiles/" + firstProfile(), Map.of("presets", Map.of("account", "tenant-a")));
        submit(svc.host().authorizationLink("svc", "u1"), Map.of("token", "good-alice"));
        assertThat(echo("u1").body().path("result").path("account").asText()).isEqualTo("tenant-a");

        Response changed = svc.host().put("/api/authorization-profiles/" + firstProfile(), Map.of("presets", Map.of("account", "tenant-b")));

        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.body().path("endUserAuthorizationsRemoved").asInt()).isEqualTo(1);
        assertThat(changed.body().path("notice").asText()).contains("1 end-user authorization").contains("new link");
        assertThat(svc.host().getJson("/api/integrations/svc/users")).isEmpty();
        assertThat(svc.host().getJson("/api/audit?integrationId=svc").toString()).contains("authorizations.removed");
        submit(svc.host().authorizationLink("svc", "u1"), Map.of("token", "good-alice"));
        assertThat(echo("u1").body().path("result").path("account").asText()).isEqualTo("tenant-b");
    }

    @Test
    void presetsChangedWhileAnEndUsersValuesAreBeingVerifiedMakeTheFormAskAgainAndStoreNothing() throws Exception {
        Path gate = svc.root().resolve("gate");
        // The gate is a folder of the test's: the plugin's worker must see it, which a sandbox would not let it.
        svc.startAgain(Map.of("SVC_GATE", gate.toString(), "HOST_PLUGIN_SANDBOX", "none"));
        svc.host().put("/api/authorization-profiles/" + firstProfile(), Map.of("presets", Map.of("account", "tenant-a")));
        URI link = svc.host().authorizationLink("svc", "u1");

        CompletableFuture<HttpResponse<String>> submitted = CompletableFuture.supplyAsync(
                () -> submit(link, Map.of("token", "good-alice")));
        awaitFile(gate.resolve("verifying"));
        svc.host().put("/api/authorization-profiles/" + firstProfile(), Map.of("presets", Map.of("account", "tenant-b")));
        Files.writeString(gate.resolve("go"), "");

        HttpResponse<String> refused = submitted.get(30, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("changed while your values were being checked").contains("<form");
        assertThat(svc.host().getJson("/api/integrations/svc/users")).isEmpty();
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
        svc.host().put("/api/authorization-profiles/" + firstProfile(), Map.of("presets", Map.of("account", "tenant-a")));
        submit(svc.host().authorizationLink("svc", "u1"), Map.of("token", "good-alice"));

        Response renamed = svc.host().put("/api/authorization-profiles/" + firstProfile(),
                Map.of("name", "Renamed", "presets", Map.of("account", "tenant-a")));

        assertThat(renamed.body().path("endUserAuthorizationsRemoved").asInt()).isZero();
        assertThat(renamed.body().path("notice").isMissingNode()).isTrue();
        JsonNode users = svc.host().getJson("/api/integrations/svc/users");
        assertThat(users).hasSize(1);
        assertThat(echo("u1").status()).isEqualTo(200);
    }

    @Test
    void aSecretPresetIsRefusedUnlessTheRequestChoosesItExplicitly() {
        Response refused = svc.host().post("/api/authorization-profiles", Map.of("name", "Shared", "type", "fixture-token",
                "presets", Map.of("account", "tenant-a", "token", "good-preset")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("violations")).singleElement().satisfies(violation -> {
            assertThat(violation.path("field").asText()).isEqualTo("token");
            assertThat(violation.path("message").asText()).contains("not offered as a preset").contains("\"presetSecrets\": true")
                    .doesNotContain("good-preset");
        });
        Response chosen = svc.host().post("/api/authorization-profiles", Map.of("name", "Shared", "type", "fixture-token",
                "presets", Map.of("account", "tenant-a", "token", "good-preset"), "presetSecrets", true));
        assertThat(chosen.status()).as(chosen.raw().body()).isEqualTo(201);
        Response publicOnly = svc.host().post("/api/authorization-profiles", Map.of("name", "Account only",
                "type", "fixture-token", "presets", Map.of("account", "tenant-a")));
        assertThat(publicOnly.status()).as(publicOnly.raw().body()).isEqualTo(201);
    }

    @Test
    void aMaskedSecretPresetIsNotKeptForAnotherAccountAndTheRefusedChangeRemovesNothing() {
        Response created = svc.host().put("/api/authorization-profiles/" + firstProfile(),
                Map.of("presets", Map.of("account", "tenant-a", "token", "good-preset"), "presetSecrets", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        submit(svc.host().authorizationLink("svc", "u1"), Map.of());
        assertThat(echo("u1").body().path("result").path("account").asText()).isEqualTo("tenant-a");

        Response refused = svc.host().put("/api/authorization-profiles/" + firstProfile(),
                Map.of("presets", Map.of("account", "tenant-b", "token", CredentialForm.MASK)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("kind").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.error().path("violations")).singleElement().satisfies(violation -> {
            assertThat(violation.path("field").asText()).isEqualTo("token");
            assertThat(violation.path("message").asText()).contains("must be entered again").contains("Account changed");
        });
        JsonNode profile = svc.host().getJson("/api/authorization-profiles/" + firstProfile());
        assertThat(profile.path("presets").path("account").asText()).isEqualTo("tenant-a");
        assertThat(profile.path("presets").path("token").asText()).isEqualTo(CredentialForm.MASK);
        assertThat(svc.host().getJson("/api/integrations/svc/users")).hasSize(1);
        assertThat(echo("u1").body().path("result").path("account").asText()).isEqualTo("tenant-a");

        Response dropped = svc.host().put("/api/authorization-profiles/" + firstProfile(),
                Map.of("presets", Map.of("token", CredentialForm.MASK)));
        assertThat(dropped.status()).as("leaving out a preset changes it too").isEqualTo(400);

        Response kept = svc.host().put("/api/authorization-profiles/" + firstProfile(),
                Map.of("name", "Renamed", "presets", Map.of("account", "tenant-a", "token", CredentialForm.MASK)));
        assertThat(kept.status()).as(kept.raw().body()).isEqualTo(200);
        assertThat(kept.body().path("endUserAuthorizationsRemoved").asInt()).isZero();
        assertThat(echo("u1").status()).isEqualTo(200);
    }
}

package io.integrationhost.host.endusers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Users authorize the integration themselves: a profile, a one-time expiring link per end user, the
 * user's own credentials for the user's own calls.
 */
class EndUserAuthorizationTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.service("svc").userAuthorized("Fixture users");

    private Response runAs(String userId) {
        return svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hello"), "userId", userId));
    }

    private URI linkFor(String userId) {
        Response answer = runAs(userId);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(403);
        assertThat(answer.error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
        assertThat(answer.error().path("userId").asText()).isEqualTo(userId);
        assertThat(answer.error().path("expiresAt").asText()).isNotBlank();
        return URI.create(answer.error().path("authorizationUrl").asText());
    }

    private HttpResponse<String> open(URI link) {
        return svc.host().send(HttpRequest.newBuilder(link).GET());
    }

    private HttpResponse<String> submit(URI link, Map<String, String> fields) {
        return svc.host().send(FormPost.of(link, fields));
    }

    @Test
    void anEndUserWithoutAuthorizationGetsALinkCompletesItAndThenCallsWithTheirOwnCredentials() {
        URI link = linkFor("u1");
        assertThat(link.toString()).startsWith(svc.host().uri("/authorize/").toString());
        assertThat(link.getPath().substring("/authorize/".length())).hasSizeGreaterThanOrEqualTo(43);

        HttpResponse<String> page = open(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Authorize Fixture Service").contains("name=\"account\"")
                .contains("name=\"token\" type=\"password\"");

        HttpResponse<String> wrong = submit(link, Map.of("account", "alice", "token", "bad-token"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Token not accepted").contains("value=\"alice\"").doesNotContain("bad-token");

        HttpResponse<String> done = submit(link, Map.of("account", "alice", "token", "good-alice-token"));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("all set");

        Response ran = runAs("u1");
        assertThat(ran.status()).isEqualTo(200);
        assertThat(ran.body().path("result").path("account").asText()).isEqualTo("alice");

        URI secondLink = linkFor("u2");
        assertThat(secondLink).isNotEqualTo(link);
        submit(secondLink, Map.of("account", "bob", "token", "good-bob-token"));
        assertThat(runAs("u2").body().path("result").path("account").asText()).isEqualTo("bob");
        assertThat(runAs("u1").body().path("result").path("account").asText()).isEqualTo("alice");
    }

    @Test
    void aLinkWorksOnceAndUnknownOrExpiredLinksGetClearPages() throws Exception {
        URI link = linkFor("u1");
        submit(link, Map.of("account", "alice", "token", "good-alice-token"));

        HttpResponse<String> reused = submit(link, Map.of("account", "mallory", "token", "good-mallory-token"));
        assertThat(reused.statusCode()).isEqualTo(410);
        assertThat(reused.body()).contains("already used");
        assertThat(open(link).body()).contains("already used");
        assertThat(runAs("u1").body().path("result").path("account").asText()).isEqualTo("alice");

        HttpResponse<String> unknown = open(svc.host().uri("/authorize/not-a-real-token"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("not valid");

        URI expiring = linkFor("u3");
        try (Connection db = DriverManager.getConnection(io.integrationhost.host.storage.Database.embeddedUrl(svc.root().resolve("data")))) {
            db.createStatement().executeUpdate("UPDATE authorization_link SET expires_at = 0 WHERE user_id = 'u3'");
        }
        HttpResponse<String> expired = open(expiring);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("expired");
        assertThat(submit(expiring, Map.of("account", "carol", "token", "good-carol")).statusCode()).isEqualTo(410);
    }

    @Test
    void linksExpiredForMoreThanADayAreRemovedAsNewOnesAreIssuedAndRecentlyExpiredOnesStillSaySo() throws Exception {
        URI longGone = linkFor("u5");
        URI justExpired = linkFor("u6");
        long anHourAgo = System.currentTimeMillis() - 3_600_000L;
        long twoDaysAgo = System.currentTimeMillis() - 2 * 86_400_000L;
        try (Connection db = DriverManager.getConnection(io.integrationhost.host.storage.Database.embeddedUrl(svc.root().resolve("data")))) {
            db.createStatement().executeUpdate("UPDATE authorization_link SET expires_at = " + twoDaysAgo + " WHERE user_id = 'u5'");
            db.createStatement().executeUpdate("UPDATE authorization_link SET expires_at = " + anHourAgo + " WHERE user_id = 'u6'");
        }

        linkFor("u7");

        assertThat(open(longGone).statusCode()).as("removed: an unknown link").isEqualTo(404);
        assertThat(open(justExpired).statusCode()).isEqualTo(410);
        assertThat(open(justExpired).body()).contains("expired");
    }

    @Test
    void presetsAreHiddenFromTheEndUserAndUsedForTheirCalls() {
        Response preset = svc.host().put("/api/authorization-profiles/" + svc.profileId(), Map.of("presets", Map.of("account", "acme-corp")));
        assertThat(preset.status()).as(preset.raw().body()).isEqualTo(200);

        URI link = linkFor("u1");
        String page = open(link).body();
        assertThat(page).doesNotContain("name=\"account\"").contains("name=\"token\"");
        assertThat(submit(link, Map.of("token", "good-token")).statusCode()).isEqualTo(200);

        assertThat(runAs("u1").body().path("result").path("account").asText()).isEqualTo("acme-corp");
    }

    @Test
    void administratorsListAndRevokeEndUsersAndAnUpstream401AsksTheUserAgain() {
        URI link = linkFor("u1");
        submit(link, Map.of("account", "alice", "token", "good-alice-token"));

        JsonNode users = svc.host().getJson("/api/integrations/svc/users");
        assertThat(users).hasSize(1);
        assertThat(users.get(0).path("userId").asText()).isEqualTo("u1");
        assertThat(users.toString()).doesNotContain("good-alice-token").doesNotContain("alice");

        Response rejected = svc.host().post("/api/integrations/svc/actions/reject", Map.of("userId", "u1"));
        assertThat(rejected.status()).isEqualTo(403);
        assertThat(rejected.error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
        assertThat(rejected.error().path("message").asText()).contains("Token revoked");
        assertThat(rejected.error().path("authorizationUrl").asText()).contains("/authorize/");
        assertThat(svc.host().getJson("/api/integrations/svc").path("status").asText()).isEqualTo("ENABLED");
        assertThat(svc.host().getJson("/api/integrations/svc/users")).isEmpty();

        submit(URI.create(rejected.error().path("authorizationUrl").asText()), Map.of("account", "alice", "token", "good-again"));
        assertThat(svc.host().delete("/api/integrations/svc/users/u1").status()).isEqualTo(204);
        assertThat(runAs("u1").error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
        assertThat(svc.host().delete("/api/integrations/svc/users/u1").status()).isEqualTo(404);
    }

    @Test
    void aUserAuthorizedCallWithoutAUserIdIsRefusedClearly() {
        Response missing = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi")));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error().path("message").asText()).contains("userId");
    }

    @Test
    void aProfileInUseCannotBeDeletedAndNamesAreUnique() {
        Response inUse = svc.host().delete("/api/authorization-profiles/" + svc.profileId());
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.error().path("kind").asText()).isEqualTo("PROFILE_IN_USE");
        assertThat(inUse.error().path("usedBy").toString()).contains("svc");

        Response duplicate = svc.host().post("/api/authorization-profiles", Map.of("name", "Fixture users", "type", "fixture-token"));
        assertThat(duplicate.status()).isEqualTo(409);
        Response unknownType = svc.host().post("/api/authorization-profiles", Map.of("name", "Other", "type", "nope"));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.error().path("message").asText()).contains("nope");

        JsonNode listed = svc.host().getJson("/api/authorization-profiles");
        assertThat(listed.get(0).path("usedBy").toString()).contains("svc");
        assertThat(svc.host().getJson("/api/authorization-profile-types").get(0).path("id").asText()).isEqualTo("fixture-token");
    }

    @Test
    void aProfileTestChecksPresetsAndEnteredValuesWithThePlugin() {
        Response good = svc.host().post("/api/authorization-profiles/" + svc.profileId() + "/test",
                Map.of("values", Map.of("account", "alice", "token", "good-token")));
        assertThat(good.body().path("successful").asBoolean()).isTrue();

        Response bad = svc.host().post("/api/authorization-profiles/" + svc.profileId() + "/test",
                Map.of("values", Map.of("account", "alice", "token", "nope")));
        assertThat(bad.body().path("successful").asBoolean()).isFalse();
        assertThat(bad.body().path("message").asText()).contains("Token not accepted");
    }
}

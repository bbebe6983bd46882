package io.integrationhost.host.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the API accepts as input: one JSON value per body with each member named once, names without control
 * characters, query parameters in their range. Anything else is refused whole, before anything is stored or run.
 */
class InputRulesTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.service("svc");

    @Test
    void aBodyWithDataAfterItsJsonValueIsRefusedAndNothingIsCreated() {
        for (String body : new String[] {"{\"name\":\"p\",\"type\":\"fixture-token\"} xyz",
                "{\"name\":\"p\",\"type\":\"fixture-token\"} {\"name\":\"q\"}", "{\"name\":\"p\",\"type\":\"fixture-token\"}]"}) {
            Response refused = svc.host().post("/api/authorization-profiles", body);

            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.error().path("kind").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(refused.error().path("message").asText()).contains("more after its JSON value");
        }
        assertThat(svc.host().getJson("/api/authorization-profiles")).isEmpty();
        assertThat(svc.host().post("/api/authorization-profiles", "{\"name\":\"p\",\"type\":\"fixture-token\"}\n  ").status())
                .as("white space after the value is no data").isEqualTo(201);
    }

    @Test
    void aMemberNamedTwiceIsRefusedAtAnyDepthIncludingAnActionsInput() {
        Response profile = svc.host().post("/api/authorization-profiles",
                "{\"name\":\"First\",\"name\":\"Second\",\"type\":\"fixture-token\"}");
        svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", "good-token")));
        svc.host().post("/api/integrations/svc/enable", null);
        Response action = svc.host().post("/api/integrations/svc/actions/echo", "{\"input\":{\"text\":\"a\",\"text\":\"b\"}}");
        Response values = svc.host().put("/api/integrations/svc/authorization",
                "{\"mode\":\"PRE_AUTHORIZED\",\"values\":{\"account\":\"acme\",\"account\":\"other\",\"token\":\"good-x\"}}");

        for (Response refused : new Response[] {profile, action, values}) {
            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
            assertThat(refused.error().path("kind").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(refused.error().path("message").asText()).contains("twice");
        }
        assertThat(profile.error().path("message").asText()).contains("'name'");
        assertThat(action.error().path("message").asText()).contains("'text'");
        assertThat(svc.host().getJson("/api/authorization-profiles")).isEmpty();
        assertThat(svc.host().getJson("/api/integrations/svc").path("configuration").path("values").path("account").asText())
                .isEqualTo("acme");
        assertThat(svc.host().getJson("/api/audit?integrationId=svc").toString()).doesNotContain("action.run");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithoutQuotingIt() {
        svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", "good-token")));

        Response refused = svc.host().put("/api/integrations/svc/authorization",
                "{\"mode\":\"PRE_AUTHORIZED\",\"values\":{\"token\": good-unquoted-secret}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("kind").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(refused.raw().body()).doesNotContain("good-unquoted-secret");
    }

    @Test
    void aMemberOfTheWrongJsonTypeIsRefusedNamingItAndTheTypeItMustHave() {
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("'mode' must be a string.", status(svc.host().put("/api/integrations/svc/authorization",
                "{\"mode\": 5, \"values\": {}}")));
        refusals.put("'values' must be a JSON object.", status(svc.host().put("/api/integrations/svc/authorization",
                "{\"mode\": \"PRE_AUTHORIZED\", \"values\": \"account=acme\"}")));
        refusals.put("'profileId' must be a string.", status(svc.host().put("/api/integrations/svc/authorization",
                "{\"mode\": \"USER_AUTHORIZED\", \"profileId\": {\"id\": \"x\"}}")));
        refusals.put("'name' must be a string.", status(svc.host().post("/api/authorization-profiles",
                "{\"name\": true, \"type\": \"fixture-token\"}")));
        refusals.put("'presets' must be a JSON object.", status(svc.host().post("/api/authorization-profiles",
                "{\"name\": \"p\", \"type\": \"fixture-token\", \"presets\": [\"acme\"]}")));
        refusals.put("'userId' must be a string.", status(svc.host().post("/api/integrations/svc/actions/echo",
                "{\"input\": {\"text\": \"a\"}, \"userId\": 1001}")));

        refusals.forEach((message, answer) -> assertThat(answer).isEqualTo("400 INVALID_REQUEST " + message));
        assertThat(svc.host().getJson("/api/authorization-profiles")).isEmpty();
        assertThat(svc.host().getJson("/api/integrations/svc").path("configured").asBoolean()).isFalse();
    }

    @Test
    void membersABodyDoesNotHaveAreIgnored() {
        Response created = svc.host().post("/api/authorization-profiles",
                "{\"name\": \"p\", \"type\": \"fixture-token\", \"color\": 5, \"tags\": [\"x\"]}");

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.body().path("name").asText()).isEqualTo("p");
    }

    private static String status(Response answer) {
        return answer.status() + " " + answer.error().path("kind").asText() + " " + answer.error().path("message").asText();
    }

    @Test
    void aProfileNameOrDescriptionWithControlCharactersIsRefusedNamingTheField() {
        Response escape = svc.host().post("/api/authorization-profiles", Map.of("name", "Staff\u001b[2J", "type", "fixture-token"));
        Response lineBreak = svc.host().post("/api/authorization-profiles", Map.of("name", "Staff\nAdmins", "type", "fixture-token"));
        Response description = svc.host().post("/api/authorization-profiles",
                Map.of("name", "Staff", "type", "fixture-token", "description", "Bell\u0007"));

        assertThat(violatedField(escape)).isEqualTo("name");
        assertThat(violatedField(lineBreak)).isEqualTo("name");
        assertThat(violatedField(description)).isEqualTo("description");
        assertThat(svc.host().getJson("/api/authorization-profiles")).isEmpty();

        Response created = svc.host().post("/api/authorization-profiles",
                Map.of("name", "Staff", "type", "fixture-token", "description", "Line one\nLine two\twith a tab"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(violatedField(svc.host().put("/api/authorization-profiles/" + id, Map.of("name", "Staff\u0000"))))
                .isEqualTo("name");
        assertThat(svc.host().getJson("/api/authorization-profiles/" + id).path("name").asText()).isEqualTo("Staff");
    }

    @Test
    void anAuditQueryParameterOutOfRangeOrOfTheWrongFormIsRefusedNamingItAndItsRange() {
        for (String query : new String[] {"limit=-1", "limit=0", "limit=1001", "limit=ten", "limit=", "limit=5&limit=6"}) {
            Response refused = svc.host().call("GET", "/api/audit?" + query, null);

            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(violatedField(refused)).as(query).isEqualTo("limit");
        }
        assertThat(svc.host().call("GET", "/api/audit?limit=-1", null).error().path("violations").get(0).path("message").asText())
                .contains("1 to 1000");
        assertThat(violatedField(svc.host().call("GET", "/api/audit?integrationId=svc%01", null))).isEqualTo("integrationId");
        assertThat(violatedField(svc.host().call("GET", "/api/audit?integrationId=" + "a".repeat(64), null)))
                .isEqualTo("integrationId");

        assertThat(svc.host().call("GET", "/api/audit?limit=1000&integrationId=svc", null).status()).isEqualTo(200);
        assertThat(svc.host().call("GET", "/api/audit?limit=1", null).status()).isEqualTo(200);
        for (String action : new String[] {"Plugin.installed", "plugin installed", "a".repeat(65), ".x"}) {
            assertThat(violatedField(svc.host().call("GET", "/api/audit?action=" + action.replace(" ", "%20"), null)))
                    .as(action).isEqualTo("action");
        }
    }

    @Test
    void theAuditTrailKeepsOnlyTheEntriesOfTheActionAsked() {
        svc.host().enablePreAuthorized("svc");
        for (int i = 0; i < 3; i++) {
            assertThat(svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"))).status())
                    .isEqualTo(200);
        }

        JsonNode stored = svc.host().getJson("/api/audit?integrationId=svc&action=credentials.stored");
        JsonNode runs = svc.host().getJson("/api/audit?action=action.run&limit=2");

        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("action").asText()).isEqualTo("credentials.stored");
        assertThat(runs).hasSize(2).allSatisfy(entry -> assertThat(entry.path("action").asText()).isEqualTo("action.run"));
        assertThat(svc.host().getJson("/api/audit?action=plugin.nothing-such")).isEmpty();
    }

    @Test
    void anEndUsersFormWithAFieldSentTwiceIsAskedAgainAndStoresNothing() {
        svc.host().enableUserAuthorized("svc", "Users");
        URI link = svc.host().authorizationLink("svc", "u1");

        HttpResponse<String> refused = svc.host().send(HttpRequest.newBuilder(link)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("account=alice&token=good-one&token=good-two")));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("was sent more than once").contains("<form");
        assertThat(svc.host().getJson("/api/integrations/svc/users")).isEmpty();
    }

    private static String violatedField(Response refused) {
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
        assertThat(refused.error().path("kind").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.error().path("violations")).hasSize(1);
        return refused.error().path("violations").get(0).path("field").asText();
    }
}

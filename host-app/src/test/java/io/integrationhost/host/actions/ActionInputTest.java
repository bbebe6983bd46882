package io.integrationhost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the host makes of an action's input before the plugin is called: the input schema's defaults are filled in, so
 * the plugin receives what the schema promises, and what breaks the schema is refused in words a client can act on.
 */
class ActionInputTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.on("svc", serviceWithARicherEchoInput()).preAuthorized();

    /** The fixture service, its echo input given a default, an object with a defaulted member, a pattern and an enum. */
    private static FixturePlugins serviceWithARicherEchoInput() {
        String echoProperties = "\"properties\": {\"text\": {\"type\": \"string\", \"minLength\": 1},";
        String descriptor = FixturePlugins.serviceDescriptorFor("svc");
        assertThat(descriptor).contains(echoProperties);
        return FixturePlugins.service("svc").descriptor(descriptor.replace(echoProperties, echoProperties
                + "\"greeting\": {\"type\": \"string\", \"default\": \"hello\"},"
                + "\"paging\": {\"type\": \"object\", \"properties\": {\"size\": {\"type\": \"integer\", \"default\": 50}}},"
                + "\"code\": {\"type\": \"string\", \"pattern\": \"^[A-Z]{3}$\", \"examples\": [\"ABC\"]},"
                + "\"level\": {\"enum\": [\"low\", \"high\"]},"));
    }

    @Test
    void aPropertyTheInputLeavesOutReachesThePluginWithItsDefault() {
        Response ran = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi", "paging", Map.of())));

        assertThat(ran.status()).as(ran.raw().body()).isEqualTo(200);
        assertThat(ran.body().path("result").path("input").path("greeting").asText()).isEqualTo("hello");
        assertThat(ran.body().path("result").path("input").path("paging").path("size").asInt()).isEqualTo(50);
        assertThat(ran.body().path("result").path("input").path("text").asText()).isEqualTo("hi");
    }

    @Test
    void aValueTheClientGivesIsKeptAndAnObjectTheClientLeavesOutIsNotMadeUp() {
        Response ran = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi", "greeting", "hey")));

        assertThat(ran.status()).as(ran.raw().body()).isEqualTo(200);
        assertThat(ran.body().path("result").path("input").path("greeting").asText()).isEqualTo("hey");
        assertThat(ran.body().path("result").path("input").has("paging")).isFalse();
    }

    @Test
    void anExplicitNullIsTheClientsValueAndTheSchemaJudgesIt() {
        Map<String, Object> input = new HashMap<>(Map.of("text", "hi"));
        input.put("greeting", null);

        Response refused = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", input));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("violations").toString()).contains("greeting");
    }

    @Test
    void aRequiredPropertyWithoutADefaultMustStillBeSent() {
        Response refused = svc.host().post("/api/integrations/svc/actions/echo", Map.of("input", Map.of()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("kind").asText()).isEqualTo("INVALID_INPUT");
        assertThat(refused.error().path("violations").toString()).contains("text");
    }

    @Test
    void aValueOutOfFormatIsRefusedWithAnExampleNeverWithTheRegularExpressionOrTheValueItself() {
        Response refused = svc.host().post("/api/integrations/svc/actions/echo",
                Map.of("input", Map.of("text", "hi", "code", "abc-private", "level", "private-level")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("kind").asText()).isEqualTo("INVALID_INPUT");
        assertThat(refused.error().path("violations")).extracting(JsonNode::asText).containsExactly(
                "$.code: is not in the expected format, such as \"ABC\"",
                "$.level: must be one of low, high");
        assertThat(refused.raw().body()).doesNotContain("[A-Z]", "regex", "abc-private", "private-level");
    }
}

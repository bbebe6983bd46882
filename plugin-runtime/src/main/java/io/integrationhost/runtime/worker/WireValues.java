package io.integrationhost.runtime.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.api.AccessToken;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform API's values as the channel carries them: credentials (with an access token), a plugin's typed
 * error and a connection check. Both sides use these, so a value reads back as it was written.
 */
final class WireValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireValues() {
    }

    static ObjectNode credentials(Credentials credentials) {
        ObjectNode node = NODES.objectNode();
        ObjectNode values = node.putObject("values");
        for (String key : credentials.keys()) {
            values.put(key, credentials.get(key).orElse(null));
        }
        credentials.accessToken().ifPresent(token -> node.putObject("accessToken").put("value", token.value())
                .put("type", token.type()));
        return node;
    }

    static Credentials credentials(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.path("values").fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        JsonNode token = node.path("accessToken");
        return token.isObject()
                ? Credentials.withAccessToken(values, new AccessToken(token.path("value").asText(), text(token, "type")))
                : Credentials.of(values);
    }

    static ObjectNode error(IntegrationError error) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", error.kind().name());
        node.put("message", error.message());
        node.put("remedy", error.remedy());
        if (error.upstreamStatus() != null) {
            node.put("upstreamStatus", error.upstreamStatus());
        }
        node.put("upstreamDetail", error.upstreamDetail());
        node.put("requestId", error.requestId());
        if (error.retryAfter() != null) {
            node.put("retryAfterMillis", error.retryAfter().toMillis());
        }
        return node;
    }

    /** A typed error; a kind this side does not know (a newer worker) reads as the kind it falls back to. */
    static IntegrationError error(JsonNode node) {
        ErrorKind kind;
        try {
            kind = ErrorKind.valueOf(node.path("kind").asText());
        } catch (IllegalArgumentException e) {
            kind = ErrorKind.INTERNAL;
        }
        JsonNode retryAfter = node.path("retryAfterMillis");
        return new IntegrationError(kind, node.path("message").asText(""), text(node, "remedy"),
                node.path("upstreamStatus").isInt() ? node.path("upstreamStatus").intValue() : null,
                text(node, "upstreamDetail"), text(node, "requestId"),
                retryAfter.canConvertToLong() ? Duration.ofMillis(Math.max(0, retryAfter.longValue())) : null);
    }

    static ObjectNode check(ConnectionCheck check) {
        ObjectNode node = NODES.objectNode();
        node.put("successful", check.successful());
        node.put("message", check.message());
        if (check.error() != null) {
            node.set("error", error(check.error()));
        }
        return node;
    }

    static ConnectionCheck check(JsonNode node) {
        String message = node.path("message").asText("");
        return node.path("successful").asBoolean()
                ? ConnectionCheck.ok(message)
                : new ConnectionCheck(false, message, error(node.path("error")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

package io.integrationhost.host.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.host.error.HostException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads request bodies, answering malformed ones with a clear 400 instead of a failure. */
final class Bodies {

    private static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_BYTES = 256 * 1024;

    private Bodies() {
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static JsonNode object(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BYTES) {
            throw new HostException(413, "BODY_TOO_LARGE", "The request body is larger than " + MAX_BYTES + " bytes.",
                    "Send a smaller body.", Map.of());
        }
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw HostException.badRequest("The request body is not valid JSON.", "Send a JSON object.");
        }
        if (node == null || !node.isObject()) {
            throw HostException.badRequest("The request body must be a JSON object.", "Send a JSON object.");
        }
        return node;
    }

    /** A text member, or {@code null}; anything else but text is refused. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw HostException.badRequest("'" + field + "' must be a string.", "Send '" + field + "' as a JSON string.");
        }
        return value.asText();
    }

    /** An object member as a map of its members (values kept as sent), or {@code null}. */
    static Map<String, Object> map(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw HostException.badRequest("'" + field + "' must be a JSON object.", "Send '" + field + "' as an object.");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> map.put(entry.getKey(),
                entry.getValue().isTextual() ? entry.getValue().asText() : JSON.convertValue(entry.getValue(), Object.class)));
        return map;
    }
}

package io.integrationhost.host.web;

import io.integrationhost.runtime.json.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.host.storage.Columns;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;

/**
 * Reads request bodies into their records, answering malformed ones with a clear 400 instead of a failure: not JSON,
 * more after the value, a member named twice, not an object, or a member of the wrong type. Members the record does
 * not have are ignored. A body is read only up to its limit, so an oversized one is refused without being held in
 * memory.
 */
final class Bodies {

    /**
     * The host's one mapper, refusing also to read a number or a boolean as text: Jackson would take {@code "mode": 5}
     * as "5", where the API answers that 'mode' must be a string.
     */
    private static final ObjectMapper JSON = textOnlyAsText(Json.mapper());
    /** Reads one value and leaves what follows to {@link #trailing}, which says what is wrong with it. */
    private static final ObjectReader TREE = JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final int MAX_BYTES = 256 * 1024;

    private Bodies() {
    }

    /** The body as a {@code type} record; an empty body is an empty object, so every member is absent. */
    static <T extends Record> T read(Context ctx, Class<T> type) {
        JsonNode body = object(ctx);
        try {
            return JSON.treeToValue(body, type);
        } catch (MismatchedInputException wrongType) {
            throw wrongType(wrongType);
        } catch (IOException e) {
            throw notJson();
        }
    }

    private static ObjectMapper textOnlyAsText(ObjectMapper mapper) {
        for (CoercionInputShape scalar : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Map).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /** A member whose JSON type is not its record component's, named with the type it must have. */
    private static HostException wrongType(MismatchedInputException e) {
        String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
        if (field == null) {
            return notJson();
        }
        Class<?> expected = e.getTargetType();
        if (expected == String.class) {
            return HostException.badRequest("'" + field + "' must be a string.", "Send '" + field + "' as a JSON string.");
        }
        if (expected != null && Map.class.isAssignableFrom(expected)) {
            return HostException.badRequest("'" + field + "' must be a JSON object.", "Send '" + field + "' as an object.");
        }
        return HostException.badRequest("'" + field + "' has the wrong JSON type.", "Send '" + field + "' as the API describes it.");
    }

    private static JsonNode object(Context ctx) {
        byte[] bytes = read(ctx);
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode node = parse(bytes);
        if (node == null || !node.isObject()) {
            throw HostException.badRequest("The request body must be a JSON object.", "Send a JSON object.");
        }
        return node;
    }

    private static byte[] read(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = ctx.bodyInputStream().readNBytes(MAX_BYTES + 1);
        } catch (IOException | RuntimeException brokenOff) {
            throw unreadable();
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    private static JsonNode parse(byte[] bytes) {
        try (JsonParser parser = JSON.createParser(bytes)) {
            JsonNode node;
            try {
                node = TREE.readTree(parser);
            } catch (StreamReadException e) {
                // Jackson's own words may quote the body, which can hold a secret; only a duplicated name is repeated.
                String name = parser.currentName();
                if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field") && name != null) {
                    throw HostException.badRequest("The request body names '" + Columns.fit(name, 100)
                            + "' twice in one object.", "Send each member once.");
                }
                throw notJson();
            }
            if (trailing(parser)) {
                throw HostException.badRequest("The request body has more after its JSON value.",
                        "Send one JSON object and nothing after it.");
            }
            return node;
        } catch (IOException e) {
            throw notJson();
        }
    }

    private static boolean trailing(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (StreamReadException e) {
            return true;
        }
    }

    private static HostException notJson() {
        return HostException.badRequest("The request body is not valid JSON.", "Send a JSON object.");
    }

    private static HostException tooLarge() {
        return new HostException(FailureKind.BODY_TOO_LARGE, "The request body is larger than " + MAX_BYTES + " bytes.",
                "Send a smaller body.");
    }

    /** A body that broke off (its connection closed or timed out), or whose length or chunks do not add up. */
    private static HostException unreadable() {
        return HostException.badRequest("The request body could not be read whole: it broke off, or its length or"
                + " chunked encoding is wrong.", "Send the whole body, as long as its Content-Length says.");
    }
}

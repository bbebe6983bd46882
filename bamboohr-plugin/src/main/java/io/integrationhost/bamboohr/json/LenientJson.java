package io.integrationhost.bamboohr.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads BambooHR's JSON as the real API sends it, not as its description promises, and turns results into the
 * plain JSON-like values ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code null})
 * the platform expects.
 *
 * <p>What the real API does that a strict reader trips over: ids and amounts arrive as strings or numbers
 * ({@code "id":"4"}, {@code "amount":"5"}); flags arrive as {@code 1}/{@code 0}; unset values are {@code null};
 * an empty object is sometimes written as {@code []} (a PHP habit); and several collections are objects keyed
 * by id instead of arrays. The model records declare ids as {@code String}, amounts as {@code BigDecimal} and
 * flags as {@code Boolean}, and this mapper coerces into them.
 */
public final class LenientJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT, true)
            .configure(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .addModule(new SimpleModule("bamboohr-lenient").addDeserializer(Boolean.class, new LenientFlagDeserializer()))
            .build();

    private LenientJson() {
    }

    /** Parses a body; throws when it is not JSON at all. */
    public static JsonNode parse(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    /** Serialises a request body. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The request body cannot be written as JSON", e);
        }
    }

    /**
     * Reads one node into a model type.
     *
     * @throws MalformedJsonException when the node cannot be read as that type even leniently
     */
    public static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedJsonException("a " + type.getSimpleName() + " could not be read", e);
        }
    }

    /**
     * The members of a collection that BambooHR sends either as an array or as an object keyed by id. Members of
     * a keyed object that lack {@code idField} get their key as id, so no id is lost in the conversion.
     * A missing or {@code null} collection is empty.
     */
    public static <T> List<T> readList(JsonNode collection, String idField, Class<T> type) {
        List<T> members = new ArrayList<>();
        for (JsonNode member : members(collection, idField)) {
            members.add(read(member, type));
        }
        return List.copyOf(members);
    }

    /** The {@code id} of a JSON object, sent as a string or a number, or empty when it has none. */
    public static Optional<String> id(JsonNode object) {
        JsonNode id = object.path("id");
        return id.isTextual() || id.isNumber() ? Optional.of(id.asText()).filter(text -> !text.isBlank())
                : Optional.empty();
    }

    /**
     * One open-ended record, such as an employee whose fields depend on the company's configuration, as a map:
     * {@code idField} becomes a string and each of {@code flagFields} a boolean; other values are kept as sent.
     */
    public static Map<String, Object> readRecord(JsonNode record, String idField, Set<String> flagFields) {
        if (record == null || !record.isObject()) {
            throw new MalformedJsonException("a record is not a JSON object", null);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : record.properties()) {
            Object value;
            if (field.getKey().equals(idField)) {
                value = read(field.getValue(), String.class);
            } else if (flagFields.contains(field.getKey())) {
                value = read(field.getValue(), Boolean.class);
            } else {
                value = MAPPER.convertValue(field.getValue(), Object.class);
            }
            values.put(field.getKey(), value);
        }
        return values;
    }

    /** Like {@link #readRecord} for each member of an array or keyed object. */
    public static List<Map<String, Object>> readRecords(JsonNode collection, String idField, Set<String> flagFields) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (JsonNode member : members(collection, idField)) {
            records.add(readRecord(member, idField, flagFields));
        }
        return records;
    }

    /**
     * A result (records, maps, lists, scalars) as plain JSON-like values, so nothing of the plugin's own types
     * crosses into the host.
     */
    public static Object toPlain(Object result) {
        return result == null ? null : MAPPER.convertValue(result, Object.class);
    }

    private static List<JsonNode> members(JsonNode collection, String idField) {
        if (collection == null || collection.isNull() || collection.isMissingNode()) {
            return List.of();
        }
        List<JsonNode> members = new ArrayList<>();
        if (collection.isArray()) {
            collection.forEach(members::add);
        } else if (collection.isObject()) {
            collection.properties().forEach(entry -> members.add(withId(entry.getValue(), idField, entry.getKey())));
        } else {
            throw new MalformedJsonException("a collection is neither an array nor an object", null);
        }
        return members;
    }

    private static JsonNode withId(JsonNode member, String idField, String key) {
        if (member instanceof ObjectNode object && !object.hasNonNull(idField)) {
            ObjectNode copy = object.deepCopy();
            copy.put(idField, key);
            return copy;
        }
        return member;
    }
}

package io.integrationhost.host.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.runtime.json.Json;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Non-secret values, and the names of the secrets that are set, as stored in a text column. */
public final class ValuesJson {

    private static final ObjectMapper JSON = Json.mapper();
    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() { };
    private static final TypeReference<Set<String>> KEYS = new TypeReference<>() { };

    private ValuesJson() {
    }

    public static String write(Map<String, String> values) {
        return written(values);
    }

    public static Map<String, String> read(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, VALUES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored values are not valid JSON", e);
        }
    }

    /** The names, sorted, so that the same set is always stored as the same text; {@code null} for {@code null}. */
    public static String writeKeys(Set<String> keys) {
        return keys == null ? null : written(new TreeSet<>(keys));
    }

    /** The names {@link #writeKeys} stored; {@code null} when none were recorded. */
    public static Set<String> readKeys(String json) {
        try {
            return json == null ? null : JSON.readValue(json, KEYS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored secret names are not valid JSON", e);
        }
    }

    private static String written(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

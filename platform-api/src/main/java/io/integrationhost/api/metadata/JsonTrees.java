package io.integrationhost.api.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of JSON-like trees (maps, lists, scalars), for the schemas metadata records hold: a
 * record copies what it is given, so neither the plugin's map nor a caller of its accessor can change a schema the
 * host has already checked. Keeps key order and {@code null} values, which JSON Schema documents may contain.
 */
final class JsonTrees {

    private JsonTrees() {
    }

    /** An unmodifiable copy of {@code tree}, nested maps and lists included; {@code null} stays {@code null}. */
    static Map<String, Object> immutableCopy(Map<String, ?> tree) {
        if (tree == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        tree.forEach((key, value) -> copy.put(key, immutableValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object immutableValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return immutableCopy((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(immutableValue(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}

package io.integrationhost.api.metadata;

import java.util.Map;
import java.util.Objects;

/**
 * One action an integration offers.
 *
 * @param id stable identifier, used in URLs ({@code get-employee})
 * @param name display name
 * @param description what it does, for a person choosing it
 * @param inputSchema JSON Schema (2020-12) of the input object; the host validates every input against it. Held as
 *     an unmodifiable deep copy, nested maps and lists included.
 * @param output what the action returns
 */
public record ActionSpec(String id, String name, String description, Map<String, Object> inputSchema,
                         OutputSpec output) {

    public ActionSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        inputSchema = inputSchema == null ? Map.of("type", "object") : JsonTrees.immutableCopy(inputSchema);
    }

    /**
     * What an action returns.
     *
     * @param description the result in words
     * @param schema JSON Schema of the result, or {@code null} when it varies; held as an unmodifiable deep copy
     */
    public record OutputSpec(String description, Map<String, Object> schema) {

        public OutputSpec {
            schema = JsonTrees.immutableCopy(schema);
        }
    }
}

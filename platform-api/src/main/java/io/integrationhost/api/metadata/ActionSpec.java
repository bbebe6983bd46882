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
 * @param effect whether the action only reads data or changes it; a descriptor that does not say is read as
 *     {@link Effect#WRITE}, the cautious reading: a screen then asks before running it
 */
public record ActionSpec(String id, String name, String description, Map<String, Object> inputSchema,
                         OutputSpec output, Effect effect) {

    public ActionSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        inputSchema = inputSchema == null ? Map.of("type", "object") : JsonTrees.immutableCopy(inputSchema);
        effect = effect == null ? Effect.WRITE : effect;
    }

    /** An action whose effect is not stated: it is taken to change data ({@link Effect#WRITE}). */
    public ActionSpec(String id, String name, String description, Map<String, Object> inputSchema, OutputSpec output) {
        this(id, name, description, inputSchema, output, Effect.WRITE);
    }

    /** What running an action does to the data of the system it calls. */
    public enum Effect {
        /** It only reads: running it again or by mistake changes nothing. */
        READ,
        /** It creates, changes or deletes data. */
        WRITE
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

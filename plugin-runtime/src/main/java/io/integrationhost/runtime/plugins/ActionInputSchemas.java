package io.integrationhost.runtime.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ApplyDefaultsStrategy;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.runtime.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input schemas of one descriptor's actions, compiled once when the plugin loads so that a call
 * only validates. Formats such as {@code date} are asserted, not just annotated, and a property's
 * {@code default} is filled in when the input leaves the property out, so the plugin receives what the
 * schema promises a client.
 */
public final class ActionInputSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            // Absent properties only: an explicit null is the client's own value, which the schema then judges.
            .applyDefaultsStrategy(new ApplyDefaultsStrategy(true, false, false))
            .build();

    private final Map<String, JsonSchema> byActionId;

    private ActionInputSchemas(Map<String, JsonSchema> byActionId) {
        this.byActionId = Map.copyOf(byActionId);
    }

    /** Compiles every action's input schema of {@code descriptor}. */
    public static ActionInputSchemas compile(IntegrationDescriptor descriptor) {
        Map<String, JsonSchema> compiled = new HashMap<>();
        for (ActionSpec action : descriptor.actions()) {
            compiled.putIfAbsent(action.id(), compile(Json.asIs(action.inputSchema())));
        }
        return new ActionInputSchemas(compiled);
    }

    /** One JSON Schema compiled as the host compiles input schemas: draft 2020-12, formats asserted. */
    public static JsonSchema compile(JsonNode schema) {
        return FACTORY.getSchema(schema, CONFIG);
    }

    /**
     * An action's input as the plugin receives it, and every way it breaks the schema.
     *
     * @param input the input with the schema's defaults filled in (a copy; the client's input is left as it is)
     * @param violations sentences naming the field; empty when the input is valid
     */
    public record Checked(JsonNode input, List<String> violations) {

        public Checked {
            violations = List.copyOf(violations);
        }

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /**
     * Fills in the schema's defaults for the properties {@code input} leaves out, then validates the result: what
     * is checked is what the plugin receives. An unknown action's input is returned as it is, with no violation.
     */
    public Checked check(String actionId, JsonNode input) {
        JsonSchema schema = byActionId.get(actionId);
        if (schema == null) {
            return new Checked(input, List.of());
        }
        JsonNode completed = input.deepCopy();
        schema.walk(completed, false);
        // In words, never a raw regular expression: the client reads these (INVALID_INPUT), and so may its end user.
        SchemaMessages messages = SchemaMessages.ofInput(schema.getSchemaNode());
        return new Checked(completed, schema.validate(completed).stream().map(finding -> messages.describe(finding, "$"))
                .sorted().toList());
    }

    /**
     * Every way {@code input}, with the schema's defaults filled in, breaks the action's input schema, as sentences
     * naming the field; empty when it is valid or the action is unknown.
     */
    public List<String> violations(String actionId, JsonNode input) {
        return check(actionId, input).violations();
    }
}

package io.integrationhost.host.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input schemas of one descriptor's actions, compiled once when the plugin loads so that a call
 * only validates. Formats such as {@code date} are asserted, not just annotated.
 */
public final class ActionInputSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private final Map<String, JsonSchema> byActionId;

    private ActionInputSchemas(Map<String, JsonSchema> byActionId) {
        this.byActionId = Map.copyOf(byActionId);
    }

    /** Compiles every action's input schema of {@code descriptor}. */
    public static ActionInputSchemas compile(IntegrationDescriptor descriptor) {
        Map<String, JsonSchema> compiled = new HashMap<>();
        for (ActionSpec action : descriptor.actions()) {
            compiled.putIfAbsent(action.id(), compile(MAPPER.valueToTree(action.inputSchema())));
        }
        return new ActionInputSchemas(compiled);
    }

    /** One JSON Schema compiled as the host compiles input schemas: draft 2020-12, formats asserted. */
    public static JsonSchema compile(JsonNode schema) {
        return FACTORY.getSchema(schema, CONFIG);
    }

    /**
     * Every way {@code input} breaks the action's input schema, as sentences naming the field; empty when
     * it is valid or the action is unknown.
     */
    public List<String> violations(String actionId, JsonNode input) {
        return Optional.ofNullable(byActionId.get(actionId))
                .map(schema -> schema.validate(input).stream().map(ValidationMessage::getMessage).sorted().toList())
                .orElse(List.of());
    }
}

package io.integrationhost.runtime.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an action's input schema must be beyond a valid JSON Schema: one the host's validator resolves whole
 * without fetching anything, and one from which a form can be built.
 */
final class InputSchemaRules {

    private InputSchemaRules() {
    }

    /** Adds every way {@code inputSchema} (a valid JSON Schema) breaks these rules to {@code found}. */
    static void check(String where, JsonNode inputSchema, List<RuleViolation> found) {
        List<String> remote = remoteReferences(inputSchema);
        if (!remote.isEmpty()) {
            found.add(new RuleViolation(PluginRule.INPUT_SCHEMAS, where + " refers to " + remote + "; the host would fetch "
                    + "them while validating a call. Put the definitions under '$defs' and refer to them as '#/$defs/...'"));
        } else {
            // The host compiles input schemas once but resolves each reference only when a call's input reaches it,
            // where an unresolvable one fails the call; resolving them all now finds that before any call does.
            try {
                ActionInputSchemas.compile(inputSchema).initializeValidators();
            } catch (RuntimeException e) {
                found.add(new RuleViolation(PluginRule.INPUT_SCHEMAS, where + " fails in the host's validator: "
                        + PluginFailures.describe(e)));
            }
        }
        JsonNode properties = inputSchema.path("properties");
        for (JsonNode name : inputSchema.path("required")) {
            if (!properties.has(name.asText())) {
                found.add(new RuleViolation(PluginRule.INPUT_SCHEMAS, where + " requires '" + name.asText() + "' but does "
                        + "not declare it under 'properties', so a form built from the schema cannot ask for it"));
            }
        }
    }

    /** Every {@code $ref} in the schema that points outside it. */
    private static List<String> remoteReferences(JsonNode schema) {
        List<String> remote = new ArrayList<>();
        if (schema.isObject()) {
            for (Map.Entry<String, JsonNode> entry : schema.properties()) {
                boolean reference = "$ref".equals(entry.getKey()) || "$dynamicRef".equals(entry.getKey());
                if (reference && entry.getValue().isTextual() && !entry.getValue().asText().startsWith("#")) {
                    remote.add(entry.getValue().asText());
                } else {
                    remote.addAll(remoteReferences(entry.getValue()));
                }
            }
        } else if (schema.isArray()) {
            schema.forEach(item -> remote.addAll(remoteReferences(item)));
        }
        return remote;
    }
}

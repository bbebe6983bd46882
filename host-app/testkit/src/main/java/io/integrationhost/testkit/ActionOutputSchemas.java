package io.integrationhost.testkit;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.runtime.json.Json;
import io.integrationhost.runtime.plugins.ActionInputSchemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code output.schema} of each action that declares one, compiled as the host compiles input schemas
 * (draft 2020-12, formats asserted). The host does not check results; the kit does, so a plugin's tests catch
 * a result that drifted from what its descriptor promises.
 */
final class ActionOutputSchemas {

    private final Map<String, JsonSchema> byActionId;

    private ActionOutputSchemas(Map<String, JsonSchema> byActionId) {
        this.byActionId = Map.copyOf(byActionId);
    }

    static ActionOutputSchemas compile(IntegrationDescriptor descriptor) {
        Map<String, JsonSchema> compiled = new HashMap<>();
        for (ActionSpec action : descriptor.actions()) {
            if (action.output() != null && action.output().schema() != null) {
                compiled.put(action.id(), ActionInputSchemas.compile(Json.asIs(action.output().schema())));
            }
        }
        return new ActionOutputSchemas(compiled);
    }

    /** Every way {@code result} breaks the action's output schema; empty when it has none or the result keeps it. */
    List<String> violations(String actionId, Object result) {
        JsonSchema schema = byActionId.get(actionId);
        if (schema == null) {
            return List.of();
        }
        try {
            return schema.validate(result == null ? null : Json.asIs(result)).stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IllegalArgumentException notJson) {
            return List.of(); // not JSON-like data at all, which the outcome reports in its own words
        }
    }
}

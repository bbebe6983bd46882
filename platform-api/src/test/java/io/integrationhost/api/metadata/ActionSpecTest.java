package io.integrationhost.api.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An action's schemas are the plugin's declaration, checked once by the host: nobody can change them afterwards. */
class ActionSpecTest {

    @Test
    void changingTheMapsItWasBuiltFromChangesNothingNestedMapsAndListsIncluded() {
        Map<String, Object> schema = mutableSchema();
        Map<String, Object> output = mutableSchema();
        ActionSpec action = new ActionSpec("get-thing", "Get a thing", null, schema,
                new ActionSpec.OutputSpec("The thing", output));

        properties(schema).put("extra", new LinkedHashMap<>(Map.of("type", "string")));
        required(schema).add("extra");
        schema.put("additionalProperties", false);
        required(output).clear();

        assertThat(action.inputSchema()).isEqualTo(mutableSchema());
        assertThat(action.output().schema()).isEqualTo(mutableSchema());
    }

    @Test
    void theSchemasItAnswersCannotBeChangedAtAnyDepth() {
        ActionSpec action = new ActionSpec("get-thing", "Get a thing", null, mutableSchema(),
                new ActionSpec.OutputSpec("The thing", mutableSchema()));

        assertThatThrownBy(() -> action.inputSchema().put("type", "array")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> properties(action.inputSchema()).remove("id")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> required(action.inputSchema()).add("name")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> anyOf = (Map<String, Object>) ((List<Object>) action.inputSchema().get("anyOf")).get(0);
        assertThatThrownBy(() -> anyOf.put("required", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> required(action.output().schema()).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCopyKeepsTheOrderOfKeysAndTheNullsASchemaMayHold() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("default", null);
        schema.put("title", "Thing");

        ActionSpec action = new ActionSpec("get-thing", "Get a thing", null, schema, null);

        assertThat(action.inputSchema().keySet()).containsExactly("type", "default", "title");
        assertThat(action.inputSchema().get("default")).isNull();
    }

    @Test
    void withoutSchemasAnActionTakesAnyObjectAndSaysNothingOfItsResult() {
        ActionSpec action = new ActionSpec("ping", "Ping", null, null, new ActionSpec.OutputSpec("Nothing", null));

        assertThat(action.inputSchema()).isEqualTo(Map.of("type", "object"));
        assertThat(action.output().schema()).isNull();
    }

    @Test
    void anActionThatDoesNotStateItsEffectIsTakenToChangeData() {
        assertThat(new ActionSpec("ping", "Ping", null, null, null).effect()).isEqualTo(ActionSpec.Effect.WRITE);
        assertThat(new ActionSpec("ping", "Ping", null, null, null, null).effect()).isEqualTo(ActionSpec.Effect.WRITE);
        assertThat(new ActionSpec("ping", "Ping", null, null, null, ActionSpec.Effect.READ).effect()).isEqualTo(ActionSpec.Effect.READ);
    }

    private static Map<String, Object> mutableSchema() {
        Map<String, Object> id = new LinkedHashMap<>(Map.of("type", "string"));
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("id", id));
        Map<String, Object> alternative = new LinkedHashMap<>(Map.of("required", new ArrayList<>(List.of("id"))));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", new ArrayList<>(List.of("id")));
        schema.put("anyOf", new ArrayList<>(List.of(alternative)));
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.get("properties");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> required(Map<String, Object> schema) {
        return (List<Object>) schema.get("required");
    }
}

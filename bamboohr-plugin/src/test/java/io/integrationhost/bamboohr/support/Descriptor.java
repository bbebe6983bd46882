package io.integrationhost.bamboohr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.integrationhost.api.PlatformApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugin's {@code integration.json}, read the way the host reads it: JSON Schema 2020-12 with formats
 * ({@code date}, {@code date-time}, {@code email}) asserted. Tests run every action input through its declared
 * schema first, so the schemas and the handlers cannot drift apart.
 */
public final class Descriptor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig ASSERT_FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> INPUT_SCHEMAS = new ConcurrentHashMap<>();

    private Descriptor() {
    }

    /** The descriptor as JSON. */
    public static JsonNode json() {
        return readResource(PlatformApi.DESCRIPTOR_RESOURCE);
    }

    /** The platform's schema for descriptors, from platform-api. */
    public static JsonSchema platformSchema() {
        return FACTORY.getSchema(readResource(PlatformApi.DESCRIPTOR_SCHEMA_RESOURCE), ASSERT_FORMATS);
    }

    /** The declared action ids, in order. */
    public static List<String> actionIds() {
        return List.copyOf(actions().keySet());
    }

    /** The declared actions by id. */
    public static Map<String, JsonNode> actions() {
        Map<String, JsonNode> actions = new LinkedHashMap<>();
        json().path("actions").forEach(action -> actions.put(action.path("id").asText(), action));
        return actions;
    }

    /** What is wrong with {@code input} for {@code actionId}, as the host's validation would say; empty when valid. */
    public static Set<ValidationMessage> problemsWith(String actionId, Map<String, Object> input) {
        JsonSchema schema = INPUT_SCHEMAS.computeIfAbsent(actionId, id -> {
            JsonNode action = actions().get(id);
            if (action == null) {
                throw new IllegalArgumentException("integration.json declares no action " + id);
            }
            return FACTORY.getSchema(action.path("inputSchema"), ASSERT_FORMATS);
        });
        return schema.validate(JSON.valueToTree(input));
    }

    private static JsonNode readResource(String name) {
        try (InputStream in = Descriptor.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

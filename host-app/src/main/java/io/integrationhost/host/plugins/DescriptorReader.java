package io.integrationhost.host.plugins;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.integrationhost.api.PlatformApi;
import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a plugin's descriptor as data and checks it: first against the JSON Schema the platform API
 * publishes, then the rules a schema cannot express (unique ids, the icon exists, each action's input
 * schema is itself a valid JSON Schema). Every violation is reported, not just the first.
 *
 * <p>The host runs it on every plugin it loads; the plugin test kit runs the same checks in a plugin's
 * own build.
 */
public final class DescriptorReader {

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final JsonSchema descriptorSchema;
    private final JsonSchema metaSchema;

    public DescriptorReader() {
        descriptorSchema = schemas.getSchema(SchemaLocation.of("classpath:" + PlatformApi.DESCRIPTOR_SCHEMA_RESOURCE));
        metaSchema = schemas.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    }

    /** The outcome: a descriptor, or every reason there is none. */
    public record Result(IntegrationDescriptor descriptor, List<String> violations) {
        public boolean valid() {
            return descriptor != null;
        }
    }

    /**
     * Reads and checks the descriptor of one plugin.
     *
     * @param resources looks a resource up in the plugin's own jar only
     */
    public Result read(Function<String, URL> resources) {
        URL url = resources.apply(PlatformApi.DESCRIPTOR_RESOURCE);
        if (url == null) {
            return invalid(List.of("The jar has no " + PlatformApi.DESCRIPTOR_RESOURCE + " descriptor."));
        }
        JsonNode json;
        try (InputStream in = url.openStream()) {
            json = mapper.readTree(in);
        } catch (IOException e) {
            return invalid(List.of(PlatformApi.DESCRIPTOR_RESOURCE + " is not valid JSON: " + PluginFailures.describe(e)));
        }
        Set<String> violations = new TreeSet<>();
        for (ValidationMessage message : descriptorSchema.validate(json)) {
            violations.add(message.getMessage());
        }
        if (!violations.isEmpty()) {
            return invalid(List.copyOf(violations));
        }
        IntegrationDescriptor descriptor;
        try {
            descriptor = mapper.treeToValue(json, IntegrationDescriptor.class);
        } catch (IOException | IllegalArgumentException e) {
            return invalid(List.of(PlatformApi.DESCRIPTOR_RESOURCE + " cannot be read: " + PluginFailures.describe(e)));
        }
        List<String> rules = checkRules(descriptor, json, resources);
        return rules.isEmpty() ? new Result(descriptor, List.of()) : invalid(rules);
    }

    private List<String> checkRules(IntegrationDescriptor descriptor, JsonNode json, Function<String, URL> resources) {
        List<String> violations = new ArrayList<>();
        if (resources.apply(descriptor.icon()) == null) {
            violations.add("$.icon: '" + descriptor.icon() + "' is not in the jar");
        }
        duplicates(descriptor.actions().stream().map(ActionSpec::id).toList())
                .forEach(id -> violations.add("$.actions: the id '" + id + "' is declared more than once"));
        duplicates(descriptor.authorization().fields().stream().map(CredentialField::key).toList())
                .forEach(key -> violations.add("$.authorization.fields: the key '" + key + "' is declared more than once"));
        duplicates(descriptor.authorizationProfiles().stream().map(ProfileTypeSpec::id).toList())
                .forEach(id -> violations.add("$.authorizationProfiles: the id '" + id + "' is declared more than once"));
        for (ProfileTypeSpec profile : descriptor.authorizationProfiles()) {
            duplicates(profile.fields().stream().map(CredentialField::key).toList()).forEach(key -> violations.add(
                    "$.authorizationProfiles[" + profile.id() + "].fields: the key '" + key + "' is declared more than once"));
        }
        JsonNode actions = json.path("actions");
        for (int i = 0; i < actions.size(); i++) {
            JsonNode inputSchema = actions.get(i).path("inputSchema");
            for (ValidationMessage message : metaSchema.validate(inputSchema)) {
                violations.add("$.actions[" + i + "].inputSchema is not a valid JSON Schema: " + message.getMessage());
            }
        }
        return violations;
    }

    private static List<String> duplicates(List<String> values) {
        Set<String> seen = new HashSet<>();
        return values.stream().filter(value -> !seen.add(value)).distinct().toList();
    }

    private static Result invalid(List<String> violations) {
        return new Result(null, violations);
    }
}

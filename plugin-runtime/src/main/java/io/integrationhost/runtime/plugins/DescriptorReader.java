package io.integrationhost.runtime.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.integrationhost.api.PlatformApi;
import io.integrationhost.api.PluginPackaging;
import io.integrationhost.runtime.json.Json;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The platform's checks of a plugin's metadata, in one place: the host runs them on every plugin it loads, and
 * the plugin test kit runs the same in a plugin's own build, so both report the same violations in the same
 * words. They are the descriptor's JSON Schema (its findings put in words by {@link SchemaMessages}), the
 * {@link DescriptorRules rules a schema cannot express}, and, when the manifest's versions are given, the
 * {@link ManifestRules}.
 *
 * <p>Every violation is reported at once: the rules read the descriptor as a JSON tree and run even when the
 * schema check failed, so a developer never fixes them in rounds.
 */
public final class DescriptorReader {

    /** The largest icon the host shows, the contract's; a larger one breaks {@link PluginRule#ICON}. */
    public static final int MAX_ICON_BYTES = PluginPackaging.MAX_ICON_BYTES;

    /** The host's one configuration: unknown members ignored, and a member named twice refused rather than read as one. */
    private final ObjectMapper mapper = Json.mapper();
    private final JsonSchema descriptorSchema;
    private final SchemaMessages schemaMessages;
    private final DescriptorRules rules;

    public DescriptorReader() {
        JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        descriptorSchema = schemas.getSchema(SchemaLocation.of("classpath:" + PlatformApi.DESCRIPTOR_SCHEMA_RESOURCE));
        schemaMessages = new SchemaMessages(readSchema());
        rules = new DescriptorRules(schemas.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema")));
    }

    /**
     * The outcome.
     *
     * @param descriptor the descriptor, when it keeps every rule of its own; {@code null} otherwise
     * @param found every violation, of the descriptor's rules and of the manifest's when those were checked
     * @param readable whether there was a descriptor to check at all: {@code false} when it is missing or is not
     *     JSON, and then the descriptor's rules beyond that one violation were not checked
     */
    public record Result(IntegrationDescriptor descriptor, List<RuleViolation> found, boolean readable) {

        public Result {
            found = List.copyOf(found);
        }

        /** Whether the plugin keeps every rule checked. */
        public boolean valid() {
            return descriptor != null && found.isEmpty();
        }

        /** The violations' messages, in the order found. */
        public List<String> violations() {
            return found.stream().map(RuleViolation::message).toList();
        }

        /** Why the host does not start the plugin, in one text for its status; empty when valid. */
        public String reason() {
            List<String> ofDescriptor = found.stream().filter(v -> v.rule() != PluginRule.MANIFEST).map(RuleViolation::message).toList();
            List<String> ofManifest = found.stream().filter(v -> v.rule() == PluginRule.MANIFEST).map(RuleViolation::message).toList();
            List<String> parts = new ArrayList<>();
            if (!ofDescriptor.isEmpty()) {
                parts.add("Invalid " + PlatformApi.DESCRIPTOR_RESOURCE + ": " + String.join("; ", ofDescriptor));
            }
            if (!ofManifest.isEmpty()) {
                parts.add((parts.isEmpty() ? "" : "; ") + "Invalid manifest: " + String.join(" ", ofManifest));
            }
            return String.join("", parts);
        }
    }

    /**
     * Reads and checks the descriptor of one plugin.
     *
     * @param resources looks a resource up in the plugin's own jar only
     */
    public Result read(Function<String, URL> resources) {
        return read(resources, List.of());
    }

    /**
     * Reads and checks the descriptor of one plugin, and the versions its manifest states.
     *
     * @param resources looks a resource up in the plugin's own jar only
     * @param pluginVersion the manifest's {@code Plugin-Version}, or {@code null}
     * @param pluginRequires the manifest's {@code Plugin-Requires}, or {@code null}
     */
    public Result read(Function<String, URL> resources, String pluginVersion, String pluginRequires) {
        return read(resources, ManifestRules.violations(pluginVersion, pluginRequires).stream()
                .map(message -> new RuleViolation(PluginRule.MANIFEST, message)).toList());
    }

    private Result read(Function<String, URL> resources, List<RuleViolation> ofManifest) {
        List<RuleViolation> found = new ArrayList<>();
        URL url = resources.apply(PlatformApi.DESCRIPTOR_RESOURCE);
        if (url == null) {
            found.add(descriptorViolation("The jar has no " + PlatformApi.DESCRIPTOR_RESOURCE + " descriptor."));
            found.addAll(ofManifest);
            return new Result(null, found, false);
        }
        JsonNode json;
        try (InputStream in = url.openStream()) {
            json = mapper.readTree(in);
        } catch (IOException e) {
            found.add(descriptorViolation(PlatformApi.DESCRIPTOR_RESOURCE + " is not valid JSON: " + PluginFailures.describe(e)));
            found.addAll(ofManifest);
            return new Result(null, found, false);
        }
        List<ValidationMessage> schemaFindings = new ArrayList<>(descriptorSchema.validate(json));
        schemaFindings.sort(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                .thenComparing(ValidationMessage::getMessage));
        schemaFindings.forEach(finding -> found.add(descriptorViolation(schemaMessages.describe(finding, "$"))));
        if (json.isObject()) {
            found.addAll(rules.check(json, resources));
        }
        IntegrationDescriptor descriptor = null;
        if (found.isEmpty()) {
            try {
                descriptor = mapper.treeToValue(withFieldDefaults(json), IntegrationDescriptor.class);
            } catch (IOException | IllegalArgumentException e) {
                found.add(descriptorViolation(PlatformApi.DESCRIPTOR_RESOURCE + " cannot be read: " + PluginFailures.describe(e)));
            }
        }
        found.addAll(ofManifest);
        return new Result(descriptor, found, true);
    }

    /**
     * The descriptor with each credential field's {@code presettable} written out where it is left out: a public field
     * is presettable unless the descriptor says otherwise, which the record's primitive cannot tell from {@code false}.
     */
    private static JsonNode withFieldDefaults(JsonNode json) {
        JsonNode copy = json.deepCopy();
        presettableByDefault(copy.path("authorization").path("fields"));
        for (JsonNode profile : copy.path("authorizationProfiles")) {
            presettableByDefault(profile.path("fields"));
        }
        return copy;
    }

    private static void presettableByDefault(JsonNode fields) {
        for (JsonNode field : fields) {
            if (field instanceof ObjectNode object && !object.has("presettable")) {
                object.put("presettable", !object.path("secret").asBoolean(false));
            }
        }
    }

    private static RuleViolation descriptorViolation(String message) {
        return new RuleViolation(PluginRule.DESCRIPTOR, message);
    }

    private JsonNode readSchema() {
        try (InputStream in = DescriptorReader.class.getClassLoader().getResourceAsStream(PlatformApi.DESCRIPTOR_SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PlatformApi.DESCRIPTOR_SCHEMA_RESOURCE + " is missing from the platform-api jar");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

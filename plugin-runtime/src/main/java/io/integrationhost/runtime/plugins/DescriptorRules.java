package io.integrationhost.runtime.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of a descriptor that its JSON Schema cannot express: unique ids and keys, an icon that is in the jar
 * and is one, credential patterns Java can read, secret-looking fields that are secret, and action schemas that
 * are valid JSON Schemas, work in the host's validator and declare what they require.
 *
 * <p>They read the descriptor as a JSON tree, defensively, so they run even when the schema check failed: a
 * plugin developer learns every violation from one load, not in rounds. A part of the tree that is not what the
 * schema asks for is skipped here; the schema's own finding covers it.
 */
final class DescriptorRules {

    private static final int MAX_ICON_BYTES = DescriptorReader.MAX_ICON_BYTES;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Words that, in a field's key or label, say it holds a secret. */
    private static final Set<String> SECRET_WORDS = Set.of("key", "apikey", "token", "password", "passwd", "passphrase",
            "secret");
    /** Words that say a field holds an address, which is public even when its name mentions a token ("tokenUrl"). */
    private static final Set<String> ADDRESS_WORDS = Set.of("url", "uri", "endpoint");
    private static final Set<String> ADDRESS_TYPES = Set.of("URL", "EMAIL");

    private final JsonSchema metaSchema;
    private final SchemaMessages metaSchemaMessages = new SchemaMessages(null);

    DescriptorRules(JsonSchema metaSchema) {
        this.metaSchema = metaSchema;
    }

    /** Every violation of these rules in {@code json}; {@code resources} looks a resource up in the plugin's jar. */
    List<RuleViolation> check(JsonNode json, Function<String, URL> resources) {
        List<RuleViolation> found = new ArrayList<>();
        checkIcon(json.path("icon"), resources, found);
        unique(json.path("actions"), "id", "$.actions", found);
        checkFields("$.authorization.fields", json.path("authorization").path("fields"), found);
        unique(json.path("authorizationProfiles"), "id", "$.authorizationProfiles", found);
        JsonNode profiles = json.path("authorizationProfiles");
        for (int i = 0; i < profiles.size(); i++) {
            JsonNode id = profiles.get(i).path("id");
            checkFields("$.authorizationProfiles[" + (id.isTextual() ? id.asText() : i) + "].fields",
                    profiles.get(i).path("fields"), found);
        }
        JsonNode actions = json.path("actions");
        for (int i = 0; i < actions.size(); i++) {
            checkAction(i, actions.get(i), found);
        }
        return found;
    }

    private static void checkIcon(JsonNode icon, Function<String, URL> resources, List<RuleViolation> found) {
        if (!icon.isTextual() || icon.asText().contains("..")) {
            return;
        }
        String name = icon.asText();
        URL url = resources.apply(name);
        if (url == null) {
            found.add(new RuleViolation(PluginRule.DESCRIPTOR, "$.icon: '" + name + "' is not in the jar"));
            return;
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readNBytes(MAX_ICON_BYTES + 1);
        } catch (IOException e) {
            found.add(new RuleViolation(PluginRule.ICON, "$.icon: '" + name + "' cannot be read: " + PluginFailures.describe(e)));
            return;
        }
        if (bytes.length > MAX_ICON_BYTES) {
            found.add(new RuleViolation(PluginRule.ICON, "$.icon: '" + name + "' has more than " + MAX_ICON_BYTES
                    + " bytes; the host shows icons of at most " + MAX_ICON_BYTES + " bytes"));
        }
        boolean svg = name.endsWith(".svg");
        boolean looksRight = svg
                ? new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("<svg")
                : bytes.length >= PNG_SIGNATURE.length && Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE);
        if (!looksRight) {
            found.add(new RuleViolation(PluginRule.ICON, "$.icon: '" + name + "' is not "
                    + (svg ? "an SVG image (no <svg> element)" : "a PNG image (no PNG signature)")));
        }
    }

    private static void unique(JsonNode items, String idField, String where, List<RuleViolation> found) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new TreeSet<>();
        items.forEach(item -> {
            JsonNode id = item.path(idField);
            if (id.isTextual() && !seen.add(id.asText())) {
                repeated.add(id.asText());
            }
        });
        repeated.forEach(id -> found.add(new RuleViolation(PluginRule.DESCRIPTOR,
                where + ": the " + idField + " '" + id + "' is declared more than once")));
    }

    private static void checkFields(String where, JsonNode fields, List<RuleViolation> found) {
        unique(fields, "key", where, found);
        for (int i = 0; i < fields.size(); i++) {
            JsonNode field = fields.get(i);
            JsonNode pattern = field.path("pattern");
            if (pattern.isTextual()) {
                try {
                    Pattern.compile(pattern.asText());
                } catch (PatternSyntaxException e) {
                    found.add(new RuleViolation(PluginRule.DESCRIPTOR, where + "[" + i + "].pattern: is not a regular "
                            + "expression Java can read (" + e.getDescription() + " at index " + e.getIndex() + ")"));
                }
            }
            if (field.path("secret").isBoolean() && !field.path("secret").asBoolean()
                    && !field.path("publicDespiteName").asBoolean(false) && looksSecret(field)) {
                String key = field.path("key").asText();
                found.add(new RuleViolation(PluginRule.SECRET_FIELDS, where + ": '" + key + "' ("
                        + field.path("label").asText() + ") looks like a secret but is not flagged \"secret\": true; "
                        + "secret values are encrypted at rest and masked in every answer. If it really is public, say so "
                        + "with \"publicDespiteName\": true"));
            }
        }
    }

    /** Whether a field's key or label names a key, token, password or secret, and the field is not an address. */
    static boolean looksSecret(JsonNode field) {
        if (ADDRESS_TYPES.contains(field.path("type").asText())) {
            return false;
        }
        Set<String> words = new TreeSet<>(words(field.path("key").asText()));
        words.addAll(words(field.path("label").asText()));
        return words.stream().noneMatch(ADDRESS_WORDS::contains) && words.stream().anyMatch(SECRET_WORDS::contains);
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])"))
                .filter(word -> !word.isEmpty())
                .map(word -> word.toLowerCase(Locale.ROOT))
                .toList();
    }

    private void checkAction(int index, JsonNode action, List<RuleViolation> found) {
        JsonNode id = action.path("id");
        JsonNode inputSchema = action.path("inputSchema");
        if (inputSchema.isObject()) {
            String where = "$.actions[" + index + "].inputSchema";
            Set<ValidationMessage> invalid = metaSchema.validate(inputSchema);
            invalid.forEach(finding -> found.add(new RuleViolation(PluginRule.DESCRIPTOR, where
                    + " is not a valid JSON Schema: " + metaSchemaMessages.describe(finding, "$"))));
            if (invalid.isEmpty()) {
                InputSchemaRules.check("$.actions[" + (id.isTextual() ? id.asText() : index) + "].inputSchema",
                        inputSchema, found);
            }
        }
        JsonNode outputSchema = action.path("output").path("schema");
        if (outputSchema.isObject()) {
            metaSchema.validate(outputSchema).forEach(finding -> found.add(new RuleViolation(PluginRule.DESCRIPTOR,
                    "$.actions[" + index + "].output.schema is not a valid JSON Schema: "
                            + metaSchemaMessages.describe(finding, "$"))));
        }
    }
}

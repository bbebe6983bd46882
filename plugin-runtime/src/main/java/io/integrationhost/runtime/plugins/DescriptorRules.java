package io.integrationhost.runtime.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of a descriptor that its JSON Schema cannot express: unique ids and keys, an icon that is in the jar
 * and is one, credential patterns Java can read, secret-looking fields that are secret, action schemas that
 * are valid JSON Schemas, work in the host's validator and declare what they require, and OAuth 2.0 declarations
 * the host can carry out (URL placeholders that name the type's own required, public fields; none of the host's
 * own keys declared; unique scopes; a profile type an end user can consent to).
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
    /** The URLs of an {@code oauth2} object, which may name fields as {@code {key}} placeholders. */
    private static final List<String> OAUTH2_URLS = List.of("authorizationUrl", "tokenUrl", "revocationUrl");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

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
        checkOAuth2("$.authorization", json.path("authorization"), false, found);
        unique(json.path("authorizationProfiles"), "id", "$.authorizationProfiles", found);
        JsonNode profiles = json.path("authorizationProfiles");
        for (int i = 0; i < profiles.size(); i++) {
            JsonNode id = profiles.get(i).path("id");
            String where = "$.authorizationProfiles[" + (id.isTextual() ? id.asText() : i) + "]";
            checkFields(where + ".fields", profiles.get(i).path("fields"), found);
            checkOAuth2(where, profiles.get(i), true, found);
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
            checkPresettable(where + "[" + i + "]", field, found);
            checkHelpUrl(where + "[" + i + "]", field, fields, where, found);
        }
    }

    /** A field's help link is a URL template of the same fields, under the same rules as an OAuth 2.0 endpoint's. */
    private static void checkHelpUrl(String where, JsonNode field, JsonNode fields, String fieldsWhere, List<RuleViolation> found) {
        if (field.path("helpUrl").isTextual()) {
            checkUrlTemplate(where + ".helpUrl", field.path("helpUrl").asText(), fields, fieldsWhere, found);
        }
    }

    /**
     * A secret is each end user's own: a descriptor that offers one as an administrator's preset is refused, for the
     * host never would offer it (an administrator who means to share one secret says so in the profile itself).
     */
    private static void checkPresettable(String where, JsonNode field, List<RuleViolation> found) {
        if (field.path("secret").asBoolean(false) && field.path("presettable").asBoolean(false)) {
            found.add(new RuleViolation(PluginRule.DESCRIPTOR, where + ": '" + field.path("key").asText()
                    + "' is secret and \"presettable\": true; a secret is each end user's own and is never offered as a"
                    + " preset. Remove \"presettable\", or make the field public if every end user shares its value"));
        }
    }

    /**
     * The OAuth 2.0 rules of the authorization or profile type {@code owner} (at {@code where}): the host appends the
     * OAuth app's fields to the declared ones, fills the URLs' placeholders from the declared values, and an end user
     * authorizes a profile type by consenting, so a declaration that breaks these would fail only when someone
     * connects.
     */
    private static void checkOAuth2(String where, JsonNode owner, boolean profileType, List<RuleViolation> found) {
        JsonNode oauth2 = owner.path("oauth2");
        if (!"OAUTH2".equals(owner.path("type").asText()) && !oauth2.isObject()) {
            return;
        }
        JsonNode fields = owner.path("fields");
        for (int i = 0; i < fields.size(); i++) {
            String key = fields.get(i).path("key").asText();
            if (OAuthAppFields.KEYS.contains(key)) {
                found.add(new RuleViolation(PluginRule.DESCRIPTOR, where + ".fields[" + i + "]: the key '" + key
                        + "' is the host's in an OAuth 2.0 type: the host itself asks for the OAuth app's client id and secret"
                        + " and the scopes (" + String.join(", ", new TreeSet<>(OAuthAppFields.KEYS)) + "); remove the field,"
                        + " or give it another key"));
            }
        }
        if (!oauth2.isObject()) {
            return;
        }
        unique(oauth2.path("scopes"), "name", where + ".oauth2.scopes", found);
        List<String> grants = new ArrayList<>();
        oauth2.path("grantTypes").forEach(grant -> grants.add(grant.asText()));
        if (profileType && !grants.isEmpty() && !grants.contains("AUTHORIZATION_CODE")) {
            found.add(new RuleViolation(PluginRule.DESCRIPTOR, where + ".oauth2.grantTypes: a profile type must offer"
                    + " AUTHORIZATION_CODE: an end user authorizes by consenting at the provider, and a token from client"
                    + " credentials alone belongs to no user"));
        }
        for (String name : OAUTH2_URLS) {
            JsonNode url = oauth2.path(name);
            if (url.isTextual()) {
                checkUrlTemplate(where + ".oauth2." + name, url.asText(), fields, where + ".fields", found);
            }
        }
    }

    /**
     * A URL template's placeholders each name a declared field that is required (or the URL would have a gap) and not
     * secret (a URL is shown, sent and logged as it is); with them filled in, it is a URL.
     */
    private static void checkUrlTemplate(String where, String template, JsonNode fields, String fieldsWhere,
                                         List<RuleViolation> found) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        while (placeholders.find()) {
            String key = placeholders.group(1);
            JsonNode field = field(fields, key);
            String problem = field == null ? "names no field; declare a field '" + key + "' (required, not secret) in "
                    + fieldsWhere + ", or remove the placeholder"
                    : field.path("secret").asBoolean(false) ? "names a secret field; a URL is shown, sent and logged as it"
                            + " is, so only a field that is not secret may be part of it"
                    : !field.path("required").asBoolean(false) ? "names an optional field; make '" + key
                            + "' \"required\": true, or the URL has a gap when it is left empty"
                    : null;
            if (problem != null) {
                found.add(new RuleViolation(PluginRule.DESCRIPTOR, where + ": the placeholder {" + key + "} " + problem));
            }
        }
        String filled = placeholders.replaceAll("placeholder");
        if (filled.contains("{") || filled.contains("}")) {
            found.add(new RuleViolation(PluginRule.DESCRIPTOR, where + ": has a '{' or '}' that is not part of a {key}"
                    + " placeholder; write a placeholder as {key} with the key of a declared field"));
            return;
        }
        if (!filled.startsWith("https://") || filled.chars().anyMatch(Character::isWhitespace)) {
            return; // the schema's own finding
        }
        try {
            if (new URI(filled).getHost() == null) {
                found.add(new RuleViolation(PluginRule.DESCRIPTOR, where + ": names no host; write it as https://host/path"));
            }
        } catch (URISyntaxException e) {
            found.add(new RuleViolation(PluginRule.DESCRIPTOR, where + ": is not a valid URL (" + e.getReason() + ")"));
        }
    }

    /** The declared field with this key, or {@code null}. */
    private static JsonNode field(JsonNode fields, String key) {
        for (JsonNode field : fields) {
            if (key.equals(field.path("key").asText(null))) {
                return field;
            }
        }
        return null;
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

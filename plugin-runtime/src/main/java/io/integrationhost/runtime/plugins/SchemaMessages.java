package io.integrationhost.runtime.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The JSON Schema validator's findings about a descriptor or an action's input, as sentences a person can act on: the
 * JSON path, then what is wrong in the document's own terms ("a secret field cannot have a default value"), never
 * the validator's view of the schema ({@code must not be valid to the schema "$.properties…then.not"}) and never a
 * raw regular expression.
 *
 * <p>Rules the schema states in a way that says nothing to a person (an {@code if}/{@code then}/{@code not}, a
 * pattern) have their own sentence, keyed by where they are in the schema; every other finding is put in words by
 * its keyword. The schema itself stays plain JSON Schema, so editors and other validators read it as they are.
 */
final class SchemaMessages {

    /** Sentences for rules whose keyword alone says nothing useful, by their location in the descriptor schema. */
    private static final Map<String, String> BY_SCHEMA_LOCATION = Map.ofEntries(
            Map.entry("/$defs/id/pattern", "must be 1 to 63 lower-case letters, digits and '-', starting with a letter or"
                    + " digit, such as 'acme-crm'"),
            Map.entry("/$defs/fields/items/properties/key/pattern", "must start with a letter and have only letters, digits"
                    + " and '_', at most 63 characters, such as 'apiKey'"),
            Map.entry("/$defs/fields/items/then/not", "a secret field cannot have a default value; remove its 'defaultValue'"),
            Map.entry("/$defs/fields/items/allOf/0/then/not", "a secret field cannot have a value for stored credentials;"
                    + " remove its 'valueForStored'"),
            Map.entry("/properties/icon/pattern", "must be the path of an .svg or .png file inside the jar, such as 'icon.svg'"),
            Map.entry("/properties/icon/not", "must not contain '..'; name a file inside the jar"),
            Map.entry("/properties/documentationUrl/pattern", "must be an https:// address"),
            Map.entry("/properties/actions/items/properties/inputSchema/properties/type/const",
                    "must be \"object\": an action's input is a JSON object"),
            Map.entry("/$defs/oauth2WhenOAuth2/then/required", "the required field 'oauth2' is missing: the type OAUTH2"
                    + " declares there how the host gets its tokens (grantTypes, tokenUrl, and authorizationUrl for"
                    + " AUTHORIZATION_CODE)"),
            Map.entry("/$defs/oauth2WhenOAuth2/else/not", "'oauth2' belongs only to the type OAUTH2; remove it, or make"
                    + " the type OAUTH2"),
            Map.entry("/$defs/oauth2/then/required", "the required field 'authorizationUrl' is missing: the"
                    + " AUTHORIZATION_CODE grant sends the user there to consent"),
            Map.entry("/$defs/urlTemplate/pattern", "must be an https:// address without spaces, such as"
                    + " 'https://{subdomain}.example.com/oauth/token'"),
            Map.entry("/$defs/oauth2/properties/scopes/items/properties/name/pattern", "must be the scope as the provider"
                    + " spells it: 1 to 200 printable ASCII characters without spaces, quotes or backslashes"));
    /**
     * Sentences, after the refused name, for names an object's {@code propertyNames} refuses, by the location of the
     * part of it they break ({@code …/propertyNames/pattern}, {@code …/propertyNames/not}).
     */
    private static final Map<String, String> NAMES_BY_SCHEMA_LOCATION = Map.of(
            "/$defs/oauth2/properties/authorizationParameters/propertyNames/pattern", "is not a parameter name: use 1 to 64"
                    + " letters, digits, '_', '.' and '-'",
            "/$defs/oauth2/properties/authorizationParameters/propertyNames/not", "is a parameter the host sets itself"
                    + " (response_type, client_id, redirect_uri, scope, state, code_challenge, code_challenge_method);"
                    + " remove it");
    private static final int MAX_VALUE_SHOWN = 40;

    private final JsonNode schema;
    private final boolean quotesValues;

    /**
     * Messages about a plugin's own descriptor, which quote the values they refuse: they are the developer's own text.
     *
     * @param schema the schema the findings are about, to name the fields it allows; {@code null} if not at hand
     */
    SchemaMessages(JsonNode schema) {
        this(schema, true);
    }

    private SchemaMessages(JsonNode schema, boolean quotesValues) {
        this.schema = schema;
        this.quotesValues = quotesValues;
    }

    /** Messages about a client's input to an action, which never quote it: the input may be about people. */
    static SchemaMessages ofInput(JsonNode inputSchema) {
        return new SchemaMessages(inputSchema, false);
    }

    /**
     * One finding as a sentence.
     *
     * @param root the path to show in place of the instance's root {@code $}, for findings about a part of a
     *     descriptor (an action's input schema checked against the JSON Schema meta-schema)
     */
    String describe(ValidationMessage finding, String root) {
        String path = path(root, finding.getInstanceLocation());
        String location = finding.getSchemaLocation().getFragment() == null ? ""
                : finding.getSchemaLocation().getFragment().toString();
        String known = BY_SCHEMA_LOCATION.get(location);
        if (known != null) {
            return path + ": " + known;
        }
        Object[] arguments = finding.getArguments() == null ? new Object[0] : finding.getArguments();
        JsonNode value = finding.getInstanceNode();
        if ("propertyNames".equals(finding.getType())) {
            return path + ": " + refusedName(finding.getProperty(), location);
        }
        String sentence = switch (finding.getType()) {
            case "required" -> "the required field '" + finding.getProperty() + "' is missing";
            case "additionalProperties" -> "'" + finding.getProperty() + "' is not a field here" + allowedFields(location);
            case "type" -> "must be " + typeName(String.valueOf(arguments[1])) + ", not " + typeName(String.valueOf(arguments[0]));
            case "enum" -> "must be one of " + enumValues(finding.getSchemaNode()) + refused(value);
            case "const" -> "must be " + finding.getSchemaNode() + refused(value);
            case "pattern" -> "is not in the expected format" + example(location);
            case "minLength" -> "1".equals(String.valueOf(arguments[0])) ? "must not be empty"
                    : "must have at least " + arguments[0] + " characters";
            case "maxLength" -> "must have at most " + arguments[0] + " characters"
                    + (value != null && value.isTextual() ? ", not " + value.asText().length() : "");
            case "minItems" -> "1".equals(String.valueOf(arguments[0])) ? "must not be empty"
                    : "must list at least " + arguments[0] + " items";
            case "maxItems" -> "must list at most " + arguments[0] + " items, not " + (value == null ? "more" : value.size());
            case "uniqueItems" -> "lists the same value more than once";
            case "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum" -> finding.getMessage()
                    .substring(finding.getMessage().indexOf(':') + 2);
            case "format" -> "is not a valid " + arguments[1];
            case "not" -> "has a value that is not allowed here";
            default -> finding.getMessage().substring(finding.getMessage().indexOf(':') + 2);
        };
        return path + ": " + sentence;
    }

    /**
     * Why {@code propertyNames} refused {@code name}: the sentence for the part of it the name breaks, which the
     * validator does not say in terms of the descriptor (it states the regular expression, or the schema's path).
     */
    private String refusedName(String name, String location) {
        String quoted = quotesValues && name != null ? "'" + name + "'" : "a name";
        JsonNode pattern = schema == null || name == null ? null : schema.at(location).path("pattern");
        if (pattern != null) {
            String broken;
            try {
                broken = pattern.isTextual() && !Pattern.compile(pattern.asText()).matcher(name).find()
                        ? location + "/pattern" : location + "/not";
            } catch (PatternSyntaxException e) {
                broken = location;
            }
            String known = NAMES_BY_SCHEMA_LOCATION.get(broken);
            if (known != null) {
                return quoted + " " + known;
            }
        }
        return quoted + " is not allowed as a name here";
    }

    /**
     * The instance's location as {@code $.actions[0].id}, from its parts: the text form depends on the path type the
     * validator was configured with.
     */
    private static String path(String root, JsonNodePath location) {
        StringBuilder path = new StringBuilder(root);
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path.append(element instanceof Integer index ? "[" + index + "]" : "." + element);
        }
        return path.toString();
    }

    /**
     * The first of the {@code examples} the schema gives for the value a {@code pattern} refused, as people read a
     * format best from a value that has it; empty when there is none or the schema is not at hand.
     */
    private String example(String location) {
        if (schema == null || !location.endsWith("/pattern")) {
            return "";
        }
        JsonNode examples = schema.at(location.substring(0, location.length() - "/pattern".length())).path("examples");
        return examples.isArray() && !examples.isEmpty() ? ", such as " + shown(examples.get(0)) : "";
    }

    /** The fields the object at this {@code additionalProperties} allows, when the schema is at hand. */
    private String allowedFields(String location) {
        if (schema == null || !location.endsWith("/additionalProperties")) {
            return "";
        }
        String parent = location.substring(0, location.length() - "/additionalProperties".length());
        JsonNode properties = schema.at(parent).path("properties");
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "" : " (the fields allowed here are " + String.join(", ", names) + ")";
    }

    private static String enumValues(JsonNode schemaNode) {
        List<String> values = new ArrayList<>();
        if (schemaNode != null) {
            schemaNode.forEach(value -> values.add(value.isTextual() ? value.asText() : value.toString()));
        }
        return values.stream().collect(Collectors.joining(", "));
    }

    private String refused(JsonNode value) {
        return quotesValues ? ", not " + shown(value) : "";
    }

    /** A value of the plugin's own descriptor, shortened: it is the developer's own text, never a credential. */
    private static String shown(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text = value.toString();
        return text.length() <= MAX_VALUE_SHOWN ? text : text.substring(0, MAX_VALUE_SHOWN) + "…";
    }

    private static String typeName(String jsonType) {
        return switch (jsonType) {
            case "string" -> "a text";
            case "boolean" -> "true or false";
            case "object" -> "an object";
            case "array" -> "a list";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "null" -> "null";
            default -> jsonType;
        };
    }
}

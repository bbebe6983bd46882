package io.integrationhost.host.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON Schema validator's findings about a descriptor, as sentences a plugin developer can act on: the JSON
 * path, then what is wrong in the descriptor's own terms ("a secret field cannot have a default value"), never
 * the validator's view of the schema ({@code must not be valid to the schema "$.properties…then.not"}) and never a
 * raw regular expression.
 *
 * <p>Rules the schema states in a way that says nothing to a person (an {@code if}/{@code then}/{@code not}, a
 * pattern) have their own sentence, keyed by where they are in the schema; every other finding is put in words by
 * its keyword. The schema itself stays plain JSON Schema, so editors and other validators read it as they are.
 */
final class SchemaMessages {

    /** Sentences for rules whose keyword alone says nothing useful, by their location in the descriptor schema. */
    private static final Map<String, String> BY_SCHEMA_LOCATION = Map.of(
            "/$defs/id/pattern", "must be 1 to 63 lower-case letters, digits and '-', starting with a letter or digit,"
                    + " such as 'acme-crm'",
            "/$defs/fields/items/properties/key/pattern", "must start with a letter and have only letters, digits and '_',"
                    + " at most 63 characters, such as 'apiKey'",
            "/$defs/fields/items/then/not", "a secret field cannot have a default value; remove its 'defaultValue'",
            "/properties/icon/pattern", "must be the path of an .svg or .png file inside the jar, such as 'icon.svg'",
            "/properties/icon/not", "must not contain '..'; name a file inside the jar",
            "/properties/documentationUrl/pattern", "must be an https:// address",
            "/properties/actions/items/properties/inputSchema/properties/type/const",
            "must be \"object\": an action's input is a JSON object");
    private static final int MAX_VALUE_SHOWN = 40;

    private final JsonNode schema;

    /** @param schema the schema the findings are about, to name the fields it allows; {@code null} if not at hand */
    SchemaMessages(JsonNode schema) {
        this.schema = schema;
    }

    /**
     * One finding as a sentence.
     *
     * @param root the path to show in place of the instance's root {@code $}, for findings about a part of a
     *     descriptor (an action's input schema checked against the JSON Schema meta-schema)
     */
    String describe(ValidationMessage finding, String root) {
        String path = root + finding.getInstanceLocation().toString().substring(1);
        String location = finding.getSchemaLocation().getFragment() == null ? ""
                : finding.getSchemaLocation().getFragment().toString();
        String known = BY_SCHEMA_LOCATION.get(location);
        if (known != null) {
            return path + ": " + known;
        }
        Object[] arguments = finding.getArguments() == null ? new Object[0] : finding.getArguments();
        JsonNode value = finding.getInstanceNode();
        String sentence = switch (finding.getType()) {
            case "required" -> "the required field '" + finding.getProperty() + "' is missing";
            case "additionalProperties" -> "'" + finding.getProperty() + "' is not a field here" + allowedFields(location);
            case "type" -> "must be " + typeName(String.valueOf(arguments[1])) + ", not " + typeName(String.valueOf(arguments[0]));
            case "enum" -> "must be one of " + enumValues(finding.getSchemaNode()) + ", not " + shown(value);
            case "const" -> "must be " + finding.getSchemaNode() + ", not " + shown(value);
            case "pattern" -> "is not in the expected format";
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

package io.integrationhost.bamboohr.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads a yes/no flag the way BambooHR writes it: {@code true}/{@code false}, {@code 1}/{@code 0}, or the same
 * as strings ({@code "1"}, {@code "true"}, {@code "yes"}); an empty string or {@code null} is "unknown".
 */
final class LenientFlagDeserializer extends StdScalarDeserializer<Boolean> {

    private static final long serialVersionUID = 1L;

    LenientFlagDeserializer() {
        super(Boolean.class);
    }

    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> parser.getLongValue() != 0;
            case VALUE_STRING -> fromText(parser, context);
            default -> (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
        };
    }

    @Override
    public Boolean getNullValue(DeserializationContext context) {
        return null;
    }

    private static Boolean fromText(JsonParser parser, DeserializationContext context) throws IOException {
        String text = parser.getText().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "" -> null;
            case "1", "true", "yes", "y" -> Boolean.TRUE;
            case "0", "false", "no", "n" -> Boolean.FALSE;
            default -> (Boolean) context.handleWeirdStringValue(Boolean.class, text, "not a yes/no flag");
        };
    }
}

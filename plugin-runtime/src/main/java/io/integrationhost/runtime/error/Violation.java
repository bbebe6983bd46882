package io.integrationhost.runtime.error;

/**
 * One problem of a request's values: of a named field (credential values, rendered {@code {field, message}}), or as
 * text alone, when {@code field} is null (an action's input against its schema, rendered as the text).
 */
public record Violation(String field, String message) {

    /** A problem said as text, not tied to one field. */
    public static Violation text(String message) {
        return new Violation(null, message);
    }

    /** {@code field: message}, or the text alone. */
    public String describe() {
        return field == null ? message : field + ": " + message;
    }
}

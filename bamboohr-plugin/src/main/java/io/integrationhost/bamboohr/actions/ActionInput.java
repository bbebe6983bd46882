package io.integrationhost.bamboohr.actions;

import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An action's input with typed, checked access. The host validates input against the action's schema first; these
 * checks repeat the essentials so that a value which slipped through still fails as {@code INVALID_INPUT} before
 * any request is made, never as a defect or a malformed request.
 */
public final class ActionInput {

    private static final Pattern ID = Pattern.compile("^[0-9]{1,18}$");

    private final Map<String, Object> values;

    public ActionInput(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Every value, as given. */
    public Map<String, Object> all() {
        return values;
    }

    /** A text value, if given and not blank. */
    public Optional<String> text(String name) throws IntegrationException {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw invalid(name, "must be text");
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /** A text value that must be given. */
    public String requiredText(String name) throws IntegrationException {
        return text(name).orElseThrow(() -> invalid(name, "is required"));
    }

    /** A BambooHR id, as digits; a whole number is accepted too, since ids travel as both. */
    public Optional<String> id(String name) throws IntegrationException {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof Number number ? wholeNumber(number) : value.toString().strip();
        if (text == null || !ID.matcher(text).matches()) {
            throw invalid(name, "must be a numeric id, such as \"4\"");
        }
        return Optional.of(text);
    }

    /** An id that must be given. */
    public String requiredId(String name) throws IntegrationException {
        return id(name).orElseThrow(() -> invalid(name, "is required"));
    }

    /** A date, {@code YYYY-MM-DD}. */
    public Optional<LocalDate> date(String name) throws IntegrationException {
        Optional<String> text = text(name);
        try {
            return text.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be a date such as 2026-03-31");
        }
    }

    /** A date that must be given. */
    public LocalDate requiredDate(String name) throws IntegrationException {
        return date(name).orElseThrow(() -> invalid(name, "is required"));
    }

    /** Refuses a range whose {@code endName} date lies before its {@code startName} date, when both are given. */
    public void requireOrderedDates(String startName, String endName) throws IntegrationException {
        Optional<LocalDate> start = date(startName);
        Optional<LocalDate> end = date(endName);
        if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
            throw invalid(endName, "must not be before '" + startName + "'");
        }
    }

    /** A date and time with an offset (RFC 3339), such as {@code 2026-03-31T08:00:00Z}. */
    public OffsetDateTime requiredDateTime(String name) throws IntegrationException {
        String text = requiredText(name);
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be a date and time with an offset, such as 2026-03-31T08:00:00Z");
        }
    }

    /** A yes/no value. */
    public Optional<Boolean> flag(String name) throws IntegrationException {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean flag)) {
            throw invalid(name, "must be true or false");
        }
        return Optional.of(flag);
    }

    /** A number, kept exact. */
    public Optional<BigDecimal> number(String name) throws IntegrationException {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString().strip()));
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a number");
        }
    }

    /** A list of texts; empty when not given. */
    public List<String> texts(String name) throws IntegrationException {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(name, "must be a list");
        }
        List<String> texts = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text) || text.isBlank()) {
                throw invalid(name, "must be a list of texts");
            }
            texts.add(text.strip());
        }
        return List.copyOf(texts);
    }

    /** An object of named values; empty when not given. */
    public Map<String, Object> object(String name) throws IntegrationException {
        Object value = values.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(name, "must be an object");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(String.valueOf(key), item));
        return copy;
    }

    /** A list of objects; empty when not given. */
    public List<ActionInput> objects(String name) throws IntegrationException {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(name, "must be a list");
        }
        List<ActionInput> objects = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw invalid(name, "must be a list of objects");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, field) -> copy.put(String.valueOf(key), field));
            objects.add(new ActionInput(copy));
        }
        return List.copyOf(objects);
    }

    /** An {@code INVALID_INPUT} error about one input value, which the message names but does not repeat. */
    public static IntegrationException invalid(String name, String problem) {
        return new IntegrationException(IntegrationError.of(ErrorKind.INVALID_INPUT,
                "The input '" + name + "' " + problem + "."));
    }

    private static String wholeNumber(Number number) {
        try {
            return new BigDecimal(number.toString()).toBigIntegerExact().toString();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ActionInput" + values.keySet();
    }
}

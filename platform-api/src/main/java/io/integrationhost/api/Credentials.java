package io.integrationhost.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credential values of one call, keyed by the field keys the descriptor declares.
 *
 * <p>Values are plain text in memory only for the duration of a call; {@link #toString()} never shows
 * them, so a credential object that reaches a log line or an exception message leaks nothing.
 */
public final class Credentials {

    private final Map<String, String> values;

    private Credentials(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Credentials with the given field values; {@code null} values are dropped. */
    public static Credentials of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return new Credentials(copy);
    }

    /** The value of a field, if present. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * The value of a field the descriptor marks required.
     *
     * @throws IntegrationException of kind {@link ErrorKind#INVALID_CREDENTIALS} when it is missing or blank
     */
    public String require(String key) throws IntegrationException {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IntegrationException(IntegrationError.of(ErrorKind.INVALID_CREDENTIALS,
                    "The credential field '" + key + "' is missing."));
        }
        return value;
    }

    /** The keys present, never the values. */
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public String toString() {
        return "Credentials" + values.keySet() + " (values hidden)";
    }
}

package io.integrationhost.runtime.credentials;

import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Credential values checked against the fields a plugin declares, and split into what may be shown
 * (public) and what is write-only (secret). One place for the rules every credential entry follows: the
 * administrator's pre-authorization, a profile's presets, and an end user's own values.
 */
public final class CredentialForm {

    /**
     * What every answer shows in place of a stored secret. Sent back, it keeps the stored value, but only while every
     * non-secret value stays as stored: a secret is kept for the destination it was entered for, never carried to
     * another (a new subdomain, say).
     */
    public static final String MASK = "••••••••";
    private static final int MAX_VALUE_LENGTH = 4000;
    /** What the storage columns hold once the values are serialised and sealed (see the V5 migration). */
    private static final int MAX_TOTAL_LENGTH = 16_000;

    private CredentialForm() {
    }

    /** Values split by the fields' secret flag. */
    public record Values(Map<String, String> publicValues, Map<String, String> secretValues) {

        public Values {
            publicValues = Map.copyOf(publicValues);
            secretValues = Map.copyOf(secretValues);
        }

        public static Values empty() {
            return new Values(Map.of(), Map.of());
        }

        /** Everything, for handing to a plugin call. */
        public Map<String, String> all() {
            Map<String, String> all = new LinkedHashMap<>(publicValues);
            all.putAll(secretValues);
            return all;
        }

        /** What an answer may show: public values as they are, each stored secret as the mask. */
        public Map<String, String> masked() {
            Map<String, String> masked = new LinkedHashMap<>(publicValues);
            secretValues.keySet().forEach(key -> masked.put(key, MASK));
            return masked;
        }

        /** These values with {@code others} on top. */
        public Values plus(Values others) {
            Map<String, String> publicMerged = new LinkedHashMap<>(publicValues);
            Map<String, String> secretMerged = new LinkedHashMap<>(secretValues);
            publicMerged.putAll(others.publicValues());
            secretMerged.putAll(others.secretValues());
            return new Values(publicMerged, secretMerged);
        }

        @Override
        public String toString() {
            return "Values[public=" + publicValues.keySet() + ", secret=" + secretValues.keySet() + " (hidden)]";
        }
    }

    /**
     * Checks {@code submitted} against {@code fields} and splits it.
     *
     * @param stored the values already stored, whose secrets a submitted {@link #MASK} keeps while the non-secret
     *     values are the stored ones
     * @param requireAll whether every required field must have a value (false for presets, which are partial)
     * @throws HostException {@code VALIDATION_FAILED} listing every problem by field
     */
    public static Values validate(List<CredentialField> fields, Map<String, ?> submitted, Values stored, boolean requireAll) {
        Map<String, String> violations = new LinkedHashMap<>();
        Set<String> known = fields.stream().map(CredentialField::key).collect(Collectors.toSet());
        for (String key : submitted.keySet()) {
            if (!known.contains(key)) {
                violations.put(key, "is not a field of this integration (expected one of " + known.stream().sorted().toList() + ")");
            }
        }
        Map<String, String> publicValues = new LinkedHashMap<>();
        Map<String, String> secretValues = new LinkedHashMap<>();
        Map<String, String> enteredPublic = new LinkedHashMap<>();
        List<CredentialField> keptByMask = new ArrayList<>();
        for (CredentialField field : fields) {
            Object raw = submitted.get(field.key());
            if (raw != null && !(raw instanceof String)) {
                violations.put(field.key(), "must be a string");
                continue;
            }
            String value = raw == null ? null : ((String) raw).strip();
            if (field.secret() && MASK.equals(value)) {
                value = stored.secretValues().get(field.key());
                if (value != null) {
                    keptByMask.add(field);
                }
            } else if (!field.secret() && value != null && !value.isEmpty()) {
                enteredPublic.put(field.key(), value);
            }
            if (value == null || value.isEmpty()) {
                if (requireAll && field.required()) {
                    violations.put(field.key(), field.label() + " is required");
                }
                continue;
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                violations.put(field.key(), field.label() + " is longer than " + MAX_VALUE_LENGTH + " characters");
            } else if (!field.matches(value)) {
                // The format in words, never the pattern itself, and never the help text, which says where to find a value.
                violations.put(field.key(), field.formatHint() == null ? field.label() + " is not in the expected format"
                        : field.label() + " must look like: " + field.formatHint());
            } else if (field.secret()) {
                secretValues.put(field.key(), value);
            } else {
                publicValues.put(field.key(), value);
            }
        }
        List<String> changed = changedLabels(fields, stored.publicValues(), enteredPublic);
        if (!changed.isEmpty()) {
            keptByMask.forEach(field -> violations.put(field.key(), field.label() + " must be entered again: a stored secret"
                    + " is kept only while the other values stay the same, and " + String.join(", ", changed)
                    + " changed"));
        }
        if (violations.isEmpty()) {
            Map<String, String> all = new LinkedHashMap<>(publicValues);
            all.putAll(secretValues);
            if (all.values().stream().mapToInt(String::length).sum() > MAX_TOTAL_LENGTH) {
                String longest = all.entrySet().stream()
                        .max(Map.Entry.comparingByValue(Comparator.comparingInt(String::length))).orElseThrow().getKey();
                violations.put(longest, "The values are longer than " + MAX_TOTAL_LENGTH
                        + " characters together; this one is the longest");
            }
        }
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return new Values(publicValues, secretValues);
    }

    /**
     * The labels of the non-secret values that differ between {@code stored} and {@code entered}: fields in their
     * order, then stored values of keys the fields no longer declare.
     */
    private static List<String> changedLabels(List<CredentialField> fields, Map<String, String> stored,
                                              Map<String, String> entered) {
        List<String> changed = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        for (CredentialField field : fields) {
            declared.add(field.key());
            if (!field.secret() && !Objects.equals(stored.get(field.key()), entered.get(field.key()))) {
                changed.add(field.label());
            }
        }
        stored.keySet().stream().filter(key -> !declared.contains(key)).sorted().forEach(changed::add);
        return changed;
    }

    /** The fields still to be filled in when {@code presetKeys} are given. */
    public static List<CredentialField> remaining(List<CredentialField> fields, Set<String> presetKeys) {
        return fields.stream().filter(field -> !presetKeys.contains(field.key())).toList();
    }

    /** A {@code VALIDATION_FAILED} refusal listing {@code violations}, field by field. */
    public static HostException invalid(Map<String, String> violations) {
        List<Violation> list = new ArrayList<>();
        violations.forEach((field, message) -> list.add(new Violation(field, message)));
        return new HostException(FailureKind.VALIDATION_FAILED, "Some values are missing or invalid.", null)
                .withViolations(list);
    }
}

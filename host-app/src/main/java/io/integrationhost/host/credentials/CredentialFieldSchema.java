package io.integrationhost.host.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.FieldType;
import io.integrationhost.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What of a plugin's credential fields stored values depend on: each field's key, type, whether it is required, whether
 * it is secret, and its pattern. Labels, help, format hints and defaults are for people and change nothing stored.
 *
 * @param fields sorted by key, so that the same declaration always has the same {@link #fingerprint()}
 */
public record CredentialFieldSchema(List<Field> fields) {

    private static final TypeReference<List<Field>> FIELDS = new TypeReference<>() { };

    /** One field, as far as stored values depend on it. */
    public record Field(String key, FieldType type, boolean required, boolean secret, String pattern) {
    }

    public CredentialFieldSchema {
        fields = fields.stream().sorted(Comparator.comparing(Field::key)).toList();
    }

    /** The schema of the fields a plugin declares. */
    public static CredentialFieldSchema of(List<CredentialField> declared) {
        return new CredentialFieldSchema(declared.stream()
                .map(f -> new Field(f.key(), f.type(), f.required(), f.secret(), f.pattern())).toList());
    }

    /** The schema {@link #json()} wrote. */
    public static CredentialFieldSchema read(String json) {
        try {
            return new CredentialFieldSchema(Json.mapper().readValue(json, FIELDS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored credential fields are not valid JSON", e);
        }
    }

    /** The fields as stored text: the same for the same schema. */
    public String json() {
        try {
            return Json.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Credential fields cannot be written as JSON", e);
        }
    }

    /** A stable hash of the fields: SHA-256 of {@link #json()}, in hex. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * What in {@code now} values stored for this schema may no longer satisfy, one sentence per change: a field removed
     * (or renamed: the old key is gone), a new required field, a field that became required, a type or secrecy changed,
     * a pattern changed (any change: nothing tells a looser pattern from a tighter one for certain). Empty when every
     * value stored for this schema still fits {@code now}: a new optional field, a field that became optional.
     */
    public List<String> breakingChangesTo(CredentialFieldSchema now) {
        Map<String, Field> before = byKey(fields);
        Map<String, Field> after = byKey(now.fields);
        List<String> changes = new ArrayList<>();
        for (Field old : fields) {
            Field changed = after.get(old.key());
            if (changed == null) {
                changes.add("field '" + old.key() + "' was removed or renamed");
                continue;
            }
            if (changed.type() != old.type()) {
                changes.add("field '" + old.key() + "' changed type from " + old.type() + " to " + changed.type());
            }
            if (changed.secret() != old.secret()) {
                changes.add("field '" + old.key() + "' is " + (changed.secret() ? "now secret" : "no longer secret"));
            }
            if (changed.required() && !old.required()) {
                changes.add("field '" + old.key() + "' became required");
            }
            if (!Objects.equals(changed.pattern(), old.pattern())) {
                changes.add("field '" + old.key() + "' has a new pattern");
            }
        }
        for (Field added : now.fields) {
            if (added.required() && !before.containsKey(added.key())) {
                changes.add("field '" + added.key() + "' is new and required");
            }
        }
        return changes;
    }

    /**
     * This schema as the carry-over {@code now} declares turns it: a field renamed ({@code renamedFrom}) under its new
     * key, and a new field with a {@code valueForStored} as if stored values had it. What still differs from
     * {@code now} after that is what the carry-over does not cover.
     */
    public CredentialFieldSchema carriedOverTo(List<CredentialField> now) {
        Map<String, Field> carried = new java.util.LinkedHashMap<>(byKey(fields));
        for (CredentialField field : now) {
            if (field.renamedFrom() != null && !carried.containsKey(field.key()) && carried.containsKey(field.renamedFrom())) {
                Field old = carried.remove(field.renamedFrom());
                carried.put(field.key(), new Field(field.key(), old.type(), old.required(), old.secret(), old.pattern()));
            }
            if (field.valueForStored() != null && !carried.containsKey(field.key())) {
                carried.put(field.key(), new Field(field.key(), field.type(), field.required(), field.secret(), field.pattern()));
            }
        }
        return new CredentialFieldSchema(List.copyOf(carried.values()));
    }

    /** Whether {@code now} declares any carry-over of stored values. */
    public static boolean declaresCarryOver(List<CredentialField> now) {
        return now.stream().anyMatch(f -> f.renamedFrom() != null || f.valueForStored() != null);
    }

    /**
     * Stored {@code values} carried over to {@code now}: a renamed field's value under its new key, a new field's
     * {@code valueForStored} where none is stored, and no value for a field {@code now} no longer declares.
     */
    public static Map<String, String> carryOver(Map<String, String> values, List<CredentialField> now) {
        Map<String, String> carried = new java.util.LinkedHashMap<>();
        for (CredentialField field : now) {
            String value = values.get(field.key());
            if (value == null && field.renamedFrom() != null) {
                value = values.get(field.renamedFrom());
            }
            if (value == null) {
                value = field.valueForStored();
            }
            if (value != null) {
                carried.put(field.key(), value);
            }
        }
        return carried;
    }

    private static Map<String, Field> byKey(List<Field> fields) {
        return fields.stream().collect(Collectors.toMap(Field::key, Function.identity()));
    }
}

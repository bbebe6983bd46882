package io.integrationhost.api.metadata;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One credential field, from which the host builds forms and validates values.
 *
 * @param key stable key, as the plugin reads it from {@code Credentials}
 * @param label what the form shows
 * @param help one or two sentences on where to find the value
 * @param type how the value is entered
 * @param required whether a value must be given
 * @param secret whether the value is write-only: encrypted at rest, masked in every answer, never logged
 * @param pattern a regular expression the whole value must match, or {@code null}; compiled once, when the field is
 *     built, which refuses one that is not a Java regular expression
 * @param defaultValue the value a form starts with, or {@code null}; never set for secrets
 * @param formatHint what a value that matches {@link #pattern()} looks like, for a person ("acme (the part before
 *     .example.com)"), or {@code null}; forms show it and a refused value's message says "must look like: …", so
 *     nobody is shown the regular expression itself. Since 1.1.0.
 * @param renamedFrom the key this field had in an earlier version of the plugin, or {@code null}: credentials stored
 *     under that key are carried over to this one when the host meets the new version. Since 1.2.0.
 * @param valueForStored the value credentials stored before this field existed get, or {@code null}; never set for
 *     secrets. Since 1.2.0.
 * @param presettable whether an administrator's authorization profile offers the value as a preset for every end user,
 *     as a company's subdomain is; a field that is not is each end user's own, and the host presets it only when the
 *     administrator chooses so explicitly. A descriptor leaves it out for "presettable exactly when public", and may not
 *     declare it for a secret. Since 1.3.0.
 * @param helpUrl where a person creates or finds the value ("https://{subdomain}.example.com/settings/keys"), or
 *     {@code null}; a {@code {key}} placeholder is filled with that public field's value, preset or entered, and a link
 *     whose placeholders have no value yet is not shown. Since 1.3.0.
 */
public record CredentialField(String key, String label, String help, FieldType type, boolean required,
                              boolean secret, String pattern, String defaultValue, String formatHint,
                              String renamedFrom, String valueForStored, boolean presettable, String helpUrl) {

    public CredentialField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        type = type == null ? (secret ? FieldType.PASSWORD : FieldType.TEXT) : type;
        if (pattern != null) {
            FieldPatterns.compiled(key, pattern);
        }
    }

    /** A field as in platform API 1.2.0: presettable exactly when it is public, without a help link. */
    public CredentialField(String key, String label, String help, FieldType type, boolean required,
                           boolean secret, String pattern, String defaultValue, String formatHint,
                           String renamedFrom, String valueForStored) {
        this(key, label, help, type, required, secret, pattern, defaultValue, formatHint, renamedFrom, valueForStored,
                !secret, null);
    }

    /** A field that declares no carry-over of stored values, as in platform API 1.1.0. */
    public CredentialField(String key, String label, String help, FieldType type, boolean required,
                           boolean secret, String pattern, String defaultValue, String formatHint) {
        this(key, label, help, type, required, secret, pattern, defaultValue, formatHint, null, null);
    }

    /** A field without a format hint, as in platform API 1.0.0. */
    public CredentialField(String key, String label, String help, FieldType type, boolean required,
                           boolean secret, String pattern, String defaultValue) {
        this(key, label, help, type, required, secret, pattern, defaultValue, null);
    }

    /** Whether {@code value} matches {@link #pattern()}; true when there is no pattern. */
    public boolean matches(String value) {
        return pattern == null || compiledPattern().matcher(value).matches();
    }

    /** The compiled {@link #pattern()}, or {@code null}; the one compiled when the field was built. */
    Pattern compiledPattern() {
        return pattern == null ? null : FieldPatterns.compiled(key, pattern);
    }
}

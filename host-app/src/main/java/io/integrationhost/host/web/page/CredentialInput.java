package io.integrationhost.host.web.page;

import io.integrationhost.api.metadata.CredentialField;
import java.util.ArrayList;
import java.util.List;

/**
 * One credential field of the end user's form, as the field template shows it: its input, label, help, format hint
 * and the reason it was refused, if it was. Public only because the compiled templates live in a package of their own.
 *
 * @param value what the input starts with, or {@code null} for none (a secret never has one)
 * @param error why the value sent was refused, or {@code null}
 */
public record CredentialInput(String id, String name, String label, boolean required, String type, String value,
                              String help, String formatHint, String error) {

    /**
     * The input for {@code field}: what the end user sent back, else the field's default, as the administrator's form
     * starts; never a secret.
     */
    public static CredentialInput of(CredentialField field, String submitted, String error) {
        String value = submitted != null ? submitted : field.defaultValue();
        return new CredentialInput("field-" + field.key(), field.key(), field.label(), field.required(),
                field.secret() ? "password" : inputType(field), field.secret() ? null : value, field.help(),
                field.formatHint(), error);
    }

    /** The ids of the texts that describe the input (help, format hint, refusal), or {@code null} for none. */
    public String describedBy() {
        List<String> ids = new ArrayList<>();
        if (help != null) {
            ids.add(id + "-help");
        }
        if (formatHint != null) {
            ids.add(id + "-format");
        }
        if (error != null) {
            ids.add(id + "-error");
        }
        return ids.isEmpty() ? null : String.join(" ", ids);
    }

    private static String inputType(CredentialField field) {
        return switch (field.type()) {
            case URL -> "url";
            case EMAIL -> "email";
            case PASSWORD -> "password";
            case TEXT -> "text";
        };
    }
}

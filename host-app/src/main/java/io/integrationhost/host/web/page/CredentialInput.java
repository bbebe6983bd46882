package io.integrationhost.host.web.page;

import io.integrationhost.api.metadata.CredentialField;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One credential field of the end user's form, as the field template shows it: its input, label, help, format hint,
 * where to create the value, and the reason it was refused, if it was. Public only because the compiled templates live
 * in a package of their own.
 *
 * @param value what the input starts with, or {@code null} for none (a secret never has one)
 * @param error why the value sent was refused, or {@code null}; the page puts the focus on the first refused field
 * @param helpUrl the field's help link with its placeholders filled in, or {@code null} while one has no usable value
 * @param helpUrlTemplate the field's help link with the presets filled in, or {@code null} for none: the page's script
 *     fills in the rest from the fields as the end user types
 * @param helpText the words of the help link
 */
public record CredentialInput(String id, String name, String label, boolean required, String type, String value,
                              String help, String formatHint, String error, boolean secret, String helpUrl,
                              String helpUrlTemplate, String helpText, boolean focus) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    /** A value that may stand in a link's host or path as it is: a plain name such as a subdomain. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

    /**
     * The input for {@code field}: what the end user sent back, else the field's default, as the administrator's form
     * starts; never a secret.
     *
     * @param presets the profile's public presets, which the help link is filled in from
     * @param entered the public values the end user sent, which fill in what the presets leave
     */
    public static CredentialInput of(CredentialField field, String submitted, String error, Map<String, String> presets,
                                     Map<String, String> entered, String integrationName, boolean focus) {
        String value = submitted != null ? submitted : field.defaultValue();
        String template = fillIn(field.helpUrl(), presets);
        String link = template == null ? null : fillIn(template, entered);
        return new CredentialInput("field-" + field.key(), field.key(), field.label(), field.required(),
                field.secret() ? "password" : inputType(field), field.secret() ? null : value, field.help(),
                field.formatHint(), error, field.secret(), link != null && !PLACEHOLDER.matcher(link).find() ? link : null,
                template, "Create or find it in " + integrationName, focus);
    }

    /**
     * {@code template} with each {@code {key}} that has a plain value in {@code values} replaced by it; the others are
     * left for later (a whole address pasted into a subdomain field is not guessed at). {@code null} for no template.
     */
    static String fillIn(String template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        return PLACEHOLDER.matcher(template).replaceAll(placeholder -> {
            String value = values.get(placeholder.group(1));
            String plain = value == null ? "" : value.strip();
            return Matcher.quoteReplacement(PLAIN_NAME.matcher(plain).matches()
                    ? URLEncoder.encode(plain, StandardCharsets.UTF_8) : placeholder.group());
        });
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

package io.integrationhost.host.web;

import io.integrationhost.runtime.credentials.CredentialForm;
import io.javalin.http.Context;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query parameters the API reads, checked: a value out of range or of the wrong form is refused with
 * {@code 400 VALIDATION_FAILED} naming the parameter and what it accepts, never clamped or ignored.
 */
final class QueryParameters {

    /** The form of an integration id, as the descriptor schema declares it. */
    private static final Pattern INTEGRATION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern AUDIT_ACTION = Pattern.compile("[a-z][a-z0-9.-]{0,63}");

    private QueryParameters() {
    }

    /** The one value of {@code name}, or {@code null}: sent twice, which one counts would be a guess. */
    private static String once(Context ctx, String name) {
        if (ctx.queryParams(name).size() > 1) {
            throw CredentialForm.invalid(Map.of(name, "must be sent at most once"));
        }
        return ctx.queryParam(name);
    }

    /** The whole number {@code name}, from {@code min} to {@code max}; {@code absent} when it is not sent. */
    static int whole(Context ctx, String name, int absent, int min, int max) {
        String value = once(ctx, name);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notWhole) {
            // refused below, like a number out of range
        }
        throw CredentialForm.invalid(Map.of(name, "must be a whole number from " + min + " to " + max));
    }

    /** The integration id {@code name}, or {@code null} when it is not sent. */
    static String integrationId(Context ctx, String name) {
        String value = once(ctx, name);
        if (value != null && !INTEGRATION_ID.matcher(value).matches()) {
            throw CredentialForm.invalid(Map.of(name, "must be an integration id: 1 to 63 lower-case letters, digits"
                    + " and '-', starting with a letter or digit"));
        }
        return value;
    }

    /** An audit trail's action name, such as {@code plugin.installed}: lower-case letters, digits, '.' and '-'. */
    static String auditAction(Context ctx, String name) {
        String value = once(ctx, name);
        if (value != null && !AUDIT_ACTION.matcher(value).matches()) {
            throw CredentialForm.invalid(Map.of(name, "must be an audit action such as plugin.installed: 1 to 64 lower-case"
                    + " letters, digits, '.' and '-', starting with a letter"));
        }
        return value;
    }
}

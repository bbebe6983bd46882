package io.integrationhost.host.web;

import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.host.endusers.EndUserAuthorizations;
import io.integrationhost.host.endusers.EndUserAuthorizations.LinkPage;
import io.integrationhost.runtime.error.HostException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The end user's page behind a one-time link: which integration asks, a form generated from the profile's
 * fields (presets hidden), then a success page; clear pages for expired (or withdrawn), used and unknown
 * links. Rendered on the server with everything escaped, so it needs no script and no sign-in.
 */
final class AuthorizePage {

    private static final String PATH_PREFIX = "/authorize/";

    private final EndUserAuthorizations endUsers;

    AuthorizePage(EndUserAuthorizations endUsers) {
        this.endUsers = endUsers;
    }

    void register(Javalin app) {
        app.get("/authorize/{token}", ctx -> show(ctx, endUsers.inspect(ctx.pathParam("token")), 200, null, Map.of(), Map.of()));
        app.post("/authorize/{token}", this::submit);
    }

    private void submit(Context ctx) {
        String token = ctx.pathParam("token");
        Map<String, String> submitted = new HashMap<>();
        Map<String, String> repeated = new HashMap<>();
        ctx.formParamMap().forEach((key, values) -> {
            submitted.put(key, values.isEmpty() ? "" : values.get(0));
            if (values.size() > 1) {
                repeated.put(key, "was sent more than once");
            }
        });
        try {
            // Which of two values counts would be a guess: the form has each field once.
            if (!repeated.isEmpty()) {
                throw CredentialForm.invalid(repeated);
            }
            endUsers.complete(token, submitted);
        } catch (HostException failure) {
            LinkPage page = endUsers.inspect(token);
            Map<String, String> fieldErrors = new HashMap<>();
            failure.violations().stream().filter(violation -> violation.field() != null)
                    .forEach(violation -> fieldErrors.put(violation.field(), violation.message()));
            show(ctx, page, 422, failure.getMessage(), fieldErrors, submitted);
            return;
        }
        render(ctx, 200, "Authorized", "<h1>You're all set</h1><p class=\"ok\" role=\"status\">Your credentials were checked and"
                + " saved. You can close this page and go back to the conversation.</p>");
    }

    private void show(Context ctx, LinkPage page, int openStatus, String error, Map<String, String> fieldErrors, Map<String, String> submitted) {
        if (page instanceof LinkPage.Open open) {
            render(ctx, openStatus, "Authorize " + open.integrationName(),
                    form(ctx.pathParam("token"), open, error, fieldErrors, submitted));
        } else if (page instanceof LinkPage.Expired) {
            render(ctx, 410, "Link expired", "<h1>This link has expired</h1>"
                    + "<p>Authorization links work for a limited time. Go back to the conversation and ask for a new one.</p>");
        } else if (page instanceof LinkPage.Withdrawn withdrawn) {
            render(ctx, 410, "Link expired", "<h1>This link has expired</h1><p>The way "
                    + Html.escape(withdrawn.integrationName()) + " is authorized changed after this link was made."
                    + " Go back to the conversation and ask for a new one.</p>");
        } else if (page instanceof LinkPage.Used) {
            render(ctx, 410, "Link already used", "<h1>This link was already used</h1>"
                    + "<p>Each authorization link works once. If you still need to authorize, ask for a new link.</p>");
        } else {
            render(ctx, 404, "Link not found", "<h1>This link is not valid</h1>"
                    + "<p>Check that you opened the whole link, or ask for a new one.</p>");
        }
    }

    private static String form(String token, LinkPage.Open open, String error, Map<String, String> fieldErrors,
                               Map<String, String> submitted) {
        StringBuilder html = new StringBuilder();
        html.append("<h1>Authorize ").append(Html.escape(open.integrationName())).append("</h1>");
        html.append("<p>").append(Html.escape(open.integrationName())).append(" asks for your own credentials so it can act for you")
                .append(" (<span class=\"user\">").append(Html.escape(open.userId())).append("</span>). They are checked now and")
                .append(" stored encrypted, and never shown again, not even to the host's administrators.</p>");
        if (error != null) {
            html.append("<div class=\"alert\" role=\"alert\">").append(Html.escape(error)).append("</div>");
        }
        html.append("<form method=\"post\" action=\"/authorize/").append(Html.escape(token)).append("\" class=\"form\">");
        for (CredentialField field : open.fields()) {
            String id = "field-" + field.key();
            html.append("<div class=\"field\"><label for=\"").append(Html.escape(id)).append("\">")
                    .append(Html.escape(field.label()));
            if (field.required()) {
                html.append(" <span class=\"required\" aria-hidden=\"true\">*</span>");
            }
            html.append("</label>");
            html.append("<input id=\"").append(Html.escape(id)).append("\" name=\"").append(Html.escape(field.key()))
                    .append("\" type=\"").append(field.secret() ? "password" : inputType(field)).append("\" autocomplete=\"off\"");
            if (field.required()) {
                html.append(" required aria-required=\"true\"");
            }
            // What the end user sent back, else the field's default, as the administrator's form starts; never a secret.
            String value = submitted.containsKey(field.key()) ? submitted.get(field.key()) : field.defaultValue();
            if (!field.secret() && value != null) {
                html.append(" value=\"").append(Html.escape(value)).append("\"");
            }
            boolean refused = fieldErrors.containsKey(field.key());
            List<String> describedBy = new ArrayList<>();
            if (field.help() != null) {
                describedBy.add(id + "-help");
            }
            if (field.formatHint() != null) {
                describedBy.add(id + "-format");
            }
            if (refused) {
                describedBy.add(id + "-error");
                html.append(" aria-invalid=\"true\"");
            }
            if (!describedBy.isEmpty()) {
                html.append(" aria-describedby=\"").append(Html.escape(String.join(" ", describedBy))).append("\"");
            }
            html.append(">");
            if (field.help() != null) {
                html.append("<p class=\"help\" id=\"").append(Html.escape(id)).append("-help\">").append(Html.escape(field.help()))
                        .append("</p>");
            }
            if (field.formatHint() != null) {
                html.append("<p class=\"hint\" id=\"").append(Html.escape(id)).append("-format\">Looks like: ")
                        .append(Html.escape(field.formatHint())).append("</p>");
            }
            if (refused) {
                html.append("<p class=\"field-error\" id=\"").append(Html.escape(id)).append("-error\">")
                        .append(Html.escape(fieldErrors.get(field.key()))).append("</p>");
            }
            html.append("</div>");
        }
        html.append("<button type=\"submit\" class=\"primary\">Authorize</button></form>");
        return html.toString();
    }

    private static String inputType(CredentialField field) {
        return switch (field.type()) {
            case URL -> "url";
            case EMAIL -> "email";
            case PASSWORD -> "password";
            case TEXT -> "text";
        };
    }

    /** Whether the request is for an end user's page, which answers in HTML, never in the API's JSON. */
    static boolean isEndUserPage(Context ctx) {
        return ctx.path().startsWith(PATH_PREFIX);
    }

    /** A path fit for the log: an end user's link is a credential, so its token is never written down. */
    static String loggablePath(Context ctx) {
        return isEndUserPage(ctx) ? PATH_PREFIX + "{token}" : ctx.path();
    }

    /** The page for a failure the end user cannot fix by correcting the form. */
    static void failurePage(Context ctx, int status, String message) {
        render(ctx, status, "Something went wrong", "<h1>Something went wrong</h1><p class=\"alert\" role=\"alert\">"
                + Html.escape(message) + "</p><p>Try again in a moment. If it keeps happening, go back to the conversation"
                + " and ask for a new link.</p>");
    }

    private static void render(Context ctx, int status, String title, String body) {
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + " · Integration Host</title><link rel=\"stylesheet\" href=\"/style.css\"></head>"
                + "<body class=\"standalone\"><main class=\"narrow\">" + body + "</main></body></html>");
    }
}

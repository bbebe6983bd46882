package io.integrationhost.host.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.host.endusers.EndUserAuthorizations;
import io.integrationhost.host.endusers.EndUserAuthorizations.LinkPage;
import io.integrationhost.host.oauth.OAuthFlows;
import io.integrationhost.host.web.page.CredentialInput;
import io.integrationhost.host.web.page.LinkIntro;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end user's page behind a one-time link: which integration asks and for whom, until when the link works, a form
 * generated from the profile's fields (presets hidden), then a success page; clear pages for expired (or withdrawn),
 * used and unknown links. Rendered on the server with everything escaped, so it works without script and needs no
 * sign-in; a script served as a file (the policy allows no inline one) adds a secret's Show toggle, fills in a field's
 * help link as the end user types and shows the expiry in local time. For an OAuth 2.0
 * profile the form has only the fields the presets leave (usually none) and continues to the provider's consent; the
 * provider sends the browser back to the OAuth callback, which shows the success page.
 */
final class AuthorizePage {

    private static final String PATH_PREFIX = "/authorize/";
    /**
     * The page's templates (src/main/jte), compiled to classes in the build; every value is escaped by where it
     * stands in the HTML (text, attribute; see PageOutput), so whatever a plugin or an end user supplied is shown as text.
     */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private final EndUserAuthorizations endUsers;

    AuthorizePage(EndUserAuthorizations endUsers) {
        this.endUsers = endUsers;
    }

    void register(Javalin app) {
        app.get("/authorize/{token}", ctx -> show(ctx, endUsers.inspect(ctx.pathParam("token")), 200, null, null, Map.of(),
                Map.of()));
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
            if (endUsers.inspect(token) instanceof LinkPage.Open open && open.oauth()) {
                toProvider(ctx, endUsers.startOAuth(token, submitted));
                return;
            }
            endUsers.complete(token, submitted);
        } catch (HostException failure) {
            LinkPage page = endUsers.inspect(token);
            Map<String, String> fieldErrors = new HashMap<>();
            failure.violations().stream().filter(violation -> violation.field() != null)
                    .forEach(violation -> fieldErrors.put(violation.field(), violation.message()));
            String error = page instanceof LinkPage.Open open ? forEndUser(failure, open, fieldErrors) : failure.getMessage();
            // What the remote system said stays at hand, folded away, for whoever helps the end user.
            String detail = FailureKind.CONNECTION_TEST_FAILED.kind().equals(failure.kind()) ? failure.getMessage() : null;
            show(ctx, page, 422, error, detail, fieldErrors, submitted);
            return;
        }
        render(ctx, 200, "authorize/done.jte", Map.of());
    }

    /**
     * A failed check in words for the person at the page, not a developer: a refusal by the remote system goes on the
     * field the end user can correct (their secret), without the upstream's status or wording; answers the page's
     * message, or {@code null} when the fields say it all.
     */
    private static String forEndUser(HostException failure, LinkPage.Open open, Map<String, String> fieldErrors) {
        if (!FailureKind.CONNECTION_TEST_FAILED.kind().equals(failure.kind())) {
            return fieldErrors.isEmpty() ? failure.getMessage() : null;
        }
        String name = open.integrationName();
        if (!ErrorKind.INVALID_CREDENTIALS.name().equals(failure.details().get("reasonKind"))) {
            return name + " could not check your details just now. Try again in a moment.";
        }
        Optional<CredentialField> own = open.fields().stream().filter(CredentialField::secret).findFirst();
        if (own.isEmpty()) {
            return name + " did not accept the connection details your administrator provided. Ask your administrator to"
                    + " check them.";
        }
        fieldErrors.put(own.get().key(), name + " did not accept this " + noun(own.get().label(), name)
                + ". Check it and try again.");
        return null;
    }

    /** A field's label as a noun in a sentence: "Your Acme API key" of Acme is "API key", "Password" "password". */
    static String noun(String label, String integrationName) {
        String noun = label.strip().replaceFirst("(?i)^your\\s+", "");
        if (noun.regionMatches(true, 0, integrationName + " ", 0, integrationName.length() + 1)) {
            noun = noun.substring(integrationName.length() + 1);
        }
        boolean acronym = noun.length() > 1 && Character.isUpperCase(noun.charAt(1));
        return noun.isEmpty() ? label : acronym ? noun : Character.toLowerCase(noun.charAt(0)) + noun.substring(1);
    }

    /**
     * The OAuth page's form is answered with a 303 to the provider's consent page, and browsers hold a form's redirects
     * to the page's {@code form-action} as well (Chromium refuses the redirect under {@code 'self'}): on this page only,
     * the form may lead to another origin, the provider's (https, or an operator's http override).
     */
    private static void allowFormRedirectToProvider(Context ctx) {
        ctx.header("Content-Security-Policy",
                WebServer.CONTENT_SECURITY_POLICY.replace("form-action 'self'", "form-action 'self' https: http:"));
    }

    /** Sends the browser to the provider's consent, bound to this browser by the flow's cookie. */
    private void toProvider(Context ctx, OAuthFlows.Started started) {
        OAuthCallback.bindBrowser(ctx, started, "https".equalsIgnoreCase(endUsers.oauthCallbackUrl().getScheme()));
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(started.authorizationUrl().toString(), HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, LinkPage page, int openStatus, String error, String detail, Map<String, String> fieldErrors,
                      Map<String, String> submitted) {
        if (page instanceof LinkPage.Open open) {
            Map<String, String> entered = new HashMap<>();
            open.fields().stream().filter(field -> !field.secret() && submitted.get(field.key()) != null)
                    .forEach(field -> entered.put(field.key(), submitted.get(field.key())));
            String firstRefused = open.fields().stream().map(CredentialField::key).filter(fieldErrors::containsKey)
                    .findFirst().orElse(null);
            List<CredentialInput> fields = open.fields().stream()
                    .map(field -> CredentialInput.of(field, submitted.get(field.key()), fieldErrors.get(field.key()),
                            open.publicPresets(), entered, open.integrationName(), field.key().equals(firstRefused)))
                    .toList();
            Map<String, Object> form = new HashMap<>();
            form.put("intro", LinkIntro.of(open));
            form.put("action", PATH_PREFIX + ctx.pathParam("token"));
            form.put("error", error);
            form.put("detail", detail);
            form.put("fields", fields);
            if (open.oauth()) {
                allowFormRedirectToProvider(ctx);
            }
            render(ctx, openStatus, open.oauth() ? "authorize/oauth.jte" : "authorize/form.jte", form);
        } else if (page instanceof LinkPage.Expired) {
            closed(ctx, 410, "Link expired", "This link has expired",
                    "Authorization links work for a limited time. Go back to the conversation and ask for a new one.");
        } else if (page instanceof LinkPage.Withdrawn withdrawn) {
            closed(ctx, 410, "Link expired", "This link has expired", "The way " + withdrawn.integrationName()
                    + " is authorized changed after this link was made. Go back to the conversation and ask for a new one.");
        } else if (page instanceof LinkPage.Used) {
            closed(ctx, 410, "Link already used", "This link was already used",
                    "Each authorization link works once. If you still need to authorize, ask for a new link.");
        } else {
            closed(ctx, 404, "Link not found", "This link is not valid",
                    "Check that you opened the whole link, or ask for a new one.");
        }
    }

    /** A link that no longer opens the form: expired, withdrawn, used or unknown. */
    private static void closed(Context ctx, int status, String title, String heading, String explanation) {
        render(ctx, status, "authorize/closed.jte", Map.of("title", title, "heading", heading, "explanation", explanation));
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
        render(ctx, status, "authorize/failure.jte", Map.of("message", message));
    }

    /** Renders a page of the host's own (the end user's, the OAuth callback's): never cached, everything escaped. */
    static void render(Context ctx, int status, String template, Map<String, Object> parameters) {
        StringOutput html = new StringOutput();
        TEMPLATES.render(template, parameters, new PageOutput(html));
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(html.toString());
    }
}

package io.integrationhost.host.web;

import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.configuration.IntegrationConfigurations;
import io.integrationhost.host.endusers.EndUserAuthorizations;
import io.integrationhost.host.oauth.OAuthFlows;
import io.integrationhost.host.storage.Columns;
import io.integrationhost.runtime.error.HostException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The OAuth 2.0 callback, {@code GET /oauth2/callback?code&state} (or {@code ?error&state}): where a provider sends the
 * browser back after consent. Public, like the end user's page: the state, single-use and bound to the browser's
 * cookie, is its credential. The flow is spent first; a callback the host cannot accept, a provider's error or a failed
 * completion answers an HTML page that says what happened and what to do, and stores nothing. Otherwise the spent
 * flow and the code go to its owner: the administrator's to {@link IntegrationConfigurations#completeOAuth}, an end
 * user's to {@link EndUserAuthorizations#completeOAuth}.
 *
 * <p>The state and the code are in the query, never in the path: the host logs paths only.
 */
final class OAuthCallback {

    /** The longest provider's error description shown: it is the provider's text, of any length. */
    private static final int MAX_PROVIDER_TEXT = 300;

    private final OAuthFlows flows;
    private final IntegrationConfigurations configurations;
    private final EndUserAuthorizations endUsers;
    private final AuditTrail audit;

    OAuthCallback(OAuthFlows flows, IntegrationConfigurations configurations, EndUserAuthorizations endUsers, AuditTrail audit) {
        this.flows = flows;
        this.configurations = configurations;
        this.endUsers = endUsers;
        this.audit = audit;
    }

    void register(Javalin app) {
        app.get(OAuthFlows.CALLBACK_PATH, this::callback);
    }

    /** Whether the request is for the callback, which answers in HTML, never in the API's JSON. */
    static boolean isCallback(Context ctx) {
        return ctx.path().equals(OAuthFlows.CALLBACK_PATH);
    }

    /**
     * Sets the cookie that binds a started flow to this browser: sent only to the callback, never readable by a script,
     * sent along the provider's top-level redirect (SameSite=Lax), and only over https when the host's public address is.
     */
    static void bindBrowser(Context ctx, OAuthFlows.Started started, boolean secure) {
        Cookie cookie = new Cookie(OAuthFlows.BROWSER_COOKIE, started.browserCookie());
        cookie.setPath(OAuthFlows.CALLBACK_PATH);
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.LAX);
        cookie.setMaxAge((int) Math.max(1, Duration.between(Instant.now(), started.expiresAt()).toSeconds()));
        cookie.setSecure(secure);
        ctx.cookie(cookie);
    }

    private void callback(Context ctx) {
        String state = ctx.queryParam("state");
        String code = ctx.queryParam("code");
        String error = ctx.queryParam("error");
        OAuthFlows.Completed completed;
        try {
            OAuthFlows.Spent spent = flows.spend(state, ctx.cookie(OAuthFlows.BROWSER_COOKIE));
            // Spent: the browser's cookie has done its work, whatever follows.
            ctx.removeCookie(OAuthFlows.BROWSER_COOKIE, OAuthFlows.CALLBACK_PATH);
            if (error != null) {
                throw providerRefused(spent.purpose(), error, ctx.queryParam("error_description"));
            }
            if (code == null || code.isBlank()) {
                throw OAuthFlows.refused(OAuthFlows.Refusal.PROVIDER_ERROR, "The provider's answer carries no authorization code.",
                        "Start the authorization again.");
            }
            completed = spent.purpose().kind() == OAuthFlows.Kind.ADMINISTRATOR
                    ? configurations.completeOAuth(spent, code)
                    : endUsers.completeOAuth(spent, code);
        } catch (HostException failure) {
            failurePage(ctx, failure);
            return;
        }
        if (completed.kind() == OAuthFlows.Kind.ADMINISTRATOR) {
            Map<String, Object> page = new HashMap<>();
            page.put("integrationName", completed.integrationName());
            page.put("message", completed.message() == null ? "The connection test passed." : completed.message());
            page.put("integrationPage", "/#/integrations/" + completed.integrationId());
            AuthorizePage.render(ctx, 200, "oauth/connected.jte", page);
        } else {
            AuthorizePage.render(ctx, 200, "authorize/done.jte", Map.of());
        }
    }

    /** The provider's {@code error} answer (such as {@code access_denied}), audited with its code, the flow spent. */
    private HostException providerRefused(OAuthFlows.Purpose purpose, String error, String description) {
        String code = Columns.fit(error, 64);
        audit.record(purpose.userId() == null ? "admin" : "end-user:" + purpose.userId(), "oauth.refused",
                purpose.integrationId(), purpose.userId(), "FAILURE", "the provider answered " + code);
        String said = description == null || description.isBlank() ? "" : " (" + Columns.fit(description, MAX_PROVIDER_TEXT) + ")";
        return OAuthFlows.refused(OAuthFlows.Refusal.PROVIDER_ERROR, "access_denied".equals(error)
                ? "Access was not granted at the provider" + said + "."
                : "The provider did not grant access: " + code + said + ".",
                "To connect, start the authorization again and allow access at the provider.");
    }

    /** The page for a callback that stored nothing: what happened and what to do, with the failure's status. */
    static void failurePage(Context ctx, HostException failure) {
        Map<String, Object> page = new HashMap<>();
        page.put("heading", failure.status() >= 500 ? "The provider could not complete the authorization"
                : "This authorization could not be completed");
        page.put("message", failure.getMessage());
        page.put("remedy", failure.remedy() == null ? "Start the authorization again." : failure.remedy());
        AuthorizePage.render(ctx, failure.status(), "oauth/failure.jte", page);
    }
}

package io.integrationhost.host.web;

import io.integrationhost.runtime.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.host.actions.ActionRunner;
import io.integrationhost.host.configuration.IntegrationConfiguration;
import io.integrationhost.host.configuration.IntegrationConfigurations;
import io.integrationhost.host.oauth.OAuthFlows;
import io.integrationhost.host.catalog.CatalogEntry;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.invocation.PluginInvoker;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The catalog, each integration's configuration, its end users' authorizations, and running its actions. */
final class IntegrationRoutes {

    private static final String ICON_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    /**
     * The body of {@code PUT /api/integrations/{id}/authorization}.
     *
     * @param mode PRE_AUTHORIZED or USER_AUTHORIZED (any case, surrounding blanks ignored)
     * @param profileId for USER_AUTHORIZED: the authorization profile end users authorize through
     * @param values for PRE_AUTHORIZED: the credential values, each kept as sent
     */
    record ConfigurationRequest(String mode, String profileId, Map<String, Object> values) {
    }

    /**
     * The body of {@code POST /api/integrations/{id}/authorization/oauth2}.
     *
     * @param values the effective values: the declared fields', the OAuth app's client id and secret, the scopes
     */
    record OAuthStartRequest(Map<String, Object> values) {
    }

    /**
     * The body of {@code POST /api/integrations/{id}/actions/{action}}.
     *
     * @param input the action's input, checked against its schema (absent: an empty object)
     * @param userId for an integration end users authorize: whose credentials the call uses
     * @param userName that end user's display name, optional: a link issued for them greets them by it
     */
    record ActionRequest(JsonNode input, String userId, String userName) {
    }

    private final HostServices services;

    IntegrationRoutes(HostServices services) {
        this.services = services;
    }

    void register(Javalin app) {
        app.get("/api/integrations", ctx -> ctx.json(services.catalog().entries().stream()
                .map(entry -> IntegrationJson.of(entry, services)).toList()));
        app.get("/api/integrations/{id}", ctx -> ctx.json(IntegrationJson.of(entry(ctx), services)));
        app.get("/api/integrations/{id}/icon", this::icon);
        app.put("/api/integrations/{id}/authorization", this::authorize);
        app.post("/api/integrations/{id}/authorization/oauth2", this::startOAuth);
        app.post("/api/integrations/{id}/enable", ctx -> stateChange(ctx, services.configurations()::enable));
        app.post("/api/integrations/{id}/disable", ctx -> stateChange(ctx, services.configurations()::disable));
        app.delete("/api/integrations/{id}/configuration", ctx -> {
            services.configurations().delete(ctx.pathParam("id"));
            ctx.status(204);
        });
        app.get("/api/integrations/{id}/users", ctx -> ctx.json(services.endUsers().list(entry(ctx).id())));
        app.delete("/api/integrations/{id}/users/{userId}", ctx -> {
            services.endUsers().revoke(entry(ctx).id(), ctx.pathParam("userId"), "admin");
            ctx.status(204);
        });
        app.post("/api/integrations/{id}/actions/{action}", this::runAction);
    }

    private CatalogEntry entry(Context ctx) {
        String id = ctx.pathParam("id");
        return services.catalog().find(id)
                .orElseThrow(() -> HostException.notFound("No integration with id '" + id + "' is installed."));
    }

    private InstalledIntegration installed(Context ctx) {
        CatalogEntry entry = entry(ctx);
        if (entry.installed() == null) {
            throw PluginInvoker.unavailable(entry.id(), "its plugin is not installed; its configuration is kept");
        }
        return entry.installed();
    }

    private void icon(Context ctx) {
        InstalledIntegration.Icon icon = installed(ctx).icon();
        if (icon == null) {
            throw HostException.notFound("The integration '" + ctx.pathParam("id") + "' has no icon.");
        }
        ctx.header("Content-Security-Policy", ICON_POLICY);
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.contentType(icon.contentType()).result(icon.bytes());
    }

    private void authorize(Context ctx) {
        InstalledIntegration installed = installed(ctx);
        ConfigurationRequest body = Bodies.read(ctx, ConfigurationRequest.class);
        String mode = body.mode();
        AuthorizationMode chosen;
        try {
            chosen = AuthorizationMode.valueOf(mode == null ? "" : mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HostException.badRequest("'mode' must be PRE_AUTHORIZED or USER_AUTHORIZED.",
                    "Send {\"mode\": \"PRE_AUTHORIZED\", \"values\": {...}} or {\"mode\": \"USER_AUTHORIZED\", \"profileId\": \"...\"}.");
        }
        IntegrationConfigurations configurations = services.configurations();
        Map<String, Object> answer = new LinkedHashMap<>();
        if (chosen == AuthorizationMode.PRE_AUTHORIZED) {
            IntegrationConfigurations.Stored stored = configurations.preAuthorize(installed,
                    body.values() == null ? Map.of() : body.values());
            answer.put("connectionTest", Map.of("successful", true, "message", stored.checkMessage()));
        } else {
            configurations.useProfile(installed, body.profileId());
        }
        answer.put("integration", IntegrationJson.of(entry(ctx), services));
        ctx.json(answer);
    }

    /**
     * Starts an administrator's authorization code flow: the browser that opens {@code authorizationUrl} gets back to the
     * callback, which completes it; the answer's cookie binds the flow to that browser.
     */
    private void startOAuth(Context ctx) {
        InstalledIntegration installed = installed(ctx);
        OAuthStartRequest body = Bodies.read(ctx, OAuthStartRequest.class);
        OAuthFlows.Started started = services.configurations().startOAuth(installed, body.values() == null ? Map.of() : body.values());
        java.net.URI callback = services.oauth().flows().callbackUrl();
        OAuthCallback.bindBrowser(ctx, started, "https".equalsIgnoreCase(callback.getScheme()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("authorizationUrl", started.authorizationUrl().toString());
        answer.put("callbackUrl", callback.toString());
        answer.put("expiresAt", started.expiresAt().toString());
        ctx.json(answer);
    }

    private void stateChange(Context ctx, java.util.function.Function<String, IntegrationConfiguration> change) {
        String id = entry(ctx).id();
        change.apply(id);
        ctx.json(IntegrationJson.of(entry(ctx), services));
    }

    private void runAction(Context ctx) {
        ActionRequest body = Bodies.read(ctx, ActionRequest.class);
        ActionRunner.Outcome outcome = services.actions().run(ctx.pathParam("id"), ctx.pathParam("action"),
                body.input(), body.userId(), body.userName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", Json.asIs(outcome.result()));
        answer.put("correlationId", outcome.correlationId());
        answer.put("durationMillis", outcome.durationMillis());
        ctx.json(answer);
    }
}

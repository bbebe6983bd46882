package io.integrationhost.host.web;

import io.integrationhost.host.HostConfig;
import io.integrationhost.host.admin.GuessThrottle;
import io.integrationhost.host.error.HostException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's HTTP face: the REST API (administrators only), the administrator's pages, and the end
 * user's authorization page (its one-time link is its only credential).
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    /** Pages load scripts and styles from the host only; nothing inline, nothing framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /** Set on a request whose failure the host answered itself, so Javalin's status handlers leave it alone. */
    private static final String ANSWERED = "integration-host.answered";

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    public static WebServer start(HostConfig config, HostServices services) {
        Javalin app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            // Plugin jars are uploaded whole; JSON bodies have their own, smaller limit (see Bodies).
            javalin.http.maxRequestSize = 64L * 1024 * 1024;
            javalin.jsonMapper(new JavalinJackson(Json.mapper(), false));
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
        });
        AdminFilter admin = new AdminFilter(services.admin(), new GuessThrottle(Clock.systemUTC()));
        app.before(WebServer::securityHeaders);
        app.before("/api/*", ctx -> {
            if (!(ctx.path().equals("/api/session") && "POST".equals(ctx.method().name()))) {
                admin.require(ctx);
            }
        });
        app.exception(HostException.class, (failure, ctx) -> answer(ctx, failure));
        app.exception(Exception.class, (failure, ctx) -> {
            log.error("Unexpected failure answering {} {}", ctx.method(), AuthorizePage.loggablePath(ctx), failure);
            answer(ctx, new HostException(500, "INTERNAL", "The host failed to answer this request.",
                    "Try again; if it persists, check the host's log.", Map.of()));
        });
        // Javalin answers an unknown address, or a method an address does not have, with its own 404; the API
        // answers every failure in its JSON.
        app.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.attribute(ANSWERED) == null) {
                ctx.json(ErrorJson.of(HostException.notFound("No such resource: " + ctx.method() + " " + ctx.path())));
            }
        });

        app.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
        new SessionRoutes(services.admin(), admin, config.publicUrl()).register(app);
        new IntegrationRoutes(services).register(app);
        new ProfileRoutes(services.profiles()).register(app);
        app.get("/api/plugins", ctx -> ctx.json(services.plugins().snapshot().plugins()));
        app.post("/api/plugins", ctx -> {
            var status = services.plugins().install(ctx.queryParam("fileName"), ctx.bodyInputStream());
            services.audit().record("admin", "plugin.installed", status.integrationId(), null, status.state().name(),
                    status.pluginId() + " " + status.version() + " from " + status.fileName()
                            + (status.reason() == null ? "" : ": " + status.reason()));
            ctx.status(201).json(status);
        });
        app.delete("/api/plugins/{pluginId}", ctx -> {
            services.plugins().uninstall(ctx.pathParam("pluginId"));
            services.audit().record("admin", "plugin.uninstalled", null, null, "SUCCESS", ctx.pathParam("pluginId"));
            ctx.status(204);
        });
        app.get("/api/audit", ctx -> ctx.json(services.audit().recent(ctx.queryParam("integrationId"),
                parseLimit(ctx.queryParam("limit")))));
        new AuthorizePage(services.endUsers()).register(app);

        app.start(config.bindAddress(), config.port());
        return new WebServer(app);
    }

    private static void answer(Context ctx, HostException failure) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ErrorJson.retryAfterHeader(ctx, failure);
        if (AuthorizePage.isEndUserPage(ctx)) {
            AuthorizePage.failurePage(ctx, failure.status(), failure.getMessage());
        } else {
            ctx.status(failure.status()).json(ErrorJson.of(failure));
        }
    }

    private static int parseLimit(String limit) {
        try {
            return limit == null ? 100 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw HostException.badRequest("'limit' must be a whole number.", "Send a limit between 1 and 1000.");
        }
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}

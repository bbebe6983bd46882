package io.integrationhost.host.web;

import io.integrationhost.runtime.json.Json;
import io.integrationhost.host.config.HostConfig;
import io.integrationhost.host.admin.GuessThrottle;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's HTTP face: the REST API (administrators only), the administrator's pages, the end
 * user's authorization page (its one-time link is its only credential), and the OAuth 2.0 callback (public: a
 * flow's single-use state, bound to the browser's cookie, is its credential), and the meters for Prometheus
 * (administrators only).
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    /** Pages load scripts and styles from the host only; nothing inline, nothing framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /** The Prometheus text exposition format, version 0.0.4, that every Prometheus server reads. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** A route the server answers: an HTTP method and a path, as registered (path parameters as {@code {name}}). */
    public record Route(String method, String path) {
    }

    private final Javalin app;
    private final List<Route> routes;

    private WebServer(Javalin app, List<Route> routes) {
        this.app = app;
        this.routes = List.copyOf(routes);
    }

    public static WebServer start(HostConfig config, HostServices services) {
        List<Route> routes = new ArrayList<>();
        Javalin app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            // Every route as it is added, not filters: what the API's description must cover.
            javalin.events(events -> events.handlerAdded(handler -> {
                if (handler.getHttpMethod().isHttpMethod()) {
                    routes.add(new Route(handler.getHttpMethod().name(), handler.getPath()));
                }
            }));
            javalin.http.maxRequestSize = PluginRoutes.MAX_JAR_BYTES;
            ServerErrors serverErrors = new ServerErrors();
            javalin.jetty.modifyServer(server -> server.setErrorHandler(serverErrors));
            javalin.jetty.modifyServletContextHandler(context -> context.setErrorHandler(serverErrors));
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
        // Javalin's own refusals are answered like the host's: an unknown address, or a method an address does not
        // have (404), a body over its limit (413).
        app.exception(HttpResponseException.class, (failure, ctx) -> answer(ctx, failure.getStatus() == 404
                ? HostException.notFound("No such resource: " + ctx.method() + " " + AuthorizePage.loggablePath(ctx))
                : ServerErrors.of(failure.getStatus(), failure.getMessage())));
        app.exception(Exception.class, (failure, ctx) -> {
            log.error("Unexpected failure answering {} {}", ctx.method(), AuthorizePage.loggablePath(ctx), failure);
            answer(ctx, new HostException(FailureKind.INTERNAL, "The host failed to answer this request.", null));
        });

        app.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
        // For a Prometheus scraper with the administrator's token: the meters carry no secret, but they tell about use.
        app.before("/metrics", admin::require);
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(services.metrics().scrape()));
        new SessionRoutes(services.admin(), admin, config.publicUrl()).register(app);
        new IntegrationRoutes(services).register(app);
        new ProfileRoutes(services.profiles(), services.endUsers()::oauthCallbackUrl).register(app);
        new PluginRoutes(services.plugins(), services.calls(), services.pluginAdministration()).register(app);
        new AuditRoutes(services.audit()).register(app);
        new ApiDescription().register(app);
        new AuthorizePage(services.endUsers()).register(app);
        new OAuthCallback(services.oauth().flows(), services.configurations(), services.endUsers(), services.audit()).register(app);

        app.start(config.bindAddress(), config.port());
        return new WebServer(app, routes);
    }

    private static void answer(Context ctx, HostException failure) {
        ErrorJson.retryAfterHeader(ctx, failure);
        if (AuthorizePage.isEndUserPage(ctx)) {
            AuthorizePage.failurePage(ctx, failure.status(), failure.getMessage());
        } else if (OAuthCallback.isCallback(ctx)) {
            OAuthCallback.failurePage(ctx, failure);
        } else {
            ctx.status(failure.status()).json(ErrorJson.of(failure));
        }
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        if (ctx.path().startsWith("/api/") || ctx.path().equals("/metrics")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    /** The routes the server answers, in the order they were registered. */
    public List<Route> routes() {
        return routes;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}

package io.integrationhost.host.web;

import io.integrationhost.host.HostConfig;
import io.integrationhost.host.catalog.Catalog;
import io.integrationhost.host.catalog.CatalogEntry;
import io.integrationhost.host.error.HostException;
import io.integrationhost.host.plugins.InstalledIntegration;
import io.integrationhost.host.plugins.PluginRuntime;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The host's HTTP face: the REST API, the administrator's pages and the end user's page. */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    /** Pages load scripts and styles from the host only; nothing inline, nothing framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    /** Plugin-supplied icons may be SVG: opened on their own they must not run anything. */
    private static final String ICON_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    public static WebServer start(HostConfig config, Catalog catalog, PluginRuntime plugins) {
        Javalin app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(Json.mapper(), false));
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
        });
        app.before(WebServer::securityHeaders);
        app.exception(HostException.class, (failure, ctx) -> ctx.status(failure.status()).json(ErrorJson.of(failure)));
        app.exception(Exception.class, (failure, ctx) -> {
            log.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), failure);
            ctx.status(500).json(ErrorJson.of(new HostException(500, "INTERNAL",
                    "The host failed to answer this request.", "Try again; if it persists, check the host's log.",
                    Map.of())));
        });
        app.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.result() == null) {
                ctx.json(ErrorJson.of(HostException.notFound("No such resource: " + ctx.path())));
            }
        });

        app.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
        app.get("/api/integrations", ctx -> ctx.json(catalog.entries().stream().map(IntegrationJson::of).toList()));
        app.get("/api/integrations/{id}", ctx -> ctx.json(IntegrationJson.of(entry(catalog, ctx))));
        app.get("/api/integrations/{id}/icon", ctx -> icon(entry(catalog, ctx), ctx));
        app.get("/api/plugins", ctx -> ctx.json(plugins.snapshot().plugins()));

        app.start(config.bindAddress(), config.port());
        return new WebServer(app);
    }

    private static CatalogEntry entry(Catalog catalog, Context ctx) {
        String id = ctx.pathParam("id");
        return catalog.find(id).orElseThrow(() -> HostException.notFound("No integration with id '" + id + "' is installed."));
    }

    private static void icon(CatalogEntry entry, Context ctx) {
        InstalledIntegration.Icon icon = entry.installed().icon();
        if (icon == null) {
            throw HostException.notFound("The integration '" + entry.id() + "' has no icon.");
        }
        ctx.header("Content-Security-Policy", ICON_POLICY);
        ctx.header("Cache-Control", "max-age=3600");
        ctx.contentType(icon.contentType()).result(icon.bytes());
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}

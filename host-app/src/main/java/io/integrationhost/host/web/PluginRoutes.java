package io.integrationhost.host.web;

import io.integrationhost.host.plugins.PluginAdministration;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginSnapshot;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The installed plugins: listing them, uploading a jar (install or upgrade), rolling one back, restarting one's worker,
 * uninstalling one.
 */
final class PluginRoutes {

    /** Plugin jars are uploaded whole, up to the runtime's limit; JSON bodies have their own, smaller one (see Bodies). */
    static final long MAX_JAR_BYTES = PluginRuntime.MAX_JAR_BYTES;

    private final PluginRuntime plugins;
    private final PluginCalls calls;
    private final PluginAdministration administration;

    PluginRoutes(PluginRuntime plugins, PluginCalls calls, PluginAdministration administration) {
        this.plugins = plugins;
        this.calls = calls;
        this.administration = administration;
    }

    void register(Javalin app) {
        app.get("/api/plugins", ctx -> {
            PluginSnapshot snapshot = plugins.snapshot();
            ctx.json(snapshot.plugins().stream().map(status -> PluginJson.of(status, snapshot, calls, plugins)).toList());
        });
        app.post("/api/plugins", this::upload);
        app.post("/api/plugins/{pluginId}/rollback", ctx ->
                ctx.json(PluginJson.of(administration.rollback(ctx.pathParam("pluginId")), calls, plugins)));
        app.post("/api/plugins/{pluginId}/restart", ctx ->
                ctx.json(PluginJson.of(administration.restart(ctx.pathParam("pluginId")), calls, plugins)));
        app.delete("/api/plugins/{pluginId}", ctx -> {
            administration.uninstall(ctx.pathParam("pluginId"));
            ctx.status(204);
        });
    }

    private void upload(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_JAR_BYTES) {
            throw ServerErrors.of(413, null);
        }
        var status = administration.install(ctx.queryParam("fileName"), ctx.bodyInputStream());
        ctx.status(201).json(PluginJson.of(status, calls, plugins));
    }
}

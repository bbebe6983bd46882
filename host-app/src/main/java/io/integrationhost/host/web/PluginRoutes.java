package io.integrationhost.host.web;

import io.integrationhost.host.plugins.PluginAdministration;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginSnapshot;
import io.integrationhost.host.plugins.PluginSync;
import io.integrationhost.runtime.plugins.PluginStatus;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.javalin.http.Context;

/**
 * The installed plugins: listing them (with each instance's state of each), uploading a jar (install or upgrade),
 * rolling one back, restarting one's worker, uninstalling one. Changes apply to every instance on the same database.
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
        app.get("/api/plugins", ctx -> ctx.json(list()));
        app.post("/api/plugins", this::upload);
        app.post("/api/plugins/{pluginId}/rollback", ctx -> ctx.json(PluginJson.of(
                administration.rollback(ctx.pathParam("pluginId")), calls, plugins, administration.sync())));
        app.post("/api/plugins/{pluginId}/restart", ctx -> {
            PluginStatus restarted = administration.restart(ctx.pathParam("pluginId"));
            ctx.json(PluginJson.of(restarted, plugins.snapshot(), calls, plugins, administration.sync().instancesByPlugin()));
        });
        app.delete("/api/plugins/{pluginId}", ctx -> {
            PluginAdministration.Change removed = administration.uninstall(ctx.pathParam("pluginId"));
            // Every live instance removed it: nothing more to say. Otherwise the answer names those that had not.
            if (removed.notCaughtUp().isEmpty()) {
                ctx.status(204);
            } else {
                ctx.status(200).json(PluginJson.ClusterJson.of(removed, administration.sync()));
            }
        });
    }

    /** This instance's plugins, and those of the cluster's set it could not run (failed here, with the reason). */
    private List<PluginJson> list() {
        PluginSnapshot snapshot = plugins.snapshot();
        Map<String, List<PluginSync.PluginOnInstance>> instances = administration.sync().instancesByPlugin();
        List<PluginStatus> shown = new ArrayList<>(snapshot.plugins());
        administration.sync().refusedHere().stream()
                .filter(refused -> snapshot.plugin(refused.pluginId()).isEmpty()).forEach(shown::add);
        return shown.stream().map(status -> PluginJson.of(status, snapshot, calls, plugins, instances)).toList();
    }

    private void upload(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_JAR_BYTES) {
            throw ServerErrors.of(413, null);
        }
        var change = administration.install(ctx.queryParam("fileName"), ctx.bodyInputStream());
        ctx.status(201).json(PluginJson.of(change, calls, plugins, administration.sync()));
    }
}

package io.integrationhost.host.plugins;

import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.configuration.OwnerBinding;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginSnapshot;
import io.integrationhost.runtime.plugins.PluginState;
import io.integrationhost.runtime.plugins.PluginStatus;
import io.integrationhost.runtime.worker.PluginWorker;
import io.integrationhost.runtime.worker.WorkerStatus;
import java.io.InputStream;
import java.util.Locale;

/**
 * The administrator's changes to the installed plugins: each one made in the runtime, written to the audit trail, and
 * followed by what it implies for the host's stored data. The REST API only hands requests to it.
 */
public final class PluginAdministration {

    /** Who the audit trail names for changes made through the API (the administrator has no name of their own). */
    private static final String ACTOR = "admin";

    private final PluginRuntime plugins;
    private final AuditTrail audit;
    private final OwnerBinding ownerBinding;
    private final CredentialSchemaUpgrades schemaUpgrades;

    public PluginAdministration(PluginRuntime plugins, AuditTrail audit, OwnerBinding ownerBinding,
                                CredentialSchemaUpgrades schemaUpgrades) {
        this.plugins = plugins;
        this.audit = audit;
        this.ownerBinding = ownerBinding;
        this.schemaUpgrades = schemaUpgrades;
    }

    /**
     * Installs (or upgrades) the plugin in {@code content} and records what came of it.
     *
     * @see PluginRuntime#install(String, InputStream)
     */
    public PluginStatus install(String fileName, InputStream content) {
        return installed(plugins.install(fileName, content), "plugin.installed", "from");
    }

    /**
     * Brings back the version of a plugin its last upgrade replaced, and follows it up as an install: a rollback may
     * change the credential fields stored values were made with just as an upgrade may.
     *
     * @see PluginRuntime#rollback(String)
     */
    public PluginStatus rollback(String pluginId) {
        return installed(plugins.rollback(pluginId), "plugin.rolled-back", "back from");
    }

    /** Records a plugin an install or a rollback put in place, and what that implies for stored data. */
    private PluginStatus installed(PluginStatus status, String action, String source) {
        audit.record(ACTOR, action, status.integrationId(), null, status.state().name(),
                status.pluginId() + " " + status.version() + " " + source + " " + status.fileName()
                        + (status.reason() == null ? "" : ": " + status.reason()));
        // A configuration or profile stored before the host recorded owners may be this plugin's: it is bound now.
        ownerBinding.bindUnbound();
        // An upgrade may have changed the credential fields stored values were made with.
        schemaUpgrades.compareAll();
        return status;
    }

    /**
     * Lets a plugin's worker start again: a worker that crashed too often, or whose plugin did not start, stays failed
     * until an operator who has dealt with the cause says so; the next call then starts a new one. The crash count
     * starts again from nought; the restarts so far stay counted.
     *
     * @return the plugin, as installed
     * @throws HostException {@code NOT_FOUND} for a plugin id that is not installed, {@code CONFLICT} for a plugin that
     *     runs in the host's process or has no worker
     */
    public PluginStatus restart(String pluginId) {
        PluginSnapshot snapshot = plugins.snapshot();
        PluginStatus status = snapshot.plugin(pluginId).filter(plugin -> plugin.state() != PluginState.IGNORED)
                .orElseThrow(() -> HostException.notFound("No plugin with id '" + pluginId + "' is installed."));
        PluginWorker worker = PluginWorkers.of(snapshot, status).orElseThrow(() -> noWorker(status));
        WorkerStatus before = worker.status();
        worker.reset();
        audit.record(ACTOR, "plugin.restart", status.integrationId(), null, "SUCCESS",
                status.pluginId() + " " + status.version() + ": its worker was " + before.state()
                        + (before.failure() == null ? "" : ": " + before.failure()));
        return status;
    }

    private HostException noWorker(PluginStatus status) {
        if (!plugins.isolation().isolates(status.pluginId())) {
            return HostException.conflict("Plugin '" + status.pluginId() + "' runs in the host's process: it has no worker"
                            + " to restart.",
                    "The operator trusts it to run in the host's process (HOST_IN_PROCESS_PLUGINS): it starts again with the"
                            + " host. Remove it from HOST_IN_PROCESS_PLUGINS to run it in a worker of its own.");
        }
        return HostException.conflict("Plugin '" + status.pluginId() + "' has no worker to restart: it is "
                        + status.state().name().toLowerCase(Locale.ROOT)
                        + (status.reason() == null ? "." : ": " + status.reason()),
                "Deal with the reason, then install the plugin's jar again (an upload starts it in a new worker).");
    }

    /** Stops, unloads and deletes the plugin, and records it; its integration's configuration is kept. */
    public void uninstall(String pluginId) {
        plugins.uninstall(pluginId);
        audit.record(ACTOR, "plugin.uninstalled", null, null, "SUCCESS", pluginId);
    }
}

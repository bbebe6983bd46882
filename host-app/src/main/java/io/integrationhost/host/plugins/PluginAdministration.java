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
import io.integrationhost.runtime.error.FailureKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The administrator's changes to the installed plugins: each one made in the runtime of this instance (checked and
 * applied here first), then written to the cluster's plugin set in one transaction with its audit entry, and followed
 * by what it implies for the host's stored data. When the write fails, the change is undone here and the answer says
 * so: nothing is half done. An upgrade, a rollback and an uninstall answer once every other live instance has applied
 * them (see {@link PluginSync}). The REST API only hands requests to it.
 */
public final class PluginAdministration {

    /** Who the audit trail names for changes made through the API (the administrator has no name of their own). */
    private static final String ACTOR = "admin";

    private final PluginRuntime plugins;
    private final AuditTrail audit;
    private final OwnerBinding ownerBinding;
    private final CredentialSchemaUpgrades schemaUpgrades;
    private final PluginSync sync;
    private final Clock clock;

    public PluginAdministration(PluginRuntime plugins, AuditTrail audit, OwnerBinding ownerBinding,
                                CredentialSchemaUpgrades schemaUpgrades, PluginSync sync, Clock clock) {
        this.plugins = plugins;
        this.audit = audit;
        this.ownerBinding = ownerBinding;
        this.schemaUpgrades = schemaUpgrades;
        this.sync = sync;
        this.clock = clock;
    }

    /**
     * A change as the cluster took it.
     *
     * @param status the plugin as this instance now runs it; {@code null} for an uninstall
     * @param generation the cluster's plugin set's generation the change made
     * @param otherInstances how many other instances were live when it was written
     * @param notCaughtUp the live instances that had not applied it when the answer was given (an upgrade, rollback or
     *     uninstall waits for them up to the lease; past it they call no plugin until they catch
     *     up); always empty for an install of a new plugin, which does not wait
     */
    public record Change(PluginStatus status, long generation, int otherInstances, List<String> notCaughtUp) {
    }

    /**
     * Installs (or upgrades) the plugin in {@code content} and records what came of it.
     *
     * @see PluginRuntime#install(String, InputStream)
     */
    public Change install(String fileName, InputStream content) {
        return installed(() -> plugins.install(fileName, content), "plugin.installed", "from");
    }

    /**
     * Brings back the version of a plugin its last upgrade replaced, and follows it up as an install: a rollback may
     * change the credential fields stored values were made with just as an upgrade may.
     *
     * @see PluginRuntime#rollback(String)
     */
    public Change rollback(String pluginId) {
        return installed(() -> plugins.rollback(pluginId), "plugin.rolled-back", "back from");
    }

    /**
     * Puts a plugin in place here ({@code local}), writes it to the cluster's set with its audit entry, and follows it
     * up with what that implies for stored data; an upgrade waits for the other live instances.
     */
    private Change installed(Supplier<PluginStatus> local, String action, String source) {
        PluginSnapshot before = plugins.snapshot();
        Written written = sync.changing(() -> {
            PluginStatus status = local.get();
            Optional<PluginStatus> replaced = before.plugin(status.pluginId()).filter(old -> old.pluginId().equals(status.pluginId()));
            byte[] jar = readJar(status);
            long generation = written(() -> sync.cluster().inTransaction(() -> {
                long made = sync.cluster().publish(status.pluginId(), status.version(), status.fileName(), jar, ACTOR,
                        clock.millis());
                audit.record(ACTOR, action, status.integrationId(), null, status.state().name(),
                        status.pluginId() + " " + status.version() + " " + source + " " + status.fileName()
                                + (status.reason() == null ? "" : ": " + status.reason()));
                return made;
            }), () -> undoInstall(status, replaced), "installed");
            return new Written(status, generation, replaced.isPresent());
        }, Written::generation);
        // A configuration or profile stored before the host recorded owners may be this plugin's: it is bound now.
        ownerBinding.bindUnbound();
        // An upgrade may have changed the credential fields stored values were made with.
        schemaUpgrades.compareAll();
        // A new plugin replaces no version another instance could still call: only a replacement waits.
        int others = sync.liveOthers().size();
        return new Change(written.status(), written.generation(), others,
                written.replacement() ? sync.awaitInstances(written.generation()) : List.of());
    }

    /** A change as this instance wrote it, before the others are waited for. */
    private record Written(PluginStatus status, long generation, boolean replacement) {
    }

    /** Undoes a local install whose write to the cluster's set failed: the version it replaced comes back, or it goes. */
    private void undoInstall(PluginStatus status, Optional<PluginStatus> replaced) {
        if (replaced.isEmpty()) {
            plugins.uninstall(status.pluginId());
        } else if (!Objects.equals(replaced.get().version(), status.version())) {
            plugins.rollback(status.pluginId());
        }
        // The same version again replaced a jar that is not kept: the next round brings the set's jar back here.
    }

    /**
     * Runs the write of a change to the cluster's set; when it fails, {@code undo} takes the change back here and the
     * answer says so.
     */
    private long written(LongSupplier write, Runnable undo, String what) {
        try {
            return write.getAsLong();
        } catch (RuntimeException e) {
            String undone;
            try {
                undo.run();
                undone = "it was undone on this instance";
            } catch (RuntimeException undoFailed) {
                undone = "undoing it on this instance failed too (" + undoFailed.getMessage() + "); this instance brings itself"
                        + " in line with the cluster's set on its next round";
            }
            throw new HostException(FailureKind.INTERNAL, "The plugin was " + what + " on this instance, but the cluster's plugin"
                    + " set could not be written (" + e.getMessage() + "): " + undone + ".",
                    "Check the connection to the database, then try again.");
        }
    }

    private byte[] readJar(PluginStatus status) {
        try {
            return Files.readAllBytes(plugins.pluginsDir().resolve(status.fileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the installed " + status.fileName(), e);
        }
    }

    /** How this instance and the others run the cluster's plugins. */
    public PluginSync sync() {
        return sync;
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

    /**
     * Stops, unloads and deletes the plugin here and removes it from the cluster's set, and records it; its
     * integration's configuration is kept. Answers once every other live instance has removed it too, or the lease
     * passed. A plugin of the set this instance could not run (refused here) is removed from the set alone.
     */
    public Change uninstall(String pluginId) {
        Written written = sync.changing(() -> {
            Optional<PluginStatus> local = plugins.snapshot().plugin(pluginId).filter(p -> p.pluginId().equals(pluginId)
                    && p.state() != PluginState.IGNORED);
            boolean inSet = sync.cluster().entry(pluginId).filter(entry -> !entry.removed()).isPresent();
            if (local.isEmpty() && !inSet) {
                throw HostException.notFound("No plugin with id '" + pluginId + "' is installed.");
            }
            byte[] jar = local.map(this::readJar).orElse(null);
            if (local.isPresent()) {
                plugins.uninstall(pluginId);
            }
            long generation = written(() -> sync.cluster().inTransaction(() -> {
                long made = sync.cluster().remove(pluginId, ACTOR, clock.millis());
                audit.record(ACTOR, "plugin.uninstalled", null, null, "SUCCESS", pluginId);
                return made;
            }), () -> {
                if (jar != null) {
                    plugins.install(local.get().fileName(), new ByteArrayInputStream(jar));
                }
            }, "uninstalled");
            return new Written(null, generation, true);
        }, Written::generation);
        int others = sync.liveOthers().size();
        return new Change(null, written.generation(), others, sync.awaitInstances(written.generation()));
    }
}

package io.integrationhost.host.plugins;

import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.Violation;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.runtime.plugins.PluginSnapshot;
import io.integrationhost.runtime.plugins.PluginState;
import io.integrationhost.runtime.plugins.PluginStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings this instance's plugins in line with the cluster's plugin set, and keeps it from calling a plugin version
 * the set no longer holds.
 *
 * <p>Every sync interval it reads the set's generation (one row by its key); when that moved since it last applied
 * one, it installs, replaces and uninstalls through the runtime's upload path what differs (the jar's checksum checked
 * before it is loaded), publishes a jar of its folder whose plugin id the set lacks, records what it made of each plugin,
 * and always its heartbeat. A failure is logged and tried again on the next round; the loop never ends for one.
 *
 * <p>The bound: with the sync interval {@code i}, an instance whose last successful round began more than
 * {@code 2i + 1 s} ago ({@link #freshness}) first tries a round of its own and, failing that, refuses plugin calls
 * ({@code 503 PLUGINS_OUT_OF_SYNC}). An uninstall, upgrade or rollback answers once every live instance (heartbeat
 * within the lease {@code 3i + 2 s}) has applied it, or when the lease has passed since it was written: any instance
 * that had not is past its freshness by then, so it calls no plugin until it has caught up. The second between the two
 * covers a call that passed the check just before; the heartbeats compare the instances' clocks, which must agree
 * within a second (NTP).
 */
public final class PluginSync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginSync.class);

    private final PluginRuntime plugins;
    private final ClusterPlugins cluster;
    private final String instanceId;
    private final Clock clock;
    private final Duration interval;
    private final long startedAt;
    /** Held by a round and by a change made through this instance's API: none of them sees another half done. */
    private final ReentrantLock lock = new ReentrantLock();
    private final FolderJars folderJars;
    /** Plugins of the set this instance could not run, with the reason: the Plugins page lists them as failed here. */
    private final Map<String, PluginStatus> refused = new ConcurrentHashMap<>();
    /** The checksum of the set's jar each refusal was about: the same jar is not tried again every round. */
    private final Map<String, String> refusedSha = new ConcurrentHashMap<>();
    private volatile long appliedGeneration = -1;
    /** {@link System#nanoTime} when the last successful round began; {@code 0} before the first. */
    private volatile long inLineSince;
    private volatile boolean reconcile = true;
    private ScheduledExecutorService timer;

    public PluginSync(PluginRuntime plugins, io.integrationhost.host.storage.Jdbc jdbc, String instanceId, Clock clock,
                      Duration interval) {
        this.plugins = plugins;
        this.cluster = new ClusterPlugins(jdbc);
        this.instanceId = instanceId;
        this.clock = clock;
        this.interval = interval;
        this.startedAt = clock.millis();
        this.folderJars = new FolderJars(plugins.pluginsDir());
    }

    public String instanceId() {
        return instanceId;
    }

    ClusterPlugins cluster() {
        return cluster;
    }

    /** How long an instance whose round has not succeeded still counts as live to the others. */
    public Duration lease() {
        return interval.multipliedBy(3).plusSeconds(2);
    }

    /** How long after its last successful round began this instance still calls plugins. */
    Duration freshness() {
        return interval.multipliedBy(2).plusSeconds(1);
    }

    /**
     * Brings the instance in line once, now (so it starts in line), then every interval on a thread of its own.
     *
     * What an operator changed in its folder while it was stopped counts first.
     */
    public PluginSync start() {
        foldInChangesWhileStopped();
        round();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "plugin-sync");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                round();
            } catch (RuntimeException e) {
                log.warn("Bringing the plugins in line with the cluster's set failed; trying again in {} ms: {}",
                        interval.toMillis(), e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Throws unless this instance brought itself in line recently enough to call a plugin (see the class comment);
     * when it has not, it tries once itself before it refuses.
     */
    public void requireInSync() {
        if (fresh()) {
            return;
        }
        // A round under way (stuck on the database, say) is not waited for: the call is refused at once.
        if (lock.tryLock()) {
            try {
                round();
            } catch (RuntimeException e) {
                log.warn("This instance cannot bring its plugins in line with the cluster's set: {}", e.toString());
            } finally {
                lock.unlock();
            }
        }
        if (!fresh()) {
            throw new HostException(FailureKind.PLUGINS_OUT_OF_SYNC, "This host instance (" + instanceId + ") has not"
                    + " brought its plugins in line with the cluster's plugin set for more than " + freshness().toMillis()
                    + " ms, so it calls no plugin: another instance may have removed the version it runs.", null);
        }
    }

    private boolean fresh() {
        long since = inLineSince;
        return since != 0 && System.nanoTime() - since <= freshness().toNanos();
    }

    /** One round: read the generation, apply the set when it moved, report. */
    void round() {
        lock.lock();
        try {
            long began = System.nanoTime();
            long now = clock.millis();
            long generation = cluster.generation();
            if (generation != appliedGeneration || reconcile) {
                boolean inLine = applySet();
                report(now);
                if (!inLine) {
                    // Not in line: the generation is not claimed, and this round does not count (no calls past the bound).
                    reconcile = true;
                    cluster.heartbeat(instanceId, startedAt, now, appliedGeneration);
                    return;
                }
                // Its own publications (folder jars) moved the generation on: the next round looks again.
                reconcile = cluster.generation() != generation;
                appliedGeneration = generation;
            }
            cluster.heartbeat(instanceId, startedAt, now, appliedGeneration);
            inLineSince = began;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a change of this instance's plugins made through its API ({@code change}: applied here, then written to
     * the set), with no round in between; the generation it wrote is then this instance's.
     */
    <T> T changing(Supplier<T> change, java.util.function.ToLongFunction<T> generationOf) {
        lock.lock();
        try {
            try {
                T done = change.get();
                long generation = generationOf.applyAsLong(done);
                if (generation == appliedGeneration + 1) {
                    appliedGeneration = generation;
                } else {
                    // Another instance changed the set meanwhile: the next round compares every plugin.
                    reconcile = true;
                }
                report(clock.millis());
                cluster.heartbeat(instanceId, startedAt, clock.millis(), appliedGeneration);
                return done;
            } catch (RuntimeException e) {
                reconcile = true;
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every other instance that was live when the change was written has applied {@code generation}, or has
     * stopped being live, or the lease has passed.
     *
     * @return those of them that had not applied it by then: past the lease they call no plugin until they have
     */
    List<String> awaitInstances(long generation) {
        long deadline = System.nanoTime() + lease().toNanos();
        List<String> waitedFor = liveOthers().stream().map(ClusterPlugins.Instance::instanceId).toList();
        while (true) {
            Map<String, ClusterPlugins.Instance> now = new java.util.HashMap<>();
            cluster.instances().forEach(instance -> now.put(instance.instanceId(), instance));
            List<ClusterPlugins.Instance> behind = waitedFor.stream().map(now::get)
                    .filter(instance -> instance != null && instance.appliedGeneration() < generation).toList();
            // One that stopped being live is past its own bound: it calls no plugin, and is not waited for.
            if (behind.stream().noneMatch(this::live) || System.nanoTime() - deadline >= 0) {
                return behind.stream().map(ClusterPlugins.Instance::instanceId).toList();
            }
            try {
                Thread.sleep(Math.max(10, Math.min(100, interval.toMillis() / 4)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return behind.stream().map(ClusterPlugins.Instance::instanceId).toList();
            }
        }
    }

    /** The other instances whose heartbeat is within the lease. */
    List<ClusterPlugins.Instance> liveOthers() {
        return cluster.instances().stream().filter(instance -> !instance.instanceId().equals(instanceId) && live(instance))
                .toList();
    }

    boolean live(ClusterPlugins.Instance instance) {
        return clock.millis() - instance.heartbeatAt() <= lease().toMillis();
    }

    /**
     * One plugin on one instance, as that instance last reported it.
     *
     * @param live whether the instance's heartbeat is within the lease
     */
    public record PluginOnInstance(String instanceId, String version, String state, String reason, java.time.Instant seenAt,
                                   boolean live) {
    }

    /** What every instance on this database last reported of each plugin, by plugin id. */
    public Map<String, List<PluginOnInstance>> instancesByPlugin() {
        Map<String, Boolean> live = new java.util.HashMap<>();
        cluster.instances().forEach(instance -> live.put(instance.instanceId(), live(instance)));
        Map<String, List<PluginOnInstance>> byPlugin = new java.util.LinkedHashMap<>();
        for (ClusterPlugins.InstanceState state : cluster.states()) {
            byPlugin.computeIfAbsent(state.pluginId(), id -> new ArrayList<>()).add(new PluginOnInstance(state.instanceId(),
                    state.version(), state.state(), state.reason(), java.time.Instant.ofEpochMilli(state.seenAt()),
                    live.getOrDefault(state.instanceId(), false)));
        }
        return byPlugin;
    }

    /** Plugins of the set this instance could not run, as failed statuses with the reason. */
    public List<PluginStatus> refusedHere() {
        return List.copyOf(refused.values());
    }

    /**
     * Makes this instance's plugins what the set says; a jar of the folder the set does not know is published.
     *
     * @return whether every plugin is in line: run as the set holds it, or refused here with its old version removed;
     *     {@code false} when one could not be dealt with (it is tried again on the next round)
     */
    private boolean applySet() {
        Map<String, ClusterPlugins.Entry> set = new java.util.LinkedHashMap<>();
        cluster.entries().forEach(entry -> set.put(entry.pluginId(), entry));
        boolean inLine = true;
        for (ClusterPlugins.Entry entry : set.values()) {
            try {
                if (entry.removed()) {
                    removeHere(entry);
                } else {
                    installHere(entry);
                }
            } catch (RuntimeException e) {
                log.warn("Plugin {} could not be brought in line with the cluster's set: {}", entry.pluginId(), e.toString());
                inLine = false;
            }
        }
        for (PluginStatus local : plugins.snapshot().plugins()) {
            if (!set.containsKey(local.pluginId()) && folderJars.publishable(local)) {
                publishFolderJar(local);
            }
        }
        return inLine;
    }

    private void installHere(ClusterPlugins.Entry entry) {
        Optional<PluginStatus> local = loaded(entry.pluginId());
        String localSha = local.flatMap(folderJars::sha256).orElse(null);
        // The same jar: in line, whatever this instance made of it (a jar that lost its integration id stays failed).
        if (local.isPresent() && entry.sha256().equals(localSha)) {
            refused.remove(entry.pluginId());
            folderJars.inSet(entry.pluginId(), localSha);
            return;
        }
        if (refused.containsKey(entry.pluginId()) && entry.sha256().equals(refusedSha.get(entry.pluginId()))) {
            return;
        }
        byte[] jar = cluster.jar(entry.pluginId()).orElse(null);
        String refusal = jar == null ? "The cluster's plugin set holds no jar for it."
                : !entry.sha256().equals(ClusterPlugins.sha256(jar)) ? "The jar in the cluster's plugin set does not match its"
                        + " checksum (SHA-256 " + ClusterPlugins.sha256(jar) + ", expected " + entry.sha256() + "): it was not loaded."
                : null;
        if (refusal == null) {
            try {
                plugins.install(entry.fileName(), new ByteArrayInputStream(jar));
                refused.remove(entry.pluginId());
                refusedSha.remove(entry.pluginId());
                // A jar this instance did not have from the set (dropped into its folder) gave way to the set's.
                local.filter(old -> localSha != null && !folderJars.fromSet(old.pluginId(), localSha))
                        .ifPresentOrElse(old -> folderJars.replaced(old, entry), () -> folderJars.forget(entry.pluginId()));
                folderJars.inSet(entry.pluginId(), entry.sha256());
                log.info("Plugin {} {} installed from the cluster's plugin set ({})", entry.pluginId(), entry.version(),
                        entry.fileName());
                return;
            } catch (HostException e) {
                refusal = e.getMessage() + (e.violations().isEmpty() ? ""
                        : " " + String.join(" ", e.violations().stream().map(Violation::describe).toList()));
            }
        }
        // A version the set no longer holds must not run here: what ran before goes.
        local.ifPresent(old -> plugins.uninstall(old.pluginId()));
        log.warn("Plugin {} {} of the cluster's plugin set is refused on this instance: {}", entry.pluginId(), entry.version(),
                refusal);
        refused.put(entry.pluginId(), new PluginStatus(entry.pluginId(), entry.version(), null, null, null, entry.fileName(),
                PluginState.FAILED, refusal, null));
        refusedSha.put(entry.pluginId(), entry.sha256());
    }

    private void removeHere(ClusterPlugins.Entry entry) {
        folderJars.forget(entry.pluginId());
        refused.remove(entry.pluginId());
        refusedSha.remove(entry.pluginId());
        Optional<PluginStatus> local = loaded(entry.pluginId());
        if (local.isPresent()) {
            plugins.uninstall(entry.pluginId());
            log.info("Plugin {} uninstalled: the cluster's plugin set no longer holds it ({})", entry.pluginId(),
                    local.get().fileName());
        }
    }

    /**
     * Takes what an operator changed in this instance's folder while it was stopped as a change of the set: a plugin
     * whose jar this instance ran, as the set still holds it, that is now missing from the folder is removed from the
     * set, and one replaced there by another jar is published from it. Where the set changed meanwhile, or the instance
     * never ran the plugin (a new instance, a jar dropped in), the round that follows makes the folder what the set says.
     */
    private void foldInChangesWhileStopped() {
        Map<String, String> ran = new java.util.HashMap<>();
        cluster.states().stream().filter(state -> state.instanceId().equals(instanceId) && state.sha256() != null)
                .forEach(state -> ran.put(state.pluginId(), state.sha256()));
        for (ClusterPlugins.Entry entry : cluster.entries()) {
            if (entry.removed() || !entry.sha256().equals(ran.get(entry.pluginId()))) {
                continue;
            }
            Optional<PluginStatus> local = loaded(entry.pluginId());
            Optional<String> localSha = local.flatMap(folderJars::sha256);
            if (local.isEmpty()) {
                cluster.inTransaction(() -> cluster.remove(entry.pluginId(), "instance:" + instanceId, clock.millis()));
                log.info("Plugin {} was taken out of this instance's plugins folder while it was stopped: it is removed from"
                        + " the cluster's plugin set", entry.pluginId());
            } else if (!localSha.orElse(entry.sha256()).equals(entry.sha256()) && folderJars.publishable(local.get())) {
                publishFolderJar(local.get());
            }
        }
    }

    /** The plugin this instance loaded under {@code pluginId}, if any (a file that is no jar is none). */
    private Optional<PluginStatus> loaded(String pluginId) {
        return plugins.snapshot().plugin(pluginId)
                .filter(status -> status.pluginId().equals(pluginId) && status.state() != PluginState.IGNORED);
    }

    /** The dropped-jar rule: a folder jar whose plugin id the set lacks becomes the set's. */
    private void publishFolderJar(PluginStatus local) {
        Optional<byte[]> jar = folderJars.read(local);
        if (jar.isEmpty()) {
            return;
        }
        long generation = cluster.inTransaction(() -> cluster.publish(local.pluginId(), local.version(), local.fileName(),
                jar.get(), "instance:" + instanceId, clock.millis()));
        folderJars.inSet(local.pluginId(), ClusterPlugins.sha256(jar.get()));
        log.info("Plugin {} {} of this instance's plugins folder ({}) is now in the cluster's plugin set (generation {})", local.pluginId(), local.version(), local.fileName(), generation);
        folderJars.published(local);
    }

    /** Writes what this instance made of each plugin. */
    private void report(long now) {
        List<ClusterPlugins.InstanceState> states = new ArrayList<>();
        PluginSnapshot snapshot = plugins.snapshot();
        for (PluginStatus status : snapshot.plugins()) {
            if (status.state() == PluginState.IGNORED) {
                continue;
            }
            String note = folderJars.note(status.pluginId()).orElse(null);
            String reason = status.reason() != null ? status.reason() : note;
            states.add(new ClusterPlugins.InstanceState(instanceId, status.pluginId(), status.version(),
                    folderJars.sha256(status).orElse(null), status.state().name(), reason, now));
        }
        for (PluginStatus status : refused.values()) {
            states.add(new ClusterPlugins.InstanceState(instanceId, status.pluginId(), status.version(), null,
                    status.state().name(), status.reason(), now));
        }
        cluster.states(instanceId, states);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}

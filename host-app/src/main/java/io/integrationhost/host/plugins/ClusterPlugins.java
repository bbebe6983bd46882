package io.integrationhost.host.plugins;

import io.integrationhost.host.storage.Columns;
import io.integrationhost.host.storage.Jdbc;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's plugin set in the database (see {@code V14__cluster_plugins.sql}): each plugin's jar and checksum, a
 * generation that moves on every change, and what each host instance has applied and made of each plugin. Every
 * instance on one database reads and writes the same rows; a change of the set bumps the generation first, so that
 * changes from several instances are serialised by that one row's lock.
 */
final class ClusterPlugins {

    private static final String ENTRY_COLUMNS = "plugin_id, version, file_name, sha256, size_bytes, removed, generation";

    private final Jdbc jdbc;

    ClusterPlugins(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One plugin of the set, without its jar.
     *
     * @param removed whether it was uninstalled: it keeps its row so that an instance that still has its jar removes it
     * @param generation the generation its last change made
     */
    record Entry(String pluginId, String version, String fileName, String sha256, long sizeBytes, boolean removed,
                 long generation) {
    }

    /**
     * One host instance as it last reported.
     *
     * @param heartbeatAt when it last brought itself in line (its clock, epoch milliseconds)
     */
    record Instance(String instanceId, long startedAt, long heartbeatAt, long appliedGeneration) {
    }

    /**
     * What one instance made of one plugin of the set.
     *
     * @param sha256 the checksum of the jar it runs; {@code null} when it runs none (refused there)
     */
    record InstanceState(String instanceId, String pluginId, String version, String sha256, String state, String reason,
                         long seenAt) {
    }

    /** Runs a change of the set (and what is recorded with it) in one transaction. */
    long inTransaction(java.util.function.LongSupplier change) {
        return jdbc.inTransaction(change::getAsLong);
    }

    /** The set's generation: one read of one row by its key. */
    long generation() {
        return jdbc.queryOne("SELECT generation FROM cluster_generation WHERE id = 1", row -> row.getLong(1)).orElse(0L);
    }

    List<Entry> entries() {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM cluster_plugins ORDER BY plugin_id", ClusterPlugins::entry);
    }

    Optional<Entry> entry(String pluginId) {
        return jdbc.queryOne("SELECT " + ENTRY_COLUMNS + " FROM cluster_plugins WHERE plugin_id = ?", ClusterPlugins::entry,
                pluginId);
    }

    /** The jar of a plugin of the set, as stored; empty when it was removed. */
    Optional<byte[]> jar(String pluginId) {
        return jdbc.queryOne("SELECT jar FROM cluster_plugins WHERE plugin_id = ? AND removed = FALSE",
                row -> row.getBytes(1), pluginId);
    }

    /**
     * Puts a plugin's jar into the set (an install, an upgrade, a rollback or a published folder jar), keeping the jar
     * it replaces as the previous version when that was another version. Call inside a transaction.
     *
     * @return the new generation
     */
    long publish(String pluginId, String version, String fileName, byte[] jar, String changedBy, long now) {
        long generation = bump();
        record Current(String version, String fileName, String sha256, byte[] jar, boolean removed,
                       String previousVersion, String previousFileName, String previousSha256, byte[] previousJar) {
        }
        Optional<Current> current = jdbc.queryOne("SELECT version, file_name, sha256, jar, removed, previous_version,"
                + " previous_file_name, previous_sha256, previous_jar FROM cluster_plugins WHERE plugin_id = ?",
                row -> new Current(row.getString(1), row.getString(2), row.getString(3), row.getBytes(4), row.getBoolean(5),
                        row.getString(6), row.getString(7), row.getString(8), row.getBytes(9)), pluginId);
        boolean replacesAnother = current.isPresent() && !current.get().removed() && !current.get().version().equals(version);
        Current kept = current.filter(c -> !c.removed()).orElse(null);
        jdbc.upsert("cluster_plugins", List.of("plugin_id"), List.of("plugin_id", "version", "file_name", "sha256", "size_bytes",
                        "removed", "jar", "previous_version", "previous_file_name", "previous_sha256", "previous_jar", "generation",
                        "changed_at", "changed_by"),
                pluginId, version, fileName, sha256(jar), (long) jar.length, false, jar,
                replacesAnother ? kept.version() : kept == null ? null : kept.previousVersion(),
                replacesAnother ? kept.fileName() : kept == null ? null : kept.previousFileName(),
                replacesAnother ? kept.sha256() : kept == null ? null : kept.previousSha256(),
                replacesAnother ? kept.jar() : kept == null ? null : kept.previousJar(),
                generation, now, changedBy);
        return generation;
    }

    /**
     * Marks a plugin of the set removed (an uninstall); its jars go, its row stays. Call inside a transaction.
     *
     * @return the new generation
     */
    long remove(String pluginId, String changedBy, long now) {
        long generation = bump();
        jdbc.update("UPDATE cluster_plugins SET removed = TRUE, jar = NULL, previous_version = NULL, previous_file_name = NULL,"
                + " previous_sha256 = NULL, previous_jar = NULL, generation = ?, changed_at = ?, changed_by = ? WHERE plugin_id = ?",
                generation, now, changedBy, pluginId);
        return generation;
    }

    /** Moves the generation on; the row's lock is held to the end of the caller's transaction. */
    private long bump() {
        jdbc.update("UPDATE cluster_generation SET generation = generation + 1 WHERE id = 1");
        return generation();
    }

    /** Records that an instance brought itself in line with {@code appliedGeneration} at {@code now}. */
    void heartbeat(String instanceId, long startedAt, long now, long appliedGeneration) {
        jdbc.upsert("host_instances", List.of("instance_id"), List.of("instance_id", "started_at", "heartbeat_at",
                "applied_generation"), instanceId, startedAt, now, appliedGeneration);
    }

    /** Replaces what an instance reported of its plugins. */
    void states(String instanceId, List<InstanceState> states) {
        jdbc.inTransaction(() -> {
            jdbc.update("DELETE FROM instance_plugins WHERE instance_id = ?", instanceId);
            if (states.isEmpty()) {
                return null;
            }
            jdbc.batch("INSERT INTO instance_plugins (instance_id, plugin_id, version, sha256, state, reason, seen_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", states.stream().map(state -> new Object[] {instanceId, state.pluginId(),
                    state.version(), state.sha256(), state.state(), Columns.fit(state.reason(), 4000), state.seenAt()}).toList());
            return null;
        });
    }

    List<Instance> instances() {
        return jdbc.query("SELECT instance_id, started_at, heartbeat_at, applied_generation FROM host_instances"
                + " ORDER BY instance_id", row -> new Instance(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4)));
    }

    List<InstanceState> states() {
        return jdbc.query("SELECT instance_id, plugin_id, version, sha256, state, reason, seen_at FROM instance_plugins"
                        + " ORDER BY plugin_id, instance_id",
                row -> new InstanceState(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getLong(7)));
    }

    private static Entry entry(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Entry(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getLong(5),
                row.getBoolean(6), row.getLong(7));
    }

    /** The SHA-256 of a jar, in lower-case hex, as stored and compared. */
    static String sha256(byte[] jar) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(jar));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}

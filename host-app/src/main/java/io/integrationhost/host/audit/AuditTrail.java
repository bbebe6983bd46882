package io.integrationhost.host.audit;

import io.integrationhost.host.storage.Columns;
import io.integrationhost.host.storage.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What was done with configurations and credentials, by whom, and how it ended: configuration changes,
 * credential writes, tests, authorizations, revocations, and every call that used stored credentials.
 * Entries never contain a secret value, only which record was touched.
 */
public final class AuditTrail implements AutoCloseable {

    private static final int MAX_DETAIL = 2000;
    private static final String INSERT = "INSERT INTO audit_event (occurred_at, actor, action, integration_id, user_id, outcome,"
            + " detail) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private final Jdbc jdbc;
    private final Clock clock;
    private final QueuedEntries queued;

    /** A trail that writes every entry at once, {@link #recordLater} included. */
    public AuditTrail(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.queued = null;
    }

    private AuditTrail(Jdbc jdbc, Clock clock, int queueCapacity, Duration flushInterval) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.queued = new QueuedEntries(queueCapacity, flushInterval, this::write);
    }

    /**
     * A trail whose {@link #recordLater} entries are written in batches every {@code flushInterval} from a queue of
     * {@code queueCapacity} entries, and when it is closed (see {@link QueuedEntries} for what a crash can lose).
     */
    public static AuditTrail batched(Jdbc jdbc, Clock clock, int queueCapacity, Duration flushInterval) {
        return new AuditTrail(jdbc, clock, queueCapacity, flushInterval);
    }

    /**
     * One audit event.
     *
     * @param actor {@code admin}, {@code end-user:<id>} or {@code client}
     * @param action what was done, such as {@code credentials.stored} or {@code action.run}
     * @param outcome {@code SUCCESS} or {@code FAILURE} (or a more precise word)
     * @param detail free text without secrets, such as an action id and a correlation id; cut to the
     *     column's size when a plugin's or remote system's words make it longer
     */
    public record Event(long id, Instant occurredAt, String actor, String action, String integrationId, String userId,
                        String outcome, String detail) {
    }

    /** An event not yet written: its time is when it was recorded, not when it reaches the database. */
    record Entry(long occurredAt, String actor, String action, String integrationId, String userId, String outcome,
                 String detail) {

        private Object[] row() {
            return new Object[] {occurredAt, actor, action, integrationId, userId, outcome, detail};
        }
    }

    /**
     * Writes one event now, inside the caller's transaction if there is one: a change to credentials or a
     * configuration is audited with the change, or not at all.
     */
    public void record(String actor, String action, String integrationId, String userId, String outcome, String detail) {
        write(List.of(entry(actor, action, integrationId, userId, outcome, detail)));
    }

    /**
     * Queues one event that records a use rather than a change (an action run), to be written with the next batch:
     * off the call's path, never dropped, in the order recorded, with the time recorded.
     */
    public void recordLater(String actor, String action, String integrationId, String userId, String outcome, String detail) {
        Entry entry = entry(actor, action, integrationId, userId, outcome, detail);
        if (queued == null) {
            write(List.of(entry));
        } else {
            queued.add(entry);
        }
    }

    private Entry entry(String actor, String action, String integrationId, String userId, String outcome, String detail) {
        return new Entry(clock.millis(), actor, action, integrationId, userId, outcome, Columns.fit(detail, MAX_DETAIL));
    }

    /**
     * Writes events in one batch. A thread that is being stopped writes them too: a request thread interrupted while
     * it waited for a plugin records how that call ended. The insert runs with the thread's interruption set aside,
     * because an interrupted thread doing database IO fails (and, on H2's default file system, closes the database
     * for everyone); the interruption is restored afterwards for whoever stops the thread.
     */
    private void write(List<Entry> entries) {
        boolean interrupted = Thread.interrupted();
        try {
            if (entries.size() == 1) {
                jdbc.update(INSERT, entries.get(0).row());
            } else {
                jdbc.inTransaction(() -> {
                    jdbc.batch(INSERT, entries.stream().map(Entry::row).toList());
                    return null;
                });
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The newest events first, optionally for one integration, at most {@code limit}. Queued events are written
     * first, so that this instance's reader sees every call answered before it asked.
     */
    public List<Event> recent(String integrationId, int limit) {
        return recent(integrationId, null, limit);
    }

    /** As {@link #recent(String, int)}, only entries of {@code action} when it is not {@code null}. */
    public List<Event> recent(String integrationId, String action, int limit) {
        if (queued != null) {
            queued.flush();
        }
        int bounded = Math.max(1, Math.min(limit, 1000));
        Jdbc.RowMapper<Event> mapper = row -> new Event(row.getLong("id"), Instant.ofEpochMilli(row.getLong("occurred_at")),
                row.getString("actor"), row.getString("action"), row.getString("integration_id"), row.getString("user_id"),
                row.getString("outcome"), row.getString("detail"));
        // By the time recorded: a queued entry gets its id when written, after changes recorded since.
        String newestFirst = " ORDER BY occurred_at DESC, id DESC LIMIT " + bounded;
        List<String> conditions = new java.util.ArrayList<>();
        List<Object> values = new java.util.ArrayList<>();
        if (integrationId != null) {
            conditions.add("integration_id = ?");
            values.add(integrationId);
        }
        if (action != null) {
            conditions.add("action = ?");
            values.add(action);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbc.query("SELECT * FROM audit_event" + where + newestFirst, mapper, values.toArray());
    }

    /** Action entries queued and not yet written (0 for a trail that writes each entry at once). */
    public int queuedEntries() {
        return queued == null ? 0 : queued.size();
    }

    /** Writes what is queued and stops the writer; later entries are written at once. Call it before the database closes. */
    @Override
    public void close() {
        if (queued != null) {
            queued.close();
        }
    }
}

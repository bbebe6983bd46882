package io.integrationhost.host.audit;

import io.integrationhost.host.storage.Columns;
import io.integrationhost.host.storage.Jdbc;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What was done with configurations and credentials, by whom, and how it ended: configuration changes,
 * credential writes, tests, authorizations, revocations, and every call that used stored credentials.
 * Entries never contain a secret value, only which record was touched.
 */
public final class AuditTrail {

    private static final int MAX_DETAIL = 2000;
    private final Jdbc jdbc;
    private final Clock clock;

    public AuditTrail(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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

    /**
     * Writes one event. A thread that is being stopped writes it too: a request thread interrupted while it waited
     * for a plugin records how that call ended. The insert runs with the thread's interruption set aside, because
     * an interrupted thread doing database IO fails (and, on H2's default file system, closes the database for
     * everyone); the interruption is restored afterwards for whoever stops the thread.
     */
    public void record(String actor, String action, String integrationId, String userId, String outcome, String detail) {
        String bounded = Columns.fit(detail, MAX_DETAIL);
        boolean interrupted = Thread.interrupted();
        try {
            jdbc.update("INSERT INTO audit_event (occurred_at, actor, action, integration_id, user_id, outcome, detail)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", clock.millis(), actor, action, integrationId, userId, outcome, bounded);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The newest events first, optionally for one integration, at most {@code limit}. */
    public List<Event> recent(String integrationId, int limit) {
        int bounded = Math.max(1, Math.min(limit, 1000));
        Jdbc.RowMapper<Event> mapper = row -> new Event(row.getLong("id"), Instant.ofEpochMilli(row.getLong("occurred_at")),
                row.getString("actor"), row.getString("action"), row.getString("integration_id"), row.getString("user_id"),
                row.getString("outcome"), row.getString("detail"));
        return integrationId == null
                ? jdbc.query("SELECT * FROM audit_event ORDER BY id DESC LIMIT " + bounded, mapper)
                : jdbc.query("SELECT * FROM audit_event WHERE integration_id = ? ORDER BY id DESC LIMIT " + bounded,
                        mapper, integrationId);
    }
}

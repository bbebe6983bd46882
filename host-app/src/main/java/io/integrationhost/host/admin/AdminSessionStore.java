package io.integrationhost.host.admin;

import io.integrationhost.host.storage.Jdbc;
import java.util.Optional;

/** The administrator's sessions in the database, each found by the hash of its id: the id itself is never stored. */
public final class AdminSessionStore {

    private final Jdbc jdbc;

    public AdminSessionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new session, and removes those that expired before {@code createdAt}. */
    void insert(String idHash, String csrfToken, long createdAt, long expiresAt) {
        jdbc.update("DELETE FROM admin_session WHERE expires_at < ?", createdAt);
        jdbc.update("INSERT INTO admin_session (id_hash, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?)",
                idHash, csrfToken, createdAt, expiresAt);
    }

    /** The CSRF token of the session whose id hashes to {@code idHash}, while it is live at {@code now}. */
    Optional<String> csrfTokenOf(String idHash, long now) {
        return jdbc.queryOne("SELECT csrf_token FROM admin_session WHERE id_hash = ? AND expires_at > ?",
                row -> row.getString(1), idHash, now);
    }

    void delete(String idHash) {
        jdbc.update("DELETE FROM admin_session WHERE id_hash = ?", idHash);
    }
}

package io.integrationhost.host.oauth;

import io.integrationhost.host.storage.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The OAuth 2.0 flows in progress in the database ({@code oauth_flow}), found by the hash of their state. */
final class OAuthFlowStore {

    /**
     * One stored flow.
     *
     * @param sealedFlow the PKCE verifier, redirect URI, scopes and values, sealed by the vault to {@link #binding}
     */
    record Row(String stateHash, String browserHash, OAuthFlows.Kind kind, String integrationId, String userId,
               String linkHash, String profileId, String pluginId, String sealedFlow, Instant createdAt, Instant expiresAt,
               Instant usedAt) {

        /** What the vault binds a flow's sealed part to: a ciphertext copied onto another flow does not open there. */
        static String binding(String stateHash) {
            return "oauth-flow:" + stateHash;
        }

        @Override
        public String toString() {
            return "OAuthFlowStore.Row[" + kind + ", " + integrationId + ", expires " + expiresAt + "]";
        }
    }

    private final Jdbc jdbc;

    OAuthFlowStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Row row) {
        jdbc.update("INSERT INTO oauth_flow (state_hash, browser_hash, kind, integration_id, user_id, link_hash, profile_id,"
                        + " plugin_id, sealed_flow, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.stateHash(), row.browserHash(), row.kind().name(), row.integrationId(), row.userId(), row.linkHash(),
                row.profileId(), row.pluginId(), row.sealedFlow(), row.createdAt().toEpochMilli(), row.expiresAt().toEpochMilli());
    }

    Optional<Row> find(String stateHash) {
        return jdbc.queryOne("SELECT * FROM oauth_flow WHERE state_hash = ?", OAuthFlowStore::map, stateHash);
    }

    /**
     * Spends the flow, in one statement with the checks that it is neither spent nor expired: of two callbacks with the
     * same state at one moment, one spends it. False, with nothing changed, otherwise.
     */
    boolean spend(String stateHash, Instant now) {
        return jdbc.update("UPDATE oauth_flow SET used_at = ? WHERE state_hash = ? AND used_at IS NULL AND expires_at > ?",
                now.toEpochMilli(), stateHash, now.toEpochMilli()) == 1;
    }

    /** Removes the flows that expired before {@code before}; answers how many. */
    int deleteExpiredBefore(Instant before) {
        return jdbc.update("DELETE FROM oauth_flow WHERE expires_at < ?", before.toEpochMilli());
    }

    private static Row map(ResultSet row) throws SQLException {
        return new Row(row.getString("state_hash"), row.getString("browser_hash"), OAuthFlows.Kind.valueOf(row.getString("kind")),
                row.getString("integration_id"), row.getString("user_id"), row.getString("link_hash"), row.getString("profile_id"),
                row.getString("plugin_id"), row.getString("sealed_flow"), Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("expires_at")),
                row.getObject("used_at") == null ? null : Instant.ofEpochMilli(row.getLong("used_at")));
    }
}

package io.integrationhost.host.endusers;

import io.integrationhost.host.credentials.SealedValues;
import io.integrationhost.host.credentials.SecretKeysBackfill;
import io.integrationhost.host.credentials.ValuesJson;
import io.integrationhost.host.configuration.EndUserAuthorizationsOfIntegrations;
import io.integrationhost.host.profiles.ProfileStore;
import io.integrationhost.host.storage.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** End users' stored authorizations and the one-time links that create them. */
public final class UserAuthorizationStore implements EndUserAuthorizationsOfIntegrations {

    private static final List<String> KEY = List.of("integration_id", "user_id");
    private static final List<String> COLUMNS = List.of("integration_id", "user_id", "profile_id", "public_values",
            "sealed_secrets", "secret_keys", "credentials_id", "created_at");
    /** Where end users' authorizations keep their sealed secrets and the names of those secrets. */
    public static final SecretKeysBackfill.StoredSets SECRETS = new SecretKeysBackfill.StoredSets("user_authorization",
            List.of("integration_id", "user_id"), "sealed_secrets", "secret_keys",
            key -> UserAuthorization.vaultBinding(key.get(0), key.get(1)));

    private final Jdbc jdbc;

    public UserAuthorizationStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An end user's stored authorization; secrets sealed.
     *
     * @param values the user's own values (presets are the profile's)
     * @param credentialsId a new random id each time the user authorizes: which credentials these are
     */
    record UserAuthorization(String integrationId, String userId, String profileId, SealedValues values,
                             String credentialsId, Instant createdAt) {
        static String vaultBinding(String integrationId, String userId) {
            return "user:" + integrationId + ":" + userId;
        }

        @Override
        public String toString() {
            return "UserAuthorization[" + integrationId + ", " + userId + "]";
        }
    }

    /**
     * A pending link, looked up by the hash of its token.
     *
     * @param userName the end user's display name the issuing call gave, or {@code null}
     * @param issuedAt when it was issued; {@code null} for a link not yet stored
     */
    record Link(String integrationId, String userId, String profileId, Instant expiresAt, Instant usedAt, String userName,
                Instant issuedAt) {

        /** A link without a display name, as issued before links had one. */
        Link(String integrationId, String userId, String profileId, Instant expiresAt, Instant usedAt) {
            this(integrationId, userId, profileId, expiresAt, usedAt, null, null);
        }
    }

    Optional<UserAuthorization> find(String integrationId, String userId) {
        return jdbc.queryOne("SELECT * FROM user_authorization WHERE integration_id = ? AND user_id = ?",
                UserAuthorizationStore::mapAuthorization, integrationId, userId);
    }

    /** An end user's authorization with its profile's presets, as a call needs them. */
    record WithPresets(UserAuthorization authorization, SealedValues presets, String profileType, String profilePluginId) {
    }

    /**
     * What a call needs in one indexed read: the user's values, the presets of their profile and which plugin's type it
     * is of, only while the integration lets its end users authorize through that profile.
     */
    Optional<WithPresets> findWithPresets(String integrationId, String userId) {
        return jdbc.queryOne("SELECT u.*, p.public_presets, p.sealed_presets, p.secret_preset_keys,"
                        + " p.profile_type AS profile_type, p.plugin_id AS profile_plugin_id FROM user_authorization u"
                        + " JOIN integration_configuration c ON c.integration_id = u.integration_id"
                        + " AND c.mode = 'USER_AUTHORIZED' AND c.profile_id = u.profile_id"
                        + " JOIN authorization_profile p ON p.id = u.profile_id WHERE u.integration_id = ? AND u.user_id = ?",
                row -> new WithPresets(mapAuthorization(row), ProfileStore.presets(row, row.getString("profile_id")),
                        row.getString("profile_type"), row.getString("profile_plugin_id")),
                integrationId, userId);
    }

    List<UserAuthorization> forIntegration(String integrationId) {
        return jdbc.query("SELECT * FROM user_authorization WHERE integration_id = ? ORDER BY user_id",
                UserAuthorizationStore::mapAuthorization, integrationId);
    }

    void save(UserAuthorization authorization) {
        jdbc.upsert("user_authorization", KEY, COLUMNS,
                authorization.integrationId(), authorization.userId(), authorization.profileId(),
                ValuesJson.write(authorization.values().publicValues()), authorization.values().sealedSecrets(),
                ValuesJson.writeKeys(authorization.values().secretKeys()), authorization.credentialsId(),
                authorization.createdAt().toEpochMilli());
    }

    boolean delete(String integrationId, String userId) {
        return jdbc.update("DELETE FROM user_authorization WHERE integration_id = ? AND user_id = ?", integrationId, userId) == 1;
    }

    /** Deletes the user's authorization if it still holds the credentials {@code credentialsId}. */
    boolean deleteIfStill(String integrationId, String userId, String credentialsId) {
        return jdbc.update("DELETE FROM user_authorization WHERE integration_id = ? AND user_id = ? AND credentials_id = ?",
                integrationId, userId, credentialsId) == 1;
    }

    @Override
    public int deleteAll(String integrationId) {
        return jdbc.inTransaction(() -> {
            jdbc.update("DELETE FROM authorization_link WHERE integration_id = ?", integrationId);
            return jdbc.update("DELETE FROM user_authorization WHERE integration_id = ?", integrationId);
        });
    }

    @Override
    public int deleteOtherProfiles(String integrationId, String profileId) {
        return jdbc.inTransaction(() -> {
            jdbc.update("DELETE FROM authorization_link WHERE integration_id = ? AND profile_id <> ?", integrationId, profileId);
            return jdbc.update("DELETE FROM user_authorization WHERE integration_id = ? AND profile_id <> ?",
                    integrationId, profileId);
        });
    }

    /** Removes every authorization made through the profile; answers how many, by integration. */
    public Map<String, Integer> deleteForProfile(String profileId) {
        return jdbc.inTransaction(() -> {
            Map<String, Integer> counts = new TreeMap<>();
            jdbc.query("SELECT integration_id, COUNT(*) FROM user_authorization WHERE profile_id = ? GROUP BY integration_id",
                    row -> counts.put(row.getString(1), row.getInt(2)), profileId);
            jdbc.update("DELETE FROM user_authorization WHERE profile_id = ?", profileId);
            return counts;
        });
    }

    void insertLink(String tokenHash, Link link, Instant createdAt) {
        jdbc.update("INSERT INTO authorization_link (token_hash, integration_id, user_id, profile_id, created_at, expires_at,"
                        + " user_name) VALUES (?, ?, ?, ?, ?, ?, ?)", tokenHash, link.integrationId(), link.userId(),
                link.profileId(), createdAt.toEpochMilli(), link.expiresAt().toEpochMilli(), link.userName());
    }

    /** Removes the links that expired before {@code cutoff}; returns how many. */
    int deleteLinksExpiredBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM authorization_link WHERE expires_at < ?", cutoff.toEpochMilli());
    }

    Optional<Link> findLink(String tokenHash) {
        return jdbc.queryOne("SELECT * FROM authorization_link WHERE token_hash = ?", row -> new Link(
                row.getString("integration_id"), row.getString("user_id"), row.getString("profile_id"),
                Instant.ofEpochMilli(row.getLong("expires_at")),
                row.getObject("used_at") == null ? null : Instant.ofEpochMilli(row.getLong("used_at")),
                row.getString("user_name"), Instant.ofEpochMilli(row.getLong("created_at"))), tokenHash);
    }

    /**
     * In one transaction: marks the link used if it still is usable, and stores the authorization. False,
     * with nothing changed, if another request used the link first or it expired.
     */
    boolean consumeLinkAndSave(String tokenHash, Instant now, UserAuthorization authorization) {
        return jdbc.inTransaction(() -> {
            if (!consumeLink(tokenHash, now)) {
                return false;
            }
            save(authorization);
            return true;
        });
    }

    private boolean consumeLink(String tokenHash, Instant now) {
        return jdbc.update("UPDATE authorization_link SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                now.toEpochMilli(), tokenHash, now.toEpochMilli()) == 1;
    }

    private static UserAuthorization mapAuthorization(ResultSet row) throws SQLException {
        String integrationId = row.getString("integration_id");
        String userId = row.getString("user_id");
        return new UserAuthorization(integrationId, userId, row.getString("profile_id"),
                new SealedValues(UserAuthorization.vaultBinding(integrationId, userId), ValuesJson.read(row.getString("public_values")),
                        row.getString("sealed_secrets"), ValuesJson.readKeys(row.getString("secret_keys"))),
                row.getString("credentials_id"), Instant.ofEpochMilli(row.getLong("created_at")));
    }
}

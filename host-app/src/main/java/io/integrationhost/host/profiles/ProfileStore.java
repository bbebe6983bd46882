package io.integrationhost.host.profiles;

import io.integrationhost.host.credentials.SealedValues;
import io.integrationhost.host.credentials.SecretKeysBackfill;
import io.integrationhost.host.credentials.ValuesJson;
import io.integrationhost.host.storage.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Authorization profiles in the database. */
public final class ProfileStore {

    /** Where profiles keep their sealed presets and the names of those secrets. */
    public static final SecretKeysBackfill.StoredSets SECRETS = new SecretKeysBackfill.StoredSets("authorization_profile",
            List.of("id"), "sealed_presets", "secret_preset_keys", key -> AuthorizationProfileRecord.vaultBinding(key.get(0)));

    private final Jdbc jdbc;

    public ProfileStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<AuthorizationProfileRecord> all() {
        return jdbc.query("SELECT * FROM authorization_profile ORDER BY name", ProfileStore::map);
    }

    public Optional<AuthorizationProfileRecord> find(String id) {
        return jdbc.queryOne("SELECT * FROM authorization_profile WHERE id = ?", ProfileStore::map, id);
    }

    /** The profile, its row locked until the current transaction ends. */
    public Optional<AuthorizationProfileRecord> findForUpdate(String id) {
        return jdbc.queryOne("SELECT * FROM authorization_profile WHERE id = ? FOR UPDATE", ProfileStore::map, id);
    }

    public Optional<AuthorizationProfileRecord> findByName(String name) {
        return jdbc.queryOne("SELECT * FROM authorization_profile WHERE name = ?", ProfileStore::map, name);
    }

    public void insert(AuthorizationProfileRecord profile) {
        jdbc.update("INSERT INTO authorization_profile (id, name, profile_type, description, public_presets, sealed_presets,"
                        + " secret_preset_keys, created_at, updated_at, plugin_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                profile.id(), profile.name(), profile.profileType(), profile.description(),
                ValuesJson.write(profile.presets().publicValues()), profile.presets().sealedSecrets(),
                ValuesJson.writeKeys(profile.presets().secretKeys()),
                profile.createdAt().toEpochMilli(), profile.updatedAt().toEpochMilli(), profile.pluginId());
    }

    /** Records that a profile stored before profiles had an owner belongs to {@code pluginId}. */
    public boolean bindUnbound(String id, String pluginId) {
        return jdbc.update("UPDATE authorization_profile SET plugin_id = ? WHERE id = ? AND plugin_id IS NULL", pluginId, id) == 1;
    }

    public void update(AuthorizationProfileRecord profile) {
        jdbc.update("UPDATE authorization_profile SET name = ?, description = ?, public_presets = ?, sealed_presets = ?,"
                        + " secret_preset_keys = ?, updated_at = ? WHERE id = ?",
                profile.name(), profile.description(), ValuesJson.write(profile.presets().publicValues()),
                profile.presets().sealedSecrets(), ValuesJson.writeKeys(profile.presets().secretKeys()),
                profile.updatedAt().toEpochMilli(), profile.id());
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM authorization_profile WHERE id = ?", id) == 1;
    }

    private static AuthorizationProfileRecord map(ResultSet row) throws SQLException {
        return new AuthorizationProfileRecord(row.getString("id"), row.getString("name"), row.getString("profile_type"),
                row.getString("description"), presets(row, row.getString("id")), Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("updated_at")), row.getString("plugin_id"));
    }

    /** The presets of the profile in {@code row}, which may be a join that holds other tables' values too. */
    public static SealedValues presets(ResultSet row, String profileId) throws SQLException {
        return new SealedValues(AuthorizationProfileRecord.vaultBinding(profileId),
                ValuesJson.read(row.getString("public_presets")), row.getString("sealed_presets"),
                ValuesJson.readKeys(row.getString("secret_preset_keys")));
    }
}

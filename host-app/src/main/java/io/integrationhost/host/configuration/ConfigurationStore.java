package io.integrationhost.host.configuration;

import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.host.credentials.SealedValues;
import io.integrationhost.host.credentials.SecretKeysBackfill;
import io.integrationhost.host.credentials.ValuesJson;
import io.integrationhost.host.storage.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Integration configurations in the database. */
public final class ConfigurationStore {

    /** The size of {@code state_reason}. */
    static final int MAX_STATE_REASON = 2000;
    private static final List<String> KEY = List.of("integration_id");
    private static final List<String> COLUMNS = List.of("integration_id", "mode", "state", "state_reason", "rejected_at",
            "profile_id", "public_values", "sealed_secrets", "secret_keys", "credentials_id", "updated_at", "plugin_id");
    /** Where configurations keep their sealed secrets and the names of those secrets. */
    public static final SecretKeysBackfill.StoredSets SECRETS = new SecretKeysBackfill.StoredSets("integration_configuration",
            List.of("integration_id"), "sealed_secrets", "secret_keys", key -> IntegrationConfiguration.vaultBinding(key.get(0)));

    private final Jdbc jdbc;

    public ConfigurationStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<IntegrationConfiguration> find(String integrationId) {
        return jdbc.queryOne("SELECT * FROM integration_configuration WHERE integration_id = ?", ConfigurationStore::map,
                integrationId);
    }

    /** The configuration, its row locked until the current transaction ends. */
    public Optional<IntegrationConfiguration> findForUpdate(String integrationId) {
        return jdbc.queryOne("SELECT * FROM integration_configuration WHERE integration_id = ? FOR UPDATE", ConfigurationStore::map,
                integrationId);
    }

    public List<IntegrationConfiguration> all() {
        return jdbc.query("SELECT * FROM integration_configuration ORDER BY integration_id", ConfigurationStore::map);
    }

    public List<String> usingProfile(String profileId) {
        return jdbc.query("SELECT integration_id FROM integration_configuration WHERE profile_id = ? ORDER BY integration_id",
                row -> row.getString(1), profileId);
    }

    void save(IntegrationConfiguration configuration) {
        jdbc.upsert("integration_configuration", KEY, COLUMNS,
                configuration.integrationId(), configuration.mode().name(), configuration.state().name(),
                configuration.stateReason(), epochMillis(configuration.rejectedAt()), configuration.profileId(),
                ValuesJson.write(configuration.values().publicValues()), configuration.values().sealedSecrets(),
                ValuesJson.writeKeys(configuration.values().secretKeys()), configuration.credentialsId(), configuration.updatedAt().toEpochMilli(),
                configuration.pluginId());
    }

    /** Records that a configuration stored before configurations had an owner belongs to {@code pluginId}. */
    boolean bindUnbound(String integrationId, String pluginId) {
        return jdbc.update("UPDATE integration_configuration SET plugin_id = ? WHERE integration_id = ? AND plugin_id IS NULL",
                pluginId, integrationId) == 1;
    }

    /**
     * Marks the pre-authorized credentials {@code credentialsId} rejected, with {@code reason} to show: an
     * enabled integration goes to ERROR, a disabled one stays disabled. False, with nothing changed, when
     * other credentials are stored by now.
     */
    boolean markRejected(String integrationId, String credentialsId, String reason, Instant at) {
        return jdbc.update("UPDATE integration_configuration SET rejected_at = ?, state_reason = ?, updated_at = ?,"
                        + " state = CASE WHEN state = 'ENABLED' THEN 'ERROR' ELSE state END"
                        + " WHERE integration_id = ? AND mode = 'PRE_AUTHORIZED' AND credentials_id = ?",
                at.toEpochMilli(), reason, at.toEpochMilli(), integrationId, credentialsId) == 1;
    }

    /**
     * Enables or disables the integration, in one statement with the check that its credentials do not
     * stand rejected: false, with nothing changed, when they do and {@code state} is ENABLED (or when it
     * is not configured). While they stand rejected, the reason stays.
     */
    boolean updateState(String integrationId, ConfigurationState state, Instant at) {
        return jdbc.update("UPDATE integration_configuration SET state = ?, updated_at = ?,"
                        + " state_reason = CASE WHEN rejected_at IS NULL THEN NULL ELSE state_reason END WHERE integration_id = ?"
                        + (state == ConfigurationState.ENABLED ? " AND rejected_at IS NULL" : ""),
                state.name(), at.toEpochMilli(), integrationId) == 1;
    }

    boolean delete(String integrationId) {
        return jdbc.update("DELETE FROM integration_configuration WHERE integration_id = ?", integrationId) == 1;
    }

    private static Long epochMillis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static IntegrationConfiguration map(ResultSet row) throws SQLException {
        return new IntegrationConfiguration(row.getString("integration_id"), AuthorizationMode.valueOf(row.getString("mode")),
                ConfigurationState.valueOf(row.getString("state")), row.getString("state_reason"),
                row.getObject("rejected_at") == null ? null : Instant.ofEpochMilli(row.getLong("rejected_at")),
                row.getString("profile_id"), new SealedValues(IntegrationConfiguration.vaultBinding(row.getString("integration_id")),
                ValuesJson.read(row.getString("public_values")), row.getString("sealed_secrets"),
                ValuesJson.readKeys(row.getString("secret_keys"))),
                row.getString("credentials_id"), Instant.ofEpochMilli(row.getLong("updated_at")), row.getString("plugin_id"));
    }
}

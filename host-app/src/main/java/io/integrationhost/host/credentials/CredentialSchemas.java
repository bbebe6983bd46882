package io.integrationhost.host.credentials;

import io.integrationhost.host.storage.Jdbc;
import java.util.List;
import java.util.Optional;

/**
 * Which plugin version and which credential fields each stored value set was made with: a pre-authorized
 * configuration's, or an end user's authorization. The fields behind a fingerprint are kept once, in
 * {@code credential_fields}, so that an upgrade can be compared with them field by field.
 */
public final class CredentialSchemas {

    /**
     * Where one kind of value set is stored.
     *
     * @param key the columns that identify a row
     */
    public record StoredSets(String table, List<String> key) {
        public StoredSets {
            key = List.copyOf(key);
        }
    }

    public static final StoredSets CONFIGURATIONS = new StoredSets("integration_configuration", List.of("integration_id"));
    public static final StoredSets USER_AUTHORIZATIONS = new StoredSets("user_authorization", List.of("integration_id", "user_id"));

    /**
     * What one stored value set was made with.
     *
     * @param key the values of {@link StoredSets#key()}
     * @param fingerprint {@code null} while nothing is recorded (stored before the host recorded it)
     */
    public record Recorded(List<String> key, String credentialsId, String pluginVersion, String fingerprint) {
    }

    private final Jdbc jdbc;

    public CredentialSchemas(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that the value set {@code credentialsId} at {@code key} was made with {@code schema} of plugin version
     * {@code pluginVersion}; nothing changes when other credentials are stored there by now. Called in the transaction
     * that stores the values, or when the host starts for sets stored before this was recorded.
     */
    public boolean record(StoredSets sets, List<String> key, String credentialsId, String pluginVersion,
                          CredentialFieldSchema schema) {
        String fingerprint = schema.fingerprint();
        jdbc.upsert("credential_fields", List.of("fingerprint"), List.of("fingerprint", "fields"), fingerprint, schema.json());
        Object[] parameters = new Object[key.size() + 3];
        parameters[0] = pluginVersion;
        parameters[1] = fingerprint;
        for (int i = 0; i < key.size(); i++) {
            parameters[2 + i] = key.get(i);
        }
        parameters[2 + key.size()] = credentialsId;
        return jdbc.update("UPDATE " + sets.table() + " SET plugin_version = ?, fields_fingerprint = ? WHERE "
                + String.join(" = ? AND ", sets.key()) + " = ? AND credentials_id = ?", parameters) == 1;
    }

    /** What the value set at {@code key} was made with; empty when nothing is stored there. */
    public Optional<Recorded> find(StoredSets sets, List<String> key) {
        return jdbc.queryOne("SELECT credentials_id, plugin_version, fields_fingerprint FROM " + sets.table() + " WHERE "
                        + String.join(" = ? AND ", sets.key()) + " = ?",
                row -> new Recorded(key, row.getString(1), row.getString(2), row.getString(3)), key.toArray());
    }

    /** The fields recorded under {@code fingerprint}. */
    public Optional<CredentialFieldSchema> fields(String fingerprint) {
        return jdbc.queryOne("SELECT fields FROM credential_fields WHERE fingerprint = ?",
                row -> CredentialFieldSchema.read(row.getString(1)), fingerprint);
    }
}

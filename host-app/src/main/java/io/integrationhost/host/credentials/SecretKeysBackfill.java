package io.integrationhost.host.credentials;

import io.integrationhost.host.storage.Jdbc;
import io.integrationhost.host.vault.CredentialVault;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Records the names of the secrets of each value set stored before the names were kept beside the sealed secrets:
 * one decryption per such row, once, when the host starts. From then on masking reads the names, and never decrypts.
 */
public final class SecretKeysBackfill {

    /**
     * Where one kind of value set is stored.
     *
     * @param key the columns that identify a row
     * @param binding what the vault bound a row's secrets to, from the values of {@code key}
     */
    public record StoredSets(String table, List<String> key, String sealedColumn, String keysColumn,
                             Function<List<String>, String> binding) {
        public StoredSets {
            key = List.copyOf(key);
        }
    }

    private SecretKeysBackfill() {
    }

    /** Fills in the missing names; answers for how many rows. */
    public static int fill(Jdbc jdbc, CredentialVault vault, StoredSets sets) {
        String keyColumns = String.join(", ", sets.key());
        String where = String.join(" = ? AND ", sets.key()) + " = ?";
        List<List<String>> rows = jdbc.query("SELECT " + keyColumns + ", " + sets.sealedColumn() + " FROM " + sets.table()
                + " WHERE " + sets.sealedColumn() + " IS NOT NULL AND " + sets.keysColumn() + " IS NULL", row -> {
                    List<String> values = new ArrayList<>();
                    for (int column = 1; column <= sets.key().size() + 1; column++) {
                        values.add(row.getString(column));
                    }
                    return values;
                });
        int filled = 0;
        for (List<String> row : rows) {
            List<String> key = row.subList(0, sets.key().size());
            String sealed = row.get(sets.key().size());
            String names = ValuesJson.writeKeys(vault.open(sealed, sets.binding().apply(key)).keySet());
            List<Object> parameters = new ArrayList<>(List.of(names));
            parameters.addAll(key);
            parameters.add(sealed);
            // Only while the row still holds the secrets just opened: one stored meanwhile came with its names.
            filled += jdbc.update("UPDATE " + sets.table() + " SET " + sets.keysColumn() + " = ? WHERE " + where + " AND "
                    + sets.sealedColumn() + " = ? AND " + sets.keysColumn() + " IS NULL", parameters.toArray());
        }
        return filled;
    }
}

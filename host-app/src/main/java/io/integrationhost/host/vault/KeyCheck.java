package io.integrationhost.host.vault;

import io.integrationhost.host.config.StartupException;
import io.integrationhost.host.storage.Jdbc;
import io.integrationhost.host.storage.StorageException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Proves at start that this instance's master key is the one the database's credentials were sealed with. Several
 * instances share one database; one started without the shared {@code HOST_MASTER_KEY} would create a key of its
 * own and then fail on every stored credential it reads, so it refuses to start instead.
 */
public final class KeyCheck {

    private static final String BOUND_TO = "vault-key-check";
    private static final Map<String, String> CHECK = Map.of("check", "the master key of this database");

    private KeyCheck() {
    }

    /** Seals the check on a new database, or opens the one there; throws when this key cannot open it. */
    public static void verify(CredentialVault vault, Jdbc jdbc, Clock clock) {
        Optional<String> stored = read(jdbc);
        if (stored.isEmpty()) {
            try {
                jdbc.update("INSERT INTO vault_key_check (id, sealed, created_at) VALUES (1, ?, ?)",
                        vault.seal(CHECK, BOUND_TO), clock.millis());
                return;
            } catch (StorageException e) {
                if (!e.isDuplicateKey()) {
                    throw e;
                }
                stored = read(jdbc); // another instance sealed it first: this key must open theirs
            }
        }
        try {
            if (!CHECK.equals(vault.open(stored.orElseThrow(), BOUND_TO))) {
                throw new CredentialVault.VaultException("unexpected content");
            }
        } catch (CredentialVault.VaultException e) {
            throw new StartupException("This host's master key is not the one the credentials in its database were stored"
                    + " with.", "Start it with that key: restore data/" + MasterKey.KEY_FILE + " from a backup, or set "
                    + MasterKey.ENVIRONMENT_VARIABLE + " to the base64 key the other instances on this database use.");
        }
    }

    private static Optional<String> read(Jdbc jdbc) {
        return jdbc.queryOne("SELECT sealed FROM vault_key_check WHERE id = 1", row -> row.getString(1));
    }
}

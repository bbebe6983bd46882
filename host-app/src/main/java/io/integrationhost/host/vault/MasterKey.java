package io.integrationhost.host.vault;

import io.integrationhost.host.storage.DataFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the vault's 256-bit AES key comes from: the environment ({@code HOST_MASTER_KEY}, base64), which
 * several host instances must share, or else a key file in the data folder, created on first start with
 * owner-only permissions.
 */
public final class MasterKey {

    public static final String ENVIRONMENT_VARIABLE = "HOST_MASTER_KEY";
    static final String KEY_FILE = "master.key";
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private MasterKey() {
    }

    /** The key from {@code configured} (base64, may be {@code null}) or else from the data folder's key file. */
    public static SecretKey load(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return fromBase64(configured.strip(), ENVIRONMENT_VARIABLE);
        }
        Path file = dataDir.resolve(KEY_FILE);
        try {
            // Whoever creates the file first, this start or another instance's on the same folder, sets the key.
            String encoded = DataFiles.readOrCreate(file, "master key", MasterKey::newKey, () -> log.info(
                    "Created a new master key in {} (owner-only). Back it up: without it stored credentials cannot be read.",
                    file));
            return fromBase64(encoded, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file, e);
        }
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static SecretKey fromBase64(String encoded, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The master key in " + source + " is not valid base64.");
        }
        if (key.length != 32) {
            throw new IllegalStateException("The master key in " + source + " must be 32 bytes (256 bits), base64-encoded; it has "
                    + key.length + " bytes.");
        }
        return new SecretKeySpec(key, "AES");
    }
}

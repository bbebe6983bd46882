package io.integrationhost.host.vault;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.runtime.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secret credential values at rest with AES-256-GCM.
 *
 * <p>Each sealed value has a fresh random 96-bit nonce. The record it belongs to (for example
 * {@code user:acme-crm:u1}) is bound in as associated data, so a ciphertext copied onto another row of
 * the database does not decrypt there. Format: version byte, nonce, ciphertext with tag; base64.
 */
public final class CredentialVault {

    private static final byte FORMAT_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = Json.mapper();
    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() { };

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public CredentialVault(SecretKey key) {
        this.key = key;
    }

    /** Encrypts {@code secrets} for the record {@code boundTo}; {@code null} when there is nothing to seal. */
    public String seal(Map<String, String> secrets, String boundTo) {
        if (secrets.isEmpty()) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(secrets));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(FORMAT_VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException | IOException e) {
            throw new VaultException("Encrypting credentials failed: " + e.getClass().getSimpleName());
        }
    }

    /** Decrypts what {@link #seal} produced for the same record; an empty map for {@code null}. */
    public Map<String, String> open(String sealed, String boundTo) {
        if (sealed == null) {
            return Map.of();
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(sealed));
            if (buffer.get() != FORMAT_VERSION) {
                throw new VaultException("Stored credentials have an unknown format.");
            }
            byte[] nonce = new byte[NONCE_BYTES];
            buffer.get(nonce);
            byte[] ciphertext = new byte[buffer.remaining()];
            buffer.get(ciphertext);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return JSON.readValue(cipher.doFinal(ciphertext), VALUES);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            if (e instanceof VaultException vault) {
                throw vault;
            }
            throw new VaultException("Stored credentials cannot be decrypted: the master key differs from the one they"
                    + " were stored with, or the data was altered.");
        }
    }

    /** Decrypting or encrypting failed. Never carries a credential. */
    public static final class VaultException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        VaultException(String message) {
            super(message);
        }
    }
}

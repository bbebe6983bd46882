package io.integrationhost.host.credentials;

import io.integrationhost.host.vault.CredentialVault;
import io.integrationhost.runtime.credentials.CredentialForm;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One stored value set: its non-secret values in clear, its secrets sealed by the vault to the record they belong to,
 * and the names of the secrets that are set. The names are all a masked view needs, so showing a stored set never
 * decrypts it: only {@link #open} does, for a call, a connection test, or a submitted mask that keeps a secret.
 *
 * @param binding what the vault binds the secrets to (such as {@code integration:acme-crm}): a ciphertext copied onto
 *     another record does not open there
 * @param sealedSecrets the encrypted secrets, or {@code null} when none are set
 * @param secretKeys the keys of the secrets that are set (names only, never values); {@code null} only for a set
 *     stored before the names were recorded, until the host fills them in at start ({@link SecretKeysBackfill})
 */
public record SealedValues(String binding, Map<String, String> publicValues, String sealedSecrets, Set<String> secretKeys) {

    public SealedValues {
        publicValues = Map.copyOf(publicValues);
        secretKeys = secretKeys == null ? null : Set.copyOf(secretKeys);
    }

    /** {@code values} sealed for the record {@code binding}. */
    public static SealedValues seal(CredentialVault vault, String binding, CredentialForm.Values values) {
        return new SealedValues(binding, values.publicValues(), vault.seal(values.secretValues(), binding),
                values.secretValues().keySet());
    }

    /** A record that holds no values. */
    public static SealedValues none(String binding) {
        return new SealedValues(binding, Map.of(), null, Set.of());
    }

    /** The values with their secrets decrypted: for a call or a check, never for showing. */
    public CredentialForm.Values open(CredentialVault vault) {
        return new CredentialForm.Values(publicValues, vault.open(sealedSecrets, binding));
    }

    /** The values with each secret shown as {@link CredentialForm#MASK}; decrypts nothing. */
    public Map<String, String> masked() {
        Map<String, String> masked = new LinkedHashMap<>(publicValues);
        recordedSecretKeys().forEach(key -> masked.put(key, CredentialForm.MASK));
        return masked;
    }

    /** The keys of every value that is set, secrets included; decrypts nothing. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(publicValues.keySet());
        keys.addAll(recordedSecretKeys());
        return keys;
    }

    private Set<String> recordedSecretKeys() {
        if (secretKeys != null) {
            return secretKeys;
        }
        if (sealedSecrets == null) {
            return Set.of();
        }
        throw new IllegalStateException("The names of the secrets stored for " + binding + " are not recorded; the host"
                + " records them when it starts.");
    }

    @Override
    public String toString() {
        return "SealedValues[" + binding + ", public=" + publicValues.keySet() + ", secret=" + secretKeys + " (sealed)]";
    }
}

package io.integrationhost.host.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialVaultTest {

    @TempDir
    Path data;

    @Test
    void sealedValuesOpenOnlyForTheRecordTheyWereSealedFor() {
        CredentialVault vault = new CredentialVault(MasterKey.load(null, data));
        String sealed = vault.seal(Map.of("apiKey", "super-secret-value"), "user:svc:u1");

        assertThat(Base64.getDecoder().decode(sealed)).asString(StandardCharsets.ISO_8859_1).doesNotContain("super-secret-value");
        assertThat(vault.open(sealed, "user:svc:u1")).containsEntry("apiKey", "super-secret-value");
        assertThatThrownBy(() -> vault.open(sealed, "user:svc:u2"))
                .isInstanceOf(CredentialVault.VaultException.class)
                .hasMessageNotContaining("super-secret-value");
    }

    @Test
    void everySealUsesAFreshNonceAndTamperingIsDetected() {
        CredentialVault vault = new CredentialVault(MasterKey.load(null, data));
        String first = vault.seal(Map.of("k", "v"), "r");
        String second = vault.seal(Map.of("k", "v"), "r");
        assertThat(first).isNotEqualTo(second);
        assertThat(Base64.getDecoder().decode(first)).hasSize(1 + 12 + "{\"k\":\"v\"}".length() + 16);

        byte[] bytes = Base64.getDecoder().decode(first);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(Base64.getEncoder().encodeToString(bytes), "r"))
                .isInstanceOf(CredentialVault.VaultException.class);
    }

    @Test
    void theKeyFileIsCreatedOnceWithOwnerOnlyPermissionsAndReused() throws Exception {
        SecretKey first = MasterKey.load(null, data);
        SecretKey again = MasterKey.load(null, data);

        Path file = data.resolve(MasterKey.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again.getEncoded()).isEqualTo(first.getEncoded()).hasSize(32);
        assertThat(new CredentialVault(again).open(new CredentialVault(first).seal(Map.of("a", "b"), "x"), "x"))
                .containsEntry("a", "b");
    }

    @Test
    void aKeyFromTheEnvironmentWinsAndAWrongOneIsRefusedWithAClearMessage() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(MasterKey.load(key, data).getEncoded()).isEqualTo(new byte[32]);
        assertThat(Files.exists(data.resolve(MasterKey.KEY_FILE))).isFalse();
        assertThatThrownBy(() -> MasterKey.load("c2hvcnQ=", data)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKey.load("not base64!", data)).hasMessageContaining("not valid base64");
    }
}

package io.integrationhost.host.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.storage.Database;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import io.integrationhost.host.vault.CredentialVault;
import io.integrationhost.runtime.credentials.CredentialForm;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Showing stored credentials masks them from the names of their secrets, kept beside the sealed secrets: nothing is
 * decrypted to print a mask. Here the sealed secrets cannot be opened at all, yet the lists still show their masks.
 */
class MaskingWithoutDecryptingTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.service("svc");

    /** The host's embedded database. */
    private String url() {
        return Database.embeddedUrl(svc.root().resolve("data"));
    }

    @Test
    void integrationsAreListedWithTheirMasksWhileTheirSealedSecretsCannotBeOpened() throws Exception {
        Response stored = svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", "good-secret-token")));
        assertThat(stored.status()).isEqualTo(200);
        makeUnopenable("integration_configuration", "sealed_secrets");

        JsonNode listed = svc.host().getJson("/api/integrations");

        JsonNode values = listed.get(0).path("configuration").path("values");
        assertThat(values.path("account").asText()).isEqualTo("acme");
        assertThat(values.path("token").asText()).isEqualTo(CredentialForm.MASK);
        assertThat(svc.host().getJson("/api/integrations/svc").path("configuration").path("values").path("token").asText())
                .isEqualTo(CredentialForm.MASK);
        // Keeping the secret with a submitted mask needs it opened, and now it cannot be: the damage is real.
        Response kept = svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", CredentialForm.MASK)));
        assertThat(kept.status()).isEqualTo(500);
    }

    @Test
    void profilesAreListedWithTheirMaskedPresetsWhileTheirSealedPresetsCannotBeOpened() throws Exception {
        Response created = svc.host().post("/api/authorization-profiles", Map.of("name", "Fixed", "type", "fixture-token",
                "presets", Map.of("account", "tenant-a", "token", "good-preset-token"), "presetSecrets", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        makeUnopenable("authorization_profile", "sealed_presets");

        JsonNode presets = svc.host().getJson("/api/authorization-profiles").get(0).path("presets");

        assertThat(presets.path("account").asText()).isEqualTo("tenant-a");
        assertThat(presets.path("token").asText()).isEqualTo(CredentialForm.MASK);
    }

    @Test
    void secretsStoredBeforeTheirNamesWereKeptGetTheirNamesWhenTheHostStarts() throws Exception {
        svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", "good-secret-token")));
        svc.stop();
        Databases.execute(url(), "UPDATE integration_configuration SET secret_keys = NULL");

        svc.startAgain();

        assertThat(Databases.count(url(), "SELECT COUNT(*) FROM integration_configuration WHERE secret_keys = '[\"token\"]'"))
                .isEqualTo(1);
        assertThat(svc.host().getJson("/api/integrations/svc").path("configuration").path("values").path("token").asText())
                .isEqualTo(CredentialForm.MASK);
    }

    /**
     * Replaces the sealed secrets of every row of {@code table} with a well-formed ciphertext of another key and
     * another record, which this host's vault refuses to open.
     */
    private void makeUnopenable(String table, String column) throws Exception {
        String sealedElsewhere = new CredentialVault(new SecretKeySpec(new byte[32], "AES")).seal(Map.of("token", "x"),
                "elsewhere");
        Databases.execute(url(), "UPDATE " + table + " SET " + column + " = '" + sealedElsewhere + "'");
    }
}

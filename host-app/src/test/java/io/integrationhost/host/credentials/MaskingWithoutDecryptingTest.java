package io.integrationhost.host.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.storage.Database;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import io.integrationhost.host.vault.CredentialVault;
import io.integrationhost.runtime.credentials.CredentialForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Showing stored credentials masks them from the names of their secrets, kept beside the sealed secrets: nothing is
 * decrypted to print a mask. Here the sealed secrets cannot be opened at all, yet the lists still show their masks.
 */
class MaskingWithoutDecryptingTest {

    @TempDir
    Path root;
    RunningHost host;
    String url;

    @BeforeEach
    void start() throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        host = RunningHost.start(root);
        url = Database.embeddedUrl(root.resolve("data"));
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void integrationsAreListedWithTheirMasksWhileTheirSealedSecretsCannotBeOpened() throws Exception {
        Response stored = host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", "good-secret-token")));
        assertThat(stored.status()).isEqualTo(200);
        makeUnopenable("integration_configuration", "sealed_secrets");

        JsonNode listed = host.getJson("/api/integrations");

        JsonNode values = listed.get(0).path("configuration").path("values");
        assertThat(values.path("account").asText()).isEqualTo("acme");
        assertThat(values.path("token").asText()).isEqualTo(CredentialForm.MASK);
        assertThat(host.getJson("/api/integrations/svc").path("configuration").path("values").path("token").asText())
                .isEqualTo(CredentialForm.MASK);
        // Keeping the secret with a submitted mask needs it opened, and now it cannot be: the damage is real.
        Response kept = host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", CredentialForm.MASK)));
        assertThat(kept.status()).isEqualTo(500);
    }

    @Test
    void profilesAreListedWithTheirMaskedPresetsWhileTheirSealedPresetsCannotBeOpened() throws Exception {
        Response created = host.post("/api/authorization-profiles", Map.of("name", "Fixed", "type", "fixture-token",
                "presets", Map.of("account", "tenant-a", "token", "good-preset-token")));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        makeUnopenable("authorization_profile", "sealed_presets");

        JsonNode presets = host.getJson("/api/authorization-profiles").get(0).path("presets");

        assertThat(presets.path("account").asText()).isEqualTo("tenant-a");
        assertThat(presets.path("token").asText()).isEqualTo(CredentialForm.MASK);
    }

    @Test
    void secretsStoredBeforeTheirNamesWereKeptGetTheirNamesWhenTheHostStarts() throws Exception {
        host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "acme", "token", "good-secret-token")));
        host.close();
        Databases.execute(url, "UPDATE integration_configuration SET secret_keys = NULL");

        host = RunningHost.start(root);

        assertThat(Databases.count(url, "SELECT COUNT(*) FROM integration_configuration WHERE secret_keys = '[\"token\"]'"))
                .isEqualTo(1);
        assertThat(host.getJson("/api/integrations/svc").path("configuration").path("values").path("token").asText())
                .isEqualTo(CredentialForm.MASK);
    }

    /**
     * Replaces the sealed secrets of every row of {@code table} with a well-formed ciphertext of another key and
     * another record, which this host's vault refuses to open.
     */
    private void makeUnopenable(String table, String column) throws Exception {
        String sealedElsewhere = new CredentialVault(new SecretKeySpec(new byte[32], "AES")).seal(Map.of("token", "x"),
                "elsewhere");
        Databases.execute(url, "UPDATE " + table + " SET " + column + " = '" + sealedElsewhere + "'");
    }
}

package io.integrationhost.host.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every credential value the host accepts fits its storage; values too long together are refused, not a 500. */
class LongCredentialValuesTest {

    @TempDir
    Path root;

    @Test
    void aLongSecretFullOfCharactersThatJsonEscapesIsStoredAndUsed() throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        String token = "good-" + "\"\\".repeat(1995);
        try (RunningHost host = RunningHost.start(root)) {
            Response stored = host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("account", "acme", "token", token)));

            assertThat(stored.status()).as(stored.raw().body()).isEqualTo(200);
            host.post("/api/integrations/svc/enable", null);
            assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi"))).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void valuesLongerThanTheLimitTogetherAreAValidationFailureOnTheLongestField() throws Exception {
        String descriptor = FixturePlugins.serviceDescriptorFor("wide").replace(
                "{\"key\": \"token\", \"label\": \"Token\", \"help\": \"Starts with 'good'.\", \"required\": true, \"secret\": true}",
                "{\"key\": \"token\", \"label\": \"Token\", \"help\": \"Starts with 'good'.\", \"required\": true, \"secret\": true},"
                        + "{\"key\": \"certificate\", \"label\": \"Certificate\", \"required\": false, \"secret\": false},"
                        + "{\"key\": \"privateKey\", \"label\": \"Private key\", \"required\": false, \"secret\": true},"
                        + "{\"key\": \"chain\", \"label\": \"Chain\", \"required\": false, \"secret\": false},"
                        + "{\"key\": \"notes\", \"label\": \"Notes\", \"required\": false, \"secret\": false}");
        assertThat(descriptor).contains("privateKey");
        FixturePlugins.service("wide").descriptor(descriptor).writeTo(Files.createDirectories(root.resolve("plugins")));
        try (RunningHost host = RunningHost.start(root)) {
            Response refused = host.put("/api/integrations/wide/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("account", "acme", "token", "good-" + "t".repeat(3000), "certificate", "c".repeat(3990),
                            "privateKey", "k".repeat(3999), "chain", "h".repeat(3990), "notes", "n".repeat(3990))));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error().path("kind").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.error().path("violations").get(0).path("field").asText()).isEqualTo("privateKey");
            assertThat(refused.error().path("violations").get(0).path("message").asText()).contains("16000 characters together");
            assertThat(refused.raw().body()).doesNotContain("kkkk");
        }
    }
}

package io.integrationhost.host.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.FieldType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fingerprint covers what stored values depend on, and only that; it is the same for the same fields in any order. */
class CredentialFieldSchemaTest {

    private static final CredentialField ACCOUNT = new CredentialField("account", "Account", null, null, true, false,
            "^[a-z]+$", null);
    private static final CredentialField TOKEN = new CredentialField("token", "Token", null, null, true, true, null, null);

    @Test
    void theFingerprintIsTheSameForTheSameFieldsInAnotherOrderAndWithOtherLabelsHelpOrDefaults() {
        CredentialField relabelled = new CredentialField("account", "Account name", "Before .example.com", null, true, false,
                "^[a-z]+$", "acme", "acme");

        assertThat(CredentialFieldSchema.of(List.of(TOKEN, relabelled)).fingerprint())
                .isEqualTo(CredentialFieldSchema.of(List.of(ACCOUNT, TOKEN)).fingerprint())
                .hasSize(64);
    }

    @Test
    void theFingerprintChangesWithAKeyATypeRequiredSecretOrAPattern() {
        String before = CredentialFieldSchema.of(List.of(ACCOUNT, TOKEN)).fingerprint();
        List<CredentialField> changed = List.of(
                new CredentialField("accountName", "Account", null, null, true, false, "^[a-z]+$", null),
                new CredentialField("account", "Account", null, FieldType.EMAIL, true, false, "^[a-z]+$", null),
                new CredentialField("account", "Account", null, null, false, false, "^[a-z]+$", null),
                new CredentialField("account", "Account", null, null, true, true, "^[a-z]+$", null),
                new CredentialField("account", "Account", null, null, true, false, "^[a-z0-9]+$", null));

        for (CredentialField field : changed) {
            assertThat(CredentialFieldSchema.of(List.of(field, TOKEN)).fingerprint()).as(field.toString()).isNotEqualTo(before);
        }
    }

    @Test
    void storedFieldsReadBackAsTheSameSchema() {
        CredentialFieldSchema schema = CredentialFieldSchema.of(List.of(ACCOUNT, TOKEN));

        assertThat(CredentialFieldSchema.read(schema.json())).isEqualTo(schema);
        assertThat(CredentialFieldSchema.read(schema.json()).breakingChangesTo(schema)).isEmpty();
    }
}

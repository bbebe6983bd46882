package io.integrationhost.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.runtime.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The descriptor's schema violations read as sentences about the descriptor, with the JSON path: never the
 * validator's view of the schema, never a raw regular expression.
 */
class DescriptorMessagesTest {

    private static final ObjectMapper JSON = Json.mapper();

    @TempDir
    Path jar;

    @Test
    void aMissingRequiredFieldIsNamed() {
        ObjectNode descriptor = valid();
        descriptor.remove("description");
        ((ObjectNode) descriptor.get("authorization").get("fields").get(0)).remove("secret");

        assertThat(violations(descriptor)).containsExactly(
                "$: the required field 'description' is missing",
                "$.authorization.fields[0]: the required field 'secret' is missing");
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatItMustBe() {
        ObjectNode descriptor = valid();
        ((ObjectNode) descriptor.get("authorization").get("fields").get(0)).put("required", "yes");
        descriptor.put("setupInstructions", "Just one step.");

        assertThat(violations(descriptor)).containsExactly(
                "$.authorization.fields[0].required: must be true or false, not a text",
                "$.setupInstructions: must be a list, not a text");
    }

    @Test
    void aValueOutsideAnEnumerationListsTheValuesAllowed() {
        ObjectNode descriptor = valid();
        ((ObjectNode) descriptor.get("authorization")).put("type", "CARRIER_PIGEON");
        ((ArrayNode) descriptor.get("authorization").get("modes")).set(0, "WHENEVER");

        assertThat(violations(descriptor)).containsExactly(
                "$.authorization.modes[0]: must be one of PRE_AUTHORIZED, USER_AUTHORIZED, not \"WHENEVER\"",
                "$.authorization.type: must be one of BASIC, API_KEY, BEARER_TOKEN, OAUTH2, CUSTOM, not \"CARRIER_PIGEON\"");
    }

    @Test
    void idsAndKeysThatDoNotMatchTheirPatternAreDescribedWithoutTheRegularExpression() {
        ObjectNode descriptor = valid();
        descriptor.put("id", "Acme CRM");
        ((ObjectNode) descriptor.get("actions").get(0)).put("id", "Echo!");
        ((ObjectNode) descriptor.get("authorization").get("fields").get(0)).put("key", "9lives");

        List<String> violations = violations(descriptor);

        assertThat(violations).containsExactly(
                "$.actions[0].id: must be 1 to 63 lower-case letters, digits and '-', starting with a letter or digit, "
                        + "such as 'acme-crm'",
                "$.authorization.fields[0].key: must start with a letter and have only letters, digits and '_', at most 63 "
                        + "characters, such as 'apiKey'",
                "$.id: must be 1 to 63 lower-case letters, digits and '-', starting with a letter or digit, such as 'acme-crm'");
        assertThat(String.join("\n", violations)).doesNotContain("^[", "regex", "{0,62}");
    }

    @Test
    void iconAndDocumentationAddressesSayWhatTheyMustBe() {
        ObjectNode descriptor = valid();
        descriptor.put("icon", "../icon.svg");
        descriptor.put("documentationUrl", "http://docs.example.com/");

        assertThat(violations(descriptor)).containsExactly(
                "$.documentationUrl: must be an https:// address",
                "$.icon: must be the path of an .svg or .png file inside the jar, such as 'icon.svg'",
                "$.icon: must not contain '..'; name a file inside the jar");
    }

    @Test
    void aFieldTheSchemaDoesNotKnowIsNamedWithTheFieldsAllowedThere() {
        ObjectNode descriptor = valid();
        descriptor.put("colour", "green");
        ((ObjectNode) descriptor.get("authorization").get("fields").get(0)).put("placeholder", "abc");

        assertThat(violations(descriptor)).containsExactly(
                "$: 'colour' is not a field here (the fields allowed here are $schema, id, name, description, category, "
                        + "icon, documentationUrl, setupInstructions, authorization, authorizationProfiles, actions)",
                "$.authorization.fields[0]: 'placeholder' is not a field here (the fields allowed here are key, label, help, "
                        + "type, required, secret, pattern, formatHint, defaultValue, renamedFrom, valueForStored, "
                        + "publicDespiteName)");
    }

    @Test
    void aSecretFieldWithADefaultValueIsToldSoInPlainWords() {
        ObjectNode descriptor = valid();
        ((ObjectNode) descriptor.get("authorization").get("fields").get(0)).put("defaultValue", "changeme");

        List<String> violations = violations(descriptor);

        assertThat(violations).containsExactly(
                "$.authorization.fields[0]: a secret field cannot have a default value; remove its 'defaultValue'");
        assertThat(String.join("\n", violations)).doesNotContain("must not be valid", "then", "not\"");
    }

    @Test
    void anActionsInputMustBeAnObject() {
        ObjectNode descriptor = valid();
        ((ObjectNode) descriptor.get("actions").get(0).get("inputSchema")).put("type", "array");

        assertThat(violations(descriptor)).containsExactly(
                "$.actions[0].inputSchema.type: must be \"object\": an action's input is a JSON object");
    }

    @Test
    void lengthsAndCountsSayTheLimit() {
        ObjectNode descriptor = valid();
        descriptor.put("name", "N".repeat(81));
        descriptor.put("category", "");
        ((ObjectNode) descriptor.get("authorization")).putArray("modes");

        assertThat(violations(descriptor)).containsExactly(
                "$.authorization.modes: must not be empty",
                "$.category: must not be empty",
                "$.name: must have at most 80 characters, not 81");
    }

    @Test
    void aCredentialPatternJavaCannotReadIsReportedBeforeAnyValueMeetsIt() {
        ObjectNode descriptor = valid();
        ((ObjectNode) descriptor.get("authorization").get("fields").get(0)).put("pattern", "([a-z");

        assertThat(violations(descriptor)).singleElement().asString()
                .startsWith("$.authorization.fields[0].pattern: is not a regular expression Java can read (");
    }

    @Test
    void aFormatHintAndAFieldDeclaredPublicOnPurposeAreAccepted() {
        ObjectNode descriptor = valid();
        ((ArrayNode) descriptor.get("authorization").get("fields")).addObject()
                .put("key", "publicKey").put("label", "Public key").put("required", false).put("secret", false)
                .put("pattern", "^[A-Z]{4}$").put("formatHint", "four capital letters, such as ABCD")
                .put("publicDespiteName", true);

        DescriptorReader.Result read = read(descriptor);

        assertThat(read.violations()).isEmpty();
        assertThat(read.descriptor().authorization().field("publicKey").orElseThrow().formatHint())
                .isEqualTo("four capital letters, such as ABCD");
    }

    @Test
    void secretLookingWordsAreMatchedAsWordsAndAddressesAreNotSecrets() {
        assertThat(DescriptorRules.looksSecret(field("apiKey", "API key", null))).isTrue();
        assertThat(DescriptorRules.looksSecret(field("password", "Password", null))).isTrue();
        assertThat(DescriptorRules.looksSecret(field("pat", "Personal access token", null))).isTrue();
        assertThat(DescriptorRules.looksSecret(field("client_secret", "Client", null))).isTrue();
        assertThat(DescriptorRules.looksSecret(field("keyboardLayout", "Keyboard layout", null))).isFalse();
        assertThat(DescriptorRules.looksSecret(field("subdomain", "Subdomain", null))).isFalse();
        assertThat(DescriptorRules.looksSecret(field("tokenUrl", "Token URL", null))).isFalse();
        assertThat(DescriptorRules.looksSecret(field("tokenEndpoint", "Where tokens come from", "URL"))).isFalse();
    }

    private static ObjectNode field(String key, String label, String type) {
        ObjectNode field = JSON.createObjectNode().put("key", key).put("label", label);
        return type == null ? field : field.put("type", type);
    }

    private static ObjectNode valid() {
        try {
            return (ObjectNode) JSON.readTree(FixturePlugins.descriptorFor("acme", "Acme"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aMemberNamedTwiceIsRefusedRatherThanReadAsOneOfItsValues() throws IOException {
        String twice = JSON.writeValueAsString(valid()).replaceFirst("\\{", "{\"name\": \"Other\", ");

        assertThat(read(twice.getBytes(java.nio.charset.StandardCharsets.UTF_8)).violations()).singleElement()
                .asString().startsWith("integration.json is not valid JSON");
    }

    private List<String> violations(ObjectNode descriptor) {
        return read(descriptor).violations();
    }

    /** Reads the descriptor as the host does, from the files of a plugin jar: the descriptor and its icon. */
    private DescriptorReader.Result read(ObjectNode descriptor) {
        try {
            return read(JSON.writeValueAsBytes(descriptor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DescriptorReader.Result read(byte[] descriptor) {
        try {
            Files.write(jar.resolve("integration.json"), descriptor);
            Files.writeString(jar.resolve("icon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DescriptorReader().read(name -> {
            Path file = jar.resolve(name).normalize();
            try {
                return file.startsWith(jar) && Files.isRegularFile(file) ? file.toUri().toURL() : null;
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

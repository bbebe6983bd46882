package io.integrationhost.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.testkit.fixtures.EchoIntegration;
import io.integrationhost.testkit.fixtures.EchoProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PluginContract reports every way a plugin jar breaks the platform's contract, by rule, and nothing for a good jar. */
class PluginContractTest {

    @TempDir
    Path dir;

    @Test
    void aJarThatKeepsTheContractHasNoViolations() {
        PluginContract contract = PluginContract.forJar(FixtureJar.echo().writeTo(dir));

        assertThat(contract.violations()).isEmpty();
        assertThatCode(contract::verify).doesNotThrowAnyException();
    }

    @Test
    void verifyFailsWithEveryViolationListedByRule() {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        field(descriptor, "token").put("secret", false);
        Path jar = FixtureJar.echo().descriptor(descriptor).manifest("Plugin-Requires", null).writeTo(dir);

        assertThatThrownBy(() -> PluginContract.forJar(jar).verify())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("breaks the platform's contract in 2 ways")
                .hasMessageContaining("[MANIFEST] The manifest has no Plugin-Requires")
                .hasMessageContaining("[SECRET_FIELDS] $.authorization.fields: 'token'");
    }

    @Test
    void aJarThatBundlesPf4jBreaksThePackagingRules() {
        Path jar = FixtureJar.echo().packing(org.pf4j.Plugin.class).writeTo(dir);

        assertThat(messages(PluginContract.forJar(jar), ContractRule.PACKAGING))
                .singleElement().asString().contains("bundles PF4J classes").contains("provided");
    }

    @Test
    void aJarWithoutExtensionIndexBreaksThePackagingRules() {
        Path jar = FixtureJar.echo().extensionIndex().writeTo(dir);

        assertThat(messages(PluginContract.forJar(jar), ContractRule.PACKAGING))
                .anySatisfy(message -> assertThat(message).contains("META-INF/extensions.idx"));
    }

    @Test
    void plugInRequiresMustIncludeThisPlatformAndStopBeforeTheNextMajorVersion() {
        PluginContract unbounded = PluginContract.forJar(FixtureJar.echo().manifest("Plugin-Requires", ">=1.0.0")
                .writeTo(dir, "unbounded.jar"));
        PluginContract tooNew = PluginContract.forJar(FixtureJar.echo().manifest("Plugin-Requires", ">=2.0.0 & <3.0.0")
                .writeTo(dir, "too-new.jar"));
        PluginContract garbled = PluginContract.forJar(FixtureJar.echo().manifest("Plugin-Requires", "one or two")
                .writeTo(dir, "garbled.jar"));

        assertThat(messages(unbounded, ContractRule.MANIFEST)).singleElement().asString()
                .contains("also accepts platform 2.0.0").contains(">=1.3.0 & <2.0.0");
        assertThat(messages(tooNew, ContractRule.MANIFEST)).singleElement().asString().contains("excludes this platform's version");
        assertThat(messages(tooNew, ContractRule.EXTENSIONS)).singleElement().asString().contains("DISABLED");
        assertThat(messages(garbled, ContractRule.MANIFEST)).singleElement().asString().contains("not a version range");
    }

    @Test
    void theManifestMustNameThePluginWithASemanticVersion() {
        Path jar = FixtureJar.echo().manifest("Plugin-Version", "first").writeTo(dir);

        assertThat(messages(PluginContract.forJar(jar), ContractRule.MANIFEST)).singleElement().asString()
                .contains("'first' is not a semantic version");
    }

    @Test
    void theDescriptorIsCheckedAsTheHostChecksIt() {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        descriptor.put("id", "Not An Id");
        descriptor.remove("description");

        assertThat(messages(PluginContract.forJar(FixtureJar.echo().descriptor(descriptor).writeTo(dir)), ContractRule.DESCRIPTOR))
                .anySatisfy(message -> assertThat(message).contains("$.id"))
                .anySatisfy(message -> assertThat(message).contains("description"));
    }

    @Test
    void idsMustBeUniqueAndTheIconMustBeInTheJar() {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        ArrayNode actions = (ArrayNode) descriptor.get("actions");
        actions.add(actions.get(0).deepCopy());
        Path jar = FixtureJar.echo().descriptor(descriptor).withoutEntry("icon.svg").writeTo(dir);

        assertThat(messages(PluginContract.forJar(jar), ContractRule.DESCRIPTOR))
                .contains("$.icon: 'icon.svg' is not in the jar", "$.actions: the id 'echo' is declared more than once");
    }

    @Test
    void anActionsInputSchemaMustBeAValidJsonSchema() {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        ((ObjectNode) descriptor.get("actions").get(0).get("inputSchema")).put("minProperties", "two");

        assertThat(messages(PluginContract.forJar(FixtureJar.echo().descriptor(descriptor).writeTo(dir)), ContractRule.DESCRIPTOR))
                .anySatisfy(message -> assertThat(message).contains("$.actions[0].inputSchema is not a valid JSON Schema"));
    }

    @Test
    void theIconMustBeWhatItsNameSays() {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        descriptor.put("icon", "icon.png");
        Path notSvg = FixtureJar.echo().entry("icon.svg", "hello".getBytes(StandardCharsets.UTF_8)).writeTo(dir, "a.jar");
        Path notPng = FixtureJar.echo().descriptor(descriptor).entry("icon.png", FixtureJar.SVG_ICON).writeTo(dir, "b.jar");
        Path tooLarge = FixtureJar.echo().entry("icon.svg", ("<svg>" + " ".repeat(PluginContract.MAX_ICON_BYTES) + "</svg>")
                .getBytes(StandardCharsets.UTF_8)).writeTo(dir, "c.jar");

        assertThat(messages(PluginContract.forJar(notSvg), ContractRule.ICON)).singleElement().asString().contains("not an SVG");
        assertThat(messages(PluginContract.forJar(notPng), ContractRule.ICON)).singleElement().asString().contains("not a PNG");
        assertThat(messages(PluginContract.forJar(tooLarge), ContractRule.ICON)).singleElement().asString()
                .contains("at most " + PluginContract.MAX_ICON_BYTES + " bytes");
    }

    @Test
    void aRequiredInputMustBeDeclaredSoThatAFormCanAskForIt() {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        ((ArrayNode) descriptor.get("actions").get(1).get("inputSchema").withArray("required")).add("thingId");

        assertThat(messages(PluginContract.forJar(FixtureJar.echo().descriptor(descriptor).writeTo(dir)), ContractRule.INPUT_SCHEMAS))
                .singleElement().asString().contains("$.actions[fail].inputSchema requires 'thingId'");
    }

    @Test
    void anInputSchemaWhoseReferenceTheHostCannotResolveIsReported() {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        ((ObjectNode) descriptor.get("actions").get(1).get("inputSchema")).putObject("properties").putObject("thing")
                .put("$ref", "#/$defs/missing");

        assertThat(messages(PluginContract.forJar(FixtureJar.echo().descriptor(descriptor).writeTo(dir)), ContractRule.INPUT_SCHEMAS))
                .singleElement().asString().contains("$.actions[fail].inputSchema fails in the host's validator")
                .contains("/$defs/missing");
    }

    @Test
    void anInputSchemaMustNotReferToSchemasTheHostWouldFetch() {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        ((ObjectNode) descriptor.get("actions").get(1).get("inputSchema")).putObject("properties").putObject("thing")
                .put("$ref", "https://schemas.example.com/thing.json");

        assertThat(messages(PluginContract.forJar(FixtureJar.echo().descriptor(descriptor).writeTo(dir)), ContractRule.INPUT_SCHEMAS))
                .singleElement().asString().contains("refers to [https://schemas.example.com/thing.json]");
    }

    @Test
    void fieldsThatLookSecretMustBeFlaggedSecretOrSayTheyArePublicOnPurpose() {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        field(descriptor, "token").put("secret", false);
        ObjectNode apiKey = ((ArrayNode) descriptor.get("authorizationProfiles").get(0).get("fields")).addObject();
        apiKey.put("key", "clientSecret").put("label", "Client").put("required", false).put("secret", false);
        Path jar = FixtureJar.echo().descriptor(descriptor).writeTo(dir, "looks-secret.jar");

        assertThat(messages(PluginContract.forJar(jar), ContractRule.SECRET_FIELDS)).containsExactly(
                "$.authorization.fields: 'token' (Token) looks like a secret but is not flagged \"secret\": true; secret "
                        + "values are encrypted at rest and masked in every answer. If it really is public, say so with "
                        + "\"publicDespiteName\": true",
                "$.authorizationProfiles[echo-token].fields: 'clientSecret' (Client) looks like a secret but is not flagged "
                        + "\"secret\": true; secret values are encrypted at rest and masked in every answer. If it really is "
                        + "public, say so with \"publicDespiteName\": true");

        field(descriptor, "token").put("publicDespiteName", true);
        apiKey.put("publicDespiteName", true);
        Path declaredPublic = FixtureJar.echo().descriptor(descriptor).writeTo(dir, "declared-public.jar");
        assertThat(PluginContract.forJar(declaredPublic).violations()).isEmpty();
    }

    @Test
    void everyViolationOfTheDescriptorIsInOneReportInTheWordsTheHostRefusesTheJarWith() {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        descriptor.put("name", "");                                                           // the schema
        ArrayNode actions = (ArrayNode) descriptor.get("actions");
        actions.add(actions.get(1).deepCopy());                                               // a duplicate action id
        field(descriptor, "token").put("secret", false);                                      // looks like a secret
        ((ArrayNode) actions.get(1).get("inputSchema").withArray("required")).add("thingId"); // required, undeclared
        Path jar = FixtureJar.echo().descriptor(descriptor).writeTo(dir);

        List<ContractViolation> violations = PluginContract.forJar(jar).violations();

        assertThat(violations).extracting(ContractViolation::toString).containsExactlyInAnyOrder(
                "[DESCRIPTOR] $.name: must not be empty",
                "[DESCRIPTOR] $.actions: the id 'fail' is declared more than once",
                "[INPUT_SCHEMAS] $.actions[fail].inputSchema requires 'thingId' but does not declare it under 'properties', "
                        + "so a form built from the schema cannot ask for it",
                "[SECRET_FIELDS] $.authorization.fields: 'token' (Token) looks like a secret but is not flagged \"secret\": "
                        + "true; secret values are encrypted at rest and masked in every answer. If it really is public, say "
                        + "so with \"publicDespiteName\": true");
        try (LoadedPlugin host = LoadedPlugin.load(jar)) {
            assertThat(host.status().state()).isEqualTo(io.integrationhost.runtime.plugins.PluginState.FAILED);
            assertThat(host.status().reason()).isEqualTo("Invalid integration.json: "
                    + String.join("; ", violations.stream().map(ContractViolation::message).toList()));
        }
    }

    @Test
    void anOAuthJarKeepsTheContractAndEveryMistakeInItsOAuthDeclarationIsInOneReport() {
        ObjectNode descriptor = FixtureJar.oauthEchoDescriptor();
        ObjectNode oauth2 = (ObjectNode) descriptor.get("authorization").get("oauth2");
        oauth2.put("tokenUrl", "http://{account}.example.com/oauth/token");                  // the schema: not https
        oauth2.put("revocationUrl", "https://{tenant}.example.com/oauth/revoke");            // names no field
        ((ArrayNode) descriptor.get("authorization").get("fields")).addObject().put("key", "clientSecret")
                .put("label", "Client secret").put("required", true).put("secret", true);   // the host's own key
        ((ObjectNode) descriptor.get("authorizationProfiles").get(0).get("oauth2")).putArray("grantTypes")
                .add("CLIENT_CREDENTIALS");                                                  // no end user's consent
        Path broken = FixtureJar.oauthEcho().descriptor(descriptor).writeTo(dir, "broken.jar");

        assertThat(PluginContract.forJar(FixtureJar.oauthEcho().writeTo(dir)).violations()).isEmpty();
        assertThat(PluginContract.forJar(broken).violations()).extracting(ContractViolation::toString)
                .containsExactlyInAnyOrder(
                        "[DESCRIPTOR] $.authorization.oauth2.tokenUrl: must be an https:// address without spaces, such as "
                                + "'https://{subdomain}.example.com/oauth/token'",
                        "[DESCRIPTOR] $.authorization.fields[1]: the key 'clientSecret' is the host's in an OAuth 2.0 type: "
                                + "the host itself asks for the OAuth app's client id and secret and the scopes (clientId, "
                                + "clientSecret, scopes); remove the field, or give it another key",
                        "[DESCRIPTOR] $.authorization.oauth2.revocationUrl: the placeholder {tenant} names no field; declare "
                                + "a field 'tenant' (required, not secret) in $.authorization.fields, or remove the placeholder",
                        "[DESCRIPTOR] $.authorizationProfiles[oauth-echo-user].oauth2.grantTypes: a profile type must offer "
                                + "AUTHORIZATION_CODE: an end user authorizes by consenting at the provider, and a token from "
                                + "client credentials alone belongs to no user");
    }

    @Test
    void anExtensionIndexEntryMissingFromTheJarIsReportedEvenWhenTheTestClassPathHasTheClass() {
        // EchoProfile is on this test's class path, so PF4J would find it through the parent class loader.
        Path jar = FixtureJar.echo().notPacking(EchoProfile.class).writeTo(dir);

        assertThat(messages(PluginContract.forJar(jar), ContractRule.EXTENSIONS)).singleElement().asString()
                .contains("names " + EchoProfile.class.getName() + ", which is not inside the jar");
    }

    @Test
    void theIntegrationsIdMustMatchTheDescriptor() {
        ObjectNode descriptor = FixtureJar.echoDescriptor();
        descriptor.put("id", "other");

        assertThat(messages(PluginContract.forJar(FixtureJar.echo().descriptor(descriptor).writeTo(dir)), ContractRule.EXTENSIONS))
                .singleElement().asString().contains("FAILED").contains("integrationId() 'other'");
    }

    @Test
    void everyDeclaredProfileTypeNeedsItsAuthorizationProfileExtension() {
        Path jar = FixtureJar.echo().extensionIndex(EchoIntegration.class.getName()).notPacking(EchoProfile.class).writeTo(dir);

        assertThat(messages(PluginContract.forJar(jar), ContractRule.EXTENSIONS)).singleElement().asString()
                .contains("FAILED").contains("'echo-token'");
    }

    @Test
    void rulesThatNeedTheDescriptorSayWhyTheyCouldNotBeChecked() {
        Path jar = FixtureJar.echo().withoutDescriptor().writeTo(dir);

        assertThat(messages(PluginContract.forJar(jar), ContractRule.SECRET_FIELDS)).singleElement().asString()
                .startsWith("Not checked: integration.json does not pass the host's checks");
        assertThat(PluginContract.forJar(jar).violations()).extracting(ContractViolation::rule)
                .doesNotContain(ContractRule.ICON, ContractRule.INPUT_SCHEMAS, ContractRule.SECRET_FIELDS);
    }

    @Test
    void aFileThatIsNotAJarIsReported() throws Exception {
        Path notAJar = java.nio.file.Files.writeString(dir.resolve("plugin.jar"), "not a zip");

        assertThat(PluginContract.forJar(notAJar).violations()).singleElement().asString()
                .startsWith("[PACKAGING]").contains("is not a readable jar");
    }

    @Test
    void aMissingJarIsReportedWithWhatToDo() {
        assertThat(PluginContract.forJar(dir.resolve("nothing.jar")).violations()).singleElement().asString()
                .contains("There is no plugin jar at").contains("build it first");
    }

    private static List<String> messages(PluginContract contract, ContractRule rule) {
        return contract.violations(rule).stream().map(ContractViolation::message).toList();
    }

    private static ObjectNode field(ObjectNode descriptor, String key) {
        for (var field : descriptor.get("authorization").get("fields")) {
            if (field.get("key").asText().equals(key)) {
                return (ObjectNode) field;
            }
        }
        throw new IllegalArgumentException(key);
    }
}

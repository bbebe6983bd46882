package io.integrationhost.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.api.metadata.ActionSpec;
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
    void anActionsEffectIsReadAndAnUnknownOneIsRefusedWithTheValuesAllowed() {
        ObjectNode descriptor = valid();
        ((ObjectNode) descriptor.get("actions").get(0)).put("effect", "READ");
        assertThat(read(descriptor).descriptor().actions().get(0).effect()).isEqualTo(ActionSpec.Effect.READ);

        ((ObjectNode) descriptor.get("actions").get(0)).put("effect", "read-only");
        DescriptorReader.Result refused = read(descriptor);

        assertThat(refused.descriptor()).isNull();
        assertThat(refused.violations()).containsExactly("$.actions[0].effect: must be one of READ, WRITE, not \"read-only\"");
    }

    @Test
    void anActionThatDoesNotStateItsEffectIsTakenToChangeData() {
        ObjectNode descriptor = valid();
        ((ObjectNode) descriptor.get("actions").get(0)).remove("effect");

        assertThat(read(descriptor).descriptor().actions().get(0).effect()).isEqualTo(ActionSpec.Effect.WRITE);
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
                        + "publicDespiteName, presettable, helpUrl)");
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
    void aFieldLeftWithoutPresettableIsPresettableExactlyWhenItIsPublicAndMayNameWhereItsValueIsCreated() {
        ObjectNode descriptor = oauth();
        ArrayNode fields = (ArrayNode) descriptor.get("authorization").get("fields");
        fields.addObject().put("key", "region").put("label", "Region").put("required", false).put("secret", false)
                .put("presettable", false);
        fields.addObject().put("key", "apiKey").put("label", "API key").put("required", true).put("secret", true)
                .put("helpUrl", "https://{subdomain}.example.com/settings/keys");

        DescriptorReader.Result read = read(descriptor);

        assertThat(read.violations()).isEmpty();
        var authorization = read.descriptor().authorization();
        assertThat(authorization.field("subdomain").orElseThrow().presettable()).isTrue();
        assertThat(authorization.field("region").orElseThrow().presettable()).isFalse();
        assertThat(authorization.field("apiKey").orElseThrow().presettable()).isFalse();
        assertThat(authorization.field("apiKey").orElseThrow().helpUrl())
                .isEqualTo("https://{subdomain}.example.com/settings/keys");
        assertThat(read.descriptor().profileType("acme-oauth").orElseThrow().fields().get(0).presettable()).isTrue();
    }

    @Test
    void aSecretOfferedAsAPresetAndAHelpLinkWithAGapAreRefusedInPlainWords() {
        ObjectNode descriptor = oauth();
        ArrayNode fields = (ArrayNode) descriptor.get("authorization").get("fields");
        fields.addObject().put("key", "apiKey").put("label", "API key").put("required", true).put("secret", true)
                .put("presettable", true).put("helpUrl", "https://{tenant}.example.com/settings/keys");

        assertThat(violations(descriptor)).containsExactly(
                "$.authorization.fields[1]: 'apiKey' is secret and \"presettable\": true; a secret is each end user's own "
                        + "and is never offered as a preset. Remove \"presettable\", or make the field public if every end "
                        + "user shares its value",
                "$.authorization.fields[1].helpUrl: the placeholder {tenant} names no field; declare a field 'tenant' "
                        + "(required, not secret) in $.authorization.fields, or remove the placeholder");
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

    @Test
    void aValidOAuthDescriptorIsReadWithItsOAuth2Declarations() {
        DescriptorReader.Result read = read(oauth());

        assertThat(read.violations()).isEmpty();
        assertThat(read.descriptor().authorization().oauth2().tokenUrl()).isEqualTo("https://{subdomain}.example.com/oauth/token");
        assertThat(read.descriptor().profileType("acme-oauth").orElseThrow().oauth2().defaultScopes())
                .containsExactly("openid", "items:read");
    }

    @Test
    void theHostsOAuthFixturePassesTheRules() throws IOException {
        assertThat(violations((ObjectNode) JSON.readTree(FixturePlugins.oauthDescriptorFor("oauth-fixture")))).isEmpty();
    }

    @Test
    void aUrlPlaceholderMustNameARequiredFieldThatIsNotSecret() {
        ObjectNode descriptor = oauth();
        ObjectNode oauth2 = (ObjectNode) descriptor.get("authorization").get("oauth2");
        oauth2.put("authorizationUrl", "https://{region}.example.com/oauth/authorize");
        oauth2.put("tokenUrl", "https://{subdomain}.example.com/oauth/token?key={apiKey}");
        oauth2.put("revocationUrl", "https://{subdomain}.example.com/{tenant}/revoke");
        ((ArrayNode) descriptor.get("authorization").get("fields")).addObject().put("key", "apiKey").put("label", "API key")
                .put("required", true).put("secret", true);
        ((ArrayNode) descriptor.get("authorization").get("fields")).addObject().put("key", "tenant").put("label", "Tenant")
                .put("required", false).put("secret", false);
        ((ObjectNode) descriptor.get("authorizationProfiles").get(0).get("oauth2"))
                .put("tokenUrl", "https://{subdomain.example.com/oauth/token");

        assertThat(violations(descriptor)).containsExactly(
                "$.authorization.oauth2.authorizationUrl: the placeholder {region} names no field; declare a field 'region' "
                        + "(required, not secret) in $.authorization.fields, or remove the placeholder",
                "$.authorization.oauth2.tokenUrl: the placeholder {apiKey} names a secret field; a URL is shown, sent and "
                        + "logged as it is, so only a field that is not secret may be part of it",
                "$.authorization.oauth2.revocationUrl: the placeholder {tenant} names an optional field; make 'tenant' "
                        + "\"required\": true, or the URL has a gap when it is left empty",
                "$.authorizationProfiles[acme-oauth].oauth2.tokenUrl: has a '{' or '}' that is not part of a {key} "
                        + "placeholder; write a placeholder as {key} with the key of a declared field");
    }

    @Test
    void aPlaceholderNamesAFieldOfItsOwnTypeOnly() {
        ObjectNode descriptor = oauth();
        ((ObjectNode) descriptor.get("authorizationProfiles").get(0)).putArray("fields");

        assertThat(violations(descriptor)).containsExactly(
                "$.authorizationProfiles[acme-oauth].oauth2.authorizationUrl: the placeholder {subdomain} names no field; "
                        + "declare a field 'subdomain' (required, not secret) in $.authorizationProfiles[acme-oauth].fields, "
                        + "or remove the placeholder",
                "$.authorizationProfiles[acme-oauth].oauth2.tokenUrl: the placeholder {subdomain} names no field; "
                        + "declare a field 'subdomain' (required, not secret) in $.authorizationProfiles[acme-oauth].fields, "
                        + "or remove the placeholder");
    }

    @Test
    void aUrlMustStillBeAUrlOnceItsPlaceholdersAreFilledIn() {
        ObjectNode descriptor = oauth();
        ((ObjectNode) descriptor.get("authorization").get("oauth2")).put("tokenUrl", "https:///oauth/token")
                .put("revocationUrl", "https://{subdomain}.example.com/re|voke");

        assertThat(violations(descriptor)).containsExactly(
                "$.authorization.oauth2.tokenUrl: names no host; write it as https://host/path",
                "$.authorization.oauth2.revocationUrl: is not a valid URL (Illegal character in path)");
    }

    @Test
    void theOAuthAppsFieldsAreTheHostsAndAnOAuthTypeCannotDeclareThem() {
        ObjectNode descriptor = oauth();
        ((ArrayNode) descriptor.get("authorization").get("fields")).addObject().put("key", "clientId").put("label", "Client")
                .put("required", true).put("secret", false);
        ((ArrayNode) descriptor.get("authorizationProfiles").get(0).get("fields")).addObject().put("key", "scopes")
                .put("label", "Scopes").put("required", false).put("secret", false);
        ObjectNode basic = valid();
        ((ArrayNode) basic.get("authorization").get("fields")).addObject().put("key", "clientId").put("label", "Client")
                .put("required", true).put("secret", false);

        assertThat(violations(descriptor)).containsExactly(
                "$.authorization.fields[1]: the key 'clientId' is the host's in an OAuth 2.0 type: the host itself asks for "
                        + "the OAuth app's client id and secret and the scopes (clientId, clientSecret, scopes); remove the "
                        + "field, or give it another key",
                "$.authorizationProfiles[acme-oauth].fields[1]: the key 'scopes' is the host's in an OAuth 2.0 type: the "
                        + "host itself asks for the OAuth app's client id and secret and the scopes (clientId, clientSecret, "
                        + "scopes); remove the field, or give it another key");
        assertThat(violations(basic)).isEmpty();
    }

    @Test
    void scopeNamesAreUnique() {
        ObjectNode descriptor = oauth();
        ((ArrayNode) descriptor.get("authorization").get("oauth2").get("scopes")).addObject().put("name", "items:read")
                .put("description", "Read items again");

        assertThat(violations(descriptor)).containsExactly(
                "$.authorization.oauth2.scopes: the name 'items:read' is declared more than once");
    }

    @Test
    void anOAuthTypeMayDeclareNoScopes() {
        ObjectNode descriptor = oauth();
        ((ObjectNode) descriptor.get("authorization").get("oauth2")).remove("scopes");

        assertThat(violations(descriptor)).isEmpty();
    }

    @Test
    void aProfileTypeMustOfferTheAuthorizationCodeGrantAnEndUserConsentsWith() {
        ObjectNode clientCredentialsOnly = oauth();
        ((ObjectNode) clientCredentialsOnly.get("authorizationProfiles").get(0).get("oauth2")).putArray("grantTypes")
                .add("CLIENT_CREDENTIALS");
        ObjectNode both = oauth();
        ((ArrayNode) both.get("authorizationProfiles").get(0).get("oauth2").get("grantTypes")).add("CLIENT_CREDENTIALS");

        assertThat(violations(clientCredentialsOnly)).containsExactly(
                "$.authorizationProfiles[acme-oauth].oauth2.grantTypes: a profile type must offer AUTHORIZATION_CODE: an "
                        + "end user authorizes by consenting at the provider, and a token from client credentials alone "
                        + "belongs to no user");
        assertThat(violations(both)).isEmpty();
    }

    @Test
    void theSchemasOAuthFindingsReadAsSentences() {
        ObjectNode descriptor = oauth();
        ObjectNode oauth2 = (ObjectNode) descriptor.get("authorization").get("oauth2");
        oauth2.remove("authorizationUrl");
        oauth2.put("tokenUrl", "http://{subdomain}.example.com/oauth/token");
        oauth2.putObject("authorizationParameters").put("state", "fixed").put("access type", "offline");
        ((ObjectNode) oauth2.get("scopes").get(1)).put("name", "items read");
        ((ObjectNode) descriptor.get("authorizationProfiles").get(0)).remove("oauth2");
        ObjectNode notOAuth = valid();
        ((ObjectNode) notOAuth.get("authorization")).set("oauth2", oauth2.deepCopy());

        List<String> violations = violations(descriptor);

        assertThat(violations).containsExactly(
                "$.authorization.oauth2: the required field 'authorizationUrl' is missing: the AUTHORIZATION_CODE grant sends "
                        + "the user there to consent",
                "$.authorization.oauth2.authorizationParameters: 'access type' is not a parameter name: use 1 to 64 letters, "
                        + "digits, '_', '.' and '-'",
                "$.authorization.oauth2.authorizationParameters: 'state' is a parameter the host sets itself (response_type, "
                        + "client_id, redirect_uri, scope, state, code_challenge, code_challenge_method); remove it",
                "$.authorization.oauth2.scopes[1].name: must be the scope as the provider spells it: 1 to 200 printable ASCII "
                        + "characters without spaces, quotes or backslashes",
                "$.authorization.oauth2.tokenUrl: must be an https:// address without spaces, such as "
                        + "'https://{subdomain}.example.com/oauth/token'",
                "$.authorizationProfiles[0]: the required field 'oauth2' is missing: the type OAUTH2 declares there how the "
                        + "host gets its tokens (grantTypes, tokenUrl, and authorizationUrl for AUTHORIZATION_CODE)");
        assertThat(String.join("\n", violations)).doesNotContain("must not be valid", "regex", "{1,64}", "$ref");
        assertThat(violations(notOAuth)).contains("$.authorization: 'oauth2' belongs only to the type OAUTH2; remove it, or "
                + "make the type OAUTH2");
    }

    @Test
    void aPreAuthorizedOAuthIntegrationWithoutItsOAuth2ObjectIsToldWhatToDeclare() {
        ObjectNode descriptor = oauth();
        ((ObjectNode) descriptor.get("authorization")).remove("oauth2");
        ((ObjectNode) descriptor.get("authorization")).putArray("modes").add("PRE_AUTHORIZED");

        assertThat(violations(descriptor)).containsExactly(
                "$.authorization: the required field 'oauth2' is missing: the type OAUTH2 declares there how the host gets "
                        + "its tokens (grantTypes, tokenUrl, and authorizationUrl for AUTHORIZATION_CODE)");
    }

    @Test
    void everyOAuthMistakeIsReportedInOneRead() {
        ObjectNode descriptor = oauth();
        ObjectNode oauth2 = (ObjectNode) descriptor.get("authorization").get("oauth2");
        oauth2.put("tokenUrl", "http://{subdomain}.example.com/oauth/token");
        oauth2.put("authorizationUrl", "https://{tenant}.example.com/oauth/authorize");
        ((ArrayNode) descriptor.get("authorization").get("fields")).addObject().put("key", "clientSecret")
                .put("label", "Client secret").put("required", true).put("secret", true);
        ((ArrayNode) oauth2.get("scopes")).add(oauth2.get("scopes").get(0).deepCopy());
        ((ObjectNode) descriptor.get("authorizationProfiles").get(0).get("oauth2")).put("pkce", "yes").putArray("grantTypes")
                .add("CLIENT_CREDENTIALS");

        assertThat(violations(descriptor)).containsExactly(
                "$.authorization.oauth2.tokenUrl: must be an https:// address without spaces, such as "
                        + "'https://{subdomain}.example.com/oauth/token'",
                "$.authorizationProfiles[0].oauth2.pkce: must be true or false, not a text",
                "$.authorization.fields[1]: the key 'clientSecret' is the host's in an OAuth 2.0 type: the host itself asks "
                        + "for the OAuth app's client id and secret and the scopes (clientId, clientSecret, scopes); remove the "
                        + "field, or give it another key",
                "$.authorization.oauth2.scopes: the name 'openid' is declared more than once",
                "$.authorization.oauth2.authorizationUrl: the placeholder {tenant} names no field; declare a field 'tenant' "
                        + "(required, not secret) in $.authorization.fields, or remove the placeholder",
                "$.authorizationProfiles[acme-oauth].oauth2.grantTypes: a profile type must offer AUTHORIZATION_CODE: an "
                        + "end user authorizes by consenting at the provider, and a token from client credentials alone "
                        + "belongs to no user");
    }

    /**
     * A valid OAuth 2.0 descriptor: an integration with both grants and a profile type for end users, their URLs on the
     * company's own host ({subdomain}).
     */
    private static ObjectNode oauth() {
        ObjectNode descriptor = valid();
        try {
            descriptor.set("authorization", JSON.readTree("""
                    {"type": "OAUTH2", "modes": ["PRE_AUTHORIZED", "USER_AUTHORIZED"],
                     "fields": [{"key": "subdomain", "label": "Subdomain", "required": true, "secret": false}],
                     "oauth2": {"grantTypes": ["AUTHORIZATION_CODE", "CLIENT_CREDENTIALS"],
                                "authorizationUrl": "https://{subdomain}.example.com/oauth/authorize",
                                "tokenUrl": "https://{subdomain}.example.com/oauth/token",
                                "revocationUrl": "https://{subdomain}.example.com/oauth/revoke",
                                "scopes": [{"name": "openid", "description": "Who you are", "byDefault": true},
                                           {"name": "items:read", "description": "Read items", "byDefault": true},
                                           {"name": "items:write", "description": "Change items"}],
                                "authorizationParameters": {"access_type": "offline"}}}
                    """));
            descriptor.set("authorizationProfiles", JSON.readTree("""
                    [{"id": "acme-oauth", "name": "Acme with OAuth 2.0", "type": "OAUTH2",
                      "fields": [{"key": "subdomain", "label": "Subdomain", "required": true, "secret": false}],
                      "oauth2": {"grantTypes": ["AUTHORIZATION_CODE"],
                                 "authorizationUrl": "https://{subdomain}.example.com/oauth/authorize",
                                 "tokenUrl": "https://{subdomain}.example.com/oauth/token",
                                 "scopes": [{"name": "openid", "description": "Who you are", "byDefault": true},
                                            {"name": "items:read", "description": "Read items", "byDefault": true}],
                                 "clientAuthentication": "CLIENT_SECRET_POST"}}]
                    """));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return descriptor;
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

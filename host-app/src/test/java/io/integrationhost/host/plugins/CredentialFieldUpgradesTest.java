package io.integrationhost.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.storage.Database;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored credentials record the plugin version and the credential fields they were made with; an upgrade (through
 * the API, or a jar replaced while the host was stopped) whose fields they may no longer fit sends the configuration
 * to "needs re-authorization" and forgets end users' authorizations, and a compatible one changes nothing.
 */
class CredentialFieldUpgradesTest {

    private static final String ACCOUNT = "{\"key\": \"account\", \"label\": \"Account\", \"required\": true, \"secret\": false,"
            + " \"pattern\": \"^[a-z0-9-]+$\"}";
    private static final String ECHO = "/api/integrations/svc/actions/echo";

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;
    private String url;
    private RunningHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    /** The fixture service's fields changed as each kind of change that may break stored values changes them. */
    static Stream<Arguments> breakingChanges() {
        return Stream.of(
                Arguments.of("a required field added", fields(d -> d.replace("\"fields\": [",
                        "\"fields\": [{\"key\": \"region\", \"label\": \"Region\", \"required\": true, \"secret\": false}, ")),
                        "field 'region' is new and required"),
                Arguments.of("a field removed", fields(d -> d.replace(ACCOUNT + ",", "")), "field 'account' was removed or renamed"),
                Arguments.of("a field renamed", fields(d -> d.replace("\"key\": \"account\"", "\"key\": \"accountName\"")),
                        "field 'account' was removed or renamed"),
                Arguments.of("a type changed", fields(d -> d.replace("\"label\": \"Account\",", "\"label\": \"Account\", \"type\": \"EMAIL\",")),
                        "field 'account' changed type from TEXT to EMAIL"),
                Arguments.of("a pattern tightened", fields(d -> d.replace("^[a-z0-9-]+$", "^[a-z]+$")),
                        "field 'account' has a new pattern"));
    }

    /** Typed for {@link Arguments}: a change to the fixture service's descriptor. */
    private static UnaryOperator<String> fields(UnaryOperator<String> change) {
        return change;
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void storedCredentialsRecordThePluginVersionAndAFingerprintOfTheFieldsTheyWereMadeWith(Databases database) throws Exception {
        start(database);
        host.enablePreAuthorized("svc");

        assertThat(Databases.count(url, "SELECT COUNT(*) FROM integration_configuration WHERE plugin_version = '1.0.0'"
                + " AND LENGTH(fields_fingerprint) = 64")).isEqualTo(1);
        assertThat(Databases.count(url, "SELECT COUNT(*) FROM credential_fields c JOIN integration_configuration i"
                + " ON i.fields_fingerprint = c.fingerprint WHERE c.fields LIKE '%\"account\"%' AND c.fields LIKE '%\"token\"%'"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anEndUsersAuthorizationRecordsThePluginVersionAndTheFingerprintOfItsProfileTypesFields(Databases database)
            throws Exception {
        start(database);
        host.enableUserAuthorized("svc", "Tokens");
        authorize("u1");

        assertThat(Databases.count(url, "SELECT COUNT(*) FROM user_authorization WHERE user_id = 'u1'"
                + " AND plugin_version = '1.0.0' AND LENGTH(fields_fingerprint) = 64")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakingChanges")
    void anUpgradeThatMayBreakStoredCredentialsSendsTheConfigurationToNeedsReauthorizationWithTheReason(
            String change, UnaryOperator<String> descriptor, String reason) throws Exception {
        start(Databases.H2);
        host.enablePreAuthorized("svc");

        Response upgraded = host.uploadPlugin(upgrade(descriptor), "svc.jar");

        assertThat(upgraded.status()).as(upgraded.raw().body()).isEqualTo(201);
        assertNeedsReauthorization(reason);
    }

    @Test
    void aRequiredFieldThatWasOptionalCountsAsABreakingChange() throws Exception {
        FixturePlugins optionalRegion = FixturePlugins.service("svc").descriptor(FixturePlugins.serviceDescriptorFor("svc")
                .replace("\"fields\": [", "\"fields\": [{\"key\": \"region\", \"label\": \"Region\", \"required\": false, \"secret\": false}, "));
        start(Databases.H2, optionalRegion);
        host.enablePreAuthorized("svc");

        host.uploadPlugin(upgrade(d -> d.replace("\"fields\": [",
                "\"fields\": [{\"key\": \"region\", \"label\": \"Region\", \"required\": true, \"secret\": false}, ")), "svc.jar");

        assertNeedsReauthorization("field 'region' became required");
    }

    @Test
    void aDisabledIntegrationStaysDisabledWithTheReasonAndCannotBeEnabledUntilReauthorized() throws Exception {
        start(Databases.H2);
        host.enablePreAuthorized("svc");
        host.post("/api/integrations/svc/disable", null);

        host.uploadPlugin(upgrade(d -> d.replace("\"key\": \"account\"", "\"key\": \"accountName\"")), "svc.jar");

        JsonNode listed = host.getJson("/api/integrations/svc");
        assertThat(listed.path("configuration").path("state").asText()).isEqualTo("DISABLED");
        assertThat(listed.path("statusReason").asText()).contains("field 'account' was removed or renamed");
        Response enabled = host.post("/api/integrations/svc/enable", null);
        assertThat(enabled.status()).isEqualTo(409);
        assertThat(enabled.error().path("kind").asText()).isEqualTo("INTEGRATION_ERROR");
    }

    @Test
    void aFieldThatBecameSecretCountsAsABreakingChange() throws Exception {
        start(Databases.H2);
        host.enablePreAuthorized("svc");

        host.uploadPlugin(upgrade(d -> d.replace(ACCOUNT, ACCOUNT.replace("\"secret\": false", "\"secret\": true"))), "svc.jar");

        assertNeedsReauthorization("field 'account' is now secret");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aJarReplacedWhileTheHostWasStoppedIsComparedWhenItStarts(Databases database) throws Exception {
        start(database);
        host.enablePreAuthorized("svc");
        host.close();
        upgrade(d -> d.replace("^[a-z0-9-]+$", "^[a-z]{3,}$"), root.resolve("plugins"));

        host = RunningHost.start(root, url, root.resolve("data"));

        assertNeedsReauthorization("field 'account' has a new pattern");
    }

    @Test
    void aNewOptionalFieldAFieldMadeOptionalOrANewLabelAndHelpChangeNothing() throws Exception {
        start(Databases.H2);
        host.enablePreAuthorized("svc");

        Response upgraded = host.uploadPlugin(upgrade(d -> d.replace("\"fields\": [",
                        "\"fields\": [{\"key\": \"region\", \"label\": \"Region\", \"required\": false, \"secret\": false}, ")
                .replace("\"label\": \"Account\"", "\"label\": \"Account name\", \"help\": \"The part before .example.com\"")
                .replace("\"help\": \"Starts with 'good'.\", \"required\": true", "\"help\": \"Starts with 'good'.\", \"required\": false")),
                "svc.jar");

        assertThat(upgraded.status()).as(upgraded.raw().body()).isEqualTo(201);
        JsonNode configuration = host.getJson("/api/integrations/svc").path("configuration");
        assertThat(configuration.path("state").asText()).isEqualTo("ENABLED");
        assertThat(configuration.path("stateReason").isNull() || configuration.path("stateReason").isMissingNode()).isTrue();
        assertThat(host.post(ECHO, Map.of("input", Map.of("text", "x"))).status()).isEqualTo(200);
        assertThat(actions()).doesNotContain("configuration.needs-reauthorization");
    }

    @Test
    void reauthorizingWithTheNewFieldsEnablesTheIntegrationAgain() throws Exception {
        start(Databases.H2);
        host.enablePreAuthorized("svc");
        host.uploadPlugin(upgrade(d -> d.replace("\"key\": \"account\"", "\"key\": \"accountName\"")), "svc.jar");

        Response reauthorized = host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("accountName", "acme", "token", "good-token")));

        assertThat(reauthorized.status()).as(reauthorized.raw().body()).isEqualTo(200);
        assertThat(host.getJson("/api/integrations/svc").path("configuration").path("state").asText()).isEqualTo("ENABLED");
        assertThat(host.post(ECHO, Map.of("input", Map.of("text", "x"))).status()).isEqualTo(200);
        assertThat(Databases.count(url, "SELECT COUNT(*) FROM integration_configuration WHERE plugin_version = '2.0.0'"))
                .isEqualTo(1);
    }

    @Test
    void aRollbackAcrossABreakingFieldChangeSendsTheConfigurationToNeedsReauthorizationAsAnUpgradeWould() throws Exception {
        start(Databases.H2);
        host.uploadPlugin(upgrade(d -> d.replace("\"key\": \"account\"", "\"key\": \"accountName\"")), "svc.jar");
        assertThat(host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("accountName", "acme", "token", "good-token"))).status()).isEqualTo(200);
        assertThat(host.post("/api/integrations/svc/enable", null).status()).isLessThan(300);
        assertThat(host.post(ECHO, Map.of("input", Map.of("text", "x"))).status()).isEqualTo(200);

        Response rolledBack = host.post("/api/plugins/svc/rollback", null);

        assertThat(rolledBack.status()).as(rolledBack.raw().body()).isEqualTo(200);
        assertThat(rolledBack.body().path("version").asText()).isEqualTo("1.0.0");
        JsonNode configuration = host.getJson("/api/integrations/svc").path("configuration");
        assertThat(configuration.path("state").asText()).isEqualTo("ERROR");
        assertThat(configuration.path("stateReason").asText()).contains("field 'accountName' was removed or renamed")
                .contains("svc 1.0.0").contains("version 2.0.0").contains("Re-authorize");
        Response call = host.post(ECHO, Map.of("input", Map.of("text", "x")));
        assertThat(call.status()).isEqualTo(409);
        assertThat(call.error().path("kind").asText()).isEqualTo("INTEGRATION_ERROR");
        assertThat(audit("configuration.needs-reauthorization").path("detail").asText())
                .contains("field 'accountName' was removed or renamed");
        assertThat(actions()).contains("plugin.rolled-back");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anUpgradeThatMayBreakAnEndUsersAuthorizationForgetsItAndTheirNextCallGetsANewLink(Databases database)
            throws Exception {
        start(database);
        host.enableUserAuthorized("svc", "Tokens");
        authorize("u1");

        host.uploadPlugin(upgrade(d -> d.replace("\"key\": \"account\"", "\"key\": \"accountName\"")), "svc.jar");

        Response next = host.post(ECHO, Map.of("input", Map.of("text", "x"), "userId", "u1"));
        assertThat(next.status()).as(next.raw().body()).isEqualTo(403);
        assertThat(next.error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
        assertThat(next.error().path("authorizationUrl").asText()).contains("/authorize/");
        JsonNode invalidated = audit("authorization.invalidated");
        assertThat(invalidated.path("userId").asText()).isEqualTo("u1");
        assertThat(invalidated.path("detail").asText()).contains("field 'account' was removed or renamed").contains("2.0.0");
        assertThat(host.getJson("/api/integrations/svc").path("configuration").path("state").asText()).isEqualTo("ENABLED");
    }

    @Test
    void aCompatibleUpgradeKeepsEndUsersAuthorizations() throws Exception {
        start(Databases.H2);
        host.enableUserAuthorized("svc", "Tokens");
        authorize("u1");

        host.uploadPlugin(upgrade(d -> d.replace("\"label\": \"Token\"", "\"label\": \"API token\"")), "svc.jar");

        assertThat(host.post(ECHO, Map.of("input", Map.of("text", "x"), "userId", "u1")).status()).isEqualTo(200);
        assertThat(actions()).doesNotContain("authorization.invalidated");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void credentialsStoredBeforeTheirFieldsWereRecordedAreRecordedWithWhatTheInstalledPluginDeclaresWhenTheHostStarts(
            Databases database) throws Exception {
        start(database);
        host.enablePreAuthorized("svc");
        host.close();
        Databases.execute(url, "UPDATE integration_configuration SET plugin_version = NULL, fields_fingerprint = NULL",
                "DELETE FROM credential_fields");

        host = RunningHost.start(root, url, root.resolve("data"));

        assertThat(Databases.count(url, "SELECT COUNT(*) FROM integration_configuration i JOIN credential_fields c"
                + " ON c.fingerprint = i.fields_fingerprint WHERE i.plugin_version = '1.0.0'")).isEqualTo(1);
        assertThat(audit("credentials.fields-recorded").path("detail").asText()).contains("svc 1.0.0");
        assertThat(host.getJson("/api/integrations/svc").path("configuration").path("state").asText()).isEqualTo("ENABLED");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anEndUsersAuthorizationStoredBeforeItsFieldsWereRecordedIsRecordedWhenTheHostStartsAndKeepsWorking(
            Databases database) throws Exception {
        start(database);
        host.enableUserAuthorized("svc", "Tokens");
        authorize("u1");
        host.close();
        Databases.execute(url, "UPDATE user_authorization SET plugin_version = NULL, fields_fingerprint = NULL",
                "DELETE FROM credential_fields");

        host = RunningHost.start(root, url, root.resolve("data"));

        assertThat(Databases.count(url, "SELECT COUNT(*) FROM user_authorization u JOIN credential_fields c"
                + " ON c.fingerprint = u.fields_fingerprint WHERE u.user_id = 'u1' AND u.plugin_version = '1.0.0'"))
                .isEqualTo(1);
        assertThat(actions()).contains("credentials.fields-recorded").doesNotContain("authorization.invalidated");
        assertThat(host.post(ECHO, Map.of("input", Map.of("text", "x"), "userId", "u1")).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aRenameAndAValueForANewRequiredFieldThatThePluginDeclaresAreCarriedOverAndTheIntegrationStaysEnabled(
            Databases database) throws Exception {
        start(database);
        host.enablePreAuthorized("svc");

        Response upgraded = host.uploadPlugin(upgrade(d -> d.replace("\"key\": \"account\"",
                        "\"key\": \"accountName\", \"renamedFrom\": \"account\"")
                .replace("\"fields\": [", "\"fields\": [{\"key\": \"region\", \"label\": \"Region\", \"required\": true,"
                        + " \"secret\": false, \"pattern\": \"^(eu|us)$\", \"valueForStored\": \"eu\"}, ")), "svc.jar");

        assertThat(upgraded.status()).as(upgraded.raw().body()).isEqualTo(201);
        JsonNode configuration = host.getJson("/api/integrations/svc").path("configuration");
        assertThat(configuration.path("state").asText()).isEqualTo("ENABLED");
        assertThat(configuration.path("values").path("accountName").asText()).isEqualTo("acme");
        assertThat(configuration.path("values").path("region").asText()).isEqualTo("eu");
        assertThat(configuration.path("values").has("account")).isFalse();
        assertThat(configuration.path("values").path("token").asText()).isEqualTo(CredentialForm.MASK);
        assertThat(host.post(ECHO, Map.of("input", Map.of("text", "x"))).status()).isEqualTo(200);
        assertThat(audit("credentials.carried-over").path("detail").asText()).contains("1.0.0 to 2.0.0")
                .contains("field 'account' was removed or renamed").contains("field 'region' is new and required");
        assertThat(Databases.count(url, "SELECT COUNT(*) FROM integration_configuration WHERE plugin_version = '2.0.0'"))
                .isEqualTo(1);
    }

    @Test
    void aCarryOverWhoseValuesDoNotFitTheNewFieldsSendsTheConfigurationToNeedsReauthorizationAndChangesNoValue()
            throws Exception {
        start(Databases.H2);
        host.enablePreAuthorized("svc");

        host.uploadPlugin(upgrade(d -> d.replace("\"fields\": [", "\"fields\": [{\"key\": \"region\", \"label\": \"Region\","
                + " \"required\": true, \"secret\": false, \"pattern\": \"^(eu|us)$\", \"valueForStored\": \"mars\"}, ")), "svc.jar");

        assertNeedsReauthorization("field 'region' is new and required");
        assertThat(host.getJson("/api/integrations/svc").path("statusReason").asText())
                .contains("Carrying the stored values over as the plugin declares failed");
        assertThat(host.getJson("/api/integrations/svc").path("configuration").path("values").has("region")).isFalse();
        assertThat(actions()).doesNotContain("credentials.carried-over");
    }

    @Test
    void aCarryOverThatLeavesAChangeUncoveredIsNotApplied() throws Exception {
        start(Databases.H2);
        host.enablePreAuthorized("svc");

        host.uploadPlugin(upgrade(d -> d.replace("\"key\": \"account\"", "\"key\": \"accountName\", \"renamedFrom\": \"account\"")
                .replace("^[a-z0-9-]+$", "^[a-z]+$")), "svc.jar");

        assertNeedsReauthorization("field 'account' was removed or renamed");
    }

    @Test
    void anEndUsersValuesAreCarriedOverAsThePluginDeclaresAndTheirCallsGoOn() throws Exception {
        start(Databases.H2);
        host.enableUserAuthorized("svc", "Tokens");
        authorize("u1");

        host.uploadPlugin(upgrade(d -> d.replace("\"key\": \"account\"", "\"key\": \"accountName\", \"renamedFrom\": \"account\"")),
                "svc.jar");

        assertThat(host.post(ECHO, Map.of("input", Map.of("text", "x"), "userId", "u1")).status()).isEqualTo(200);
        assertThat(audit("credentials.carried-over").path("userId").asText()).isEqualTo("u1");
        assertThat(actions()).doesNotContain("authorization.invalidated");
        assertThat(Databases.count(url, "SELECT COUNT(*) FROM user_authorization WHERE plugin_version = '2.0.0'"
                + " AND public_values LIKE '%accountName%'")).isEqualTo(1);
    }

    @Test
    void aSecretFieldCannotDeclareAValueForStoredCredentials() throws Exception {
        start(Databases.H2);

        Response refused = host.uploadPlugin(upgrade(d -> d.replace("\"required\": true, \"secret\": true}",
                "\"required\": true, \"secret\": true, \"valueForStored\": \"x\"}")), "svc.jar");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw().body()).contains("a secret field cannot have a value for stored credentials");
    }

    private void start(Databases database) throws IOException {
        start(database, FixturePlugins.service("svc"));
    }

    private void start(Databases database, FixturePlugins plugin) throws IOException {
        Path data = Files.createDirectories(root.resolve("data"));
        url = database == Databases.H2 ? Database.embeddedUrl(data) : database.freshUrl(data);
        plugin.writeTo(Files.createDirectories(root.resolve("plugins")));
        host = RunningHost.start(root, database == Databases.H2 ? null : url, data);
    }

    private Path upgrade(UnaryOperator<String> descriptor) throws IOException {
        return upgrade(descriptor, elsewhere);
    }

    /** Version 2.0.0 of the fixture service, its descriptor changed by {@code descriptor}, written into {@code folder}. */
    private static Path upgrade(UnaryOperator<String> descriptor, Path folder) throws IOException {
        return FixturePlugins.service("svc").version("2.0.0")
                .descriptor(descriptor.apply(FixturePlugins.serviceDescriptorFor("svc"))).writeTo(folder);
    }

    private void authorize(String userId) {
        URI link = host.authorizationLink("svc", userId);
        HttpResponse<String> stored = host.send(FormPost.of(link, Map.of("account", "acme", "token", "good-user-token")));
        assertThat(stored.statusCode()).as(stored.body()).isLessThan(400);
        assertThat(host.post(ECHO, Map.of("input", Map.of("text", "x"), "userId", userId)).status()).isEqualTo(200);
    }

    private void assertNeedsReauthorization(String reason) {
        JsonNode configuration = host.getJson("/api/integrations/svc").path("configuration");
        assertThat(configuration.path("state").asText()).isEqualTo("ERROR");
        assertThat(configuration.path("stateReason").asText()).contains(reason).contains("svc 2.0.0").contains("version 1.0.0")
                .contains("Re-authorize");
        JsonNode listed = host.getJson("/api/integrations").get(0);
        assertThat(listed.toString()).contains(reason);
        // Never "enabled but broken": its stored credentials go to no call, and it cannot be enabled as it is.
        Response call = host.post(ECHO, Map.of("input", Map.of("text", "x")));
        assertThat(call.status()).isEqualTo(409);
        assertThat(call.error().path("kind").asText()).isEqualTo("INTEGRATION_ERROR");
        assertThat(call.error().path("message").asText()).contains(reason);
        Response enabled = host.post("/api/integrations/svc/enable", null);
        assertThat(enabled.status()).isEqualTo(409);
        assertThat(enabled.error().path("kind").asText()).isEqualTo("INTEGRATION_ERROR");
        assertThat(audit("configuration.needs-reauthorization").path("detail").asText()).contains(reason);
    }

    private List<String> actions() {
        return host.getJson("/api/audit").findValuesAsText("action");
    }

    private JsonNode audit(String action) {
        for (JsonNode event : host.getJson("/api/audit")) {
            if (action.equals(event.path("action").asText())) {
                return event;
            }
        }
        throw new AssertionError("No audit entry " + action + " in " + actions());
    }
}

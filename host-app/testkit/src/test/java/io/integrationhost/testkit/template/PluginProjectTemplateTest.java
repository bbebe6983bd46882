package io.integrationhost.testkit.template;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.api.AccessToken;
import io.integrationhost.api.OperatorSettings;
import io.integrationhost.runtime.plugins.DescriptorReader;
import io.integrationhost.testkit.PluginContract;
import io.integrationhost.testkit.PluginHarness;
import io.integrationhost.testkit.RemoteApiStub;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project template renders a complete plugin project whose descriptor the host accepts and whose code
 * compiles into a jar that keeps the platform's contract and runs in the harness.
 */
class PluginProjectTemplateTest {

    @RegisterExtension
    static final RemoteApiStub api = RemoteApiStub.onLoopback();

    @TempDir
    Path work;

    @Test
    void aProjectWithBothModesHasTheIntegrationTheProfileTypeAndTheirTests() {
        Map<String, String> files = PluginProjectTemplate.render(PluginProjectSpec.withDefaults("acme-crm"));

        assertThat(files).containsOnlyKeys("pom.xml", "README.md", ".gitignore", "src/main/resources/integration.json",
                "src/main/resources/icon.svg",
                "src/main/java/com/example/acmecrm/plugin/AcmeCrmIntegration.java",
                "src/main/java/com/example/acmecrm/plugin/AcmeCrmClient.java",
                "src/main/java/com/example/acmecrm/plugin/AcmeCrmAuthorizationProfile.java",
                "src/test/java/com/example/acmecrm/plugin/AcmeCrmPluginContractIT.java",
                "src/test/java/com/example/acmecrm/plugin/AcmeCrmPluginIT.java");
        assertThat(files.values()).noneMatch(content -> content.contains("{{"));
        assertThat(files.get("src/test/java/com/example/acmecrm/plugin/AcmeCrmPluginIT.java"))
                .contains("verifyProfile(\"acme-crm-api-key\"");
        JsonNode descriptor = json(files.get("src/main/resources/integration.json"));
        assertThat(descriptor.path("authorization").path("modes").toString()).isEqualTo("[\"PRE_AUTHORIZED\",\"USER_AUTHORIZED\"]");
        assertThat(descriptor.path("authorizationProfiles").get(0).path("id").asText()).isEqualTo("acme-crm-api-key");
    }

    @Test
    void theGeneratedProjectNamesItsBaseUrlSettingByTheContractsRule() {
        Map<String, String> files = PluginProjectTemplate.render(PluginProjectSpec.withDefaults("acme-crm"));
        String variable = OperatorSettings.variable("acme-crm", "BASE_URL");

        assertThat(files.get("README.md")).contains("`" + variable + "`");
        assertThat(files.get("src/main/java/com/example/acmecrm/plugin/AcmeCrmClient.java")).contains(variable)
                .contains("setting(\"BASE_URL\")");
    }

    @Test
    void aPreAuthorizedOnlyProjectHasNoProfileType() {
        Map<String, String> files = PluginProjectTemplate.render(PluginProjectSpec.withDefaults("acme").withModes("PRE_AUTHORIZED"));

        assertThat(files).doesNotContainKey("src/main/java/com/example/acme/plugin/AcmeAuthorizationProfile.java");
        assertThat(files.get("src/test/java/com/example/acme/plugin/AcmePluginIT.java")).doesNotContain("verifyProfile");
        JsonNode descriptor = json(files.get("src/main/resources/integration.json"));
        assertThat(descriptor.path("authorization").path("modes").toString()).isEqualTo("[\"PRE_AUTHORIZED\"]");
        assertThat(descriptor.has("authorizationProfiles")).isFalse();
    }

    @Test
    void thePomIsShortAndLeavesThePluginBuildToThePlatformsPluginParent() throws Exception {
        String xml = PluginProjectTemplate.render(PluginProjectSpec.withDefaults("acme").withProvider("Acme Tools"))
                .get("pom.xml");
        Pom pom = Pom.parse(xml);

        assertThat(pom.text("parent", "groupId") + ":" + pom.text("parent", "artifactId") + ":" + pom.text("parent", "version"))
                .isEqualTo("io.integrationhost:plugin-parent:" + Pom.root().text("version"));
        // Looked up in the local repository only, never in a folder above the project.
        assertThat(pom.text("parent", "relativePath")).isEmpty();
        assertThat(pom.children()).containsExactly("modelVersion", "parent", "groupId", "artifactId", "version", "name",
                "description", "properties", "dependencies");
        assertThat(pom.children("properties")).containsExactly("plugin.id", "plugin.provider");
        assertThat(pom.property("plugin.id")).isEqualTo("acme");
        assertThat(pom.property("plugin.provider")).isEqualTo("Acme Tools");
        // Only the plugin's own library: the platform's come from the parent, provided or for tests.
        assertThat(pom.children("dependencies")).containsExactly("dependency");
        assertThat(pom.text("dependencies", "dependency", "artifactId")).isEqualTo("jackson-databind");
        assertThat(xml.lines().count()).isLessThan(45);
    }

    @Test
    void theContractCheckIsATestClassOfItsOwnSoAStartFailureCannotHideIt() {
        Map<String, String> files = PluginProjectTemplate.render(PluginProjectSpec.withDefaults("acme"));
        String contractIt = files.get("src/test/java/com/example/acme/plugin/AcmePluginContractIT.java");
        String pluginIt = files.get("src/test/java/com/example/acme/plugin/AcmePluginIT.java");

        assertThat(contractIt).contains("PluginContract.forBuiltJar().verify();").doesNotContain("PluginHarness")
                .doesNotContain("@BeforeAll");
        assertThat(pluginIt).doesNotContain("PluginContract.").contains("PluginHarness.forBuiltJar()");
        String afterAll = pluginIt.substring(pluginIt.indexOf("@AfterAll"), pluginIt.indexOf("@BeforeEach"));
        assertThat(afterAll).contains("if (plugin != null) {");
    }

    @Test
    void theGeneratedTestsCompileAgainstTheKit() throws Exception {
        PluginProjectSpec spec = PluginProjectSpec.withDefaults("acme-crm");
        Map<String, String> files = PluginProjectTemplate.render(spec);
        GeneratedProjectBuild.jar(spec, files, Pom.pluginParent().property("plugin.requires"), work);

        Path tests = GeneratedProjectBuild.testClasses(files, work);

        assertThat(tests.resolve("com/example/acmecrm/plugin/AcmeCrmPluginContractIT.class")).isRegularFile();
        assertThat(tests.resolve("com/example/acmecrm/plugin/AcmeCrmPluginIT.class")).isRegularFile();
    }

    @Test
    void theGeneratedDescriptorPassesTheHostsChecks() {
        Map<String, String> files = PluginProjectTemplate.render(PluginProjectSpec.withDefaults("acme-crm"));

        DescriptorReader.Result read = new DescriptorReader().read(name -> resource(files, "src/main/resources/" + name));

        assertThat(read.violations()).isEmpty();
        assertThat(read.descriptor().authorization().fields()).singleElement()
                .satisfies(field -> assertThat(field.secret()).isTrue());
    }

    @Test
    void theGeneratedCodeCompilesIntoAJarThatKeepsTheContractAndRunsItsActions() throws Exception {
        PluginProjectSpec spec = PluginProjectSpec.withDefaults("acme-crm");
        // Plugin-Requires as the plugin-parent writes it into the manifest.
        Path jar = GeneratedProjectBuild.jar(spec, PluginProjectTemplate.render(spec),
                Pom.pluginParent().property("plugin.requires"), work);

        PluginContract.forJar(jar).verify();
        api.requiresHeader("X-API-Key", "key-1");
        api.stubFor(get("/items/42").willReturn(okJson("{\"id\": \"42\", \"title\": \"First\"}")));
        try (PluginHarness plugin = PluginHarness.forJar(jar).setting("BASE_URL", api.baseUrl())
                .credentials(Map.of("apiKey", "key-1")).start()) {
            assertThat(plugin.run("get-item", Map.of("id", "42")).json().path("title").asText()).isEqualTo("First");
            assertThat(plugin.testConnection(Map.of("apiKey", "key-2")).error().upstreamStatus()).isEqualTo(401);
        }
    }

    @Test
    void anOAuthProjectDeclaresOAuth2AndSendsEachCallsAccessTokenAsABearerToken() {
        Map<String, String> files = PluginProjectTemplate.render(PluginProjectSpec.withDefaults("acme-crm").withAuthorization("oauth2"));
        String client = files.get("src/main/java/com/example/acmecrm/plugin/AcmeCrmClient.java");
        String pluginIt = files.get("src/test/java/com/example/acmecrm/plugin/AcmeCrmPluginIT.java");

        JsonNode descriptor = json(files.get("src/main/resources/integration.json"));
        assertThat(descriptor.path("authorization").path("type").asText()).isEqualTo("OAUTH2");
        assertThat(descriptor.path("authorization").path("fields")).isEmpty();
        assertThat(descriptor.path("authorization").path("oauth2").path("grantTypes").toString())
                .isEqualTo("[\"AUTHORIZATION_CODE\"]");
        JsonNode profileType = descriptor.path("authorizationProfiles").get(0);
        assertThat(profileType.path("id").asText()).isEqualTo("acme-crm-oauth");
        assertThat(profileType.path("type").asText()).isEqualTo("OAUTH2");
        assertThat(profileType.path("oauth2")).isEqualTo(descriptor.path("authorization").path("oauth2"));
        assertThat(client).contains(".header(\"Authorization\", credentials.requireAccessToken().authorizationHeader())")
                .doesNotContain("X-API-Key", "apiKey");
        assertThat(pluginIt).contains(".accessToken(ACCESS_TOKEN)", "api.requiresBearerToken(ACCESS_TOKEN);",
                "verifyProfile(\"acme-crm-oauth\"").doesNotContain("apiKey");
        assertThat(files.get("README.md")).contains("`" + OperatorSettings.variable("acme-crm", "OAUTH_TOKEN_URL") + "`")
                .contains("the call's access token as a bearer token");
        assertThat(files.values()).noneMatch(content -> content.contains("{{"));
    }

    @Test
    void aPreAuthorizedOnlyOAuthProjectHasNoProfileType() {
        Map<String, String> files = PluginProjectTemplate.render(PluginProjectSpec.withDefaults("acme").withModes("PRE_AUTHORIZED")
                .withAuthorization("OAUTH2"));

        assertThat(files).doesNotContainKey("src/main/java/com/example/acme/plugin/AcmeAuthorizationProfile.java");
        assertThat(json(files.get("src/main/resources/integration.json")).has("authorizationProfiles")).isFalse();
        assertThat(new DescriptorReader().read(name -> resource(files, "src/main/resources/" + name)).violations()).isEmpty();
    }

    @Test
    void theGeneratedOAuthDescriptorPassesTheHostsChecks() {
        Map<String, String> files = PluginProjectTemplate.render(PluginProjectSpec.withDefaults("acme-crm").withAuthorization("OAUTH2"));

        DescriptorReader.Result read = new DescriptorReader().read(name -> resource(files, "src/main/resources/" + name));

        assertThat(read.violations()).isEmpty();
        assertThat(read.descriptor().authorization().oauth2().defaultScopes()).containsExactly("items:read");
    }

    @Test
    void theGeneratedOAuthCodeCompilesIntoAJarThatKeepsTheContractAndPresentsTheAccessToken() throws Exception {
        PluginProjectSpec spec = PluginProjectSpec.withDefaults("acme-crm").withAuthorization("OAUTH2");
        Map<String, String> files = PluginProjectTemplate.render(spec);
        Path jar = GeneratedProjectBuild.jar(spec, files, Pom.pluginParent().property("plugin.requires"), work);

        PluginContract.forJar(jar).verify();
        api.requiresBearerToken("token-1");
        api.stubFor(get("/items/42").willReturn(okJson("{\"id\": \"42\", \"title\": \"First\"}")));
        try (PluginHarness plugin = PluginHarness.forJar(jar).setting("BASE_URL", api.baseUrl()).accessToken("token-1").start()) {
            assertThat(plugin.run("get-item", Map.of("id", "42")).json().path("title").asText()).isEqualTo("First");
            assertThat(plugin.testConnection(Map.of(), new AccessToken("token-2", "Bearer")).error().upstreamStatus())
                    .isEqualTo(401);
            assertThat(plugin.verifyProfile("acme-crm-oauth", Map.of(), new AccessToken("token-2", "Bearer")).successful())
                    .isFalse();
        }
        Path tests = GeneratedProjectBuild.testClasses(files, work);
        assertThat(tests.resolve("com/example/acmecrm/plugin/AcmeCrmPluginIT.class")).isRegularFile();
    }

    @Test
    void writingNeverOverwritesAnExistingProject() throws Exception {
        Path project = work.resolve("acme-plugin");
        PluginProjectTemplate.write(PluginProjectSpec.withDefaults("acme"), project);
        Files.writeString(project.resolve("pom.xml"), "edited");

        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> PluginProjectTemplate.write(PluginProjectSpec.withDefaults("acme"), project)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not empty");
        assertThat(Files.readString(project.resolve("pom.xml"))).isEqualTo("edited");
    }

    private static URL resource(Map<String, String> files, String path) {
        String content = files.get(path);
        if (content == null) {
            return null;
        }
        try {
            Path file = Files.createTempFile("resource", ".tmp");
            Files.writeString(file, content);
            file.toFile().deleteOnExit();
            return file.toUri().toURL();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

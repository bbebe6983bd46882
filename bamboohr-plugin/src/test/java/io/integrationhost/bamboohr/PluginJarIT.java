package io.integrationhost.bamboohr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.Integration;
import io.integrationhost.api.PlatformApi;
import io.integrationhost.api.PluginPackaging;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/** The packaged plugin jar, as an operator would drop it into the host's plugins folder. */
class PluginJarIT {

    private static final Path JAR = Path.of(System.getProperty("plugin.jar", "target/bamboohr-plugin.jar"));

    @Test
    void theJarFollowsThePlatformsPackagingRules() throws IOException {
        assertThat(PluginPackaging.violations(JAR)).isEmpty();
    }

    @Test
    void theExtensionIndexListsTheIntegrationAndBothAuthorizationProfileTypes() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            String index = text(jar, PluginPackaging.EXTENSION_INDEX);

            assertThat(index.lines().filter(line -> !line.startsWith("#")).map(String::strip))
                    .containsExactlyInAnyOrder(BambooHrIntegration.class.getName(),
                            BambooHrAuthorizationProfile.class.getName(), BambooHrOAuthProfile.class.getName());
        }
    }

    @Test
    void theJarCarriesItsDescriptorAndTheIconTheDescriptorNames() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            JsonNode descriptor = new ObjectMapper().readTree(text(jar, PlatformApi.DESCRIPTOR_RESOURCE));

            assertThat(descriptor.path("id").asText()).isEqualTo("bamboohr");
            assertThat(descriptor.path("actions")).hasSize(11);
            assertThat(jar.getEntry(descriptor.path("icon").asText())).as("icon").isNotNull();
        }
    }

    @Test
    void theManifestDescribesThePluginForPf4j() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();

            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("bamboohr");
            assertThat(manifest.getValue("Plugin-Class")).isEqualTo(BambooHrPlugin.class.getName());
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.3.0 & <2.0.0");
            assertThat(manifest.getValue("Plugin-Version")).isNotBlank();
        }
    }

    @Test
    void theJarBringsItsOwnHttpClientAndJackson() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getEntry("org/apache/hc/client5/http/impl/classic/CloseableHttpClient.class")).isNotNull();
            assertThat(jar.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class")).isNotNull();
        }
    }

    @Test
    void pf4jLoadsTheJarAndFindsAllItsExtensions(@TempDir Path plugins) throws IOException {
        Files.copy(JAR, plugins.resolve(JAR.getFileName()));
        PluginManager manager = new DefaultPluginManager(plugins);
        manager.setSystemVersion(PlatformApi.VERSION);
        try {
            manager.loadPlugins();
            manager.startPlugins();

            assertThat(manager.getPlugin("bamboohr").getPluginState()).isEqualTo(PluginState.STARTED);
            // Asked of the plugin itself: this test's own class path also holds the classes and their index.
            List<Integration> integrations = manager.getExtensions(Integration.class, "bamboohr");
            assertThat(integrations).extracting(Integration::integrationId).containsExactly("bamboohr");
            assertThat(integrations.get(0).getClass().getClassLoader()).isSameAs(manager.getPluginClassLoader("bamboohr"));
            assertThat(manager.getExtensions(AuthorizationProfile.class, "bamboohr"))
                    .extracting(AuthorizationProfile::profileTypeId)
                    .containsExactlyInAnyOrder("bamboohr-api-key", "bamboohr-oauth");
            integrations.forEach(Integration::close);
        } finally {
            // One by one: PF4J 3.15.0's stopPlugins() fails with a ConcurrentModificationException (pf4j#656).
            manager.getStartedPlugins().stream().map(plugin -> plugin.getPluginId()).toList()
                    .forEach(manager::stopPlugin);
            manager.getPlugins().stream().map(plugin -> plugin.getPluginId()).toList().forEach(manager::unloadPlugin);
        }
    }

    private static String text(JarFile jar, String entry) throws IOException {
        assertThat(jar.getEntry(entry)).as(entry).isNotNull();
        try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package io.integrationhost.testkit.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.api.PlatformApi;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A generated project's parent, {@code plugin-parent}, is the platform build that made this kit and pins
 * that build's versions: it has no parent of its own (plugins get none of the host's build), so it writes
 * them out, and these checks keep them equal to the root pom's.
 */
class PluginParentVersionsTest {

    @Test
    void aGeneratedProjectsParentIsThePluginParentOfThisBuild() throws Exception {
        String version = Pom.root().text("version");

        assertThat(versions().getProperty("integration-host.version")).isEqualTo(version).doesNotContain("${");
        assertThat(Pom.pluginParent().text("version")).isEqualTo(version);
        assertThat(Pom.pluginParent().property("integration-host.version")).isEqualTo(version);
    }

    @Test
    void thePluginParentInheritsNothingFromTheHostsBuild() throws Exception {
        assertThat(Pom.pluginParent().text("parent")).isNull();
        assertThat(Pom.pluginParent().text("groupId")).isEqualTo(Pom.root().text("groupId"));
    }

    @Test
    void theLibrariesAreThoseThePlatformIsBuiltWith() throws Exception {
        Pom root = Pom.root();
        Pom parent = Pom.pluginParent();
        for (String property : new String[] {"pf4j.version", "slf4j.version", "jackson.version", "junit.version",
                "maven.compiler.release"}) {
            assertThat(parent.property(property)).as(property).isNotBlank().isEqualTo(root.property(property));
        }
    }

    @Test
    void theBuildPluginsAreThoseThePlatformsBuildUses() throws Exception {
        Pom root = Pom.root();
        Pom parent = Pom.pluginParent();
        for (String artifactId : new String[] {"maven-compiler-plugin", "maven-resources-plugin", "maven-surefire-plugin",
                "maven-jar-plugin", "maven-shade-plugin"}) {
            assertThat(parent.managedPluginVersion(artifactId)).as(artifactId).isEqualTo(root.managedPluginVersion(artifactId));
        }
        // Failsafe and Surefire are released together; the platform manages only Surefire.
        assertThat(parent.managedPluginVersion("maven-failsafe-plugin")).isEqualTo(root.managedPluginVersion("maven-surefire-plugin"));
    }

    @Test
    void pluginRequiresRunsFromThisPlatformApiVersionUpToTheNextMajor() throws Exception {
        assertThat(Pom.root().property("platform.api.version")).isEqualTo(PlatformApi.VERSION);
        assertThat(Pom.pluginParent().property("plugin.requires"))
                .isEqualTo(GeneratedProjectBuild.requiresRange(PlatformApi.VERSION));
    }

    private static Properties versions() throws Exception {
        Properties versions = new Properties();
        try (InputStream in = PluginParentVersionsTest.class.getResourceAsStream(
                "/io/integrationhost/testkit/template/versions.properties")) {
            versions.load(in);
        }
        return versions;
    }
}

package io.integrationhost.testkit.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.api.PlatformApi;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A generated project pins the versions this platform is built with, so it builds offline wherever the
 * platform was built: its build plugins must be those of the platform's own pluginManagement.
 */
class TemplateVersionsTest {

    @Test
    void theBuildPluginsAreThoseThePlatformsBuildUses() throws Exception {
        Properties versions = versions();
        Document rootPom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(rootPom().toFile());
        NodeList plugins = ((Element) rootPom.getElementsByTagName("pluginManagement").item(0)).getElementsByTagName("plugin");
        for (String artifactId : new String[] {"maven-compiler-plugin", "maven-resources-plugin", "maven-surefire-plugin",
                "maven-jar-plugin", "maven-shade-plugin"}) {
            assertThat(versions.getProperty(artifactId + ".version")).as(artifactId).isEqualTo(managedVersion(plugins, artifactId));
        }
        // Failsafe and Surefire are released together; the platform manages only Surefire.
        assertThat(versions.getProperty("maven-failsafe-plugin.version"))
                .isEqualTo(managedVersion(plugins, "maven-surefire-plugin"));
    }

    @Test
    void theLibraryVersionsWereFilledInByThisBuild() throws Exception {
        Properties versions = versions();

        assertThat(versions.getProperty("platform-api.version")).isEqualTo(PlatformApi.VERSION);
        assertThat(versions.values()).allSatisfy(value -> assertThat(value.toString()).doesNotContain("${").isNotBlank());
    }

    private static String managedVersion(NodeList plugins, String artifactId) {
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (artifactId.equals(plugin.getElementsByTagName("artifactId").item(0).getTextContent().strip())) {
                return plugin.getElementsByTagName("version").item(0).getTextContent().strip();
            }
        }
        throw new AssertionError(artifactId + " is not in the platform's pluginManagement");
    }

    /** The platform's root pom: the nearest pom.xml above this module that lists modules. */
    private static Path rootPom() throws Exception {
        for (Path dir = Path.of("").toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>integration-host-parent</artifactId>")
                    && Files.readString(pom).contains("<modules>")) {
                return pom;
            }
        }
        throw new AssertionError("No root pom.xml above " + Path.of("").toAbsolutePath());
    }

    private static Properties versions() throws Exception {
        Properties versions = new Properties();
        try (InputStream in = TemplateVersionsTest.class.getResourceAsStream("/io/integrationhost/testkit/template/versions.properties")) {
            versions.load(in);
        }
        return versions;
    }
}

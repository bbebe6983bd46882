package io.integrationhost.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BuiltPluginJar finds the jar a plugin build packaged, not the other jars a build leaves beside it. */
class BuiltPluginJarTest {

    @TempDir
    Path target;

    @Test
    void theShadedJarIsChosenOverThePreShadingSourceAndTestJars() throws Exception {
        for (String name : new String[] {"acme-plugin-1.0.0.jar", "original-acme-plugin-1.0.0.jar",
                "acme-plugin-1.0.0-sources.jar", "acme-plugin-1.0.0-tests.jar"}) {
            Files.writeString(target.resolve(name), "jar");
        }
        Files.createDirectories(target.resolve("classes"));

        assertThat(BuiltPluginJar.inFolder(target)).isEqualTo(target.resolve("acme-plugin-1.0.0.jar"));
    }

    @Test
    void noJarOrSeveralJarsAreReportedWithWhatToDo() throws Exception {
        assertThatThrownBy(() -> BuiltPluginJar.inFolder(target)).hasMessageContaining("No plugin jar").hasMessageContaining("mvn verify");

        Files.writeString(target.resolve("a.jar"), "jar");
        Files.writeString(target.resolve("b.jar"), "jar");
        assertThatThrownBy(() -> BuiltPluginJar.inFolder(target)).hasMessageContaining("Several jars")
                .hasMessageContaining("-Dplugin.jar=");
        assertThatThrownBy(() -> BuiltPluginJar.inFolder(target.resolve("missing"))).hasMessageContaining("There is no");
    }
}

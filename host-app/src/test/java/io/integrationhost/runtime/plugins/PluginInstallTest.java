package io.integrationhost.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.fixtures.FailingStartPlugin;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Operators install, upgrade and uninstall plugins through the API without restarting the host or touching other plugins. */
class PluginInstallTest {

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    @Test
    void anUploadedPluginIsCheckedStartedAndListedWhileTheOthersKeepRunning() throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        try (RunningHost host = RunningHost.start(root)) {
            host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("account", "acme", "token", "good-token")));
            host.post("/api/integrations/svc/enable", null);

            Response installed = host.uploadPlugin(FixturePlugins.plugin("extra").writeTo(elsewhere), "extra.jar");

            assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
            assertThat(installed.body().path("state").asText()).isEqualTo("STARTED");
            assertThat(host.getJson("/api/integrations/extra").path("status").asText()).isEqualTo("AVAILABLE");
            assertThat(Files.exists(root.resolve("plugins/extra.jar"))).isTrue();
            assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"))).status()).isEqualTo(200);
        }
    }

    @Test
    void aJarThatBreaksThePackagingRulesIsRefusedAndLeavesNothingBehind() throws Exception {
        try (RunningHost host = RunningHost.start(root)) {
            Path bad = FixturePlugins.plugin("bad").bundling(FixturePlugins.platformApiClass()).writeTo(elsewhere);

            Response refused = host.uploadPlugin(bad, "bad.jar");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.raw().body()).contains("PLUGIN_REFUSED").contains("bundles platform-api classes");
            assertThat(refused.error().path("pluginId").asText()).as("the jar's Plugin-Id, read before its packaging failed")
                    .isEqualTo("bad");
            assertThat(Files.exists(root.resolve("plugins/bad.jar"))).isFalse();
            try (var left = Files.list(root.resolve("plugins/.incoming"))) {
                assertThat(left).isEmpty();
            }
            assertThat(host.uploadPlugin(bad, "../evil.jar").status()).isEqualTo(400);
            assertThat(host.getJson("/api/plugins")).isEmpty();
        }
    }

    @Test
    void uploadingANewVersionReplacesTheOldAndUninstallKeepsTheConfiguration() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.service("svc").writeTo(plugins);
        try (RunningHost host = RunningHost.start(root)) {
            host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("account", "acme", "token", "good-token")));

            assertThat(host.uploadPlugin(FixturePlugins.service("svc").writeTo(elsewhere), "svc-2.jar").status()).isEqualTo(201);
            assertThat(host.getJson("/api/plugins")).hasSize(1);
            assertThat(host.getJson("/api/plugins").get(0).path("fileName").asText()).isEqualTo("svc-2.jar");
            assertThat(Files.exists(plugins.resolve("svc.jar"))).isFalse();

            assertThat(host.delete("/api/plugins/svc").status()).isEqualTo(204);
            assertThat(host.getJson("/api/plugins")).isEmpty();
            assertThat(host.getJson("/api/integrations/svc").path("status").asText()).isEqualTo("PLUGIN_MISSING");
            assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"))).status())
                    .isEqualTo(404);
            assertThat(host.delete("/api/plugins/svc").status()).isEqualTo(404);
        }
    }
    /** Replacements of a working {@code svc} that would not start, each with a reason the refusal must give. */
    static Stream<Arguments> brokenReplacements() {
        return Stream.of(
                Arguments.of(Named.of("a descriptor that does not validate", (Broken) () -> FixturePlugins.service("svc")
                        .descriptor(FixturePlugins.serviceDescriptorFor("svc").replace("\"Fixture Service\"", "\"\"")
                                .replace("\"description\": \"A fixture service used by the host's tests.\",", ""))),
                        List.of("$.name", "'description'")),
                Arguments.of(Named.of("a start that throws", (Broken) () -> FixturePlugins.service("svc")
                        .pluginClass(FailingStartPlugin.class)), List.of("fixture refuses to start")),
                Arguments.of(Named.of("an unsatisfied Plugin-Requires", (Broken) () -> FixturePlugins.service("svc")
                        .requires(">=9.0.0")), List.of(">=9.0.0", "this host provides")),
                Arguments.of(Named.of("a declared profile type without its extension", (Broken) () -> FixturePlugins.plugin("svc")
                        .descriptor(FixturePlugins.serviceDescriptorFor("svc"))), List.of("'fixture-token'", "AuthorizationProfile")));
    }

    /** Builds a broken jar. */
    @FunctionalInterface
    interface Broken {
        FixturePlugins build() throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenReplacements")
    void aReplacementThatWouldNotStartIsRefusedWithItsReasonsAndTheWorkingVersionKeepsServing(Broken replacement,
                                                                                              List<String> reasons) throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.service("svc").writeTo(plugins);
        try (RunningHost host = RunningHost.start(root)) {
            host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("account", "acme", "token", "good-token")));
            host.post("/api/integrations/svc/enable", null);

            Response refused = host.uploadPlugin(replacement.build().writeTo(elsewhere), "svc-2.jar");

            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
            assertThat(refused.error().path("kind").asText()).isEqualTo("PLUGIN_REFUSED");
            assertThat(refused.error().path("pluginId").asText()).isEqualTo("svc");
            List<String> given = new ArrayList<>();
            refused.error().path("reasons").forEach(reason -> given.add(reason.asText()));
            assertThat(String.join("\n", given)).contains(reasons);
            assertThat(Files.exists(plugins.resolve("svc.jar"))).isTrue();
            assertThat(Files.exists(plugins.resolve("svc-2.jar"))).isFalse();
            JsonNode svc = host.getJson("/api/plugins").get(0);
            assertThat(svc.path("fileName").asText()).isEqualTo("svc.jar");
            assertThat(svc.path("state").asText()).isEqualTo("STARTED");
            assertThat(host.getJson("/api/integrations/svc").path("status").asText()).isEqualTo("ENABLED");
            assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"))).status()).isEqualTo(200);
        }
    }

    @Test
    void aDescriptorThatDoesNotValidateIsRefusedWithEveryViolationAsAReasonAndNothingIsKept() throws Exception {
        try (RunningHost host = RunningHost.start(root)) {
            Path bad = FixturePlugins.plugin("bad").descriptor("""
                    {"id": "Bad Id!", "name": "", "icon": "icon.svg",
                     "authorization": {"type": "CARRIER_PIGEON", "modes": [], "fields": []},
                     "actions": []}
                    """).writeTo(elsewhere);

            Response refused = host.uploadPlugin(bad, "bad.jar");

            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
            assertThat(refused.error().path("kind").asText()).isEqualTo("PLUGIN_REFUSED");
            assertThat(refused.error().path("reasons").size()).isGreaterThanOrEqualTo(4);
            assertThat(refused.error().path("reasons").toString()).contains("$.id").contains("$.name")
                    .contains("$.authorization.type").contains("'description'");
            assertThat(refused.error().path("pluginId").asText()).isEqualTo("bad");
            assertThat(Files.exists(root.resolve("plugins/bad.jar"))).isFalse();
            assertThat(host.getJson("/api/plugins")).isEmpty();
        }
    }

    @Test
    void aJarWithoutPluginIdIsRefusedAndNotKept() throws Exception {
        try (RunningHost host = RunningHost.start(root)) {
            Path anonymous = withoutPluginId(FixturePlugins.plugin("anonymous").writeTo(elsewhere));

            Response refused = host.uploadPlugin(anonymous, "anonymous.jar");

            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
            assertThat(refused.error().path("kind").asText()).isEqualTo("PLUGIN_REFUSED");
            assertThat(refused.error().path("reasons").toString()).contains("Plugin-Id");
            assertThat(refused.error().has("pluginId")).as("a jar that names no id is refused without one").isFalse();
            assertThat(Files.exists(root.resolve("plugins/anonymous.jar"))).isFalse();
            try (var left = Files.list(root.resolve("plugins/.incoming"))) {
                assertThat(left).isEmpty();
            }
            assertThat(host.getJson("/api/plugins")).isEmpty();
        }
    }

    @Test
    void reuploadingAFixedJarUnderTheFileNameOfAFailedOneShowsTheNewJarsState() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.plugin("fixme").descriptor(FixturePlugins.descriptorFor("fixme", "")).writeTo(plugins);
        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.getJson("/api/plugins").get(0).path("state").asText()).isEqualTo("FAILED");

            Response installed = host.uploadPlugin(FixturePlugins.plugin("fixme").writeTo(elsewhere), "fixme.jar");

            assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
            assertThat(installed.body().path("state").asText()).isEqualTo("STARTED");
            JsonNode listed = host.getJson("/api/plugins");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).path("state").asText()).isEqualTo("STARTED");
            assertThat(listed.get(0).path("reason").isTextual()).isFalse();
            assertThat(host.getJson("/api/integrations/fixme").path("name").asText()).isEqualTo("fixme");
        }
    }

    @Test
    void reuploadingAFixedJarUnderTheFileNameOfAnUnreadableOneShowsTheNewJarsState() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Files.write(plugins.resolve("fixme.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5});
        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.getJson("/api/plugins").get(0).path("state").asText()).isEqualTo("FAILED");

            Response installed = host.uploadPlugin(FixturePlugins.plugin("fixme").writeTo(elsewhere), "fixme.jar");

            assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
            JsonNode listed = host.getJson("/api/plugins");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).path("pluginId").asText()).isEqualTo("fixme");
            assertThat(listed.get(0).path("state").asText()).isEqualTo("STARTED");
        }
    }

    /** A copy of {@code jar} whose manifest has no {@code Plugin-Id}. */
    private Path withoutPluginId(Path jar) throws Exception {
        Path copy = elsewhere.resolve("no-id-" + jar.getFileName());
        try (JarFile in = new JarFile(jar.toFile()); JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().remove(new Attributes.Name("Plugin-Id"));
            out.putNextEntry(new JarEntry(JarFile.MANIFEST_NAME));
            manifest.write(out);
            out.closeEntry();
            for (JarEntry entry : java.util.Collections.list(in.entries())) {
                if (!entry.getName().equals(JarFile.MANIFEST_NAME)) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.getInputStream(entry).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return copy;
    }
}

package io.integrationhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The host knows no integration by name: everything specific to BambooHR lives in its plugin, so a second
 * integration needs no host change. Checked on the contract's, the host's and the plugin test kit's sources and
 * resources, comments included, since a comment that names a plugin is where host code starts to depend on it.
 */
class HostKnowsNoIntegrationTest {

    private static final String FIRST_INTEGRATION = "bamboo";

    @Test
    void noHostSourceOrResourceNamesBambooHr() throws IOException {
        Path root = PlatformArtifacts.ofThisBuild().root();
        List<Path> scanned = new ArrayList<>();
        List<String> mentions = new ArrayList<>();
        for (Path folder : List.of(root.resolve("platform-api/src/main"), root.resolve("plugin-runtime/src/main"),
                root.resolve("host-app/src/main"), root.resolve("host-app/testkit/src/main"))) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    scanned.add(file);
                    mentions.addAll(mentionsIn(root, file));
                }
            }
        }

        assertThat(scanned).as("files scanned").anyMatch(file -> file.toString().endsWith("PluginRuntime.java"))
                .anyMatch(file -> file.toString().endsWith("IntegrationHost.java"))
                .anyMatch(file -> file.toString().endsWith("Integration.java"));
        assertThat(mentions).as("host code that names BambooHR").isEmpty();
    }

    private static List<String> mentionsIn(Path root, Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException binary) {
            // An image or another binary resource: its name is checked, its bytes are not text.
            return file.getFileName().toString().toLowerCase(Locale.ROOT).contains(FIRST_INTEGRATION)
                    ? List.of(root.relativize(file).toString()) : List.of();
        }
        List<String> found = new ArrayList<>();
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).contains(FIRST_INTEGRATION)) {
            found.add(root.relativize(file) + " (its name)");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).toLowerCase(Locale.ROOT).contains(FIRST_INTEGRATION)) {
                found.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
        return found;
    }
}

package io.integrationhost.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plugin developer's guide states the contract's constants as the contract defines them: it reads each
 * constant and finds the same value in docs/PLUGIN_DEVELOPMENT.md, so changing one without the other fails here.
 */
class PluginDevelopmentDocTest {

    private static final Path GUIDE = Path.of("..", "docs", "PLUGIN_DEVELOPMENT.md");

    @Test
    void everyIconLimitTheGuideStatesIsTheContractsLimit() throws IOException {
        List<String> limits = new ArrayList<>();
        for (String line : guide().split("\n")) {
            Matcher limit = Pattern.compile("at most (\\d+) KiB").matcher(line);
            while (line.toLowerCase(java.util.Locale.ROOT).contains("icon") && limit.find()) {
                limits.add(limit.group(1));
            }
        }

        assertThat(limits).isNotEmpty().containsOnly(String.valueOf(PluginPackaging.MAX_ICON_BYTES / 1024));
    }

    @Test
    void thePackagesAJarMustNotBundleAreTheContractsSharedPackages() throws IOException {
        Matcher rule = Pattern.compile("It must \\*\\*not\\*\\* contain [^(]*\\(([^)]*)\\)").matcher(guide());
        assertThat(rule.find()).as("the packaging rule's sentence").isTrue();
        List<String> prefixes = new ArrayList<>();
        Matcher prefix = Pattern.compile("`([^`]+/)`").matcher(rule.group(1));
        while (prefix.find()) {
            prefixes.add(prefix.group(1));
        }

        assertThat(prefixes).containsExactlyInAnyOrderElementsOf(PluginPackaging.FORBIDDEN_PREFIXES.keySet());
    }

    @Test
    void theGuidesSettingExampleFollowsTheContractsNamingRule() throws IOException {
        Matcher example = Pattern.compile("`context\\.setting\\(\"([^\"]+)\"\\)` in plugin\\s+`([^`]+)` reads the host's "
                + "environment variable `([A-Z0-9_]+)`[^(]*\\(so `setting\\(\"([^\"]+)\"\\)` reads the same variable[;)]")
                .matcher(guide());
        assertThat(example.find()).as("the operator-settings paragraph").isTrue();

        assertThat(OperatorSettings.variable(example.group(2), example.group(1))).isEqualTo(example.group(3));
        assertThat(OperatorSettings.variable(example.group(2), example.group(4))).isEqualTo(example.group(3));
    }

    private static String guide() throws IOException {
        return Files.readString(GUIDE);
    }
}

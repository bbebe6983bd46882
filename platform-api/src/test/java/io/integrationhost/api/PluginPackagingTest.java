package io.integrationhost.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared packages are one list: what plugin class loaders take from the host is what a jar must not bundle. */
class PluginPackagingTest {

    @Test
    void theContractPf4jAndSlf4jAreSharedAndForbiddenInAJar() {
        assertThat(PluginPackaging.SHARED_PACKAGES).containsOnlyKeys("io.integrationhost.api", "org.pf4j", "org.slf4j");
        assertThat(PluginPackaging.FORBIDDEN_PREFIXES).containsExactly(
                java.util.Map.entry("io/integrationhost/api/", "platform-api"),
                java.util.Map.entry("org/pf4j/", "PF4J"),
                java.util.Map.entry("org/slf4j/", "SLF4J"));
    }

    @Test
    void aClassIsSharedWhenItIsInASharedPackageOrBelowIt() {
        assertThat(PluginPackaging.isShared("io.integrationhost.api.Integration")).isTrue();
        assertThat(PluginPackaging.isShared("io.integrationhost.api.metadata.ActionSpec")).isTrue();
        assertThat(PluginPackaging.isShared("org.pf4j.ExtensionPoint")).isTrue();
        assertThat(PluginPackaging.isShared("org.slf4j.Logger")).isTrue();

        assertThat(PluginPackaging.isShared("io.integrationhost.apis.Helper")).as("a package whose name only starts alike")
                .isFalse();
        assertThat(PluginPackaging.isShared("org.pf4jx.Thing")).isFalse();
        assertThat(PluginPackaging.isShared("io.integrationhost.bamboohr.BambooHrIntegration")).isFalse();
        assertThat(PluginPackaging.isShared("com.fasterxml.jackson.databind.ObjectMapper")).isFalse();
    }
}

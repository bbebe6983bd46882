package io.integrationhost.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The Plugins page offers to roll an upgraded plugin back to the version kept, after a confirmation. */
class PluginRollbackUiTest {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    @Test
    void rollBackAsksForConfirmationThenServesTheKeptVersionAndOffersToGoForward() throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        try (RunningHost host = RunningHost.start(root)) {
            host.uploadPlugin(FixturePlugins.service("svc").version("2.0.0").writeTo(elsewhere), "svc-2.jar");
            AdminPages pages = new AdminPages(browser, host);
            pages.signIn("#/plugins");

            browser.click("#plugins button[aria-label='Roll svc back to 1.0.0']");
            assertThat(browser.visible("dialog[open]").getText()).contains("Roll svc back to 1.0.0?");
            browser.click("dialog[open] button[value=confirm]");

            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "rolled back to 1.0.0"));
            assertThat(browser.visible("#plugins tr[data-plugin-id=svc]").getText()).contains("1.0.0").contains("Roll back to 2.0.0");
            assertThat(host.getJson("/api/plugins").get(0).path("version").asText()).isEqualTo("1.0.0");
        }
    }
}

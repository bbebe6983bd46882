package io.integrationhost.e2e.ui;

import io.integrationhost.host.support.Bubblewrap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.fixtures.FailingStartPlugin;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Plugins page says where each plugin's code runs and what its worker is doing, warns when workers run without a
 * sandbox, and restarts a failed worker: the real BambooHR plugin and a fixture whose start fails, in real workers,
 * in a real (headless) Chromium.
 */
class PluginsPageIsolationUiTest {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();
    @RegisterExtension
    static final BambooHrStub bambooHr = BambooHrStub.perTestClass();

    @TempDir
    Path root;

    private static final String BAMBOOHR_ROW = "#plugins tr[data-plugin-id=bamboohr]";
    private static final String BROKEN_ROW = "#plugins tr[data-plugin-id=broken]";

    private static void callBambooHr(RunningHost host) {
        host.put("/api/integrations/bamboohr/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("subdomain", "acme", "apiKey", BambooHrStub.ADMIN_KEY)));
        host.post("/api/integrations/bamboohr/enable", null);
        RunningHost.Response answer = host.post("/api/integrations/bamboohr/actions/get-employee", Map.of("input", Map.of("id", "4")));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    }

    private static JsonNode plugin(RunningHost host, String pluginId) {
        for (JsonNode plugin : host.getJson("/api/plugins")) {
            if (pluginId.equals(plugin.path("pluginId").asText())) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin " + pluginId);
    }

    /** Shows the Plugins page afresh, as a person who comes back to it does. */
    private static void reopen(AdminPages pages) {
        pages.go("#/integrations");
        browser.visible("#catalog-search");
        pages.go("#/plugins");
    }

    @Test
    void thePageShowsThatBambooHrRunsInASandboxedWorkerIdleUntilACallAndRunningWithItsPidAfterOne() throws Exception {
        Bubblewrap.assumeAvailable();
        AdminPages.installBambooHr(root);
        try (RunningHost host = RunningHost.start(root, Map.of("BAMBOOHR_BASE_URL", bambooHr.baseUrl()))) {
            AdminPages pages = new AdminPages(browser, host);
            pages.signIn("#/plugins");

            WebElement row = browser.visible(BAMBOOHR_ROW);
            assertThat(row.findElement(By.cssSelector(".runs-in")).getText()).isEqualTo("Worker process, sandboxed");
            assertThat(row.findElement(By.cssSelector(".worker-state")).getText()).isEqualTo("Idle");
            assertThat(browser.all("#isolation-banner")).as("no weaker isolation to warn of").isEmpty();

            callBambooHr(host);
            reopen(pages);

            browser.waitForText(BAMBOOHR_ROW + " .worker-state", "Running");
            long pid = plugin(host, "bamboohr").path("isolation").path("worker").path("pid").asLong();
            WebElement process = browser.visible(BAMBOOHR_ROW + " .worker-process");
            assertThat(process.getText()).startsWith("pid " + pid + ", since ");
            assertThat(process.findElement(By.cssSelector("time")).getAttribute("datetime"))
                    .isEqualTo(plugin(host, "bamboohr").path("isolation").path("worker").path("startedAt").asText());
            assertThat(browser.visible("#plugin-trust").getText()).contains("worker process of its own", "network");
            browser.screenshot("plugins-isolation");

            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            // The host's supervisor sees the process end on its own thread; the next call then starts a new one.
            browser.wait.until(driver -> plugin(host, "bamboohr").path("isolation").path("worker").path("restarts").asInt() == 1);
            callBambooHr(host);
            reopen(pages);

            browser.waitForText(BAMBOOHR_ROW + " .worker-restarts", "Restarted 1 time");
            assertThat(browser.visible(BAMBOOHR_ROW + " .worker-crash").getText()).startsWith("Last crash: it was killed (signal 9) at ");
            assertThat(browser.visible(BAMBOOHR_ROW + " .worker-state").getText()).isEqualTo("Running");
            assertThat(browser.visible(BAMBOOHR_ROW + " .worker-process").getText()).doesNotContain("pid " + pid + ",");
        }
    }

    @Test
    void withoutASandboxTheBannerSaysSoWithTheReasonAndEachWorkerSaysNoSandbox() throws Exception {
        AdminPages.installBambooHr(root);
        try (RunningHost host = RunningHost.start(root, Map.of("BAMBOOHR_BASE_URL", bambooHr.baseUrl(),
                "HOST_PLUGIN_SANDBOX", "none"))) {
            AdminPages pages = new AdminPages(browser, host);
            pages.signIn("#/plugins");

            assertThat(browser.visible("#isolation-banner").getText()).contains("Weaker isolation: bubblewrap is not available"
                    + " (turned off by HOST_PLUGIN_SANDBOX=none) — plugins can read the files this host's user can.");
            assertThat(browser.visible(BAMBOOHR_ROW + " .runs-in").getText()).isEqualTo("Worker process, no sandbox");
        }
    }

    @Test
    void aFailedWorkerShowsItsReasonAndItsRestartButtonLetsTheNextCallTryAgain() throws Exception {
        AdminPages.installBambooHr(root);
        FixturePlugins.plugin("broken").pluginClass(FailingStartPlugin.class).writeTo(root.resolve("plugins"));
        try (RunningHost host = RunningHost.start(root, Map.of("BAMBOOHR_BASE_URL", bambooHr.baseUrl(),
                "HOST_IN_PROCESS_PLUGINS", "bamboohr"))) {
            // Its first call starts its worker, where its start code fails.
            host.put("/api/integrations/broken/authorization", Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("token", "t")));
            AdminPages pages = new AdminPages(browser, host);
            pages.signIn("#/plugins");

            assertThat(browser.visible(BAMBOOHR_ROW + " .runs-in").getText()).isEqualTo("Host process (trusted)");
            assertThat(browser.visible(BAMBOOHR_ROW).findElements(By.cssSelector(".restart-worker"))).isEmpty();
            WebElement broken = browser.visible(BROKEN_ROW);
            assertThat(broken.findElement(By.cssSelector(".badge[data-status=FAILED]")).getText()).isEqualTo("Failed");
            assertThat(broken.findElement(By.cssSelector(".worker-state")).getText()).isEqualTo("Failed");
            assertThat(broken.findElement(By.cssSelector(".reason")).getText()).contains("fixture refuses to start");

            browser.click(BROKEN_ROW + " button.restart-worker");

            browser.waitForText(".flash", "The worker of broken may start again");
            browser.waitForText(BROKEN_ROW + " .worker-state", "Idle");
            assertThat(browser.visible(BROKEN_ROW + " .badge[data-status=STARTED]").getText()).isEqualTo("Started");
            assertThat(browser.all(BROKEN_ROW + " .restart-worker")).isEmpty();
            assertThat(host.getJson("/api/audit?limit=10").get(0).path("action").asText()).isEqualTo("plugin.restart");

            host.put("/api/integrations/broken/authorization", Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("token", "t")));
            reopen(pages);
            browser.waitForText(BROKEN_ROW + " .worker-state", "Failed");
            assertThat(browser.visible(BROKEN_ROW + " .restart-worker").isEnabled()).isTrue();
        }
    }
}

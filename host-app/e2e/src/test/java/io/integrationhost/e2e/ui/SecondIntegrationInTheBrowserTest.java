package io.integrationhost.e2e.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.e2e.SecondIntegration;
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
 * An administrator installs the second integration (generated from the template: an API key in a header,
 * pre-authorization only) through the Plugins page of a running host, sees it in the catalog as they see BambooHR,
 * authorizes it and runs one of its actions, in a real (headless) Chromium. Nothing in the host or its pages
 * knows this integration.
 */
class SecondIntegrationInTheBrowserTest {

    private static final String ID = SecondIntegration.ID;
    private static final String API_KEY = "acme-key-0123456789";

    @RegisterExtension
    static final WireMockExtension acmeApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @TempDir
    Path root;

    @Test
    void installedThroughThePluginsPageItIsListedAuthorizedAndRunLikeBambooHr() throws Exception {
        acmeApi.stubFor(get("/account").withHeader("X-API-Key", equalTo(API_KEY)).willReturn(okJson("{\"name\": \"Acme\"}")));
        acmeApi.stubFor(get("/items/42").withHeader("X-API-Key", equalTo(API_KEY))
                .willReturn(okJson("{\"id\": \"42\", \"title\": \"Printer on fire\"}")));
        // The name a browser gives a second download of the same file.
        Path download = Files.copy(SecondIntegration.jar(), Files.createDirectories(root.resolve("downloads"))
                .resolve(ID + "-plugin (1).jar"));
        try (RunningHost host = RunningHost.start(root, Map.of("ACME_TICKETS_BASE_URL", acmeApi.baseUrl()))) {
            AdminPages pages = new AdminPages(browser, host);
            pages.signIn("#/plugins");
            // The page says what installing a plugin means: where its code runs, and whom to trust with it.
            assertThat(browser.visible("#plugin-trust").getText()).contains("runs inside the host's process",
                    "Install only plugins you trust");
            browser.visible("#plugin-file").sendKeys(download.toString());
            browser.click("#install-plugin");
            browser.waitForText(".flash", "is installed and started");
            assertThat(browser.visible("#plugins tr[data-plugin-id=" + ID + "]").getText()).contains("Started", "1.0.0");
            browser.screenshot("plugins");

            pages.go("#/integrations");
            WebElement card = browser.visible("#region-available [data-integration-id=" + ID + "]");
            assertThat(card.findElement(By.tagName("h3")).getText()).isEqualTo(SecondIntegration.NAME);
            assertThat(card.getText()).contains(SecondIntegration.PROVIDER);
            assertThat(fact(card, "fact-version")).isEqualTo("1.0.0");
            assertThat(fact(card, "fact-type")).isEqualTo("API key");
            assertThat(fact(card, "fact-pre")).isEqualTo("Yes");
            assertThat(fact(card, "fact-user")).isEqualTo("No");
            assertThat(card.findElements(By.cssSelector("img"))).as("its own icon, from its jar")
                    .anySatisfy(icon -> assertThat(icon.getAttribute("src")).endsWith("/api/integrations/" + ID + "/icon"));

            browser.click("#region-available [data-integration-id=" + ID + "] h3 a");
            assertThat(browser.visible("#mode-user-authorized").isEnabled()).as("a mode it does not allow").isFalse();
            assertThat(browser.visible("#pre-authorize-form [name=apiKey]").getAttribute("type")).isEqualTo("password");
            browser.type("#pre-authorize-form [name=apiKey]", API_KEY);
            browser.click("#pre-authorize-enable");
            browser.waitForText(".integration-head .badge", "Enabled");

            pages.go("#/integrations/" + ID + "/actions/get-item");
            browser.type(".action-page [name=id]", "42");
            browser.click("[data-run=get-item]");
            assertThat(browser.visible(".result-ok pre.json").getText()).contains("\"title\": \"Printer on fire\"");
            assertThat(browser.driver.getPageSource()).doesNotContain(API_KEY);
        }
    }

    private static String fact(WebElement card, String className) {
        return card.findElement(By.cssSelector("." + className + " dd")).getText().strip();
    }
}

package io.integrationhost.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.RunningHost;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/** The Authorization tab of the real BambooHR plugin, in a real browser, against a local BambooHR. */
class AuthorizationTabUiTest {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();
    @RegisterExtension
    static final BambooHrStub bambooHr = BambooHrStub.perTestClass();

    @TempDir
    Path root;

    private RunningHost host;
    private AdminPages pages;

    @BeforeEach
    void startHost() throws Exception {
        AdminPages.installBambooHr(root);
        host = RunningHost.start(root, Map.of("BAMBOOHR_BASE_URL", bambooHr.baseUrl()));
        pages = new AdminPages(browser, host);
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    @Test
    void aStoredKeyOffersNoShowThatWouldRevealOnlyTheMaskAndANewlyTypedKeyDoes() {
        preAuthorizeThroughTheApi();
        pages.signIn("#/integrations/bamboohr");

        WebElement reveal = browser.driver.findElement(org.openqa.selenium.By.cssSelector("[data-field=apiKey] .reveal"));
        assertThat(browser.visible("#pre-authorize-form [name=apiKey]").getAttribute("value")).isEqualTo("••••••••");
        assertThat(reveal.isDisplayed()).isFalse();

        browser.type("#pre-authorize-form [name=apiKey]", "a-new-key");
        browser.wait.until(driver -> reveal.isDisplayed());
        reveal.click();
        assertThat(browser.visible("#pre-authorize-form [name=apiKey]").getAttribute("type")).isEqualTo("text");
    }

    @Test
    void disablingIsToldAsAWarningNotAsASuccess() {
        preAuthorizeThroughTheApi();
        pages.signIn("#/integrations/bamboohr");

        browser.click("#disable-integration");
        WebElement notice = browser.visible(".flash .alert");
        browser.waitForText(".flash .alert", "BambooHR is disabled.");
        assertThat(notice.getAttribute("class")).contains("alert-warn").doesNotContain("alert-ok");
        assertThat(browser.all(".flash .alert-ok")).isEmpty();
    }

    private void preAuthorizeThroughTheApi() {
        RunningHost.Response stored = host.put("/api/integrations/bamboohr/authorization",
                Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("subdomain", "acme", "apiKey", BambooHrStub.ADMIN_KEY)));
        assertThat(stored.status()).as(stored.raw().body()).isEqualTo(200);
        assertThat(host.post("/api/integrations/bamboohr/enable", null).status()).isEqualTo(200);
    }
}

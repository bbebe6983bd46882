package io.integrationhost.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.RunningHost;
import java.net.URI;
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

    @Test
    void theSetupStepsFollowTheModeChosenAndNameTheControlsAsTheyRead() {
        pages.signIn("#/integrations/bamboohr");

        WebElement steps = browser.visible("#setup-heading + #setup-steps.steps");
        assertThat(steps.getAttribute("data-mode")).isEqualTo("PRE_AUTHORIZED");
        assertThat(steps.getText()).contains("API Keys", "Generate Key", "fields beside these steps").doesNotContain("fields below");

        browser.click("label[for=mode-user-authorized]");
        browser.wait.until(driver -> "USER_AUTHORIZED".equals(browser.visible("#setup-heading + #setup-steps.steps").getAttribute("data-mode")));
        String userSteps = browser.visible("#setup-heading + #setup-steps.steps").getText();
        assertThat(userSteps).contains("Select Authorization", "Create New", "name", "Save", "Enable", "What end users see",
                "one-time link").doesNotContain("Generate Key");

        browser.click("label[for=mode-pre-authorized]");
        browser.wait.until(driver -> "PRE_AUTHORIZED".equals(browser.visible("#setup-heading + #setup-steps.steps").getAttribute("data-mode")));
        assertThat(browser.visible("#setup-heading + #setup-steps.steps").getText()).contains("Generate Key");
    }

    @Test
    void switchingToUserAuthorizationAsksBeforeDeletingTheStoredKeyAndCancelKeepsIt() {
        preAuthorizeThroughTheApi();
        String profileId = host.post("/api/authorization-profiles",
                Map.of("name", "BambooHR employees", "type", "bamboohr-api-key", "presets", Map.of("subdomain", "acme")))
                .body().path("id").asText();
        pages.signIn("#/integrations/bamboohr");

        browser.click("label[for=mode-user-authorized]");
        browser.wait.until(driver -> browser.all("#profile-select option[value='" + profileId + "']").size() == 1);
        new org.openqa.selenium.support.ui.Select(browser.visible("#profile-select")).selectByValue(profileId);
        browser.click("#user-authorize-enable");
        assertThat(browser.visible("dialog[open]").getText()).contains("credentials you stored are deleted");
        browser.click("dialog[open] button[value=cancel]");
        assertThat(host.getJson("/api/integrations/bamboohr").path("configuration").path("mode").asText()).isEqualTo("PRE_AUTHORIZED");

        browser.click("#user-authorize-enable");
        browser.click("dialog[open] button[value=confirm]");
        browser.waitForText(".flash .alert-ok", "BambooHR is enabled for end users.");
        assertThat(host.getJson("/api/integrations/bamboohr").path("configuration").path("mode").asText()).isEqualTo("USER_AUTHORIZED");
    }

    @Test
    void switchingToPreAuthorizationSaysHowManyEndUsersLoseTheirAuthorizationAndCancelKeepsThem() {
        String profileId = host.post("/api/authorization-profiles",
                Map.of("name", "BambooHR employees", "type", "bamboohr-api-key", "presets", Map.of("subdomain", "acme")))
                .body().path("id").asText();
        assertThat(host.put("/api/integrations/bamboohr/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", profileId))
                .status()).isEqualTo(200);
        assertThat(host.post("/api/integrations/bamboohr/enable", null).status()).isEqualTo(200);
        RunningHost.Response required = host.post("/api/integrations/bamboohr/actions/get-employee",
                Map.of("input", Map.of("id", "4"), "userId", "u1"));
        URI link = URI.create(required.error().path("authorizationUrl").asText());
        assertThat(host.send(FormPost.of(link, Map.of("apiKey", BambooHrStub.USER_KEY))).statusCode()).isEqualTo(200);
        pages.signIn("#/integrations/bamboohr");

        browser.click("label[for=mode-pre-authorized]");
        browser.type("#pre-authorize-form [name=subdomain]", "acme");
        browser.type("#pre-authorize-form [name=apiKey]", BambooHrStub.ADMIN_KEY);
        browser.click("#pre-authorize-enable");
        assertThat(browser.visible("dialog[open]").getText()).contains("1 end user's authorization is removed: u1.");
        browser.click("dialog[open] button[value=cancel]");
        assertThat(host.getJson("/api/integrations/bamboohr/users")).hasSize(1);
        assertThat(host.getJson("/api/integrations/bamboohr").path("configuration").path("mode").asText()).isEqualTo("USER_AUTHORIZED");

        browser.click("#pre-authorize-enable");
        browser.click("dialog[open] button[value=confirm]");
        browser.waitForText(".flash .alert-ok", "BambooHR is enabled.");
        assertThat(host.getJson("/api/integrations/bamboohr/users")).isEmpty();
    }

    private void preAuthorizeThroughTheApi() {
        RunningHost.Response stored = host.put("/api/integrations/bamboohr/authorization",
                Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("subdomain", "acme", "apiKey", BambooHrStub.ADMIN_KEY)));
        assertThat(stored.status()).as(stored.raw().body()).isEqualTo(200);
        assertThat(host.post("/api/integrations/bamboohr/enable", null).status()).isEqualTo(200);
    }
}

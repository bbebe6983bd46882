package io.integrationhost.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.RunningHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * An administrator sets up the real BambooHR plugin in the host's pages, in a real browser, against a local
 * BambooHR: finds it in the catalog, pre-authorizes it, runs an action, and lets end users authorize.
 */
class BambooHrAdministrationUiTest {

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
    void theCatalogListsBambooHrWithItsAuthorizationTypeModesVersionAndIcon() {
        pages.signIn();

        WebElement card = browser.visible("#region-available [data-integration-id=bamboohr]");
        assertThat(card.findElement(By.cssSelector("h3")).getText()).isEqualTo("BambooHR");
        assertThat(fact(card, "fact-type")).isEqualTo("Basic Auth");
        assertThat(fact(card, "fact-pre")).isEqualTo("Yes");
        assertThat(fact(card, "fact-user")).isEqualTo("Yes");
        assertThat(fact(card, "fact-version")).isEqualTo(host.getJson("/api/plugins").get(0).path("version").asText());
        assertThat(card.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Available");
        assertThat(card.getText()).contains("Pre-authorize", "Allow users to authorize", "employees and time off");
        WebElement icon = card.findElement(By.cssSelector("img.icon"));
        browser.wait.until(driver -> ((Number) browser.js("return arguments[0].complete ? arguments[0].naturalWidth : 0", icon))
                .intValue() > 0);
        assertThat(browser.all("#region-configured [data-integration-id]")).isEmpty();

        browser.type("#catalog-search", "bamboo");
        assertThat(browser.visible("[data-integration-id=bamboohr]").isDisplayed()).isTrue();
        browser.type("#catalog-search", "salesforce");
        browser.waitForText("#region-available .empty", "No available integration matches");
        assertThat(browser.all("[data-integration-id=bamboohr]")).isEmpty();
    }

    @Test
    void preAuthorizingWithAWrongKeyShowsBambooHrsReasonAndKeepsWhatWasEntered() {
        pages.signIn();
        browser.click("#region-available [data-integration-id=bamboohr] h3 a");

        assertThat(browser.visible("#setup-heading + .steps").getText()).contains("API Keys", "Add New Key", "Generate Key");
        assertThat(browser.visible("#pre-authorize-form [name=apiKey]").getAttribute("type")).isEqualTo("password");
        assertThat(browser.visible("[data-field=subdomain] .help").getText()).contains("bamboohr.com");
        assertThat(browser.visible("[data-field=apiKey] label").getText()).contains("API key", "*");
        assertThat(browser.visible("#mode-pre-authorized").isSelected()).isTrue();

        browser.type("#pre-authorize-form [name=subdomain]", "acme");
        browser.type("#pre-authorize-form [name=apiKey]", BambooHrStub.WRONG_KEY);
        browser.click("#pre-authorize-enable");

        browser.waitForText("#pre-authorize-form .progress", "Testing the credentials with BambooHR");
        WebElement alert = browser.visible("#pre-authorize-form .alert-bad");
        assertThat(alert.getText()).contains(BambooHrStub.INVALID_KEY_REASON, "HTTP 401");
        assertThat(browser.visible("#pre-authorize-form [name=subdomain]").getAttribute("value")).isEqualTo("acme");
        assertThat(browser.visible(".integration-head .badge").getText()).isEqualTo("Available");
        assertThat(host.getJson("/api/integrations/bamboohr").path("configured").asBoolean()).isFalse();
    }

    @Test
    void preAuthorizingWithTheRightKeyEnablesItAndMovesItToConfigured() {
        pages.signIn("#/integrations/bamboohr");
        browser.type("#pre-authorize-form [name=subdomain]", "acme");
        browser.type("#pre-authorize-form [name=apiKey]", BambooHrStub.ADMIN_KEY);
        browser.click("#pre-authorize-enable");

        WebElement success = browser.visible(".flash .alert-ok");
        assertThat(success.getText()).contains("BambooHR is enabled.", "Connected to BambooHR company 'acme' as Charlotte Abbott");
        browser.waitForText(".integration-head .badge", "Enabled");
        assertThat(browser.visible("#configuration-summary").getText()).startsWith("Pre-authorized");
        // The key never comes back to the page: the field holds the mask, which keeps the stored key if sent.
        assertThat(browser.visible("#pre-authorize-form [name=apiKey]").getAttribute("value")).isEqualTo("••••••••");
        assertThat(browser.driver.getPageSource()).doesNotContain(BambooHrStub.ADMIN_KEY);
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("integration-authorization");

        // The mask keeps the stored key only for the subdomain it was checked with: another one asks for its key.
        browser.type("#pre-authorize-form [name=subdomain]", "globex");
        browser.waitForText("[data-field=apiKey] .hint", "You changed Company subdomain: enter API key again.");
        browser.click("#pre-authorize-enable");
        browser.waitForText("[data-field=apiKey] .field-error", "enter API key again");
        assertThat(host.getJson("/api/integrations/bamboohr").path("configuration").path("values").path("subdomain")
                .asText()).isEqualTo("acme");
        browser.type("#pre-authorize-form [name=subdomain]", "acme");
        browser.waitForText("[data-field=apiKey] .hint", "Leave the dots to keep it");

        browser.click(".breadcrumb a");
        WebElement card = browser.visible("#region-configured [data-integration-id=bamboohr]");
        assertThat(card.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Enabled");
        assertThat(browser.all("#region-available [data-integration-id]")).isEmpty();
        browser.wait.until(driver -> Boolean.TRUE.equals(browser.js("return document.querySelector('img.icon').naturalWidth > 0")));
        browser.screenshot("catalog");

        browser.click("#region-configured [data-integration-id=bamboohr] h3 a");
        browser.click("#disable-integration");
        browser.waitForText(".integration-head .badge", "Disabled");
        browser.click("#enable-integration");
        browser.waitForText(".integration-head .badge", "Enabled");
        assertThat(host.getJson("/api/integrations/bamboohr").path("status").asText()).isEqualTo("ENABLED");
    }

    @Test
    void aKeyBambooHrStopsAcceptingPutsTheIntegrationInErrorAndTheAdministratorReAuthorizesIt() throws Exception {
        host.put("/api/integrations/bamboohr/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("subdomain", "acme", "apiKey", BambooHrStub.ADMIN_KEY)));
        host.post("/api/integrations/bamboohr/enable", null);
        try (AutoCloseable revoked = bambooHr.revoke(BambooHrStub.ADMIN_KEY)) {
            assertThat(host.post("/api/integrations/bamboohr/actions/get-employee", Map.of("input", Map.of("id", "4"))).status())
                    .isEqualTo(502);
        }

        pages.signIn("#/integrations/bamboohr");
        browser.waitForText(".integration-head .badge", "Error");
        assertThat(browser.visible(".head-reason").getText()).contains(BambooHrStub.INVALID_KEY_REASON);
        assertThat(browser.visible("#configuration-summary").getText()).contains("no longer accepts the credentials");
        assertThat(browser.visible("#pre-authorize-enable").getText()).isEqualTo("Re-authorize");
        browser.screenshot("integration-error");

        browser.click("#reauthorize-integration");
        browser.wait.until(driver -> "subdomain".equals(browser.js("return document.activeElement.name")));
        browser.type("#pre-authorize-form [name=apiKey]", BambooHrStub.USER_KEY);
        browser.click("#pre-authorize-enable");

        browser.waitForText(".integration-head .badge", "Enabled");
        assertThat(browser.visible("#configuration-summary").getText()).startsWith("Pre-authorized");
        assertThat(host.post("/api/integrations/bamboohr/actions/get-employee", Map.of("input", Map.of("id", "4"))).status())
                .isEqualTo(200);
    }

    @Test
    void runningAnActionShowsItsResultPrettyPrinted() {
        preAuthorizeThroughTheApi();
        pages.signIn("#/integrations/bamboohr/actions/get-employee");

        WebElement action = browser.visible("section.action-page[data-action-id=get-employee]");
        assertThat(action.findElement(By.cssSelector("h2")).getText()).isEqualTo("Get employee");
        assertThat(browser.visible("#tab-actions").getAttribute("aria-selected")).isEqualTo("true");
        browser.type(".action-page [name=id]", "four");
        browser.click("[data-run=get-employee]");
        browser.waitForText("[data-path=id] .field-error", "expected format");

        browser.type(".action-page [name=id]", "4");
        browser.type(".action-page [name=fields]", "firstName\nlastName\njobTitle");
        browser.click("[data-run=get-employee]");

        WebElement result = browser.visible(".result-ok pre.json");
        assertThat(result.getText()).contains("\"jobTitle\": \"HR Administrator\"", "\"firstName\": \"Charlotte\"");
        assertThat(browser.visible(".result-ok .result-head").getText()).contains("Succeeded", "ms", "correlation id");
    }

    @Test
    void endUsersAuthorizeThroughTheirLinkAndTheActionThenRunsWithTheirCredentials() {
        pages.signIn("#/integrations/bamboohr");

        // Allow users to authorize: Create New profile, Save (it is selected), Enable.
        browser.click("label[for=mode-user-authorized]");
        browser.click("#create-profile");
        browser.type(".profile-editor [name=name]", "BambooHR employees");
        browser.type(".profile-editor [name=description]", "Every employee uses their own API key.");
        browser.type(".profile-editor [name=subdomain]", "acme");
        browser.click(".profile-editor button[type=submit]");
        browser.waitForText("#user-authorize-panel .alert-ok", "created and selected");
        assertThat(new Select(browser.visible("#profile-select")).getFirstSelectedOption().getText()).startsWith("BambooHR employees");
        browser.click("#user-authorize-enable");
        browser.waitForText(".flash .alert-ok", "BambooHR is enabled for end users.");
        assertThat(browser.visible("#configuration-summary").getText()).startsWith("Users authorize");

        // Running an action for an end user who has not authorized hands out their link.
        browser.click("#tab-actions");
        browser.click(".action-list [data-action-id=get-employee]");
        browser.type(".action-page [name=userId]", "u-1001");
        browser.type(".action-page [name=id]", "4");
        browser.click("[data-run=get-employee]");
        WebElement required = browser.visible(".authorization-required");
        assertThat(required.getText()).contains("“u-1001” must authorize BambooHR first");
        WebElement link = browser.visible("#open-authorization-link");
        assertThat(link.getAttribute("href")).startsWith(pages.uri("/authorize/").toString());

        // The end user opens it (a new tab), enters their own key and authorizes.
        String adminWindow = browser.driver.getWindowHandle();
        link.click();
        browser.wait.until(ExpectedConditions.numberOfWindowsToBe(2));
        List<String> windows = new ArrayList<>(browser.driver.getWindowHandles());
        windows.remove(adminWindow);
        browser.driver.switchTo().window(windows.get(0));
        browser.waitForText("main.narrow h1", "Authorize BambooHR");
        assertThat(browser.visible(".user").getText()).isEqualTo("u-1001");
        assertThat(browser.all("input[name=subdomain]")).as("the preset subdomain is not asked for").isEmpty();
        browser.type("input[name=apiKey]", BambooHrStub.USER_KEY);
        browser.screenshot("end-user-authorization");
        browser.click("button.primary");
        browser.waitForText("h1", "You're all set");
        browser.driver.close();
        browser.driver.switchTo().window(adminWindow);

        // Run again: now with the end user's credentials.
        browser.click("[data-run=get-employee]");
        assertThat(browser.visible(".result-ok pre.json").getText()).contains("\"lastName\": \"Abbott\"");

        browser.click("#tab-authorization");
        WebElement row = browser.visible("#end-users tr[data-user-id=u-1001]");
        assertThat(row.getText()).contains("u-1001", "BambooHR employees");
    }

    @Test
    void deletingTheConfigurationAsksFirstThenRemovesTheCredentials() {
        preAuthorizeThroughTheApi();
        pages.signIn("#/integrations/bamboohr");

        browser.click("#delete-configuration");
        assertThat(browser.visible("dialog[open]").getText()).contains("Delete BambooHR's configuration?", "credentials are removed");
        browser.click("dialog[open] button[value=cancel]");
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog[open]"), 0));
        assertThat(host.getJson("/api/integrations/bamboohr").path("status").asText()).isEqualTo("ENABLED");

        browser.click("#delete-configuration");
        browser.click("dialog[open] button[value=confirm]");
        browser.waitForText(".flash .alert-ok", "The configuration was deleted.");
        browser.waitForText(".integration-head .badge", "Available");
        assertThat(browser.visible("#pre-authorize-form [name=apiKey]").getAttribute("value")).isEmpty();
        assertThat(host.getJson("/api/integrations/bamboohr").path("configured").asBoolean()).isFalse();
    }

    @Test
    void profilesShowWhereTheyAreUsedAndCanBeCreatedTestedEditedAndDeleted() {
        RunningHost.Response used = host.post("/api/authorization-profiles",
                Map.of("name", "BambooHR employees", "type", "bamboohr-api-key", "presets", Map.of("subdomain", "acme")));
        String usedId = used.body().path("id").asText();
        assertThat(host.put("/api/integrations/bamboohr/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", usedId))
                .status()).isEqualTo(200);
        pages.signIn("#/profiles");

        WebElement row = browser.visible("#profiles tr[data-profile-id='" + usedId + "']");
        assertThat(row.getText()).contains("BambooHR employees", "BambooHR API key (Basic Auth)", "Company subdomain", "acme");
        assertThat(row.findElement(By.linkText("BambooHR")).getAttribute("href")).endsWith("#/integrations/bamboohr/authorization");

        browser.click("#new-profile");
        browser.type(".profile-editor [name=name]", "Contractors");
        browser.type(".profile-editor [name=subdomain]", "acme");
        browser.click(".profile-editor button[type=submit]");
        browser.waitForText(".flash .alert-ok", "Profile “Contractors” created.");
        browser.screenshot("authorization-profiles");

        browser.click("button[aria-label='Test Contractors']");
        browser.type(".work-area [name=apiKey]", BambooHrStub.WRONG_KEY);
        browser.click("#run-profile-test");
        browser.waitForText(".work-area .alert-bad", BambooHrStub.INVALID_KEY_REASON);
        browser.type(".work-area [name=apiKey]", BambooHrStub.USER_KEY);
        browser.click("#run-profile-test");
        browser.waitForText(".work-area .alert-ok", "The credentials work.");

        browser.click("button[aria-label='Edit Contractors']");
        browser.type(".profile-editor [name=description]", "Outside staff with their own keys.");
        browser.click(".profile-editor button[type=submit]");
        browser.waitForText(".flash .alert-ok", "Profile “Contractors” saved.");
        browser.waitForText("#profiles", "Outside staff with their own keys.");

        browser.click("button[aria-label='Delete BambooHR employees']");
        browser.click("dialog[open] button[value=confirm]");
        browser.waitForText(".flash .alert-bad", "“BambooHR employees” is in use by BambooHR.");
        browser.click("button[aria-label='Delete Contractors']");
        browser.click("dialog[open] button[value=confirm]");
        browser.waitForText(".flash .alert-ok", "Profile “Contractors” deleted.");
        assertThat(host.getJson("/api/authorization-profiles")).hasSize(1);
    }

    private void preAuthorizeThroughTheApi() {
        RunningHost.Response stored = host.put("/api/integrations/bamboohr/authorization",
                Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("subdomain", "acme", "apiKey", BambooHrStub.ADMIN_KEY)));
        assertThat(stored.status()).as(stored.raw().body()).isEqualTo(200);
        assertThat(host.post("/api/integrations/bamboohr/enable", null).status()).isEqualTo(200);
    }

    private static String fact(WebElement card, String className) {
        return card.findElement(By.cssSelector("." + className + " dd")).getText();
    }
}

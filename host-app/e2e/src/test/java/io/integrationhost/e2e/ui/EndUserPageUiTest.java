package io.integrationhost.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.RunningHost;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * BambooHR's presets and its end user's page, in a real browser against a local BambooHR: the profile editor offers
 * the subdomain as a preset and the end user's own key only behind a warned choice; the end user's page says whom it
 * is for, who asks, until when, where to make a key, and tells a refused key on its field.
 */
class EndUserPageUiTest {

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
    void theProfileEditorOffersOnlyTheSubdomainAndPresetsAKeyOnlyBehindAWarnedChoice() {
        pages.signIn("#/profiles");
        browser.click("#new-profile");
        new Select(browser.visible(".profile-editor select[name=type]")).selectByValue("bamboohr-api-key");

        List<String> offered = browser.all(".profile-editor fieldset.presets > .fields input").stream()
                .map(input -> input.getAttribute("name")).toList();
        assertThat(offered).containsExactly("subdomain");
        WebElement disclosure = browser.visible(".profile-editor details.shared-presets");
        assertThat(disclosure.getAttribute("open")).isNull();
        assertThat(disclosure.findElement(By.cssSelector("summary")).getText())
                .isEqualTo("Advanced: preset a secret for every end user");
        WebElement key = disclosure.findElement(By.cssSelector("input[name=apiKey]"));
        assertThat(key.isDisplayed()).isFalse();

        browser.click(".profile-editor details.shared-presets summary");
        WebElement warning = browser.visible(".profile-editor details.shared-presets .alert-warn");
        assertThat(warning.getText()).contains("Every end user then acts with this one value");
        assertThat(key.getAttribute("aria-describedby")).startsWith(warning.getAttribute("id"));
        browser.type(".profile-editor [name=name]", "Shared key");
        browser.type(".profile-editor [name=subdomain]", "acme");
        browser.type(".profile-editor details.shared-presets [name=apiKey]", BambooHrStub.USER_KEY);
        browser.screenshot("profile-secret-preset");
        browser.click(".profile-editor button[type=submit]");
        browser.waitForText(".flash .alert-ok", "Profile “Shared key” created.");

        assertThat(host.getJson("/api/authorization-profiles").get(0).path("presets").path("apiKey").asText()).isEqualTo("••••••••");
        assertThat(browser.visible("#profiles tbody tr").getText()).contains("shared by every end user".toUpperCase());
    }

    @Test
    void whenTheAdministratorPresetEverythingTheEndUsersPageSaysWhatAuthorizeWillDo() {
        URI link = linkFor(Map.of("subdomain", "acme", "apiKey", BambooHrStub.USER_KEY), "u-7", null);

        browser.open(link);

        assertThat(browser.visible("main.narrow").getText()).contains("Your administrator has provided the connection details;"
                + " press Authorize to let the assistant act for you in BambooHR.").doesNotContain("your own");
        assertThat(browser.all("main.narrow input")).isEmpty();
        browser.screenshot("end-user-all-preset");
        browser.click("button.primary");
        browser.waitForText("h1", "You're all set");
    }

    @Test
    void theEndUsersPageNamesThemShowsWhoAsksTheIconAndTheExpiryAndLinksToWhereAKeyIsMade() {
        URI link = linkFor(Map.of("subdomain", "acme"), "u-1001", "Ada Lovelace");

        browser.open(link);

        WebElement main = browser.visible("main.narrow");
        assertThat(main.getText()).contains("For Ada Lovelace.", "An assistant asks to act for you in BambooHR.",
                "This link expires at", "(in 30 minutes)").doesNotContain("u-1001").doesNotContain("BambooHR asks");
        WebElement icon = browser.visible(".integration-brand img");
        assertThat(((Number) browser.js("return arguments[0].naturalWidth", icon)).intValue()).isPositive();
        assertThat(browser.js("return getComputedStyle(arguments[0], '::before').content", main))
                .as("the host's logo gives way to the integration's icon").isEqualTo("none");
        WebElement expiry = browser.visible(".link-facts time");
        assertThat(expiry.getText()).isEqualTo(browser.js("return new Date(arguments[0]).toLocaleTimeString([], "
                + "{hour: '2-digit', minute: '2-digit'})", expiry.getAttribute("datetime")));
        WebElement keyLink = browser.visible("#field-apiKey-link");
        assertThat(keyLink.getAttribute("href")).isEqualTo("https://acme.bamboohr.com/settings/permissions/api.php");
        assertThat(keyLink.getAttribute("target")).isEqualTo("_blank");
    }

    @Test
    void theHelpLinkFollowsTheSubdomainTheEndUserEnters() {
        URI link = linkFor(Map.of(), "u-2", null);

        browser.open(link);

        assertThat(browser.visible("main.narrow").getText()).contains("For user u-2.");
        assertThat(browser.all("#field-apiKey-link").get(0).isDisplayed()).isFalse();
        browser.type("input[name=subdomain]", "globex");
        assertThat(browser.visible("#field-apiKey-link").getAttribute("href"))
                .isEqualTo("https://globex.bamboohr.com/settings/permissions/api.php");
        browser.type("input[name=subdomain]", "https://globex.bamboohr.com/home");
        assertThat(browser.all("#field-apiKey-link").get(0).isDisplayed()).as("a whole address is not guessed at").isFalse();
    }

    @Test
    void theKeysShowToggleIsAPressedButtonAndARefusedKeyIsToldOnItsFieldInPlainWords() {
        URI link = linkFor(Map.of("subdomain", "acme"), "u-1001", null);
        browser.open(link);

        WebElement key = browser.visible("input[name=apiKey]");
        WebElement show = browser.visible("button.reveal");
        assertThat(show.getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(show.getAttribute("aria-controls")).isEqualTo(key.getAttribute("id"));
        browser.type("input[name=apiKey]", "short");
        show.click();
        assertThat(show.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(key.getAttribute("type")).isEqualTo("text");
        assertThat(show.getText()).isEqualTo("Hide");
        show.click();
        assertThat(key.getAttribute("type")).isEqualTo("password");

        browser.click("button.primary");
        browser.waitForText("#field-apiKey-error", "must look like");
        assertThat(browser.visible("#field-apiKey-error").getText())
                .isEqualTo("Your BambooHR API key must look like: 16 to 128 letters and digits, as BambooHR shows the key");
        assertThat(browser.driver.getPageSource()).as("no regular expression").doesNotContain("A-Za-z0-9");

        browser.type("input[name=apiKey]", BambooHrStub.WRONG_KEY);
        browser.click("button.primary");
        browser.waitForText("#field-apiKey-error", "did not accept");
        WebElement error = browser.visible("#field-apiKey-error");
        assertThat(error.getText()).isEqualTo("BambooHR did not accept this API key. Check it and try again.");
        WebElement refused = browser.visible("input[name=apiKey]");
        assertThat(refused.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(refused.getAttribute("aria-describedby")).contains("field-apiKey-error");
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("field-apiKey");
        assertThat(browser.visible("main.narrow").getText()).doesNotContain(BambooHrStub.INVALID_KEY_REASON)
                .doesNotContain("HTTP 401");

        browser.type("input[name=apiKey]", BambooHrStub.USER_KEY);
        browser.click("button.primary");
        browser.waitForText("h1", "You're all set");
    }

    /**
     * Lets end users authorize BambooHR through a new API-key profile with {@code presets} (a key among them chosen
     * explicitly), enables it, and answers the link a call for {@code userId} (named {@code userName}, if not null) gets.
     */
    private URI linkFor(Map<String, String> presets, String userId, String userName) {
        RunningHost.Response profile = host.post("/api/authorization-profiles", Map.of("name", "BambooHR employees",
                "type", "bamboohr-api-key", "presets", presets, "presetSecrets", presets.containsKey("apiKey")));
        assertThat(profile.status()).as(profile.raw().body()).isEqualTo(201);
        assertThat(host.put("/api/integrations/bamboohr/authorization", Map.of("mode", "USER_AUTHORIZED",
                "profileId", profile.body().path("id").asText())).status()).isEqualTo(200);
        assertThat(host.post("/api/integrations/bamboohr/enable", null).status()).isEqualTo(200);
        Map<String, Object> call = new HashMap<>(Map.of("input", Map.of("id", "4"), "userId", userId));
        if (userName != null) {
            call.put("userName", userName);
        }
        RunningHost.Response required = host.post("/api/integrations/bamboohr/actions/get-employee", call);
        assertThat(required.error().path("kind").asText()).as(required.raw().body()).isEqualTo("AUTHORIZATION_REQUIRED");
        return URI.create(required.error().path("authorizationUrl").asText());
    }
}

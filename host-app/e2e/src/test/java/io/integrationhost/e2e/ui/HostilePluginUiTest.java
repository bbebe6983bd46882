package io.integrationhost.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/** Whatever a plugin's descriptor says is shown as text: markup in it is neither rendered nor run. */
class HostilePluginUiTest {

    private static final String NAME = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    private static final String DESCRIPTION = "<b>Bold claims</b><img src=x onerror=alert(3)>";
    private static final String STEP_ONE = "<script>alert(4)</script>Open the settings.";
    private static final String STEP_TWO = "<img src=x onerror=alert(5)>Copy the token.";
    private static final String LABEL = "<i>Token</i>";
    private static final String HELP = "<a href=javascript:alert(6)>Where to find it</a>";
    private static final String ACTION = "<script>alert(7)</script>Echo";
    private static final String ACTION_DESCRIPTION = "<img src=x onerror=alert(8)>Returns its input.";
    private static final String INPUT_TITLE = "<svg onload=alert(9)>Text";
    private static final String PROFILE_TYPE = "<img src=x onerror=alert(11)>Evil key";
    private static final String PROFILE_NAME = "<b>Staff</b> profile";
    private static final String PROFILE_LABEL = "<i>Your</i> token";
    private static final String PROFILE_HELP = "<img src=x onerror=alert(12)>Find it in your settings.";
    private static final String USER_ID = "<img src=x onerror=alert(10)>u1";

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @TempDir
    Path root;

    @Test
    void namesInstructionsLabelsAndHelpFromAPluginAreShownAsTextAndNeverRun() throws Exception {
        FixturePlugins.plugin("evil").descriptor(hostileDescriptor()).writeTo(Files.createDirectories(root.resolve("plugins")));
        try (RunningHost host = RunningHost.start(root)) {
            AdminPages pages = new AdminPages(browser, host);
            pages.signIn();

            WebElement card = browser.visible("[data-integration-id=evil]");
            assertThat(card.findElement(By.cssSelector("h3")).getText()).isEqualTo(NAME);
            assertThat(card.findElement(By.cssSelector(".description")).getText()).isEqualTo(DESCRIPTION);
            assertNothingRan();

            card.findElement(By.cssSelector("h3 a")).click();
            assertThat(browser.visible(".integration-head h1").getText()).isEqualTo(NAME);
            assertThat(browser.all(".steps li").stream().map(WebElement::getText).toList()).containsExactly(STEP_ONE, STEP_TWO);
            assertThat(browser.visible("[data-field=token] label").getText()).startsWith(LABEL);
            assertThat(browser.visible("[data-field=token] .help").getText()).isEqualTo(HELP);
            assertThat(browser.driver.getTitle()).isEqualTo(NAME + " · Integration Host");
            assertNothingRan();

            browser.click("#tab-actions");
            assertThat(browser.visible(".action-list [data-action-id=echo]").getText()).isEqualTo(ACTION);
            assertThat(browser.visible(".action-page h2").getText()).isEqualTo(ACTION);
            assertThat(browser.visible(".action-page .description").getText()).isEqualTo(ACTION_DESCRIPTION);
            assertThat(browser.visible("[data-path=text] label").getText()).isEqualTo(INPUT_TITLE);
            assertNothingRan();
        }
    }

    @Test
    void theEndUsersPageAndTheAuthorizationPanelShowTheProfileTypeAndTheUserIdAsText() throws Exception {
        FixturePlugins.service("evil").descriptor(hostileUserAuthorizedDescriptor())
                .writeTo(Files.createDirectories(root.resolve("plugins")));
        try (RunningHost host = RunningHost.start(root)) {
            RunningHost.Response profile = host.post("/api/authorization-profiles", Map.of("name", PROFILE_NAME, "type", "fixture-token"));
            assertThat(profile.status()).as(profile.raw().body()).isEqualTo(201);
            host.put("/api/integrations/evil/authorization", Map.of("mode", "USER_AUTHORIZED", "profileId", profile.body().path("id").asText()));
            host.post("/api/integrations/evil/enable", null);
            AdminPages pages = new AdminPages(browser, host);
            pages.signIn("#/integrations/evil/actions/echo");

            browser.type(".action-page [name=userId]", USER_ID);
            browser.type(".action-page [name=text]", "hi");
            browser.click("[data-run=echo]");
            WebElement panel = browser.visible(".authorization-required");
            assertThat(panel.findElement(By.cssSelector(".alert-title")).getText()).contains(USER_ID).contains(NAME);
            assertNothingRan();
            String link = browser.visible(".authorization-required input.code").getAttribute("value");

            browser.open(java.net.URI.create(link));
            assertThat(browser.visible("main h1").getText()).isEqualTo("Authorize " + NAME);
            assertThat(browser.visible("main .user").getText()).isEqualTo(USER_ID);
            assertThat(browser.visible("label[for=field-token]").getText()).startsWith(PROFILE_LABEL);
            assertThat(browser.visible("#field-token-help").getText()).isEqualTo(PROFILE_HELP);
            assertNothingRan();
        }
    }

    @Test
    void aFileInThePluginsFolderThatIsNotAJarIsListedAsIgnoredByItsNameAsTextWithNothingToUninstall() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.plugin("echo").writeTo(plugins);
        String fileName = "<img src=x onerror=alert(13)>notes.txt";
        Files.writeString(plugins.resolve(fileName), "not a plugin");
        try (RunningHost host = RunningHost.start(root)) {
            AdminPages pages = new AdminPages(browser, host);
            pages.signIn("#/plugins");

            WebElement ignored = browser.visible("#plugins tr[data-state=IGNORED]");
            assertThat(ignored.findElement(By.cssSelector(".plugin-id")).getText()).isEqualTo(fileName);
            assertThat(ignored.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Ignored");
            assertThat(ignored.findElement(By.cssSelector(".reason")).getText()).isNotBlank();
            assertThat(ignored.findElements(By.cssSelector("button"))).as("nothing to uninstall").isEmpty();
            assertThat(browser.visible("#plugins tr[data-state=STARTED]").findElements(By.cssSelector("button")))
                    .as("a plugin can be uninstalled").hasSize(1);
            assertNothingRan();
        }
    }

    /** No dialog opened, and none of the descriptor's tags became elements; the only scripts are the host's own files. */
    private static void assertNothingRan() {
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        @SuppressWarnings("unchecked")
        List<Object> injected = (List<Object>) browser.js("""
                return [...document.querySelectorAll('main img[src="x"], main img[src$="/x"], main b, main i, main svg,'
                    + ' main a[href^="javascript"], main script,'
                    + ' script:not([src="/js/app.js"]):not([src="/js/authorize-page.js"])')]
                  .map(element => element.outerHTML);
                """);
        assertThat(injected).isEmpty();
    }

    private static String hostileDescriptor() {
        return """
                {
                  "id": "evil",
                  "name": %s,
                  "description": %s,
                  "category": "Testing",
                  "icon": "icon.svg",
                  "setupInstructions": [%s, %s],
                  "authorization": {
                    "type": "API_KEY",
                    "modes": ["PRE_AUTHORIZED"],
                    "fields": [{"key": "token", "label": %s, "help": %s, "required": true, "secret": true}]
                  },
                  "actions": [{"id": "echo", "name": %s, "description": %s, "effect": "READ",
                               "inputSchema": {"type": "object", "properties": {"text": {"type": "string", "title": %s}}}}]
                }
                """.formatted(json(NAME), json(DESCRIPTION), json(STEP_ONE), json(STEP_TWO), json(LABEL), json(HELP), json(ACTION),
                json(ACTION_DESCRIPTION), json(INPUT_TITLE));
    }

    /** The hostile texts again, with users authorizing through a profile type whose texts are hostile too. */
    private static String hostileUserAuthorizedDescriptor() {
        return """
                {
                  "id": "evil",
                  "name": %s,
                  "description": %s,
                  "icon": "icon.svg",
                  "authorization": {
                    "type": "API_KEY",
                    "modes": ["USER_AUTHORIZED"],
                    "fields": [{"key": "token", "label": "Token", "required": true, "secret": true}]
                  },
                  "authorizationProfiles": [{"id": "fixture-token", "name": %s, "description": %s, "type": "API_KEY",
                    "fields": [{"key": "token", "label": %s, "help": %s, "required": true, "secret": true}]}],
                  "actions": [{"id": "echo", "name": "Echo", "description": "Returns its input.", "effect": "READ",
                               "inputSchema": {"type": "object", "properties": {"text": {"type": "string", "title": "Text"}}}}]
                }
                """.formatted(json(NAME), json(DESCRIPTION), json(PROFILE_TYPE), json(DESCRIPTION), json(PROFILE_LABEL),
                json(PROFILE_HELP));
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

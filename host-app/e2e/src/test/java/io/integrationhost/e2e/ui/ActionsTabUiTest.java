package io.integrationhost.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.host.support.RunningHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Actions tab of the real BambooHR plugin, in a real browser, against a local BambooHR: reads apart from
 * writes, a write asked for before it runs, and the "Run for" field usable in user-authorize mode.
 */
class ActionsTabUiTest {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();
    @RegisterExtension
    static final BambooHrStub bambooHr = BambooHrStub.perTestClass();

    private static final ObjectMapper JSON = new ObjectMapper();

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
    void readsAreListedApartFromWritesAndTheTabOpensOnTheFirstRead() {
        preAuthorize();
        pages.signIn("#/integrations/bamboohr/actions");

        assertThat(browser.visible("section.action-page h2").getText()).isEqualTo("Get employee");
        assertThat(browser.visible(".action-list [aria-current=page]").getAttribute("data-action-id")).isEqualTo("get-employee");
        List<WebElement> groups = browser.all(".action-list .action-group");
        assertThat(groups).extracting(group -> group.findElement(By.cssSelector("h3")).getText())
                .containsExactly("READ DATA", "CHANGE DATA");
        assertThat(actionIds(groups.get(0))).containsExactly("get-employee", "list-employees", "get-time-off-requests",
                "whos-out", "list-time-off-types", "list-employee-fields", "list-changed-employees");
        assertThat(actionIds(groups.get(1))).containsExactly("create-employee", "update-employee",
                "update-time-off-request-status", "create-time-off-request");
        assertThat(groups.get(0).findElements(By.cssSelector(".write-mark"))).isEmpty();
        assertThat(groups.get(1).findElements(By.cssSelector("a .write-mark"))).hasSize(4);
        assertThat(groups.get(1).findElement(By.cssSelector("[data-action-id=create-employee]")).getText())
                .contains("Create employee", "(changes data)");
        assertThat(browser.all(".action-page .write-note")).isEmpty();
    }

    @Test
    void aWriteAsksFirstCancellingSendsNothingAndConfirmingRunsIt() {
        preAuthorize();
        pages.signIn("#/integrations/bamboohr/actions/create-employee");
        assertThat(browser.visible(".action-page .write-note").getText()).contains("Changes data", "changes data in BambooHR");
        // A date is the browser's date picker, in the reader's own order: the help does not spell out another one.
        assertThat(browser.visible(".action-page [name=hireDate]").getAttribute("type")).isEqualTo("date");
        assertThat(browser.visible(".action-page [data-path=hireDate] .help").getText())
                .startsWith("First day of employment.").doesNotContain("YYYY");
        browser.type(".action-page [name=firstName]", "Panda");
        browser.type(".action-page [name=lastName]", "Bear");
        int writesBefore = bambooHr.writesSeen();

        browser.click("[data-run=create-employee]");
        WebElement dialog = browser.visible("dialog[open]");
        assertThat(dialog.getText()).contains("Run “Create employee”?", "Create employee will change data in BambooHR.");
        assertThat(browser.js("return document.activeElement.value")).as("focus starts on Cancel").isEqualTo("cancel");
        browser.click("dialog[open] button[value=cancel]");
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog[open]"), 0));
        assertThat(browser.all(".run-outcome > *")).isEmpty();
        assertThat(bambooHr.writesSeen()).as("requests BambooHR saw").isEqualTo(writesBefore);

        browser.click("[data-run=create-employee]");
        browser.click("dialog[open] button[value=confirm]");
        assertThat(browser.visible(".result-ok pre.json").getText()).contains("123");
        assertThat(bambooHr.writesSeen()).isEqualTo(writesBefore + 1);
    }

    @Test
    void aReadRunsWithoutAsking() {
        preAuthorize();
        pages.signIn("#/integrations/bamboohr/actions/get-employee");
        browser.type(".action-page [name=id]", "4");
        browser.click("[data-run=get-employee]");

        assertThat(browser.visible(".result-ok pre.json").getText()).contains("\"lastName\": \"Abbott\"");
        assertThat(browser.all("dialog[open]")).isEmpty();
    }

    @Test
    void inUserAuthorizeModeTheEndUserFieldSpansTheFormAndItsHelpReadsOnOneOrTwoLines() {
        RunningHost.Response profile = host.post("/api/authorization-profiles",
                Map.of("name", "BambooHR employees", "type", "bamboohr-api-key", "presets", Map.of("subdomain", "acme")));
        assertThat(host.put("/api/integrations/bamboohr/authorization",
                Map.of("mode", "USER_AUTHORIZED", "profileId", profile.body().path("id").asText())).status()).isEqualTo(200);
        assertThat(host.post("/api/integrations/bamboohr/enable", null).status()).isEqualTo(200);
        pages.signIn("#/integrations/bamboohr/actions/get-employee");

        Rectangle form = browser.visible(".action-page form.action-form").getRect();
        Rectangle runAs = browser.visible(".action-page .run-as").getRect();
        Rectangle input = browser.visible(".action-page [name=userId]").getRect();
        WebElement help = browser.visible(".action-page .run-as .help");
        double lineHeight = Double.parseDouble(((String) browser.js(
                "return getComputedStyle(arguments[0]).lineHeight", help)).replace("px", ""));

        assertThat(input.getWidth()).as("the field's width beside the form's %d px", form.getWidth())
                .isGreaterThan(form.getWidth() * 3 / 4);
        assertThat(input.getX()).isBetween(runAs.getX(), runAs.getX() + 40);
        assertThat(input.getY()).as("the field sits inside its card").isBetween(runAs.getY(), runAs.getY() + runAs.getHeight());
        assertThat(help.getRect().getHeight()).as("help text height, lines of %s px", lineHeight)
                .isLessThanOrEqualTo((int) Math.ceil(lineHeight * 2));
        assertThat(help.getRect().getWidth()).isGreaterThan(form.getWidth() * 3 / 4);
    }

    @Test
    void aListOfRecordsCanBeShownAsATableWithAColumnPerKeyAndLargeListsCut() {
        preAuthorize();
        pages.signIn("#/integrations/bamboohr/actions/list-employees");
        browser.click("[data-run=list-employees]");

        assertThat(browser.visible(".result-ok pre.json").getText()).contains("\"lastName\": \"Abbott\"");
        assertThat(browser.all(".result-ok .view-switch button")).extracting(WebElement::getText)
                .containsExactly("JSON", "Table: fields", "Table: employees");
        browser.click(".result-ok .view-switch button[data-view='Table: employees']");

        WebElement table = browser.visible(".result-ok .result-table table");
        assertThat(browser.all(".result-ok .result-view pre.json")).as("the JSON view, replaced").isEmpty();
        assertThat(table.findElement(By.cssSelector("caption")).getText())
                .isEqualTo("Result, employees: " + BambooHrStub.DIRECTORY_SIZE + " rows, the first 200 shown (the JSON view has all)");
        List<WebElement> headers = table.findElements(By.cssSelector("thead th"));
        // Keys as the result names them (the table's style shows headings in capitals).
        assertThat(headers).extracting(header -> header.getAttribute("textContent")).containsExactly("id", "firstName", "lastName", "jobTitle", "location");
        assertThat(headers).allSatisfy(header -> assertThat(header.getAttribute("scope")).isEqualTo("col"));
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(200);
        assertThat(rows.get(0).findElements(By.cssSelector("td"))).extracting(cell -> cell.getAttribute("textContent"))
                .containsExactly("1", "Charlotte", "Abbott", "Staff", "{\"city\":\"Lindon\"}");
        assertThat(browser.visible(".result-ok .view-switch button[data-view='Table: employees']").getAttribute("aria-pressed"))
                .isEqualTo("true");
        browser.js("document.querySelector('.result-ok').scrollIntoView({block: 'start'})");
        browser.screenshot("integration-actions");

        browser.click(".result-ok .view-switch button[data-view=JSON]");
        assertThat(browser.visible(".result-ok pre.json").getText()).contains("Number " + BambooHrStub.DIRECTORY_SIZE);
    }

    @Test
    void copyAsCurlQuotesTrickyInputForTheShellSoItReceivesTheBodyExactly() throws Exception {
        pages.signIn("#/integrations/bamboohr/actions");
        String text = "it's \"quoted\"\nnext line, ü ✓ '' $HOME `date` \\ end";
        String command = (String) browser.asyncJs("const done = arguments[arguments.length - 1];"
                + "import('/js/curl.js').then((m) => done(m.curlCommand('http://host.example', '/api/integrations/x/actions/y',"
                + " {input: {text: arguments[0]}, userId: 'u-1'})));", text);

        // A real shell reads the command; a curl function in it prints the words it was given, one per line (NUL-separated).
        List<String> words = shellWords(command, "not-a-real-token");
        assertThat(words).containsExactly("-X", "POST", "http://host.example/api/integrations/x/actions/y",
                "-H", "Authorization: Bearer not-a-real-token", "-H", "Content-Type: application/json", "--data", words.get(8));
        JsonNode data = JSON.readTree(words.get(8));
        assertThat(data.path("input").path("text").asText()).isEqualTo(text);
        assertThat(data.path("userId").asText()).isEqualTo("u-1");
        assertThat(command).contains("$HOST_ADMIN_TOKEN").doesNotContain("not-a-real-token");
    }

    @Test
    void theCopiedCurlCommandMakesTheSameCallAndHoldsNoToken() throws Exception {
        preAuthorize();
        pages.signIn("#/integrations/bamboohr/actions/get-employee");
        // The browser's clipboard is the edge here: record what the page copies.
        browser.js("Object.defineProperty(navigator, 'clipboard', {value: {writeText: async (text) => { window.copied = text; }}})");
        browser.type(".action-page [name=id]", "4");
        browser.click("[data-run=get-employee]");
        browser.visible(".result-ok pre.json");
        browser.visible(By.xpath("//section[contains(@class,'result-ok')]//button[normalize-space()='Copy as curl']")).click();
        browser.wait.until(driver -> browser.js("return window.copied") != null);
        String command = (String) browser.js("return window.copied");

        assertThat(command).startsWith("curl -X POST '" + pages.uri("/api/integrations/bamboohr/actions/get-employee") + "'")
                .doesNotContain(RunningHost.ADMIN_TOKEN).doesNotContain(BambooHrStub.ADMIN_KEY);
        List<String> words = shellWords(command, "any");
        assertThat(JSON.readTree(words.get(words.size() - 1)).path("input").path("id").asText()).isEqualTo("4");

        // Run for real, with the administrator's token in the variable the command names.
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", command + " --silent --show-error").redirectErrorStream(true);
        shell.environment().put("HOST_ADMIN_TOKEN", RunningHost.ADMIN_TOKEN);
        Process curl = shell.start();
        String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(answer).isZero();
        assertThat(JSON.readTree(answer).path("result").path("lastName").asText()).as(answer).isEqualTo("Abbott");
    }

    private static List<String> shellWords(String command, String token) throws Exception {
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", "curl() { printf '%s\\0' \"$@\"; }; " + command);
        shell.environment().put("HOST_ADMIN_TOKEN", token);
        Process process = shell.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return List.of(out.split("\0"));
    }

    private void preAuthorize() {
        RunningHost.Response stored = host.put("/api/integrations/bamboohr/authorization",
                Map.of("mode", "PRE_AUTHORIZED", "values", Map.of("subdomain", "acme", "apiKey", BambooHrStub.ADMIN_KEY)));
        assertThat(stored.status()).as(stored.raw().body()).isEqualTo(200);
        assertThat(host.post("/api/integrations/bamboohr/enable", null).status()).isEqualTo(200);
    }

    private static List<String> actionIds(WebElement group) {
        return group.findElements(By.cssSelector("a[data-action-id]")).stream().map(link -> link.getAttribute("data-action-id")).toList();
    }
}

package io.integrationhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.RunningHost;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An administrator sees the second integration in the catalog page as they see BambooHR: its name,
 * provider, icon, authorization type and the one mode it allows, in a real (headless) Chromium.
 */
class SecondIntegrationInTheBrowserTest {

    @TempDir
    Path root;

    @Test
    void theCatalogShowsItsAuthorizationTypeAndThatOnlyAdministratorsAuthorizeIt() throws Exception {
        SecondIntegration.installInto(root);
        WebDriver browser = headlessChromium();
        try (RunningHost host = RunningHost.start(root)) {
            browser.get(host.uri("/").toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-token"))).sendKeys(RunningHost.ADMIN_TOKEN);
            browser.findElement(By.id("sign-in")).click();

            WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("li.integration-card[data-integration-id='" + SecondIntegration.ID + "']")));

            assertThat(card.findElement(By.tagName("h3")).getText()).isEqualTo(SecondIntegration.NAME);
            assertThat(card.getText()).contains(SecondIntegration.PROVIDER);
            assertThat(fact(card, "fact-version")).isEqualTo("1.0.0");
            assertThat(fact(card, "fact-type")).isEqualTo("API key");
            assertThat(fact(card, "fact-pre")).isEqualTo("Yes");
            assertThat(fact(card, "fact-user")).isEqualTo("No");
            assertThat(card.findElements(By.cssSelector("img"))).as("its own icon, from its jar")
                    .anySatisfy(icon -> assertThat(icon.getAttribute("src")).endsWith("/api/integrations/" + SecondIntegration.ID + "/icon"));
        } finally {
            browser.quit();
        }
    }

    private static String fact(WebElement card, String className) {
        return card.findElement(By.cssSelector("." + className + " dd")).getText().strip();
    }

    /**
     * Debian's Chromium and ChromeDriver (installed by .ci/run), passed explicitly so that Selenium never
     * downloads a browser or a driver; {@code -Dchrome.binary} and {@code -Dchromedriver} name others, as for
     * the suite's other browser tests.
     */
    private static WebDriver headlessChromium() {
        File chromium = executable("chrome.binary", "/usr/bin/chromium");
        File driver = executable("chromedriver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build(),
                options);
    }

    private static File executable(String property, String fallback) {
        File file = new File(System.getProperty(property, fallback));
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " is missing: the browser tests need Debian's chromium and "
                    + "chromium-driver packages, or -D" + property + "=<path>.");
        }
        return file;
    }
}

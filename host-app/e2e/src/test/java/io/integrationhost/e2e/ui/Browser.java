package io.integrationhost.e2e.ui;

import io.integrationhost.testkit.Prerequisite;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through the machine's own ChromeDriver (Debian's {@code chromium} and
 * {@code chromium-driver}). Both executables are passed explicitly so Selenium never downloads a browser or a
 * driver. The viewport is 1280×900, the size the screenshots in {@code docs/screenshots} are taken at.
 */
final class Browser implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Selenium warns on every start that its DevTools bindings are older than Debian's Chromium; these tests use
     * WebDriver only, never DevTools. Held here so the setting is not garbage-collected with the logger.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
    }
    /** The environment variable that makes a missing browser fail the browser tests instead of skipping them. */
    private static final String REQUIRED = "REQUIRE_BROWSER";
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;

    ChromeDriver driver;
    WebDriverWait wait;
    private Path profile;

    private Browser() {
    }

    /**
     * One browser for a test class, registered with {@code @RegisterExtension static final Browser browser =
     * Browser.perTestClass();}: started before the class's first test, signed out (cookies forgotten) after each
     * test, and closed after the last.
     */
    static Browser perTestClass() {
        return new Browser();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        forgetSession();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void start() {
        File chromium = executable("chrome.binary", "/usr/bin/chromium");
        File chromedriver = executable("chromedriver", "/usr/bin/chromedriver");
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT);
        // An alert a page must never raise stays open, so a test can see it instead of the driver dismissing it.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT);
        sizeViewport();
    }

    private static File executable(String property, String fallback) {
        File file = new File(System.getProperty(property, fallback));
        if (!file.canExecute()) {
            return Prerequisite.missing(file + " is missing: the browser tests need Debian's chromium and chromium-driver"
                    + " packages (apt-get install chromium chromium-driver), or -D" + property + "=PATH", REQUIRED);
        }
        return file;
    }

    /** Makes the page area, not the window, 1280×900: headless Chromium still counts a window frame. */
    private void sizeViewport() {
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        long innerWidth = ((Number) js("return window.innerWidth")).longValue();
        long innerHeight = ((Number) js("return window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension((int) (2L * WIDTH - innerWidth), (int) (2L * HEIGHT - innerHeight)));
    }

    void open(URI uri) {
        driver.get(uri.toString());
    }

    Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    Object asyncJs(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    WebElement visible(String css) {
        return visible(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Clicks like a person who first scrolls the element to the middle, clear of the sticky top bar. */
    void click(String css) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
        js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element);
        element.click();
    }

    /** Replaces what a field holds, as a person would: select all, then type. */
    void type(String css, String text) {
        WebElement field = visible(css);
        field.clear();
        field.sendKeys(text);
    }

    void waitForText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /**
     * Saves what the viewport shows as {@code <name>.png} in the folder the {@code screenshots.dir} property names
     * ({@code target/screenshots} by default; {@code mvn verify -Dscreenshots.dir=$PWD/docs/screenshots} refreshes
     * the README's), after the page has settled: images loaded, no focus ring or hover left over from the test's
     * own clicks.
     */
    Path screenshot(String name) {
        wait.until(driver -> Boolean.TRUE.equals(js("return document.readyState === 'complete'"
                + " && [...document.images].every(image => image.complete)")));
        js("if (document.activeElement) document.activeElement.blur()");
        new Actions(driver).moveToLocation(0, 0).perform();
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the session cookie, so the next test starts signed out. */
    void forgetSession() {
        if (driver != null) {
            driver.manage().deleteAllCookies();
        }
    }

    @Override
    public void close() {
        if (driver == null) {
            return;
        }
        try {
            driver.quit();
            driver = null;
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}

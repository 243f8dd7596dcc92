package dev.quotabot.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The headless Chromium the page's browser tests drive: started the same way for every test class,
 * with a trap for what must never happen on the page (script errors, CSP violations, alerts)
 * injected before any page script runs.
 */
public final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(15);

  /**
   * Collects what must never happen on the page; injected before any page script runs (CDP-added
   * scripts are not subject to the page's CSP).
   */
  private static final String ERROR_TRAP =
      """
      window.__pageProblems = [];
      addEventListener('error', e => __pageProblems.push('error: '
          + (e.message || (e.target && (e.target.src || e.target.outerHTML)) || e.type)), true);
      addEventListener('unhandledrejection', e => __pageProblems.push('rejection: ' + e.reason));
      document.addEventListener('securitypolicyviolation',
          e => __pageProblems.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
      window.alert = message => __pageProblems.push('alert: ' + message);
      """;

  private HeadlessChromium() {}

  /**
   * Why {@code testClass} cannot run here, or null when it can: without Chromium and its driver a
   * browser test cannot run. On CI (CI=true) that fails the build; elsewhere the caller skips.
   */
  public static String unavailable(String testClass) {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return null;
    }
    String missing =
        testClass
            + " needs "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (Debian: apt-get install chromium chromium-driver).";
    if ("true".equals(System.getenv("CI"))) {
      fail(missing + " CI=true, so a missing browser fails the build.");
    }
    return missing;
  }

  /** A headless Chromium on {@code profile}, logging its console, with the error trap in place. */
  public static ChromeDriver start(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--lang=en-US",
        "--window-size=1280,800",
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_TRAP));
    return chrome;
  }

  /**
   * A wait of up to 15 s, polled every 50 ms. Rows are redrawn as their lines arrive: an element
   * read mid-redraw is simply read again.
   */
  public static WebDriverWait waitFor(ChromeDriver driver) {
    WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Clears the open origin's storage and drops the console of earlier tests. */
  public static void forgetEarlierTests(ChromeDriver driver) {
    js(driver, "localStorage.clear(); sessionStorage.clear();");
    driver.manage().logs().get(LogType.BROWSER);
  }

  /**
   * No script error, CSP violation or alert happened on the page, and the console holds no error
   * (SEVERE and above) since it was last read but those containing one of {@code expected} (Chrome
   * logs every HTTP 4xx of a fetch, which a test may provoke on purpose).
   */
  public static void assertPageHadNoErrors(ChromeDriver driver, List<String> expected) {
    List<?> problems =
        (List<?>) js(driver, "return window.__pageProblems || ['error trap missing'];");
    assertEquals(List.of(), problems, "script errors, CSP violations or alerts on the page");
    List<String> consoleErrors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(text -> expected.stream().noneMatch(text::contains))
            .toList();
    assertEquals(List.of(), consoleErrors, "errors in the browser console");
  }

  /**
   * The whole page, not just the window, as PNG under target/screenshots/. The capture grows the
   * viewport to the page's height, so there is no scrollbar and the page is laid out at the full
   * window width: the clip uses that width.
   */
  public static void screenshot(ChromeDriver driver, String name) throws IOException {
    Map<?, ?> size =
        (Map<?, ?>)
            js(
                driver,
                "return {width: window.innerWidth,"
                    + " height: document.documentElement.scrollHeight};");
    Map<String, Object> clip =
        Map.of(
            "x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1);
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
  }

  /** The text as written into the DOM, whitespace collapsed (CSS text-transform ignored). */
  public static String text(WebElement element) {
    return String.valueOf(element.getDomProperty("textContent")).replaceAll("\\s+", " ").strip();
  }

  public static Object js(ChromeDriver driver, String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Removes the browser's profile directory, if there is one. */
  public static void deleteRecursively(Path directory) throws IOException {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

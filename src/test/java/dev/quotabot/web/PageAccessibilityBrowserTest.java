package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.support.AxeAudit;
import dev.quotabot.support.BrowserSession;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HeadlessChromium;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page is usable by everyone: axe-core (see {@link AxeAudit}) finds no serious or critical
 * violation in any state of the page (empty, loading, results with errors, balance only, each
 * provider's form, dark, phone width), and the whole check works with the keyboard alone, with a
 * visible focus and the results announced. The real product serves the page; WireMock stands in for
 * ModelScope. A screenshot of each audited state is saved under target/screenshots/.
 */
final class PageAccessibilityBrowserTest {
  private static final String KEY = "ms-4f1c2b7e-9d3a-4c55-8e21-0a6b1d9c7f3e";
  private static final String OK_A = "Qwen/Qwen3-32B";
  private static final String OK_B = "deepseek-ai/DeepSeek-V3.1";
  private static final String NO_HEADERS = "moonshotai/Kimi-K2-Instruct-0905";
  private static final String LIMITED = "ZhipuAI/GLM-4.6";
  // Not stubbed: the fake answers ModelScope's "has no provider supported" for it.
  private static final String UNKNOWN = "acme/no-such-model";
  private static final String SLOW = "Qwen/Qwen3-235B-A22B-Instruct-2507";
  // Long enough for four audits on a loaded machine; the test stops the check after them.
  private static final int SLOW_MS = 45_000;
  private static final int MAX_TABS = 60;

  @AutoClose private static FakeModelScope modelScope;
  @AutoClose private static RunningApp app;
  private static ChromeDriver driver;
  @AutoClose private static BrowserSession browser;
  private static AxeAudit axe;
  private static String missing;

  private WebDriverWait wait;

  @BeforeAll
  static void startAppBrowserAndAxe() throws IOException {
    missing = HeadlessChromium.unavailable("PageAccessibilityBrowserTest");
    if (missing == null) {
      missing = AxeAudit.unavailable("PageAccessibilityBrowserTest");
    }
    if (missing != null) {
      System.err.println("SKIPPING PageAccessibilityBrowserTest: " + missing);
      return;
    }
    axe = AxeAudit.load();
    modelScope = FakeModelScope.start(0);
    modelScope.quota(OK_A, 2000, 1987, 500, 123, 150);
    modelScope.quota(OK_B, 2000, 1986, 200, 180, 250);
    modelScope.noHeaders(NO_HEADERS, 100);
    modelScope.limitReached(LIMITED, 50);
    modelScope.quota(SLOW, 2000, 1985, 50, 49, SLOW_MS);
    Map<String, String> properties = new HashMap<>(modelScope.properties());
    properties.put("quota.default_models", OK_A + "," + OK_B);
    app = RunningApp.start(properties);
    browser = BrowserSession.start();
    driver = browser.driver();
  }

  @BeforeEach
  void openFreshPage() {
    if (missing != null) {
      Assumptions.abort("SKIPPED: " + missing);
    }
    wait = HeadlessChromium.waitFor(driver);
    emulate("light", null);
    openPage();
    HeadlessChromium.forgetEarlierTests(driver);
    openPage();
  }

  @AfterEach
  void pageHadNoErrors() {
    if (missing != null) {
      return;
    }
    HeadlessChromium.assertPageHadNoErrors(driver, List.of());
  }

  @Test
  void theEmptyPageHasNoSeriousViolationInEitherTheme() throws IOException {
    audit("empty-light");
    emulate("dark", null);
    audit("empty-dark");
    emulate("light", 375);
    audit("empty-phone-light");

    // WHEN the page speaks Chinese, THEN it says so (lang) and still passes
    emulate("light", null);
    new Select(byId("lang-select")).selectByValue("zh-CN");
    wait.until(d -> "zh-CN".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
    audit("empty-zh-light");
  }

  @Test
  void thePageWhileCheckingHasNoSeriousViolation() throws IOException {
    // GIVEN a model whose answer takes seconds
    enter(KEY, List.of(OK_A, SLOW));

    // WHEN the check runs, THEN the page in its busy state passes
    byId("check-button").click();
    wait.until(d -> "true".equals(byId("results").getDomAttribute("aria-busy")));
    wait.until(d -> rows() == 2);
    audit("loading-light");
    emulate("dark", null);
    audit("loading-dark");
    assertEquals("true", byId("results").getDomAttribute("aria-busy"), "still loading");
    assertTrue(byId("stop-button").isDisplayed(), "the check still runs after the audits");
    byId("stop-button").click();
    wait.until(d -> "false".equals(byId("results").getDomAttribute("aria-busy")));
  }

  @Test
  void resultsWithErrorsHaveNoSeriousViolationInEitherThemeNorOnAPhone() throws IOException {
    // GIVEN models that answer, one without numbers, one used up and one unknown
    checkAndWait(List.of(OK_A, OK_B, NO_HEADERS, LIMITED, UNKNOWN));

    // THEN the results pass, light, dark and at a phone's width
    audit("results-errors-light");
    emulate("dark", null);
    audit("results-errors-dark");
    emulate("light", 375);
    audit("results-errors-phone-light");
    emulate("dark", 375);
    audit("results-errors-phone-dark");
  }

  @Test
  void theBalanceOnlyAnswerHasNoSeriousViolation() throws IOException {
    // GIVEN only a key
    byId("api-key").sendKeys(KEY);

    // WHEN only the balance is checked
    byId("balance-button").click();
    wait.until(d -> byId("account-balances").isDisplayed());
    wait.until(d -> "false".equals(byId("results").getDomAttribute("aria-busy")));

    // THEN it passes in both themes and on a phone
    audit("balance-only-light");
    emulate("dark", null);
    audit("balance-only-dark");
    emulate("dark", 375);
    audit("balance-only-phone-dark");
  }

  @Test
  void everyProvidersFormHasNoSeriousViolationInEitherTheme() throws IOException {
    // GIVEN every provider the server declares
    List<String> ids = new ArrayList<>();
    for (JsonElement provider :
        HttpCalls.json(HttpCalls.get(app.uri("/api/providers"))).getAsJsonArray("providers")) {
      ids.add(((JsonObject) provider).get("id").getAsString());
    }
    assertTrue(ids.size() > 1, "several providers: " + ids);

    // WHEN each is chosen (its optional admin fields opened where it has them), THEN its form
    // passes in both themes (the rest of the page, the same for all, is audited elsewhere)
    List<String> found = new ArrayList<>();
    for (String id : ids) {
      new Select(byId("provider")).selectByValue(id);
      wait.until(d -> id.equals(byId("provider").getDomProperty("value")));
      WebElement admin = byId("admin-section");
      if (admin.isDisplayed() && admin.getDomAttribute("open") == null) {
        admin.findElement(By.tagName("summary")).click();
      }
      for (String scheme : List.of("light", "dark")) {
        emulate(scheme, null);
        blur();
        found.addAll(axe.blockingViolations(driver, "form-" + id + "-" + scheme, ".query-card"));
      }
      emulate("light", null);
      HeadlessChromium.screenshot(driver, "a11y-form-" + id + ".png");
    }
    assertEquals(List.of(), found, "serious or critical violations");
  }

  @Test
  void checksWithTheKeyboardAloneAndAnnouncesTheResults() throws IOException {
    blur();

    // WHEN Tab is pressed until the key field has the focus
    List<String> path = new ArrayList<>();
    for (int i = 0; i < MAX_TABS && !"api-key".equals(activeId()); i++) {
      keys(Keys.TAB);
      path.add(describeActive());
      assertFocusIsVisible();
    }
    assertEquals("api-key", activeId(), "Tab reaches the key field: " + path);
    assertTrue(path.size() <= 6, "the key field comes early in the tab order: " + path);

    // AND the key is typed and Enter pressed (the default models are filled in)
    keys(KEY);
    keys(Keys.ENTER);

    // THEN the check runs and its summary is announced in a polite live region
    wait.until(d -> rows() == 2);
    wait.until(d -> "false".equals(byId("results").getDomAttribute("aria-busy")));
    WebElement summary = byId("summary");
    assertEquals("status", summary.getDomAttribute("role"));
    assertEquals("polite", summary.getDomAttribute("aria-live"));
    wait.until(d -> !HeadlessChromium.text(summary).isEmpty());

    // WHEN Tab goes on, THEN it reaches a sortable header, which Enter sorts
    path.clear();
    for (int i = 0; i < MAX_TABS && !isSortButton(); i++) {
      keys(Keys.TAB);
      path.add(describeActive());
      assertFocusIsVisible();
    }
    assertTrue(isSortButton(), "Tab reaches the sortable headers: " + path);
    WebElement header =
        (WebElement) HeadlessChromium.js(driver, "return document.activeElement.closest('th');");
    String before = String.valueOf(header.getDomAttribute("aria-sort"));
    keys(Keys.ENTER);
    wait.until(d -> header.getDomAttribute("aria-sort") != null);
    assertNotEquals(before, header.getDomAttribute("aria-sort"), "Enter sorts by the column");
    keys(Keys.SPACE);
    wait.until(d -> !String.valueOf(header.getDomAttribute("aria-sort")).equals(before));
    assertTrue(isSortButton(), "the focus stays on the header after sorting");
    assertFocusIsVisible();
    HeadlessChromium.screenshot(driver, "a11y-keyboard-sort-focus.png");
  }

  // ---------- helpers ----------

  private void audit(String state) throws IOException {
    blur();
    axe.assertNoBlockingViolations(driver, state);
    HeadlessChromium.screenshot(driver, "a11y-" + state + ".png");
  }

  /** The colour scheme (reduced motion, so no colour is caught mid-transition) and a width. */
  private static void emulate(String scheme, Integer width) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of(
            "features",
            List.of(
                Map.of("name", "prefers-color-scheme", "value", scheme),
                Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
    if (width == null) {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    } else {
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", width, "height", 812, "deviceScaleFactor", 2, "mobile", true));
    }
  }

  private void openPage() {
    driver.get(app.uri("/").toString());
    wait.until(d -> "true".equals(byId("check-form").getDomAttribute("data-ready")));
  }

  private void enter(String key, List<String> models) {
    byId("api-key").clear();
    byId("api-key").sendKeys(key);
    byId("models").clear();
    byId("models").sendKeys(String.join("\n", models));
  }

  private void checkAndWait(List<String> models) {
    enter(KEY, models);
    byId("check-button").click();
    wait.until(
        d ->
            "false".equals(byId("results").getDomAttribute("aria-busy"))
                && rows() == models.size());
  }

  private static int rows() {
    return driver.findElements(By.cssSelector("#results-body tr")).size();
  }

  private static void keys(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  private static void blur() {
    HeadlessChromium.js(driver, "document.activeElement && document.activeElement.blur();");
  }

  private static String activeId() {
    return String.valueOf(HeadlessChromium.js(driver, "return document.activeElement.id;"));
  }

  private static boolean isSortButton() {
    return Boolean.TRUE.equals(
        HeadlessChromium.js(
            driver, "return document.activeElement.classList.contains('sort-button');"));
  }

  private static String describeActive() {
    return String.valueOf(
        HeadlessChromium.js(
            driver,
            "const e = document.activeElement;"
                + " return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                + " + (e.className ? '.' + String(e.className).split(' ')[0] : '');"));
  }

  /** The focused element matches :focus-visible and draws an outline or a ring. */
  private static void assertFocusIsVisible() {
    Map<?, ?> style =
        (Map<?, ?>)
            HeadlessChromium.js(
                driver,
                "const e = document.activeElement, s = getComputedStyle(e);"
                    + " return {visible: e.matches(':focus-visible'), outline: s.outlineStyle,"
                    + " width: s.outlineWidth, shadow: s.boxShadow};");
    String where = describeActive() + " " + style;
    assertEquals(Boolean.TRUE, style.get("visible"), "keyboard focus: " + where);
    boolean outline = !"none".equals(style.get("outline")) && !"0px".equals(style.get("width"));
    boolean ring = !"none".equals(style.get("shadow"));
    assertTrue(outline || ring, "a visible focus style on " + where);
  }

  private static WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }
}

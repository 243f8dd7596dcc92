package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.quotabot.support.RunningApp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium, against the real product, with WireMock standing in for
 * ModelScope. After every test no script error, CSP violation or alert may have happened.
 */
final class PageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static final String KEY = "ms-4f1c2b7e-9d3a-4c55-8e21-0a6b1d9c7f3e";
  private static final String DEFAULT_A = "Qwen/Qwen3-32B";
  private static final String DEFAULT_B = "deepseek-ai/DeepSeek-R1";

  // ModelScope's cast, see stubModelScope(): each model answers in its own way.
  private static final String QWEN_CODER = "Qwen/Qwen3-Coder-480B-A35B-Instruct";
  private static final String DEEPSEEK = "deepseek-ai/DeepSeek-V3.1";
  private static final String KIMI_NO_HEADERS = "moonshotai/Kimi-K2-Instruct-0905";
  private static final String GLM_LIMITED = "ZhipuAI/GLM-4.6";
  private static final String MISSING = "acme/no-such-model";
  private static final String SCRIPT_MODEL = "<svg/onload=alert(1)>";
  private static final String SCRIPT_ERROR = "<img src=x onerror=alert(2)> is not a valid request";
  private static final List<String> FIVE_MODELS =
      List.of(QWEN_CODER, DEEPSEEK, KIMI_NO_HEADERS, GLM_LIMITED, MISSING);

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

  private static WireMockServer modelScope;
  private static RunningApp app;
  private static ChromeDriver driver;
  private static Path profile;
  private static String browserMissing;

  private WebDriverWait wait;

  /** Console errors a test provokes on purpose (Chrome logs every HTTP 4xx of a fetch). */
  private final List<String> expectedConsoleErrors = new ArrayList<>();

  @BeforeAll
  static void startModelScopeAppAndBrowser() throws IOException {
    browserMissing = missingBrowser();
    if (browserMissing != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail(browserMissing + " CI=true, so a missing browser fails the build.");
      }
      System.err.println("SKIPPING PageBrowserTest: " + browserMissing);
      return;
    }
    modelScope = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    modelScope.start();
    stubModelScope();
    app = RunningApp.start(appProperties(1000));
    profile = Files.createTempDirectory("quotabot-chromium-");
    driver = startBrowser(profile);
  }

  @AfterAll
  static void stopEverything() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (app != null) {
      app.close();
    }
    if (modelScope != null) {
      modelScope.stop();
    }
    deleteRecursively(profile);
  }

  @BeforeEach
  void openFreshPage() {
    if (browserMissing != null) {
      // Per test rather than once for the class, so every skipped test is counted and explained.
      Assumptions.abort("SKIPPED: " + browserMissing);
    }
    wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
    resetEmulation();
    openPage(app);
    js("localStorage.clear(); sessionStorage.clear();");
    driver.manage().logs().get(LogType.BROWSER); // drop the console of earlier tests
    openPage(app);
  }

  @AfterEach
  void pageHadNoErrors() {
    if (browserMissing != null) {
      return;
    }
    List<?> problems = (List<?>) js("return window.__pageProblems || ['error trap missing'];");
    assertEquals(List.of(), problems, "script errors, CSP violations or alerts on the page");
    List<String> consoleErrors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(text -> expectedConsoleErrors.stream().noneMatch(text::contains))
            .toList();
    assertEquals(List.of(), consoleErrors, "errors in the browser console");
  }

  @Test
  void showsEveryModelsQuotaWithUnknownShownAsUnknown() throws IOException {
    // GIVEN the page, pre-filled with the configured default models
    assertEquals(DEFAULT_A + "\n" + DEFAULT_B, byId("models").getDomProperty("value"));
    assertEquals("password", byId("api-key").getDomProperty("type"));

    // WHEN a key and five models are entered and Ctrl+Enter is pressed in the models field
    enterKeyAndModels(KEY, FIVE_MODELS);
    byId("models").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

    // THEN the page shows that it is working, with the button disabled
    wait.until(d -> !byId("check-button").isEnabled());
    assertEquals("Checking 5 models…", text(byId("check-label")));
    assertTrue(byId("results-loading").isDisplayed());
    assertEquals("true", byId("results").getDomAttribute("aria-busy"));
    screenshot("page-checking.png", "light");

    // THEN every model gets a row with its numbers, status and explanation
    waitForRows(5);
    assertTrue(byId("check-button").isEnabled());
    assertEquals("Check quota", text(byId("check-label")));

    WebElement qwen = row(QWEN_CODER);
    assertEquals("ok", qwen.getDomAttribute("data-status"));
    assertEquals("OK", cell(qwen, ".badge"));
    assertEquals("123 / 500", cell(qwen, "td:nth-child(3)"));
    assertEquals("1,987 / 2,000", cell(qwen, "td:nth-child(4)"));
    assertEquals("25%", cell(qwen, ".share-percent"));
    assertEquals("25", qwen.findElement(By.cssSelector(".meter")).getDomAttribute("aria-valuenow"));
    assertTrue(cell(qwen, ".cell-latency").matches("[\\d,]+ ms"), cell(qwen, ".cell-latency"));

    WebElement kimi = row(KIMI_NO_HEADERS);
    assertEquals("No quota info", cell(kimi, ".badge"));
    assertEquals("unknown / unknown", cell(kimi, "td:nth-child(3)"));
    assertEquals("unknown / unknown", cell(kimi, "td:nth-child(4)"));
    assertEquals("unknown", cell(kimi, ".share-text"));
    assertTrue(cell(kimi, ".detail").contains("unknown (not zero)"), cell(kimi, ".detail"));

    WebElement glm = row(GLM_LIMITED);
    assertEquals("Limit reached", cell(glm, ".badge"));
    assertEquals("Rate or daily limit reached (HTTP 429): limit reached", cell(glm, ".detail"));
    assertEquals("0 / 100", cell(glm, "td:nth-child(3)"));
    assertEquals("0%", cell(glm, ".share-percent"));

    WebElement missing = row(MISSING);
    assertEquals("Model unavailable", cell(missing, ".badge"));
    assertTrue(cell(missing, ".detail").contains("HTTP 404"), cell(missing, ".detail"));
    assertEquals("unknown / unknown", cell(missing, "td:nth-child(4)"));

    // THEN the summary repeats the server's message, the tally and the time of the check
    assertEquals(
        "成功查询 3/5 个模型的余额信息", text(byId("summary").findElement(By.className("summary-message"))));
    assertEquals(
        "3 answered · 2 failed", text(byId("summary").findElement(By.className("summary-tally"))));
    assertTrue(text(byId("summary")).contains("Checked "));

    // THEN the key reached ModelScope (the stubs answer only to it) but the browser kept it nowhere
    assertKeyNotKept();

    js("document.activeElement.blur();");
    screenshot("page-results.png", "light");
    screenshot("page-results-dark.png", "dark");
    emulatePhone();
    screenshot("page-results-phone.png", "light");
    screenshot("page-results-phone-dark.png", "dark");
    assertTrue(
        row(QWEN_CODER).findElement(By.className("cell-status")).isDisplayed(),
        "rows are still readable as cards on a phone");
  }

  @Test
  void writesUntrustedModelNamesAndUpstreamErrorsAsPlainText() {
    // GIVEN a model whose name and upstream error are HTML that would run script if parsed
    enterKeyAndModels(KEY, List.of(SCRIPT_MODEL));

    // WHEN it is checked
    byId("check-button").click();

    // THEN both appear literally, and no element was made from them
    WebElement row = waitForRows(1).get(0);
    assertEquals(SCRIPT_MODEL, cell(row, ".model-name"));
    assertEquals("Upstream error", cell(row, ".badge"));
    assertEquals("ModelScope answered HTTP 400: " + SCRIPT_ERROR, cell(row, ".detail"));
    assertEquals(
        0, driver.findElements(By.cssSelector("#results-wrap svg, #results-wrap img")).size());
  }

  @Test
  void sortsByAnyColumnWithMouseOrKeyboard() {
    // GIVEN results for five models in the order asked
    enterKeyAndModels(KEY, FIVE_MODELS);
    byId("check-button").click();
    waitForRows(5);
    assertEquals(FIVE_MODELS, modelOrder());

    // WHEN the model column header is clicked, THEN rows sort by name, ascending then descending
    WebElement modelHeader = header("model");
    modelHeader.findElement(By.tagName("button")).click();
    List<String> byName = FIVE_MODELS.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    assertEquals(byName, modelOrder());
    assertEquals("ascending", modelHeader.getDomAttribute("aria-sort"));
    modelHeader.findElement(By.tagName("button")).click();
    assertEquals(reversed(byName), modelOrder());
    assertEquals("descending", modelHeader.getDomAttribute("aria-sort"));

    // WHEN the "Left" header is chosen with the keyboard, THEN rows sort by share left and the
    // unknown shares stay last in both directions (unknown is not 0)
    WebElement shareButton = header("share").findElement(By.tagName("button"));
    shareButton.sendKeys(Keys.ENTER);
    assertNull(modelHeader.getDomAttribute("aria-sort"));
    assertEquals("ascending", header("share").getDomAttribute("aria-sort"));
    assertEquals(
        List.of(GLM_LIMITED, QWEN_CODER, DEEPSEEK, KIMI_NO_HEADERS, MISSING), modelOrder());
    shareButton.sendKeys(Keys.SPACE);
    assertEquals(
        List.of(DEEPSEEK, QWEN_CODER, GLM_LIMITED, KIMI_NO_HEADERS, MISSING), modelOrder());
  }

  @Test
  void switchesLanguageAndRemembersTheChoice() throws IOException {
    // GIVEN the page in English (the browser asks for English)
    assertEquals("en", js("return document.documentElement.lang;"));
    assertEquals("Check a key", text(byId("query-heading")));

    // WHEN the language toggle is pressed
    byId("lang-toggle").click();

    // THEN every text is Chinese, results included
    assertEquals("zh-CN", js("return document.documentElement.lang;"));
    assertEquals("查询密钥", text(byId("query-heading")));
    assertEquals("API 密钥", text(driver.findElement(By.cssSelector("label[for=api-key]"))));
    assertEquals("查询额度", text(byId("check-label")));
    assertEquals("English", text(byId("lang-toggle")));
    assertEquals("还没有结果", text(byId("results").findElement(By.className("state-title"))));
    enterKeyAndModels(KEY, List.of(KIMI_NO_HEADERS));
    byId("check-button").click();
    WebElement kimi = waitForRows(1).get(0);
    assertEquals("无额度信息", cell(kimi, ".badge"));
    assertEquals("未知 / 未知", cell(kimi, "td:nth-child(3)"));
    assertEquals(
        "模型额度", kimi.findElement(By.cssSelector("td:nth-child(3)")).getDomAttribute("data-label"));
    screenshot("page-results-zh.png", "light");

    // WHEN the page is opened again, THEN it is still Chinese
    openPage(app);
    assertEquals("查询密钥", text(byId("query-heading")));

    // WHEN toggled back, THEN English returns
    byId("lang-toggle").click();
    assertEquals("Check a key", text(byId("query-heading")));
    assertEquals("en", js("return localStorage.getItem('quotabot.lang');"));
  }

  @Test
  void defaultsToChineseForAChineseBrowser() {
    // GIVEN a browser whose preferred language is Chinese and no saved choice
    String userAgent = (String) js("return navigator.userAgent;");
    driver.executeCdpCommand(
        "Emulation.setUserAgentOverride",
        Map.of("userAgent", userAgent, "acceptLanguage", "zh-CN,zh"));
    try {
      // WHEN the page opens
      openPage(app);

      // THEN it speaks Chinese
      assertEquals("zh-CN", js("return document.documentElement.lang;"));
      assertEquals("查询密钥", text(byId("query-heading")));
    } finally {
      driver.executeCdpCommand(
          "Emulation.setUserAgentOverride",
          Map.of("userAgent", userAgent, "acceptLanguage", "en-US"));
    }
  }

  @Test
  void remembersModelListsNewestFirstWithoutDuplicatesAndRefillsThem() {
    // GIVEN an empty history
    assertTrue(byId("history-empty").isDisplayed());
    assertFalse(byId("history-clear").isDisplayed());

    // WHEN two lists are checked, and then the first again
    checkAndWait(List.of(QWEN_CODER, DEEPSEEK));
    checkAndWait(List.of(KIMI_NO_HEADERS));
    checkAndWait(List.of(QWEN_CODER, DEEPSEEK));

    // THEN both appear once, the most recent first, and survive a reload
    openPage(app);
    List<WebElement> items = historyItems();
    assertEquals(2, items.size());
    assertTrue(text(items.get(0)).startsWith("Qwen3-Coder-480B-A35B-Instruct, DeepSeek-V3.1"));
    assertTrue(text(items.get(0)).contains("2 models"));
    assertTrue(text(items.get(1)).startsWith("Kimi-K2-Instruct-0905"));

    // WHEN an entry is clicked, THEN it refills the models field
    items.get(0).click();
    assertEquals(QWEN_CODER + "\n" + DEEPSEEK, byId("models").getDomProperty("value"));
    assertEquals(byId("models"), driver.switchTo().activeElement());

    // THEN only model lists were stored: the key is nowhere
    assertKeyNotKept();

    // WHEN the history is cleared, THEN it is empty, also after a reload
    byId("history-clear").click();
    assertTrue(byId("history-empty").isDisplayed());
    openPage(app);
    assertEquals(0, historyItems().size());
  }

  @Test
  void explainsMissingKeyAndModelsInlineBeforeAskingTheServer() throws IOException {
    // GIVEN no key and an emptied models field
    byId("models").clear();
    int upstreamCalls = modelScope.getAllServeEvents().size();

    // WHEN Check is pressed
    byId("check-button").click();

    // THEN the key field explains itself and takes the focus; no request was sent
    assertEquals("Enter your API key.", text(byId("api-key-error")));
    assertEquals("true", byId("api-key").getDomAttribute("aria-invalid"));
    assertEquals(byId("api-key"), driver.switchTo().activeElement());
    assertEquals(
        "Enter at least one model, for example Qwen/Qwen3-32B.", text(byId("models-error")));
    assertEquals("0 models (max 50)", text(byId("models-count")));
    assertTrue(byId("results-empty").isDisplayed());
    screenshot("page-validation.png", "light");

    // WHEN a key is typed and Enter pressed in the key field, THEN the models field complains
    byId("api-key").sendKeys(KEY, Keys.ENTER);
    assertFalse(byId("api-key-error").isDisplayed());
    assertEquals("true", byId("models").getDomAttribute("aria-invalid"));
    assertEquals(byId("models"), driver.switchTo().activeElement());
    assertEquals(upstreamCalls, modelScope.getAllServeEvents().size());
  }

  @Test
  void showsTheServersRefusalInline() {
    // GIVEN a model name the server refuses (longer than 200 characters)
    expectedConsoleErrors.add(
        "/api/balance - Failed to load resource: the server responded with a status of 400");
    enterKeyAndModels(KEY, List.of("x".repeat(201)));

    // WHEN it is checked
    byId("check-button").click();

    // THEN the server's message is shown in the page, as is, and no results appear
    WebElement error = wait.until(d -> visible(byId("form-error")));
    assertTrue(text(error).startsWith("A model name is longer than 200 characters"), text(error));
    assertEquals("alert", error.getDomAttribute("role"));
    assertTrue(byId("results-empty").isDisplayed());
    assertTrue(byId("check-button").isEnabled());
  }

  @Test
  void revealsAndHidesTheKeyOnRequest() {
    // GIVEN a typed key, hidden
    byId("api-key").sendKeys(KEY);
    WebElement toggle = byId("key-toggle");
    assertEquals("Show key", toggle.getDomAttribute("aria-label"));

    // WHEN the eye is pressed, THEN the key is readable; pressed again, hidden
    toggle.click();
    assertEquals("text", byId("api-key").getDomProperty("type"));
    assertEquals("true", toggle.getDomAttribute("aria-pressed"));
    assertEquals("Hide key", toggle.getDomAttribute("aria-label"));
    toggle.click();
    assertEquals("password", byId("api-key").getDomProperty("type"));
    assertEquals("false", toggle.getDomAttribute("aria-pressed"));
  }

  @Test
  void countsDownWhenTheServerSaysTooManyQueries() throws IOException {
    // GIVEN a server that allows one query per minute, already used once
    expectedConsoleErrors.add(
        "/api/balance - Failed to load resource: the server responded with a status of 429");
    try (RunningApp strict = RunningApp.start(appProperties(1))) {
      openPage(strict);
      checkAndWait(List.of(QWEN_CODER));

      // WHEN another query is sent
      byId("check-button").click();

      // THEN its message is shown inline and the button waits for Retry-After
      WebElement error = wait.until(d -> visible(byId("form-error")));
      assertTrue(text(error).startsWith("Too many queries from your address"), text(error));
      assertFalse(byId("check-button").isEnabled());
      assertTrue(
          text(byId("check-label")).matches("Try again in \\d+ s"), text(byId("check-label")));
      assertEquals(1, rows().size(), "the earlier results stay");
      screenshot("page-rate-limited.png", "dark");
    }
  }

  // ---------- the cast ----------

  private static Map<String, String> appProperties(int queriesPerMinute) {
    return Map.of(
        "modelscope.api_base_url", modelScope.baseUrl() + "/v1",
        "quota.default_models", DEFAULT_A + "," + DEFAULT_B,
        "web.rate_limit_per_minute", Integer.toString(queriesPerMinute));
  }

  private static void stubModelScope() {
    stubModel(QWEN_CODER, quota(2000, 1987, 500, 123).withFixedDelay(700));
    stubModel(DEEPSEEK, quota(2000, 1986, 200, 180).withFixedDelay(240));
    stubModel(KIMI_NO_HEADERS, streamStart().withFixedDelay(90));
    stubModel(
        GLM_LIMITED,
        quotaHeaders(aResponse().withStatus(429), 2000, 1985, 100, 0)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"limit reached\"}}"));
    stubModel(MISSING, errorAnswer(404, "Model not found"));
    stubModel(SCRIPT_MODEL, errorAnswer(400, SCRIPT_ERROR));
  }

  private static void stubModel(String model, ResponseDefinitionBuilder answer) {
    modelScope.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
            .willReturn(answer));
  }

  private static ResponseDefinitionBuilder streamStart() {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n");
  }

  private static ResponseDefinitionBuilder quota(
      long limit, long remaining, long modelLimit, long modelRemaining) {
    return quotaHeaders(streamStart(), limit, remaining, modelLimit, modelRemaining);
  }

  private static ResponseDefinitionBuilder quotaHeaders(
      ResponseDefinitionBuilder answer,
      long limit,
      long remaining,
      long modelLimit,
      long modelRemaining) {
    return answer
        .withHeader("modelscope-ratelimit-requests-limit", Long.toString(limit))
        .withHeader("modelscope-ratelimit-requests-remaining", Long.toString(remaining))
        .withHeader("modelscope-ratelimit-model-requests-limit", Long.toString(modelLimit))
        .withHeader("modelscope-ratelimit-model-requests-remaining", Long.toString(modelRemaining));
  }

  private static ResponseDefinitionBuilder errorAnswer(int status, String message) {
    String json = "{\"error\":{\"message\":\"" + message.replace("\"", "\\\"") + "\"}}";
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(json);
  }

  // ---------- the browser ----------

  /**
   * Why the browser test cannot run here, or null when it can. Without Chromium the test cannot
   * run: on CI (CI=true) that fails the build, on a workstation every test is skipped loudly.
   */
  private static String missingBrowser() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return null;
    }
    return "PageBrowserTest needs "
        + CHROMIUM
        + " and "
        + CHROMEDRIVER
        + " (Debian: apt-get install chromium chromium-driver).";
  }

  private static ChromeDriver startBrowser(Path profile) {
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

  private void openPage(RunningApp target) {
    driver.get(target.uri("/").toString());
    // The page is ready once /api/config has filled in the default models.
    wait.until(d -> !String.valueOf(byId("models").getDomProperty("value")).isEmpty());
  }

  /** Reduced motion turns transitions off, so no colour is caught halfway through a change. */
  private static void emulateColorScheme(String scheme) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of(
            "features",
            List.of(
                Map.of("name", "prefers-color-scheme", "value", scheme),
                Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
  }

  private static void emulatePhone() {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
  }

  private static void resetEmulation() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
  }

  /**
   * The whole page, not just the window, in a colour scheme, as PNG under target/screenshots/. The
   * capture grows the viewport to the page's height, so there is no scrollbar and the page is laid
   * out at the full window width: the clip uses that width.
   */
  private static void screenshot(String name, String scheme) throws IOException {
    emulateColorScheme(scheme);
    Map<?, ?> size =
        (Map<?, ?>)
            js(
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

  // ---------- the page ----------

  private void enterKeyAndModels(String key, List<String> models) {
    byId("api-key").clear();
    byId("api-key").sendKeys(key);
    byId("models").clear();
    byId("models").sendKeys(String.join("\n", models));
  }

  /** Checks and waits for the answer; the page marks itself busy before click() returns. */
  private void checkAndWait(List<String> models) {
    enterKeyAndModels(KEY, models);
    byId("check-button").click();
    waitForRows(models.size());
  }

  /** Waits until the page is no longer busy and shows this many result rows. */
  private List<WebElement> waitForRows(int count) {
    return wait.until(
        d -> {
          boolean idle = "false".equals(byId("results").getDomAttribute("aria-busy"));
          List<WebElement> rows = rows();
          return idle && rows.size() == count && byId("results-wrap").isDisplayed() ? rows : null;
        });
  }

  private List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#results-body tr"));
  }

  private WebElement row(String model) {
    return rows().stream()
        .filter(row -> model.equals(cell(row, ".model-name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + model));
  }

  private List<String> modelOrder() {
    return rows().stream().map(row -> cell(row, ".model-name")).toList();
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  private WebElement header(String column) {
    return driver.findElement(By.cssSelector("th[data-sort=" + column + "]"));
  }

  private List<WebElement> historyItems() {
    return driver.findElements(By.cssSelector("#history-list .history-item"));
  }

  /** Neither storage, cookies nor the address may hold the key. */
  private void assertKeyNotKept() {
    String stored =
        (String)
            js(
                "return JSON.stringify([Object.assign({}, localStorage),"
                    + " Object.assign({}, sessionStorage), document.cookie]);");
    assertFalse(stored.contains(KEY), "the key was stored: " + stored);
    assertFalse(driver.getCurrentUrl().contains(KEY), "the key is in the address");
  }

  private static WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  private static WebElement visible(WebElement element) {
    return element.isDisplayed() ? element : null;
  }

  private static String cell(WebElement row, String css) {
    return text(row.findElement(By.cssSelector(css)));
  }

  /** The text as written into the DOM, whitespace collapsed (CSS text-transform ignored). */
  private static String text(WebElement element) {
    return String.valueOf(element.getDomProperty("textContent")).replaceAll("\\s+", " ").strip();
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static void deleteRecursively(Path directory) throws IOException {
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

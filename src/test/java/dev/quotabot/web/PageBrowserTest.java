package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.quotabot.support.HeadlessChromium.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.config.WebConfig;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.CallEstimate;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.CatalogSnapshot;
import dev.quotabot.quota.ModelDirectory;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Text;
import dev.quotabot.support.BrowserSession;
import dev.quotabot.support.CoreDoubles;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HeadlessChromium;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium, against the real product, with WireMock standing in for
 * ModelScope and the other upstreams. After every test no script error, CSP violation or alert may
 * have happened.
 */
final class PageBrowserTest {

  private static final String KEY = "ms-4f1c2b7e-9d3a-4c55-8e21-0a6b1d9c7f3e";
  private static final String RELAY_KEY = "sk-relay-8c1f2d3e4b5a69788796a5b4c3d2e1f0";
  private static final String ACCESS_TOKEN = "admin-token-5d9e1f3a7b2c4e6f";
  // ModelScope's daily quota resets at 00:00 in UTC+8.
  private static final ZoneOffset MODELSCOPE_RESET_ZONE = ZoneOffset.ofHours(8);
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
  // One answers at once, the other takes seconds: the page must not wait for the slow one.
  private static final String FAST = "Qwen/Qwen3-8B";
  private static final String SLOW = "Qwen/Qwen3-235B-A22B-Instruct-2507";
  private static final int SLOW_MS = 4000;
  // The ids ModelScope lists, for the suggestions.
  private static final List<String> CATALOG =
      List.of(
          "Qwen/Qwen3-32B",
          "Qwen/Qwen3-Coder-480B-A35B-Instruct",
          "Qwen/Qwen3-Coder-30B-A3B-Instruct",
          "Qwen/Qwen2.5-72B-Instruct",
          "deepseek-ai/DeepSeek-V3.1",
          "deepseek-ai/DeepSeek-R1-0528",
          "moonshotai/Kimi-K2-Instruct-0905",
          "ZhipuAI/GLM-4.6");

  @AutoClose private static FakeModelScope modelScope;
  @AutoClose private static RunningApp app;
  @AutoClose private static WebServer declared;
  private static ChromeDriver driver;
  @AutoClose private static BrowserSession browser;
  private static String browserMissing;

  private WebDriverWait wait;

  /** Console errors a test provokes on purpose (Chrome logs every HTTP 4xx of a fetch). */
  private final List<String> expectedConsoleErrors = new ArrayList<>();

  @BeforeAll
  static void startModelScopeAppAndBrowser() throws IOException {
    browserMissing = HeadlessChromium.unavailable("PageBrowserTest");
    if (browserMissing != null) {
      System.err.println("SKIPPING PageBrowserTest: " + browserMissing);
      return;
    }
    modelScope = FakeModelScope.start(0);
    stubModelScope();
    app = RunningApp.start(appProperties(modelScope, 1000));
    declared = DeclaredCast.serve();
    browser = BrowserSession.start();
    driver = browser.driver();
  }

  @BeforeEach
  void openFreshPage() {
    if (browserMissing != null) {
      // Per test rather than once for the class, so every skipped test is counted and explained.
      Assumptions.abort("SKIPPED: " + browserMissing);
    }
    wait = HeadlessChromium.waitFor(driver);
    resetEmulation();
    openPage(app);
    HeadlessChromium.forgetEarlierTests(driver);
    openPage(app);
  }

  @AfterEach
  void pageHadNoErrors() {
    if (browserMissing != null) {
      return;
    }
    HeadlessChromium.assertPageHadNoErrors(driver, expectedConsoleErrors);
  }

  @Test
  void showsEveryModelsQuotaWithUnknownShownAsUnknown() throws IOException {
    // GIVEN the page, pre-filled with the configured default models
    assertEquals(DEFAULT_A + "\n" + DEFAULT_B, byId("models").getDomProperty("value"));
    assertEquals("password", byId("api-key").getDomProperty("type"));

    // WHEN a key and five models are entered and Ctrl+Enter is pressed in the models field
    enterKeyAndModels(KEY, FIVE_MODELS);
    byId("models").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

    // THEN the page shows that it is working, with the button disabled and a row per model at once
    wait.until(d -> !byId("check-button").isEnabled());
    assertEquals("Checking 5 models…", text(byId("check-label")));
    assertEquals("true", byId("results").getDomAttribute("aria-busy"));
    assertEquals(FIVE_MODELS, modelOrder());
    assertTrue(byId("stop-button").isDisplayed());
    assertFalse(byId("balance-button").isEnabled());
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

    // THEN the account's 魔粒 balance sits above the rows
    assertEquals("250", balanceAmount(0));
    assertEquals("魔粒", balanceUnit(0));

    // THEN the summary says the server's numbers in the page's language, the tally and the time of
    // the check
    assertEquals(
        "3 of 5 models answered.",
        text(byId("summary").findElement(By.className("summary-message"))));
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

    // WHEN Simplified Chinese is picked
    toggleLanguage();

    // THEN every text is Chinese, results included
    assertEquals("zh-CN", js("return document.documentElement.lang;"));
    assertEquals("查询密钥", text(byId("query-heading")));
    assertEquals("API 密钥", text(driver.findElement(By.cssSelector("label[for=api-key]"))));
    assertEquals("查询额度", text(byId("check-label")));
    assertEquals(
        "zh-CN", new Select(byId("lang-select")).getFirstSelectedOption().getDomAttribute("value"));
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
    toggleLanguage();
    assertEquals("Check a key", text(byId("query-heading")));
    assertEquals("en", js("return localStorage.getItem('quotabot.lang');"));
  }

  @Test
  void saysTheSummaryInEachLanguageFromTheReportsNumbersAndAnnouncesTheReport() throws IOException {
    // GIVEN a listener for the page's report event, as another module of the page would add
    js(
        "window.reports = [];"
            + " document.addEventListener('quotabot:report', (e) => window.reports.push(e.detail));");

    // WHEN a check of two models answers for one of them
    checkAndWait(List.of(KIMI_NO_HEADERS, MISSING));

    // THEN each of the five languages says the summary itself, never the server's message
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("en", "1 of 2 models answered.");
    expected.put("zh-CN", "2 个模型中有 1 个返回了结果。");
    expected.put("zh-TW", "2 個模型中有 1 個回傳了結果。");
    expected.put("ja", "2 モデル中 1 モデルが応答しました。");
    expected.put("ko", "모델 2개 중 1개가 응답했습니다.");
    Select picker = new Select(byId("lang-select"));
    assertEquals(
        List.copyOf(expected.keySet()),
        picker.getOptions().stream().map(option -> option.getDomAttribute("value")).toList());
    expected.forEach(
        (lang, summary) -> {
          picker.selectByValue(lang);
          assertEquals(lang, js("return document.documentElement.lang;"));
          assertEquals(
              summary, text(byId("summary").findElement(By.className("summary-message"))), lang);
        });
    screenshot("page-results-ko.png", "light");

    // AND the report event told the provider, the key's fingerprint, the time: never the key
    String reports = (String) js("return JSON.stringify(window.reports);");
    assertFalse(reports.contains(KEY), reports);
    @SuppressWarnings("unchecked")
    Map<String, Object> report =
        (Map<String, Object>) ((List<?>) js("return window.reports;")).get(0);
    assertEquals("modelscope", report.get("provider"));
    assertEquals("ms-…7f3e", report.get("key_fingerprint"));
    assertTrue(report.get("checked_at") instanceof String, reports);
    assertTrue(report.get("balances") instanceof List, reports);
    new Select(byId("lang-select")).selectByValue("en");
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
    int upstreamCalls = modelScope.server().getAllServeEvents().size();

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
    assertEquals(upstreamCalls, modelScope.server().getAllServeEvents().size());
  }

  @Test
  void showsTheServersRefusalInline() {
    // GIVEN a model name the server refuses (longer than 200 characters)
    expectedConsoleErrors.add(
        "/api/balance/stream - Failed to load resource: the server responded with a status of 400");
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
        "/api/balance/stream - Failed to load resource: the server responded with a status of 429");
    try (RunningApp strict = pageOf(appProperties(modelScope, 1))) {
      checkAndWait(List.of(QWEN_CODER));

      // WHEN another query is sent
      byId("check-button").click();

      // THEN its message is shown inline and the button waits for Retry-After
      WebElement error = wait.until(d -> visible(byId("form-error")));
      assertTrue(text(error).startsWith("Too many queries from your address"), text(error));
      assertFalse(byId("check-button").isEnabled());
      assertTrue(
          text(byId("check-label")).matches("Try again in \\d+ s"), text(byId("check-label")));
      assertFalse(byId("balance-button").isEnabled(), "the free check shares the limit");
      assertEquals(1, rows().size(), "the earlier results stay");
      assertEquals("ok", rows().get(0).getDomAttribute("data-status"));
      screenshot("page-rate-limited.png", "dark");
    }
  }

  @Test
  void fillsInEachRowTheMomentItsModelAnswers() throws IOException {
    // GIVEN a slow model asked first and a fast one second
    enterKeyAndModels(KEY, List.of(SLOW, FAST));

    // WHEN they are checked
    byId("check-button").click();

    // THEN both rows are there at once, in the order asked
    assertEquals(List.of(SLOW, FAST), modelOrder());

    // THEN the fast one shows its numbers while the slow one is still being checked
    wait.until(d -> "ok".equals(row(FAST).getDomAttribute("data-status")));
    WebElement slow = row(SLOW);
    assertEquals("pending", slow.getDomAttribute("data-status"));
    assertEquals("Checking…", cell(slow, ".cell-status"));
    assertEquals("true", byId("results").getDomAttribute("aria-busy"));
    WebElement fast = row(FAST);
    assertEquals("321 / 400", cell(fast, "td:nth-child(3)"));
    assertEquals("1,990 / 2,000", cell(fast, "td:nth-child(4)"));
    assertEquals("80%", cell(fast, ".share-percent"));
    assertEquals("1 of 2 models answered", text(byId("progress-text")));
    assertEquals("1", byId("progress-bar").getDomAttribute("aria-valuenow"));
    assertEquals("", text(byId("summary")), "the summary waits for the last model");
    assertEquals("250", balanceAmount(0), "the balance line comes first");
    screenshot("page-streaming.png", "light");
    emulatePhone();
    screenshot("page-streaming-phone-dark.png", "dark");

    // THEN the slow one completes too, and only then the summary and the history entry appear
    waitForRows(2);
    slow = row(SLOW);
    assertEquals("ok", slow.getDomAttribute("data-status"));
    assertEquals("49 / 50", cell(slow, "td:nth-child(3)"));
    assertTrue(cell(slow, ".cell-latency").matches("[\\d,]+ ms"), cell(slow, ".cell-latency"));
    assertEquals(List.of(SLOW, FAST), modelOrder(), "rows keep the order asked");
    assertEquals(
        "2 of 2 models answered.",
        text(byId("summary").findElement(By.className("summary-message"))));
    assertFalse(byId("progress").isDisplayed());
    assertEquals(1, historyItems().size());

    // THEN sorting works on the streamed rows
    header("modelQuota").findElement(By.tagName("button")).click();
    assertEquals(List.of(SLOW, FAST), modelOrder());
    header("modelQuota").findElement(By.tagName("button")).click();
    assertEquals(List.of(FAST, SLOW), modelOrder());
  }

  @Test
  void stopsACheckAndMarksTheModelsThatDidNotAnswer() {
    // GIVEN a check of a fast and a slow model, the fast one answered
    enterKeyAndModels(KEY, List.of(FAST, SLOW));
    byId("check-button").click();
    wait.until(d -> "ok".equals(row(FAST).getDomAttribute("data-status")));

    // WHEN Stop is pressed
    byId("stop-button").click();

    // THEN the check ends at once: the slow row says it was stopped, the answered one stays
    waitForRows(2);
    assertEquals("stopped", row(SLOW).getDomAttribute("data-status"));
    assertEquals("Stopped", cell(row(SLOW), ".badge"));
    assertEquals("ok", row(FAST).getDomAttribute("data-status"));
    assertEquals(
        "Stopped: 1 of 2 models answered.",
        text(byId("summary").findElement(By.className("summary-message"))));
    assertFalse(byId("stop-button").isDisplayed());
    assertFalse(byId("form-error").isDisplayed(), "stopping is not an error");
    assertTrue(byId("check-button").isEnabled());
    assertEquals(0, historyItems().size(), "an unfinished check is not remembered");
  }

  @Test
  void aNewCheckReplacesTheOneStillRunning() {
    // GIVEN a check of a slow model still running
    enterKeyAndModels(KEY, List.of(SLOW));
    byId("check-button").click();
    wait.until(d -> "pending".equals(row(SLOW).getDomAttribute("data-status")));

    // WHEN the list is changed and sent again with Ctrl+Enter
    byId("models").clear();
    byId("models").sendKeys(FAST, Keys.chord(Keys.CONTROL, Keys.ENTER));

    // THEN the first check is abandoned and only the new one's answer is shown
    waitForRows(1);
    assertEquals(List.of(FAST), modelOrder());
    assertEquals("ok", row(FAST).getDomAttribute("data-status"));
    assertEquals(
        "1 of 1 model answered.",
        text(byId("summary").findElement(By.className("summary-message"))));
    assertEquals(1, historyItems().size());
    assertTrue(text(historyItems().get(0)).startsWith("Qwen3-8B"));
  }

  @Test
  void showsTheMagicubeBalanceAndAccountNameAboveTheRows() {
    // GIVEN an account with 250 魔粒 whose name ModelScope tells
    // WHEN a model is checked
    checkAndWait(List.of(KIMI_NO_HEADERS));

    // THEN the balance card shows the one entry, its scope, amounts, the account and why the
    // balance matters
    WebElement account = byId("account");
    assertTrue(account.isDisplayed());
    assertEquals("ok", account.getDomAttribute("data-state"));
    assertEquals("ModelScope balance", text(byId("account-heading")));
    assertEquals(1, balances().size());
    assertEquals("account", balances().get(0).getDomAttribute("data-scope"));
    assertEquals("Account", balanceLabel(0));
    assertEquals("250", balanceAmount(0));
    assertEquals("魔粒", balanceUnit(0));
    assertEquals("250", balanceFact(0, "total"));
    assertEquals("0", balanceFact(0, "frozen"), "a known 0 frozen is shown as 0");
    assertEquals("Account: tester", text(byId("account-user")));
    assertFalse(byId("account-error").isDisplayed());
    assertTrue(text(account).contains("this balance is your real budget"), "the card explains it");
    assertTrue(text(account).contains("The 魔粒 balance is what ModelScope spends"), text(account));
    assertTrue(
        account.getLocation().getY() < byId("results-wrap").getLocation().getY(),
        "the card sits above the rows");

    // WHEN the language is switched, THEN the card speaks Chinese
    toggleLanguage();
    assertEquals("ModelScope 余额", text(byId("account-heading")));
    assertEquals("账户", balanceLabel(0));
    assertEquals("账户：tester", text(byId("account-user")));
    assertTrue(text(account).contains("可用"), text(account));
  }

  @Test
  void checksOnlyTheBalanceForFreeWithoutModels() throws IOException {
    // GIVEN an account with a fractional balance and an unknown frozen amount
    try (FakeModelScope fake = FakeModelScope.start(0)) {
      fake.balance(
          aResponse()
              .withHeader("Content-Type", "application/json")
              .withBody(
                  "{\"success\":true,\"data\":{\"total_balance\":1234.5,"
                      + "\"available_balance\":1200.25,\"frozen_amount\":null}}"));
      try (RunningApp own = pageOf(appProperties(fake, 1000))) {
        // WHEN only a key is given (no models at all) and the free check is pressed
        byId("models").clear();
        byId("api-key").sendKeys(KEY);
        assertEquals("Check balance only (free)", text(byId("balance-label")));
        byId("balance-button").click();

        // THEN the balance is shown; the frozen amount ModelScope did not report is not made 0
        waitForBalances();
        assertFalse(byId("models-error").isDisplayed(), "models are not required");
        assertEquals("1,200.25", balanceAmount(0));
        assertEquals("1,234.5", balanceFact(0, "total"));
        assertFalse(hasFact(0, "frozen"), "an unreported figure is left out, never shown as 0");
        assertEquals(
            "The balance was read.",
            text(byId("summary").findElement(By.className("summary-message"))));

        // THEN there are no rows, and nothing was probed: only the balance was read
        assertFalse(byId("results-wrap").isDisplayed());
        assertFalse(byId("results-empty").isDisplayed());
        assertTrue(byId("history-empty").isDisplayed(), "no model list to remember");
        fake.server().verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        fake.server().verify(1, getRequestedFor(urlPathEqualTo("/openapi/v1/magicubes/balance")));
        assertKeyNotKept();

        js("document.activeElement.blur();");
        screenshot("page-balance-only.png", "light");
        emulatePhone();
        screenshot("page-balance-only-phone-dark.png", "dark");
        resetEmulation();

        // WHEN the amount to spend itself is not reported, THEN it says unknown, never 0
        fake.balance(
            aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(
                    "{\"success\":true,\"data\":{\"total_balance\":1234.5,"
                        + "\"available_balance\":null}}"));
        byId("balance-button").click();
        waitForBalances();
        assertEquals("unknown", balanceAmount(0));
        assertTrue(
            balances()
                .get(0)
                .findElement(By.className("account-amount"))
                .getDomAttribute("class")
                .contains("unknown"));
        assertEquals("1,234.5", balanceFact(0, "total"));
      }
    }
  }

  @Test
  void explainsClearlyWhenTheBalanceCannotBeRead() throws IOException {
    // GIVEN ModelScope refuses the key for the balance
    try (FakeModelScope fake = FakeModelScope.start(0)) {
      fake.balance(
          FakeModelScope.error(401, "{\"success\":false,\"message\":\"Invalid access token\"}"));
      try (RunningApp own = pageOf(appProperties(fake, 1000))) {
        // WHEN the balance is checked
        byId("api-key").sendKeys(KEY);
        byId("balance-button").click();

        // THEN the card says so, with ModelScope's reason, and shows no amounts at all
        wait.until(d -> visible(byId("account-error")));
        wait.until(d -> "false".equals(byId("results").getDomAttribute("aria-busy")));
        assertEquals("error", byId("account").getDomAttribute("data-state"));
        assertEquals("Invalid key", text(byId("account-error-badge")));
        String reason = text(byId("account-error-text"));
        assertTrue(reason.contains("HTTP 401"), reason);
        assertTrue(reason.contains("Invalid access token"), reason);
        assertFalse(byId("account-balances").isDisplayed());
        assertFalse(byId("account-user").isDisplayed());
        assertEquals(
            "The balance could not be read.",
            text(byId("summary").findElement(By.className("summary-message"))));
        screenshot("page-balance-error.png", "dark");
      }
    }
  }

  @Test
  void countsDownToTheDailyResetTheServerNames() {
    // GIVEN the page before any check: the provider list says when ModelScope resets next
    WebElement countdown = byId("reset-text");
    wait.until(d -> visible(byId("reset-countdown")));
    Instant listed = Instant.parse(dateTime(countdown));
    assertEquals(nextMidnightUtc8(Instant.now()), listed, "the next 00:00 in UTC+8");
    assertMinutesUntilReset(text(countdown), listed);

    // WHEN a check answers, THEN the page counts to the report's resets_at
    Instant before = Instant.now();
    checkAndWait(List.of(KIMI_NO_HEADERS));
    Instant after = Instant.now();
    wait.until(d -> visible(byId("reset-countdown")));
    Instant reset = Instant.parse(dateTime(countdown));
    assertTrue(
        reset.equals(nextMidnightUtc8(before)) || reset.equals(nextMidnightUtc8(after)),
        reset.toString());
    assertMinutesUntilReset(text(countdown), reset);
    String title = byId("reset-countdown").getDomAttribute("title");
    assertTrue(title.startsWith("ModelScope resets daily quotas at 00:00 UTC+08:00: "), title);

    // WHEN the language is switched, THEN the countdown speaks Chinese
    toggleLanguage();
    assertTrue(text(countdown).matches("每日额度 (\\d+ 小时 )?\\d+ 分钟后重置"), text(countdown));
  }

  @Test
  void suggestsModelScopeIdsForTheWordAtTheCaret() throws IOException {
    // GIVEN ModelScope lists its model ids
    try (FakeModelScope fake = FakeModelScope.start(0)) {
      fake.models(CATALOG);
      try (RunningApp own = pageOf(appProperties(fake, 1000))) {
        WebElement models = byId("models");
        WebElement combo = byId("models-combo");
        WebElement list = byId("model-suggestions");
        assertEquals("combobox", combo.getDomAttribute("role"));
        assertEquals("listbox", list.getDomAttribute("role"));
        assertEquals("false", combo.getDomAttribute("aria-expanded"));

        // WHEN part of an id is typed on a new line
        models.clear();
        models.sendKeys("Qwen/Qwen3-32B\nqwen3-co");

        // THEN the matching ids are offered, the typed part marked
        wait.until(d -> visible(list));
        assertEquals(
            List.of("Qwen/Qwen3-Coder-480B-A35B-Instruct", "Qwen/Qwen3-Coder-30B-A3B-Instruct"),
            suggestions());
        assertEquals("true", combo.getDomAttribute("aria-expanded"));
        assertEquals("Qwen3-Co", text(list.findElement(By.tagName("mark"))));
        assertTrue(text(byId("suggestions-status")).startsWith("2 suggestions"));
        screenshot("page-suggestions.png", "light");
        screenshot("page-suggestions-dark.png", "dark");

        // WHEN ↓ ↓ ↑ choose and Enter inserts, THEN the word becomes the id and a new line follows
        models.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        assertEquals("suggestion-1", models.getDomAttribute("aria-activedescendant"));
        assertEquals(
            "true", list.findElement(By.id("suggestion-1")).getDomAttribute("aria-selected"));
        models.sendKeys(Keys.ARROW_UP, Keys.ENTER);
        assertEquals(
            "Qwen/Qwen3-32B\nQwen/Qwen3-Coder-480B-A35B-Instruct\n",
            models.getDomProperty("value"));
        assertFalse(list.isDisplayed());
        assertEquals("false", combo.getDomAttribute("aria-expanded"));
        assertNull(models.getDomAttribute("aria-activedescendant"));
        assertEquals("2 models (max 50)", text(byId("models-count")));

        // WHEN another prefix is typed and a suggestion clicked, THEN that one is inserted
        models.sendKeys("deepseek");
        wait.until(d -> visible(list));
        assertEquals(
            List.of("deepseek-ai/DeepSeek-V3.1", "deepseek-ai/DeepSeek-R1-0528"), suggestions());
        list.findElements(By.cssSelector("[role=option]")).get(1).click();
        assertTrue(
            String.valueOf(models.getDomProperty("value"))
                .endsWith("\ndeepseek-ai/DeepSeek-R1-0528\n"));
        assertEquals(models, driver.switchTo().activeElement());

        // WHEN Tab is pressed with the list open, THEN the first suggestion is inserted
        models.sendKeys("kimi");
        wait.until(d -> visible(list));
        models.sendKeys(Keys.TAB);
        assertTrue(
            String.valueOf(models.getDomProperty("value"))
                .endsWith("\nmoonshotai/Kimi-K2-Instruct-0905\n"));
        assertEquals(models, driver.switchTo().activeElement());

        // WHEN Escape is pressed, THEN the list closes and the typed text stays as typed
        models.sendKeys("glm");
        wait.until(d -> visible(list));
        models.sendKeys(Keys.ESCAPE);
        assertFalse(list.isDisplayed());
        assertTrue(String.valueOf(models.getDomProperty("value")).endsWith("\nglm"));

        // WHEN a listed id is already in the field, THEN it is not offered again
        models.sendKeys(", qwen3-32");
        assertFalse(list.isDisplayed());
      }
    }
  }

  @Test
  void showsEachProvidersFieldsAndWordsAsGetApiProvidersDeclares() {
    // GIVEN what the server declares about its providers, a relay that needs a base URL among them
    JsonObject declared = HttpCalls.json(HttpCalls.get(app.uri("/api/providers")));
    JsonArray providers = declared.getAsJsonArray("providers");
    assertTrue(
        providers.asList().stream()
            .anyMatch(provider -> provider.getAsJsonObject().get("needs_base_url").getAsBoolean()),
        "a provider that needs a base URL is among them");

    // THEN the page offers them in the server's order, the default chosen
    assertEquals("Provider", text(driver.findElement(By.cssSelector("label[for=provider]"))));
    assertEquals(
        providers.asList().stream().map(provider -> string(provider, "id")).toList(),
        providerOptions());
    assertEquals(
        declared.get("default").getAsString(),
        js("return document.getElementById('provider').value;"));

    for (JsonElement element : providers) {
      JsonObject provider = element.getAsJsonObject();
      List<String> fields = strings(provider, "fields");
      List<String> capabilities = strings(provider, "capabilities");
      String id = string(provider, "id");
      boolean probes = capabilities.contains("probes_models");
      boolean lists = capabilities.contains("lists_key_models");

      // WHEN it is chosen
      chooseProvider(id);

      // THEN the form shows exactly the fields it takes, its key hint and its own words
      assertEquals(
          string(provider, "name"), text(new Select(byId("provider")).getFirstSelectedOption()));
      assertEquals(fields.contains("base_url"), byId("base-url").isDisplayed(), id);
      assertEquals(fields.contains("models"), byId("models").isDisplayed(), id);
      assertEquals(fields.contains("access_token"), byId("admin-section").isDisplayed(), id);
      assertEquals(
          string(provider, "key_hint"), byId("api-key").getDomAttribute("placeholder"), id);
      assertEquals(probes, byId("cost-note").isDisplayed(), id + ": a probe may cost a call");
      assertEquals(
          probes && capabilities.contains("balances"), byId("balance-button").isDisplayed(), id);
      // a provider that reads no balance, probes nothing and lists nothing only checks the key
      boolean keyOnly = !probes && !lists && !capabilities.contains("balances");
      assertEquals(
          probes ? "Check quota" : lists || keyOnly ? "Check key" : "Check balance",
          text(byId("check-label")),
          id);
      List<String> defaults = strings(provider, "default_models");
      assertEquals(!defaults.isEmpty(), byId("reset-models").isDisplayed(), id);
      if (fields.contains("models")) {
        assertEquals(
            lists && !probes ? "Models to look for (optional)" : "Models",
            text(byId("models-label")),
            id);
        assertEquals(String.join("\n", defaults), byId("models").getDomProperty("value"), id);
      }
      assertTrue(text(byId("provider-hint")).contains(string(provider, "name")), id);
    }
  }

  @Test
  void keepsTheChosenRelayAndExplainsItsMissingFieldsWithoutSendingAnything() {
    // GIVEN the relay chosen: its address field and folded admin section
    chooseProvider("newapi");
    assertTrue(text(byId("base-url-hint")).contains("with or without /v1"));
    WebElement admin = byId("admin-section");
    assertFalse(byId("access-token").isDisplayed(), "the admin section starts folded");
    admin.findElement(By.tagName("summary")).click();
    assertEquals("password", byId("access-token").getDomProperty("type"));
    byId("token-toggle").click();
    assertEquals("text", byId("access-token").getDomProperty("type"));
    assertEquals("Hide access token", byId("token-toggle").getDomAttribute("aria-label"));

    // WHEN it is checked without an address and with half the admin access, THEN the fields say
    // what is missing and nothing is sent
    byId("api-key").sendKeys(KEY);
    byId("access-token").sendKeys("admin-token-123");
    byId("check-button").click();
    assertEquals(
        "Enter the relay’s address, for example https://your-relay.example.",
        text(byId("base-url-error")));
    assertEquals(byId("base-url"), driver.switchTo().activeElement());
    assertEquals(
        "Enter the user id too, or leave both admin fields empty.", text(byId("user-id-error")));
    assertTrue(byId("results-empty").isDisplayed());

    // WHEN the page is opened again, THEN the relay is still chosen; no secret was kept
    openPage(app);
    assertEquals("newapi", js("return document.getElementById('provider').value;"));
    assertEquals("newapi", js("return localStorage.getItem('quotabot.provider');"));
    assertEquals("", byId("access-token").getDomProperty("value"));
    assertKeyNotKept();

    // WHEN ModelScope is chosen again, THEN its models come back and Chinese works for all of it
    chooseProvider("modelscope");
    assertEquals(DEFAULT_A + "\n" + DEFAULT_B, byId("models").getDomProperty("value"));
    chooseProvider("newapi");
    toggleLanguage();
    assertEquals("服务商", text(driver.findElement(By.cssSelector("label[for=provider]"))));
    assertEquals("中转站地址", text(driver.findElement(By.cssSelector("label[for=base-url]"))));
    assertEquals("要查找的模型（可选）", text(byId("models-label")));
    assertEquals("查询密钥", text(byId("check-label")));
  }

  @Test
  void showsEveryCurrencyOfADeepSeekAccountWithItsSplitAndNoCountdown() throws IOException {
    // GIVEN DeepSeek holds 110 CNY (10 granted, 100 topped up) and 5.50 USD (all topped up)
    try (ProviderFake deepSeek = ProviderFake.start()) {
      deepSeek.stub(
          "/user/balance",
          "{\"is_available\":true,\"balance_infos\":[{\"currency\":\"CNY\","
              + "\"total_balance\":\"110.00\",\"granted_balance\":\"10.00\","
              + "\"topped_up_balance\":\"100.00\"},{\"currency\":\"USD\","
              + "\"total_balance\":\"5.50\",\"granted_balance\":\"0.00\","
              + "\"topped_up_balance\":\"5.50\"}]}");
      try (RunningApp own = pageOfAppCalling("deepseek", deepSeek)) {
        // WHEN DeepSeek is chosen, a key entered and the balance checked
        checkBalanceOf("deepseek");

        // THEN the card shows both balances, each with its unit, scope and split, and no rows
        waitForBalances();
        assertEquals("DeepSeek balance", text(byId("account-heading")));
        assertEquals(2, balances().size());
        assertEquals("CNY", balances().get(0).getDomAttribute("data-unit"));
        assertEquals("Account", balanceLabel(0));
        assertEquals("¥110.00", balanceAmount(0));
        assertEquals("CNY", balanceUnit(0));
        assertEquals("¥10.00", balanceFact(0, "part-granted"));
        assertEquals("¥100.00", balanceFact(0, "part-topped_up"));
        assertEquals("Granted", balanceFactLabel(0, "part-granted"));
        assertEquals("Topped up", balanceFactLabel(0, "part-topped_up"));
        assertFalse(hasFact(0, "total"), "DeepSeek reports no total: none is shown");
        assertEquals("USD", balances().get(1).getDomAttribute("data-unit"));
        assertEquals("Account", balanceLabel(1));
        assertEquals("$5.50", balanceAmount(1));
        assertEquals("USD", balanceUnit(1));
        assertEquals("$0.00", balanceFact(1, "part-granted"), "a reported 0 is shown as 0");
        assertEquals("$5.50", balanceFact(1, "part-topped_up"));
        assertFalse(byId("account-note").isDisplayed(), "nothing is probed: no budget to explain");
        assertFalse(byId("results-wrap").isDisplayed());

        // THEN no countdown: DeepSeek has no daily reset
        assertFalse(byId("reset-countdown").isDisplayed());
        deepSeek
            .server()
            .verify(
                1,
                getRequestedFor(urlPathEqualTo("/user/balance"))
                    .withHeader("Authorization", equalTo("Bearer " + KEY)));
        assertKeyNotKept();
        js("document.activeElement.blur();");
        screenshot("page-deepseek-two-currencies.png", "light");

        // WHEN the language is switched, THEN the entries speak Chinese too
        toggleLanguage();
        assertEquals("DeepSeek 余额", text(byId("account-heading")));
        assertEquals("赠送", balanceFactLabel(0, "part-granted"));
        assertEquals("充值", balanceFactLabel(0, "part-topped_up"));
      }
    }
  }

  @Test
  void showsMoneyOwedAsOwedNeverAsMoneyToSpend() throws IOException {
    // GIVEN a Moonshot account whose cash balance is 5 CNY in debt, more than its 3.50 of vouchers
    try (ProviderFake moonshot = ProviderFake.start()) {
      moonshot.stub(
          "/v1/users/me/balance",
          "{\"code\":0,\"data\":{\"available_balance\":-1.5,\"voucher_balance\":3.5,"
              + "\"cash_balance\":-5},\"scode\":\"0x0\",\"status\":true}");
      try (RunningApp own = pageOfAppCalling("moonshot", moonshot)) {
        // WHEN its balance is checked
        checkBalanceOf("moonshot");

        // THEN the negative amounts read as owed, and no minus sign offers them as money
        waitForBalances();
        WebElement entry = balances().get(0);
        assertEquals("¥1.50", balanceAmount(0));
        assertEquals("owed", text(entry.findElement(By.className("account-caption"))));
        assertTrue(
            entry
                .findElement(By.className("account-available"))
                .getDomAttribute("class")
                .contains("is-owed"));
        assertEquals("¥3.50", balanceFact(0, "part-voucher"));
        assertEquals("¥5.00 owed", balanceFact(0, "part-cash"));
        assertFalse(text(byId("account-balances")).contains("-"), text(byId("account-balances")));
        assertTrue(
            text(byId("account-remark")).contains("owes money"), text(byId("account-remark")));

        // WHEN the language is switched, THEN owed stays owed in Chinese
        toggleLanguage();
        assertEquals("欠款", text(balances().get(0).findElement(By.className("account-caption"))));
        assertEquals("欠 ¥5.00", balanceFact(0, "part-cash"));
      }
    }
  }

  @Test
  void readsARelayTokensBalanceInTheSitesUnitAndListsItsModels() throws IOException {
    // GIVEN a new-api relay that counts in USD and a token with $8 of $10 left
    try (ProviderFake relay = ProviderFake.start()) {
      relay.stubRelay(
          "{\"code\":true,\"data\":{\"object\":\"token_usage\",\"name\":\"my-token\","
              + "\"total_granted\":5000000,\"total_used\":1000000,\"total_available\":4000000,"
              + "\"unlimited_quota\":false,\"expires_at\":0}}");
      try (RunningApp own = pageOf(relayAppProperties())) {
        // WHEN the relay is chosen, its address pasted with /v1 and the key checked
        checkRelayKeyAt(relay.baseUrl() + "/v1");

        // THEN the card shows the key's dollars, and the rows the models the key may use
        List<WebElement> rows = waitForRows(2);
        assertEquals(1, balances().size());
        assertEquals("Key", balanceLabel(0));
        assertEquals("$8.00", balanceAmount(0));
        assertEquals("USD", balanceUnit(0));
        assertEquals("$10.00", balanceFact(0, "total"));
        assertEquals("$2.00", balanceFact(0, "used"));
        assertEquals("Token: my-token", text(byId("account-user")));
        assertFalse(hasFact(0, "expires"), "expires_at 0 is never");
        assertEquals(List.of("gpt-4o-mini", "deepseek-chat"), modelOrder());
        assertEquals("ok", rows.get(0).getDomAttribute("data-status"));
        assertFalse(
            rows.get(0).findElement(By.className("cell-quota")).isDisplayed(),
            "a relay's rows have no quota columns");
        relay
            .server()
            .verify(
                getRequestedFor(urlPathEqualTo("/api/usage/token/"))
                    .withHeader("Authorization", equalTo("Bearer " + RELAY_KEY)));

        // THEN the relay is remembered with its address, never with the key
        List<WebElement> items = historyItems();
        assertEquals(1, items.size());
        assertTrue(text(items.get(0)).contains(relay.baseUrl()), text(items.get(0)));
        assertTrue(text(items.get(0)).contains("all models of the key"), text(items.get(0)));
        String stored = String.valueOf(js("return localStorage.getItem('quotabot.history');"));
        assertFalse(stored.contains(RELAY_KEY), stored);

        js("document.activeElement.blur();");
        screenshot("page-relay.png", "light");
        screenshot("page-relay-dark.png", "dark");
        emulatePhone();
        screenshot("page-relay-phone.png", "light");
        screenshot("page-relay-phone-dark.png", "dark");
        resetEmulation();

        // WHEN the page is opened again and the entry clicked, THEN the relay is filled back in
        openPage(own);
        chooseProvider("modelscope");
        historyItems().get(0).click();
        assertEquals("newapi", js("return document.getElementById('provider').value;"));
        assertEquals(relay.baseUrl() + "/v1", byId("base-url").getDomProperty("value"));
        assertEquals("", byId("api-key").getDomProperty("value"));
      }
    }
  }

  @Test
  void showsAnUnlimitedRelayTokenAsUnlimitedWithTheNote() throws IOException {
    // GIVEN a relay token without a limit of its own (its available figure is negative)
    try (ProviderFake relay = ProviderFake.start()) {
      relay.stubRelay(
          "{\"code\":true,\"data\":{\"object\":\"token_usage\",\"name\":\"team\","
              + "\"total_granted\":0,\"total_used\":1500000,\"total_available\":-1500000,"
              + "\"unlimited_quota\":true,\"expires_at\":0}}");
      try (RunningApp own = pageOf(relayAppProperties())) {
        // WHEN it is checked
        checkRelayKeyAt(relay.baseUrl());

        // THEN it says "Unlimited", never a negative amount, and the note says where the money is
        waitForRows(2);
        assertEquals("Unlimited", balanceAmount(0));
        String figures = byId("account-balances").getText();
        assertFalse(figures.contains("-"), figures);
        String note = text(byId("account-remark"));
        assertTrue(note.contains("access token"), note);
        assertTrue(byId("account-remark").isDisplayed());
        js("document.activeElement.blur();");
        screenshot("page-relay-unlimited.png", "light");

        // WHEN the language is switched, THEN the card speaks Chinese (the note is the relay's)
        toggleLanguage();
        assertEquals("无限额度", balanceAmount(0));
      }
    }
  }

  @Test
  void showsARelayKeyAndTheAccountsWalletWithItsRequests() throws IOException {
    // GIVEN a relay token with $8 of $10 left, and the account's wallet: $25 left, $5 used, 321
    // requests, readable with the user id and the access token
    try (ProviderFake relay = ProviderFake.start()) {
      relay.stubRelay(
          "{\"code\":true,\"data\":{\"object\":\"token_usage\",\"name\":\"my-token\","
              + "\"total_granted\":5000000,\"total_used\":1000000,\"total_available\":4000000,"
              + "\"unlimited_quota\":false,\"expires_at\":0}}");
      relay
          .server()
          .stubFor(
              get(urlPathEqualTo("/api/user/self"))
                  .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                  .withHeader("New-Api-User", equalTo("42"))
                  .willReturn(
                      okJson(
                          "{\"success\":true,\"data\":{\"id\":42,\"username\":\"alice\","
                              + "\"quota\":12500000,\"used_quota\":2500000,"
                              + "\"request_count\":321}}")));
      try (RunningApp own = pageOf(relayAppProperties())) {
        // WHEN the relay is checked with the key and the admin access
        chooseProvider("newapi");
        byId("base-url").sendKeys(relay.baseUrl());
        byId("api-key").sendKeys(RELAY_KEY);
        byId("admin-section").findElement(By.tagName("summary")).click();
        byId("user-id").sendKeys("42");
        byId("access-token").sendKeys(ACCESS_TOKEN);
        byId("check-button").click();

        // THEN both are shown: the key's quota first (it limits spending), then the wallet with
        // its request count
        waitForRows(2);
        assertEquals(2, balances().size());
        assertEquals("key", balances().get(0).getDomAttribute("data-scope"));
        assertEquals("Key", balanceLabel(0));
        assertEquals("$8.00", balanceAmount(0));
        assertEquals("wallet", balances().get(1).getDomAttribute("data-scope"));
        assertEquals("Wallet", balanceLabel(1));
        assertEquals("$25.00", balanceAmount(1));
        assertEquals("USD", balanceUnit(1));
        assertEquals("$5.00", balanceFact(1, "used"));
        assertEquals("321", balanceFact(1, "requests"));
        assertEquals("Requests", balanceFactLabel(1, "requests"));
        relay
            .server()
            .verify(
                1,
                getRequestedFor(urlPathEqualTo("/api/user/self"))
                    .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));

        // THEN neither secret was kept
        String stored =
            String.valueOf(
                js(
                    "return JSON.stringify([Object.assign({}, localStorage),"
                        + " Object.assign({}, sessionStorage), document.cookie]);"));
        assertFalse(stored.contains(RELAY_KEY), stored);
        assertFalse(stored.contains(ACCESS_TOKEN), stored);
        js("document.activeElement.blur();");
        screenshot("page-relay-wallet.png", "light");
        screenshot("page-relay-wallet-dark.png", "dark");

        // WHEN the language is switched, THEN the entries speak Chinese
        toggleLanguage();
        assertEquals("密钥", balanceLabel(0));
        assertEquals("钱包", balanceLabel(1));
        assertEquals("请求次数", balanceFactLabel(1, "requests"));
      }
    }
  }

  @Test
  void usesModelListsSavedBeforeThereWereProvidersForTheDefaultProvider() {
    // GIVEN a history entry saved by an older page, which named no provider, and a relay chosen
    js(
        "localStorage.setItem('quotabot.history', JSON.stringify([{models: arguments[0],"
            + " at: '2025-06-01T08:00:00Z'}]));",
        List.of(QWEN_CODER, DEEPSEEK));
    chooseProvider("newapi");
    openPage(app);

    // WHEN its entry is clicked
    List<WebElement> items = historyItems();
    assertEquals(1, items.size());
    assertTrue(text(items.get(0)).startsWith("Qwen3-Coder-480B-A35B-Instruct, DeepSeek-V3.1"));
    items.get(0).click();

    // THEN it fills in the default provider's form, and a check of it is remembered as one entry
    assertEquals("modelscope", js("return document.getElementById('provider').value;"));
    assertEquals(QWEN_CODER + "\n" + DEEPSEEK, byId("models").getDomProperty("value"));
    byId("api-key").sendKeys(KEY);
    byId("check-button").click();
    waitForRows(2);
    assertEquals(1, historyItems().size(), "the old entry and the new one are the same check");
  }

  // ---------- what GET /api/providers declares beyond the seed (the declared cast) ----------

  @Test
  void showsEachRowsNamedWindowsUnderTheModelAndNeverTheSeedNumbersTwice() throws IOException {
    // GIVEN Groq (see DeclaredCast), whose rows carry named windows and none of the seed's numbers
    openDeclaredPage();
    chooseProvider("groq");
    byId("api-key").sendKeys(DeclaredCast.GROQ_KEY);

    // WHEN its two default models are checked
    byId("check-button").click();
    waitForRows(2);

    // THEN each row lists its windows under the model, named for people, unknown never 0
    WebElement large = row(DeclaredCast.GROQ_LARGE);
    assertEquals("requests/day 14,370 / 14,400 · resets in 3 h", window(large, "requests_per_day"));
    assertTrue(
        window(large, "tokens_per_minute")
            .matches("tokens/minute 5,900 / 6,000 · resets in \\d+ s"),
        window(large, "tokens_per_minute"));
    WebElement small = row(DeclaredCast.GROQ_SMALL);
    assertEquals("Limit reached", cell(small, ".badge"));
    assertEquals("requests/day 0 / 14,400 · resets in 2 h", window(small, "requests_per_day"));
    assertEquals("input tokens/minute unknown / 6,000", window(small, "input_tokens_per_minute"));
    assertTrue(
        small
            .findElement(By.cssSelector("[data-window=input_tokens_per_minute] .window-remaining"))
            .getDomAttribute("class")
            .contains("unknown"));
    // THEN the share left is the tightest window's, and the seed's empty columns are not shown
    assertEquals("98%", cell(large, ".share-percent"));
    assertEquals("of tokens/minute", cell(large, ".share-basis"));
    assertEquals("0%", cell(small, ".share-percent"));
    assertFalse(header("modelQuota").isDisplayed());
    assertFalse(large.findElement(By.className("cell-quota")).isDisplayed());
    js("document.activeElement.blur();");
    screenshot("page-windows.png", "light");
    emulatePhone();
    screenshot("page-windows-phone-dark.png", "dark");
    resetEmulation();

    // WHEN the language is switched, THEN the windows speak Chinese
    toggleLanguage();
    assertEquals(
        "请求/天 14,370 / 14,400 · 3 小时后重置", window(row(DeclaredCast.GROQ_LARGE), "requests_per_day"));
    toggleLanguage();

    // WHEN ModelScope is checked, whose rows repeat the seed's numbers as windows
    chooseProvider("modelscope");
    enterKeyAndModels(KEY, List.of(DEFAULT_A));
    byId("check-button").click();
    WebElement qwen = waitForRows(1).get(0);

    // THEN the numbers are in the seed's columns as today, and not repeated under the model
    assertEquals("123 / 500", cell(qwen, "td:nth-child(3)"));
    assertEquals("1,987 / 2,000", cell(qwen, "td:nth-child(4)"));
    assertTrue(header("modelQuota").isDisplayed());
    assertEquals(0, qwen.findElements(By.className("windows")).size());
  }

  @Test
  void showsTheCallEstimateWithThePricesItUsedAndTodaysGrant() throws IOException {
    // GIVEN a ModelScope account of 250 魔粒, 200 earned today and 50 still to earn, whose answer
    // estimates the calls of each price tier
    openDeclaredPage();

    // WHEN its balance is checked
    byId("api-key").sendKeys(KEY);
    byId("balance-button").click();
    waitForBalances();

    // THEN the card says it is an estimate, how many calls of each tier, and at which prices
    assertTrue(byId("account-estimate").isDisplayed());
    assertEquals("Estimated calls left", text(byId("account-estimate-label")));
    assertEquals(
        "≈ 500 light · 250 standard · 125 flagship calls, at 0.5 / 1 / 2 魔粒 a call",
        text(byId("account-estimate-text")));
    // THEN today's grant has readable labels
    assertEquals("Earned today", balanceFactLabel(0, "part-earned_today"));
    assertEquals("200", balanceFact(0, "part-earned_today"));
    assertEquals("Still to earn today", balanceFactLabel(0, "part-to_earn_today"));
    assertEquals("50", balanceFact(0, "part-to_earn_today"));
    js("document.activeElement.blur();");
    screenshot("page-estimate.png", "light");

    // WHEN the language is switched, THEN so are the estimate and the labels
    toggleLanguage();
    assertEquals("估计还可调用", text(byId("account-estimate-label")));
    assertEquals(
        "约 500 次轻量 · 250 次标准 · 125 次旗舰调用，按每次 0.5 / 1 / 2 魔粒计", text(byId("account-estimate-text")));
    assertEquals("今日已获得", balanceFactLabel(0, "part-earned_today"));
    assertEquals("今日还可获得", balanceFactLabel(0, "part-to_earn_today"));
  }

  @Test
  void showsTheWorstCaseCostBesideTheButtonAndFollowsTheModels() throws IOException {
    // GIVEN ModelScope, whose probe may spend 2 魔粒 a model, with its two default models
    openDeclaredPage();
    WebElement cost = byId("check-cost");

    // THEN the button is described by what the check may cost at most
    assertEquals("Costs at most 4 魔粒 (2 models × 2)", text(cost));
    assertEquals("check-cost", byId("check-button").getDomAttribute("aria-describedby"));
    js("document.activeElement.blur();");
    screenshot("page-cost.png", "light");

    // WHEN a third model is typed, THEN the cost follows at once
    byId("models").sendKeys("\n" + QWEN_CODER);
    assertEquals("Costs at most 6 魔粒 (3 models × 2)", text(cost));

    // WHEN the models are cleared (only the free balance check is left), THEN no cost is shown
    byId("models").clear();
    assertFalse(cost.isDisplayed());
    assertNull(byId("check-button").getDomAttribute("aria-describedby"));

    // WHEN Groq is chosen, whose probe counts one request against the key's rate limits
    chooseProvider("groq");
    assertEquals("Uses 2 requests of your rate limits", text(cost));
    byId("models").clear();
    byId("models").sendKeys(DeclaredCast.GROQ_LARGE);
    assertEquals("Uses 1 request of your rate limits", text(cost));

    // WHEN a provider that probes nothing is chosen, THEN nothing is shown
    chooseProvider("deepseek");
    assertFalse(cost.isDisplayed());
    assertNull(byId("check-button").getDomAttribute("aria-describedby"));

    // WHEN ModelScope is chosen again, its defaults put back and the page read in Chinese, THEN
    // the cost is back, in Chinese
    chooseProvider("modelscope");
    byId("reset-models").click();
    toggleLanguage();
    assertEquals("最多花费 4 魔粒（2 个模型 × 2）", text(cost));
  }

  @Test
  void choosesTheProviderThatAloneDeclaresThePastedKeysPrefixWithoutSendingAnything() {
    // GIVEN the page last used with Groq
    openDeclaredPage();
    js("localStorage.setItem('quotabot.provider', 'groq');");
    openPage(declaredUri());
    assertEquals("groq", selectedProvider());
    DeclaredCast.CALLS.clear();

    // WHEN a ModelScope key is pasted
    pasteKey(KEY);

    // THEN ModelScope is chosen, and the page says why
    assertEquals("modelscope", selectedProvider());
    assertEquals("ModelScope chosen: its keys start with ms-.", text(byId("api-key-provider")));
    assertTrue(
        String.valueOf(byId("api-key").getDomAttribute("aria-describedby"))
            .contains("api-key-provider"));

    // WHEN an OpenRouter key is pasted, THEN its longer prefix wins over the shared sk-
    pasteKey(DeclaredCast.OPENROUTER_KEY);
    assertEquals("openrouter", selectedProvider());
    assertEquals("OpenRouter chosen: its keys start with sk-or-.", text(byId("api-key-provider")));

    // THEN nothing reached any provider, not even for a model list
    assertEquals(List.of(), DeclaredCast.CALLS);
    assertTrue(byId("results-empty").isDisplayed());
  }

  @Test
  void leavesTheProviderAsItIsWhenSeveralDeclareTheKeysPrefix() {
    // GIVEN Groq chosen
    openDeclaredPage();
    chooseProvider("groq");

    // WHEN a key is pasted whose prefix DeepSeek and Moonshot both declare
    pasteKey(DeclaredCast.SHARED_KEY);

    // THEN the choice stays, and the page asks for one
    assertEquals("groq", selectedProvider());
    assertEquals(
        "Keys that start with sk- are used by several providers (DeepSeek, Moonshot): choose one.",
        text(byId("api-key-provider")));

    // WHEN the language is switched, THEN it asks in Chinese
    toggleLanguage();
    assertEquals("以 sk- 开头的密钥被多个服务商使用（DeepSeek, Moonshot）：请选择一个。", text(byId("api-key-provider")));
  }

  @Test
  void keepsTheProviderChosenByHandAfterThePasteUntilTheNextPaste() {
    // GIVEN a Groq key pasted (Groq chosen from it), then DeepSeek chosen by hand
    openDeclaredPage();
    pasteKey(DeclaredCast.GROQ_KEY);
    assertEquals("groq", selectedProvider());
    chooseProvider("deepseek");
    assertEquals("", text(byId("api-key-provider")));

    // WHEN the key is edited
    byId("api-key").sendKeys(Keys.BACK_SPACE, "Z");

    // THEN the hand's choice stays
    assertEquals("deepseek", selectedProvider());
    assertEquals("", text(byId("api-key-provider")));

    // WHEN another key is pasted, THEN its prefix chooses again
    pasteKey(KEY);
    assertEquals("modelscope", selectedProvider());
  }

  @Test
  void offersNoBalanceCheckForAProviderWithoutBalancesAndLinksItsConsoleSafely()
      throws IOException {
    // GIVEN Groq, which reads no balance, only the limits that come with each answer
    openDeclaredPage();
    chooseProvider("groq");

    // THEN there is no balance-only check
    assertFalse(byId("balance-button").isDisplayed());

    // WHEN a model is checked
    byId("api-key").sendKeys(DeclaredCast.GROQ_KEY);
    byId("models").clear();
    byId("models").sendKeys(DeclaredCast.GROQ_LARGE);
    byId("check-button").click();
    waitForRows(1);

    // THEN the card is the account's: its note, and its console as a link that leaks nothing
    assertEquals("Groq account", text(byId("account-heading")));
    assertEquals("ok", byId("account").getDomAttribute("data-state"));
    assertFalse(byId("account-balances").isDisplayed());
    assertFalse(byId("account-estimate").isDisplayed());
    assertEquals(DeclaredCast.GROQ_NOTE, text(byId("account-remark")));
    WebElement link = byId("account-console").findElement(By.tagName("a"));
    assertEquals(DeclaredCast.GROQ_CONSOLE, link.getDomAttribute("href"));
    assertEquals(DeclaredCast.GROQ_CONSOLE, text(link));
    assertEquals("noopener noreferrer", link.getDomAttribute("rel"));
    assertEquals("_blank", link.getDomAttribute("target"));
    js("document.activeElement.blur();");
    screenshot("page-no-balances.png", "light");

    // WHEN a provider declares a console address that is not http(s), THEN it is only text
    chooseProvider("moonshot");
    byId("check-button").click();
    waitForBalances();
    assertEquals(
        DeclaredCast.SCRIPT_CONSOLE,
        text(byId("account-console").findElement(By.className("console-url"))));
    assertEquals(0, byId("account-console").findElements(By.tagName("a")).size());
  }

  // ---------- the cast ----------

  /**
   * The cast of the tests of what GET /api/providers declares beyond the seed: key prefixes, what a
   * probe may cost, console pages, rows with named windows and accounts with call estimates. The
   * real web layer serves it, over providers that answer as the test says (the providers that read
   * these upstreams are built elsewhere); the JSON is the server's own.
   *
   * <p>Key prefixes as their owners document them: {@code ms-} ModelScope (its access tokens, see
   * the README's fingerprints); {@code gsk_} Groq (https://console.groq.com/docs/quickstart, and
   * secret scanners' Groq rule {@code gsk_[a-zA-Z0-9]{52}}); {@code sk-or-} OpenRouter ("OpenRouter
   * treats a bearer that starts with sk-or-v1- as an API key",
   * https://openrouter.ai/docs/guides/overview/auth/api-keys); {@code sk-} both DeepSeek and
   * Moonshot (their key hints in this product), the shared prefix issue 11 names. ModelScope's tier
   * prices, 0.5 / 1 / 2 魔粒 a call, are from its limits page (shared notes, modelscope.md §2b);
   * Groq's windows (requests per day, tokens per minute) and console page from
   * https://console.groq.com/docs/rate-limits.
   */
  private static final class DeclaredCast {
    static final String GROQ_KEY = "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";
    static final String OPENROUTER_KEY =
        "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";
    static final String SHARED_KEY = "sk-9a8b7c6d5e4f30211203f4e5d6c7b8a9";
    static final String GROQ_LARGE = "llama-3.3-70b-versatile";
    static final String GROQ_SMALL = "llama-3.1-8b-instant";
    static final String GROQ_CONSOLE = "https://console.groq.com/settings/limits";
    static final String GROQ_NOTE =
        "Groq reports no balance through its API: each model's limits come with its answer.";
    static final String SCRIPT_CONSOLE = "javascript:alert(3)";

    /** What the providers were asked, in order: a query or a model list. */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private DeclaredCast() {}

    static WebServer serve() {
      QuotaSettings settings =
          new QuotaSettings(
              List.of(DEFAULT_A, DEFAULT_B), 50, Duration.ofSeconds(5), Duration.ofSeconds(10), 10);
      WebConfig web =
          new WebConfig("127.0.0.1", 0, 1_000_000, false, List.of(), Duration.ofSeconds(2));
      return WebServer.start(
          web,
          CoreDoubles.service(
              settings,
              Clock.systemUTC(),
              modelScope(),
              groq(),
              openRouter(),
              deepSeek(),
              moonshot()));
    }

    /**
     * 250 魔粒 (200 earned today, 50 to earn), estimated per tier; rows repeat the seed's numbers.
     */
    private static Provider modelScope() {
      ProviderInfo info =
          new ProviderInfo(
                  "modelscope",
                  "ModelScope",
                  EnumSet.of(
                      Capability.BALANCES, Capability.PROBES_MODELS, Capability.MODEL_CATALOG),
                  "魔粒",
                  List.of(DEFAULT_A, DEFAULT_B),
                  "ms-…")
              .withKeyPrefixes("ms-")
              .withProbeCost(new ProbeCost(BigDecimal.valueOf(2), "魔粒", ProbeCost.Kind.SPENDS));
      Balance magicubes =
          Balance.of(Balance.Scope.ACCOUNT, "魔粒")
              .available(BigDecimal.valueOf(250))
              .total(BigDecimal.valueOf(250))
              .part("earned_today", BigDecimal.valueOf(200))
              .part("to_earn_today", BigDecimal.valueOf(50))
              .build();
      Account account =
          Account.read("modelscope", List.of(magicubes), "tester", (Text) null)
              .withEstimatedCalls(
                  List.of(
                      new CallEstimate("light", new BigDecimal("0.5"), 500),
                      new CallEstimate("standard", BigDecimal.ONE, 250),
                      new CallEstimate("flagship", BigDecimal.valueOf(2), 125)));
      return new Declared(
          info,
          account,
          model ->
              new ModelQuota(
                  model,
                  new RateLimits(2000L, 1987L, 500L, 123L),
                  ProbeStatus.OK,
                  null,
                  null,
                  40,
                  List.of(
                      new RateWindow("requests_per_day", 2000L, 1987L, null),
                      new RateWindow("model_requests_per_day", 500L, 123L, null))),
          recording("modelscope", CoreDoubles.catalog(List.of(DEFAULT_A, DEFAULT_B))));
    }

    /**
     * No balance; each row's windows as Groq's headers tell them (a day of requests, a minute of
     * tokens).
     */
    private static Provider groq() {
      ProviderInfo info =
          new ProviderInfo(
                  "groq",
                  "Groq",
                  EnumSet.of(Capability.PROBES_MODELS),
                  null,
                  List.of(GROQ_LARGE, GROQ_SMALL),
                  "gsk_…")
              .withKeyPrefixes("gsk_")
              .withProbeCost(new ProbeCost(BigDecimal.ONE, "requests", ProbeCost.Kind.COUNTS))
              .withConsoleUrl(GROQ_CONSOLE);
      return new Declared(
          info,
          Account.read("groq", List.of(), null, Text.upstream(GROQ_NOTE)),
          model -> {
            Instant now = Instant.now();
            return GROQ_LARGE.equals(model)
                ? new ModelQuota(
                    model,
                    RateLimits.UNKNOWN,
                    ProbeStatus.OK,
                    null,
                    null,
                    35,
                    List.of(
                        new RateWindow(
                            "requests_per_day", 14_400L, 14_370L, now.plus(Duration.ofHours(3))),
                        new RateWindow("tokens_per_minute", 6_000L, 5_900L, now.plusSeconds(10))))
                : new ModelQuota(
                    model,
                    RateLimits.UNKNOWN,
                    ProbeStatus.LIMIT_REACHED,
                    Text.upstream("Rate limit reached (HTTP 429): requests per day"),
                    null,
                    30,
                    List.of(
                        new RateWindow(
                            "requests_per_day", 14_400L, 0L, now.plus(Duration.ofHours(2))),
                        new RateWindow("input_tokens_per_minute", 6_000L, null, null)));
          },
          ModelDirectory.NONE);
    }

    private static Provider openRouter() {
      return balanceOnly(
          new ProviderInfo(
                  "openrouter",
                  "OpenRouter",
                  EnumSet.of(Capability.BALANCES),
                  "USD",
                  List.of(),
                  "sk-or-…")
              .withKeyPrefixes("sk-or-"));
    }

    private static Provider deepSeek() {
      return balanceOnly(
          new ProviderInfo(
                  "deepseek", "DeepSeek", EnumSet.of(Capability.BALANCES), "CNY", List.of(), "sk-…")
              .withKeyPrefixes("sk-"));
    }

    /** Declares a console address that is no web page: the page must never make it a link. */
    private static Provider moonshot() {
      return balanceOnly(
          new ProviderInfo(
                  "moonshot", "Moonshot", EnumSet.of(Capability.BALANCES), "CNY", List.of(), "sk-…")
              .withKeyPrefixes("sk-")
              .withConsoleUrl(SCRIPT_CONSOLE));
    }

    private static Provider balanceOnly(ProviderInfo info) {
      Balance balance =
          Balance.of(Balance.Scope.ACCOUNT, info.unit()).available(BigDecimal.TEN).build();
      return new Declared(
          info,
          Account.read(info.id(), List.of(balance), null, (Text) null),
          model -> {
            throw new AssertionError(info.id() + " probes no model");
          },
          ModelDirectory.NONE);
    }

    /** The model list, noting each time it is asked for. */
    private static ModelDirectory recording(String id, ModelDirectory catalog) {
      return new ModelDirectory() {
        @Override
        public CompletableFuture<CatalogSnapshot> snapshot() {
          CALLS.add(id + " model list");
          return catalog.snapshot();
        }

        @Override
        public CatalogSnapshot current() {
          CALLS.add(id + " model list");
          return catalog.current();
        }
      };
    }
  }

  /** A provider of the declared cast: its declaration, its account and its row for each model. */
  private record Declared(
      ProviderInfo info, Account account, Function<String, ModelQuota> rows, ModelDirectory catalog)
      implements Provider {

    @Override
    public CompletableFuture<ProviderResult> readAccount(ProviderRequest request) {
      DeclaredCast.CALLS.add(info.id() + " account");
      return CompletableFuture.completedFuture(ProviderResult.balanceOnly(account));
    }

    @Override
    public CompletableFuture<ModelQuota> probe(ProviderRequest request, String model) {
      DeclaredCast.CALLS.add(info.id() + " " + model);
      return CompletableFuture.completedFuture(rows.apply(model));
    }
  }

  private static Map<String, String> relayAppProperties() {
    Map<String, String> properties = appProperties(modelScope, 1000);
    properties.put("upstream.allow_http", "true");
    properties.put("upstream.allow_private_addresses", "true");
    return properties;
  }

  /** WireMock standing in for a provider's or a relay's API. */
  private record ProviderFake(WireMockServer server) implements AutoCloseable {
    static ProviderFake start() {
      WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
      server.start();
      return new ProviderFake(server);
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.port();
    }

    void stub(String path, String json) {
      server.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(json)));
    }

    /** A new-api relay counting 500000 units per USD, whose key may use two models. */
    void stubRelay(String tokenUsage) {
      stub(
          "/api/status",
          "{\"success\":true,\"data\":{\"quota_per_unit\":500000,"
              + "\"quota_display_type\":\"USD\"}}");
      stub("/api/usage/token/", tokenUsage);
      stub(
          "/v1/models",
          "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\","
              + "\"owned_by\":\"openai\"},{\"id\":\"deepseek-chat\",\"object\":\"model\","
              + "\"owned_by\":\"deepseek\"}]}");
    }

    @Override
    public void close() {
      server.stop();
    }
  }

  private static Map<String, String> appProperties(FakeModelScope fake, int queriesPerMinute) {
    Map<String, String> properties = new HashMap<>(fake.properties());
    properties.put("quota.default_models", DEFAULT_A + "," + DEFAULT_B);
    properties.put("web.rate_limit_per_minute", Integer.toString(queriesPerMinute));
    return properties;
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
    stubModel(FAST, quota(2000, 1990, 400, 321).withFixedDelay(200));
    stubModel(SLOW, quota(2000, 1989, 50, 49).withFixedDelay(SLOW_MS));
  }

  private static void stubModel(String model, ResponseDefinitionBuilder answer) {
    modelScope
        .server()
        .stubFor(
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

  /** An app started with {@code properties}, its page open. */
  private RunningApp pageOf(Map<String, String> properties) {
    RunningApp own = RunningApp.start(properties);
    try {
      openPage(own);
      return own;
    } catch (RuntimeException | Error failed) {
      own.close();
      throw failed;
    }
  }

  /** An app whose official {@code provider} is {@code fake}, its page open. */
  private RunningApp pageOfAppCalling(String provider, ProviderFake fake) {
    Map<String, String> properties = appProperties(modelScope, 1000);
    properties.put("provider." + provider + ".base_url", fake.baseUrl());
    return pageOf(properties);
  }

  /** Chooses {@code provider}, enters {@link #KEY} and checks. */
  private void checkBalanceOf(String provider) {
    chooseProvider(provider);
    byId("api-key").sendKeys(KEY);
    byId("check-button").click();
  }

  /** Chooses the relay, enters {@code baseUrl} and {@link #RELAY_KEY}, and checks. */
  private void checkRelayKeyAt(String baseUrl) {
    chooseProvider("newapi");
    byId("base-url").sendKeys(baseUrl);
    byId("api-key").sendKeys(RELAY_KEY);
    byId("check-button").click();
  }

  private void openPage(RunningApp target) {
    openPage(target.uri("/"));
  }

  private void openPage(URI page) {
    driver.get(page.toString());
    // The page is ready once it has read the providers and the limits from the server.
    wait.until(d -> "true".equals(byId("check-form").getDomAttribute("data-ready")));
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

  /** The whole page in a colour scheme, as PNG under target/screenshots/. */
  private static void screenshot(String name, String scheme) throws IOException {
    emulateColorScheme(scheme);
    HeadlessChromium.screenshot(driver, name);
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

  /** Read in one script, so rows that arrive meanwhile cannot make a half-read list. */
  private List<String> modelOrder() {
    List<?> names =
        (List<?>)
            js(
                "return [...document.querySelectorAll('#results-body .model-name')]"
                    + ".map(name => name.textContent);");
    return names.stream().map(String::valueOf).toList();
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  private WebElement header(String column) {
    return driver.findElement(By.cssSelector("th[data-sort=" + column + "]"));
  }

  private List<String> suggestions() {
    return byId("model-suggestions").findElements(By.cssSelector("[role=option]")).stream()
        .map(HeadlessChromium::text)
        .toList();
  }

  private static String dateTime(WebElement time) {
    return String.valueOf(time.getDomProperty("dateTime"));
  }

  private static Instant nextMidnightUtc8(Instant now) {
    return now.atOffset(MODELSCOPE_RESET_ZONE)
        .toLocalDate()
        .plusDays(1)
        .atStartOfDay()
        .toInstant(MODELSCOPE_RESET_ZONE);
  }

  /**
   * "Daily quota resets in 5 h 12 min" counts the minutes (rounded up) left until {@code reset}.
   */
  private static void assertMinutesUntilReset(String text, Instant reset) {
    Matcher parts = Pattern.compile("Daily quota resets in (?:(\\d+) h )?(\\d+) min").matcher(text);
    assertTrue(parts.matches(), text);
    long shown =
        (parts.group(1) == null ? 0 : Long.parseLong(parts.group(1)) * 60)
            + Long.parseLong(parts.group(2));
    long expected = (Duration.between(Instant.now(), reset).toSeconds() + 59) / 60;
    assertTrue(Math.abs(shown - expected) <= 1, text + " but " + expected + " min are left");
    assertTrue(parts.group(2) != null && Long.parseLong(parts.group(2)) < 60, text);
  }

  private static URI declaredUri() {
    return URI.create("http://127.0.0.1:" + declared.port() + "/");
  }

  /**
   * The declared cast's page, fresh: its origin is not the app's, so its storage (language,
   * provider, history) is cleared here.
   */
  private void openDeclaredPage() {
    openPage(declaredUri());
    js("localStorage.clear(); sessionStorage.clear();");
    openPage(declaredUri());
    DeclaredCast.CALLS.clear();
  }

  /**
   * Pastes {@code text} over the key field's content as a person does: from the clipboard, with
   * Ctrl+V (so the page sees a paste, not typing).
   */
  private void pasteKey(String text) {
    driver.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of("permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    WebElement key = byId("api-key");
    key.click();
    Object failure =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " navigator.clipboard.writeText(arguments[0])"
                    + ".then(() => done(null), e => done(String(e)));",
                text);
    assertNull(failure, "the clipboard could not be written");
    key.sendKeys(Keys.chord(Keys.CONTROL, "a"));
    key.sendKeys(Keys.chord(Keys.CONTROL, "v"));
    wait.until(d -> text.equals(key.getDomProperty("value")));
  }

  private String selectedProvider() {
    return String.valueOf(js("return document.getElementById('provider').value;"));
  }

  /** The line of a row's named window, e.g. "requests/day 14,370 / 14,400 · resets in 3 h". */
  private static String window(WebElement row, String name) {
    return cell(row, "[data-window=" + name + "]");
  }

  private void chooseProvider(String id) {
    new Select(byId("provider")).selectByValue(id);
  }

  private List<String> providerOptions() {
    return new Select(byId("provider"))
        .getOptions().stream()
            .map(option -> String.valueOf(option.getDomProperty("value")))
            .toList();
  }

  /** Waits until a check is over and the card shows its balance entries. */
  private void waitForBalances() {
    wait.until(
        d ->
            "false".equals(byId("results").getDomAttribute("aria-busy"))
                && byId("account-balances").isDisplayed());
  }

  private List<WebElement> balances() {
    return driver.findElements(By.cssSelector("#account-balances > .balance"));
  }

  private String balanceLabel(int index) {
    return text(balances().get(index).findElement(By.className("balance-label")));
  }

  private String balanceAmount(int index) {
    return text(balances().get(index).findElement(By.className("account-amount")));
  }

  private String balanceUnit(int index) {
    return text(balances().get(index).findElement(By.className("account-unit")));
  }

  private String balanceFact(int index, String name) {
    return text(factOf(index, name).findElement(By.tagName("dd")));
  }

  private String balanceFactLabel(int index, String name) {
    return text(factOf(index, name).findElement(By.tagName("dt")));
  }

  private boolean hasFact(int index, String name) {
    return !balances()
        .get(index)
        .findElements(By.cssSelector("[data-fact='" + name + "']"))
        .isEmpty();
  }

  private WebElement factOf(int index, String name) {
    return balances().get(index).findElement(By.cssSelector("[data-fact='" + name + "']"));
  }

  private static String string(JsonElement object, String name) {
    return object.getAsJsonObject().get(name).getAsString();
  }

  private static List<String> strings(JsonObject object, String name) {
    return object.getAsJsonArray(name).asList().stream().map(JsonElement::getAsString).toList();
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

  /**
   * Switches between English and Simplified Chinese with the language picker, as a person would.
   */
  private static void toggleLanguage() {
    boolean english = "en".equals(js("return document.documentElement.lang;"));
    new Select(byId("lang-select")).selectByValue(english ? "zh-CN" : "en");
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

  private static Object js(String script, Object... args) {
    return HeadlessChromium.js(driver, script, args);
  }
}

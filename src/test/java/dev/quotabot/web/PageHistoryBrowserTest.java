package dev.quotabot.web;

import static dev.quotabot.support.HeadlessChromium.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.config.WebConfig;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelDirectory;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.Text;
import dev.quotabot.support.BrowserSession;
import dev.quotabot.support.CoreDoubles;
import dev.quotabot.support.HeadlessChromium;
import dev.quotabot.support.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page's "where the balance is going" panel (js/history.js) in a real headless Chromium: the
 * real web layer streams the answers of a provider whose balance the test sets, under a clock the
 * test moves, so each check's {@code checked_at} (the time the panel records) is the test's. What
 * the browser keeps is read back from localStorage, all of it, and must never hold the key.
 */
final class PageHistoryBrowserTest {
  private static final String KEY = "sk-7a1c2b3d4e5f60718293a4b5c6d7e8f9";
  private static final String FINGERPRINT = "sk-…e8f9";
  private static final String WALLET = "wallet";
  private static final String STORAGE_KEY = "quotabot.balance_history";

  /** The server's clock: each check's checked_at is whatever the test set it to. */
  private static final MutableClock CLOCK = new MutableClock(Instant.now());

  /** The key's balance the provider reports at the next check. */
  private static volatile BigDecimal balance = new BigDecimal("100");

  @AutoClose private static WebServer server;
  private static ChromeDriver driver;
  @AutoClose private static BrowserSession browser;
  private static String browserMissing;

  private WebDriverWait wait;
  private int checks;

  @BeforeAll
  static void startServerAndBrowser() throws IOException {
    browserMissing = HeadlessChromium.unavailable("PageHistoryBrowserTest");
    if (browserMissing != null) {
      return;
    }
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofSeconds(5), Duration.ofSeconds(10), 10);
    WebConfig web =
        new WebConfig("127.0.0.1", 0, 1_000_000, false, List.of(), Duration.ofSeconds(2));
    server = WebServer.start(web, CoreDoubles.service(settings, CLOCK, wallet()));
    browser = BrowserSession.start();
    driver = browser.driver();
  }

  @BeforeEach
  void openFreshPage() {
    if (browserMissing != null) {
      Assumptions.abort("SKIPPED: " + browserMissing);
    }
    wait = HeadlessChromium.waitFor(driver);
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    openPage();
    HeadlessChromium.forgetEarlierTests(driver);
    openPage();
    checks = 0;
  }

  @AfterEach
  void pageHadNoErrorsAndStoredNoKey() {
    if (browserMissing != null) {
      return;
    }
    assertStorageNeverHoldsTheKey();
    HeadlessChromium.assertPageHadNoErrors(driver, List.of());
  }

  @Test
  void drawsAChartAfterThreeChecksWithTheBurnRateAndWhenItRunsOut() throws IOException {
    // GIVEN nothing recorded, the panel says so and that it stays in this browser
    assertTrue(byId("history").isDisplayed());
    assertEquals("Balance history: where it is going", text(byId("bh-heading")));
    assertTrue(text(byId("bh-note")).startsWith("Kept in this browser only"));
    assertTrue(byId("bh-empty").isDisplayed());
    assertFalse(byId("bh-clear").isDisplayed());

    // WHEN the key is checked on three days, its balance going 100, 80, 60 dollars
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
    checkAt(start, "100");
    // THEN one check is a point, not yet a trend
    assertEquals(1, series().size());
    assertEquals(
        "Not enough data for a trend (needs 3 checks over at least 6 hours).",
        cell(series().get(0), ".bh-trend-text"));
    checkAt(start.plus(Duration.ofDays(1)), "80");
    assertEquals("few", trendOf(series().get(0)));
    checkAt(start.plus(Duration.ofDays(2)), "60");

    // THEN one chart for the key's balance, named by the key's fingerprint, with three points
    List<WebElement> series = series();
    assertEquals(1, series.size());
    WebElement chart = series.get(0);
    assertEquals(WALLET + "|" + FINGERPRINT + "|key|USD", chart.getDomAttribute("data-series"));
    assertEquals("Wallet Co · " + FINGERPRINT + " · key (USD)", cell(chart, ".bh-title"));
    assertEquals("$60.00", cell(chart, ".bh-latest"));
    assertEquals(3, chart.findElements(By.cssSelector("svg.bh-chart circle.bh-dot")).size());
    String line = chart.findElement(By.cssSelector("polyline.bh-line")).getDomAttribute("points");
    assertEquals(3, line.split(" ").length, line);
    assertEquals(1, chart.findElements(By.cssSelector("line.bh-trend")).size());
    assertEquals(
        "Wallet Co · sk-…e8f9 · key (USD): balance over the last 30 days",
        text(chart.findElement(By.cssSelector("svg.bh-chart > title"))));

    // THEN the trend: 20 dollars a day, so the 60 left last about 3 days
    assertEquals("falling", trendOf(chart));
    assertEquals("Burn rate ≈ $20.00 a day", cell(chart, ".bh-burn"));
    assertEquals("runs out in ≈ 3 days", cell(chart, ".bh-runout"));
    assertTrue(cell(chart, ".bh-count").startsWith("3 checks since "), cell(chart, ".bh-count"));
    assertFalse(byId("bh-empty").isDisplayed());
    assertTrue(byId("bh-clear").isDisplayed());

    // THEN the times recorded are the server's checked_at, not the browser's clock
    assertEquals(
        List.of(
            start.toEpochMilli(),
            start.plus(Duration.ofDays(1)).toEpochMilli(),
            start.plus(Duration.ofDays(2)).toEpochMilli()),
        js(
            "return JSON.parse(localStorage.getItem(arguments[0]))"
                + ".series[0].points.map(p => p.t);",
            STORAGE_KEY));

    js("document.activeElement.blur();");
    HeadlessChromium.screenshot(driver, "page-history-three-checks.png");

    // WHEN the page switches to Chinese, THEN the panel follows
    new Select(byId("lang-select")).selectByValue("zh-CN");
    wait.until(d -> "余额历史：余额的去向".equals(text(byId("bh-heading"))));
    assertEquals("约 3 天后用完", cell(series().get(0), ".bh-runout"));
    assertEquals("消耗速度 ≈ 每天 US$20.00", cell(series().get(0), ".bh-burn"));
    assertTrue(text(byId("bh-note")).startsWith("仅保存在本浏览器"));
    js("document.activeElement.blur();");
    HeadlessChromium.screenshot(driver, "page-history-zh.png");
    new Select(byId("lang-select")).selectByValue("en");
    wait.until(d -> "Balance history: where it is going".equals(text(byId("bh-heading"))));

    // AND the panel fits a phone
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    HeadlessChromium.screenshot(driver, "page-history-phone.png");
    assertTrue(series().get(0).findElement(By.cssSelector("svg.bh-chart")).isDisplayed());
  }

  @Test
  void speaksInEachLanguageOfThePage() {
    // GIVEN a trend drawn
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
    checkAt(start, "100");
    checkAt(start.plus(Duration.ofDays(1)), "80");
    checkAt(start.plus(Duration.ofDays(2)), "60");

    // WHEN the page's language is each of the bot's, THEN the panel's words are that language's
    Map<String, List<String>> expected =
        Map.of(
            "zh-TW", List.of("餘額歷史：餘額的去向", "約 3 天後用完"),
            "ja", List.of("残高の履歴：残高の推移", "あと約 3 日でなくなります"),
            "ko", List.of("잔액 기록: 잔액 추이", "약 3일 후 소진"),
            "en", List.of("Balance history: where it is going", "runs out in ≈ 3 days"));
    for (Map.Entry<String, List<String>> language : expected.entrySet()) {
      js("document.documentElement.lang = arguments[0];", language.getKey());
      wait.until(d -> language.getValue().get(0).equals(text(byId("bh-heading"))));
      assertEquals(language.getValue().get(1), cell(series().get(0), ".bh-runout"));
    }
    js("document.documentElement.lang = 'en';");
  }

  @Test
  void clearsEverythingRecordedWithOneClick() {
    // GIVEN two checks recorded
    Instant start = Instant.now().minus(Duration.ofHours(5));
    checkAt(start, "50");
    checkAt(start.plus(Duration.ofHours(1)), "49");
    assertEquals(1, series().size());

    // WHEN "Clear history" is clicked
    byId("bh-clear").click();

    // THEN nothing is drawn, nothing is kept, and it is said
    assertEquals(0, series().size());
    assertTrue(byId("bh-empty").isDisplayed());
    assertFalse(byId("bh-clear").isDisplayed());
    assertEquals(
        0L,
        js("return JSON.parse(localStorage.getItem(arguments[0])).series.length;", STORAGE_KEY));
    wait.until(d -> "History cleared.".equals(text(byId("bh-status"))));
    assertEquals("bh-record", js("return document.activeElement.id;"));
  }

  @Test
  void recordsNothingWhileRecordingIsOffAndRemembersTheSetting() throws IOException {
    // GIVEN one check recorded
    Instant start = Instant.now().minus(Duration.ofHours(10));
    checkAt(start, "30");
    assertEquals(1, pointsStored());

    // WHEN recording is turned off and the key checked twice more
    byId("bh-record").click();
    assertFalse(byId("bh-record").isSelected());
    checkAt(start.plus(Duration.ofHours(4)), "25");
    checkAt(start.plus(Duration.ofHours(8)), "20");

    // THEN nothing more was recorded, and the page says recording is off
    assertEquals(1, pointsStored());
    assertEquals(1, series().get(0).findElements(By.cssSelector("circle.bh-dot")).size());
    assertEquals("Recording is off: checks are not recorded.", text(byId("bh-empty")));

    // WHEN the page is opened again, THEN the setting is remembered
    openPage();
    assertFalse(byId("bh-record").isSelected());
    assertEquals("false", byId("history").getDomAttribute("data-recording"));
    js("document.activeElement.blur();");
    HeadlessChromium.screenshot(driver, "page-history-off.png");

    // WHEN it is turned on again, THEN the next check is recorded
    checks = 0;
    byId("bh-record").click();
    checkAt(start.plus(Duration.ofHours(9)), "19");
    assertEquals(2, pointsStored());
  }

  @Test
  void drawsOnlyTheLast30DaysSaysWhenABalanceIsNotGoingDownAndDropsWhatCouldBeAKey() {
    // GIVEN a record written earlier: a balance topped up over the last days, one point from 40
    // days ago, and a series whose "fingerprint" is a whole key (tampered with, or a bug)
    long now = System.currentTimeMillis();
    long day = Duration.ofDays(1).toMillis();
    js(
        "localStorage.setItem(arguments[0], JSON.stringify({version: 1, recording: true, series: ["
            + " {provider: 'wallet', fingerprint: 'sk-…e8f9', scope: 'account', unit: 'CNY',"
            + "  points: [{t: arguments[1] - 40 * arguments[2], available: 500},"
            + "           {t: arguments[1] - 3 * arguments[2], available: 10},"
            + "           {t: arguments[1] - 2 * arguments[2], available: 12},"
            + "           {t: arguments[1] - arguments[2], available: 15}]},"
            + " {provider: 'wallet', fingerprint: arguments[3], scope: 'key', unit: 'USD',"
            + "  points: [{t: arguments[1], available: 1}]}]}));",
        STORAGE_KEY,
        now,
        day,
        KEY);

    // WHEN the page is opened
    openPage();

    // THEN only the readable series is drawn, with the points of the last 30 days
    List<WebElement> series = series();
    assertEquals(1, series.size());
    assertEquals(3, series.get(0).findElements(By.cssSelector("circle.bh-dot")).size());
    // AND a balance going up has no run-out date
    assertEquals("steady", trendOf(series.get(0)));
    assertEquals("Not going down: no run-out date.", cell(series.get(0), ".bh-trend-text"));

    // WHEN the next check is recorded, THEN what was dropped is gone from the storage too
    checkAt(Instant.ofEpochMilli(now), "9");
    assertFalse(
        String.valueOf(js("return localStorage.getItem(arguments[0]);", STORAGE_KEY))
            .contains(KEY));
    assertEquals(4L, pointsStored());
  }

  // ---------- the provider and its clock ----------

  /** Reads the key's balance, in dollars, as the test set it; probes no model. */
  private static Provider wallet() {
    ProviderInfo info =
        new ProviderInfo(
            WALLET, "Wallet Co", EnumSet.of(Capability.BALANCES), "USD", List.of(), "sk-…");
    return CoreDoubles.declaring(
        info,
        request ->
            CompletableFuture.completedFuture(
                ProviderResult.balanceOnly(
                    Account.read(
                        WALLET,
                        List.of(
                            Balance.of(Balance.Scope.KEY, "USD")
                                .available(balance)
                                .total(new BigDecimal("200"))
                                .build()),
                        null,
                        (Text) null))),
        (request, model) ->
            CompletableFuture.<ModelQuota>failedFuture(new AssertionError("no model is probed")),
        ModelDirectory.NONE);
  }

  // ---------- the browser and the page ----------

  private void openPage() {
    driver.get("http://127.0.0.1:" + server.port() + "/");
    wait.until(d -> "true".equals(byId("check-form").getDomAttribute("data-ready")));
    wait.until(d -> "true".equals(byId("history").getDomAttribute("data-ready")));
    // Counts the checks the page announced, so a test waits for each to be over.
    js(
        "window.__reports = 0;"
            + " document.addEventListener('quotabot:report', () => window.__reports++);");
  }

  /** Checks the key with the server's clock at {@code when} and the balance at {@code amount}. */
  private void checkAt(Instant when, String amount) {
    CLOCK.set(when);
    balance = new BigDecimal(amount);
    new Select(byId("provider")).selectByValue(WALLET);
    WebElement key = byId("api-key");
    key.clear();
    key.sendKeys(KEY);
    wait.until(d -> byId("check-button").isEnabled());
    byId("check-button").click();
    checks++;
    int expected = checks;
    wait.until(d -> ((Number) js("return window.__reports;")).intValue() == expected);
    wait.until(d -> "false".equals(byId("results").getDomAttribute("aria-busy")));
  }

  /**
   * Every key and value of the page's storage, whole, its cookies and its address: none may hold
   * the key or a part of it.
   */
  private void assertStorageNeverHoldsTheKey() {
    @SuppressWarnings("unchecked")
    List<String> stored =
        (List<String>)
            js(
                "const all = [];"
                    + " for (const s of [localStorage, sessionStorage]) {"
                    + "   for (let i = 0; i < s.length; i++) {"
                    + "     all.push(s.key(i), s.getItem(s.key(i)));"
                    + "   }"
                    + " }"
                    + " all.push(document.cookie, location.href);"
                    + " return all;");
    String middle = KEY.substring(3, KEY.length() - 4);
    for (String text : stored) {
      assertFalse(text.contains(KEY), "the key is in the browser's storage: " + text);
      assertFalse(text.contains(middle), "part of the key is in the browser's storage: " + text);
    }
  }

  private long pointsStored() {
    return (Long)
        js(
            "const d = JSON.parse(localStorage.getItem(arguments[0]));"
                + " return d.series.reduce((n, s) => n + s.points.length, 0);",
            STORAGE_KEY);
  }

  private static List<WebElement> series() {
    return driver.findElements(By.cssSelector("#bh-list > li.bh-series"));
  }

  private static String trendOf(WebElement series) {
    return series.findElement(By.className("bh-trend-text")).getDomAttribute("data-trend");
  }

  private static WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  private static String cell(WebElement parent, String css) {
    return text(parent.findElement(By.cssSelector(css)));
  }

  private static Object js(String script, Object... args) {
    return HeadlessChromium.js(driver, script, args);
  }
}

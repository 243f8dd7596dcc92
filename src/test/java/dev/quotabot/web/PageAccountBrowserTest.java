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
import dev.quotabot.quota.ModelSpend;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Site;
import dev.quotabot.quota.Text;
import dev.quotabot.support.BrowserSession;
import dev.quotabot.support.CoreDoubles;
import dev.quotabot.support.HeadlessChromium;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
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
 * The page's account card in a real headless Chromium, for what an answer's {@code account} tells
 * beyond its balances: the account's own quota windows ({@code limits}), what each model spent
 * recently ({@code spend}), the site and its software ({@code site}, {@code flavour}), balance
 * parts the page has no word for, and providers that tell a key no balance at all. The real web
 * layer serves the page and streams the answers (POST /api/balance/stream, the only path the page
 * uses) over providers that answer as the test says; the JSON is the server's own. After every test
 * no script error, CSP violation or alert may have happened.
 */
final class PageAccountBrowserTest {
  private static final String KEY = "sk-7a1c2b3d4e5f60718293a4b5c6d7e8f9";

  @AutoClose private static WebServer server;
  private static ChromeDriver driver;
  @AutoClose private static BrowserSession browser;
  private static String browserMissing;

  private WebDriverWait wait;

  @BeforeAll
  static void startServerAndBrowser() throws IOException {
    browserMissing = HeadlessChromium.unavailable("PageAccountBrowserTest");
    if (browserMissing != null) {
      return;
    }
    server = Cast.serve();
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
    Cast.CALLS.clear();
  }

  @AfterEach
  void pageHadNoErrors() {
    if (browserMissing != null) {
      return;
    }
    HeadlessChromium.assertPageHadNoErrors(driver, List.of());
  }

  @Test
  void showsEachQuotaWindowOfTheAccountWithABarCountsAndItsReset() throws IOException {
    // GIVEN a coding plan whose account reports windows as a percent, as counts, and unknown
    check(Cast.PLAN);

    // THEN the card is the plan's usage limits, not a balance
    assertEquals("Plan Co usage limits", text(byId("account-heading")));
    // AND each window has a row under a readable name, in the order given
    assertTrue(byId("account-limits").isDisplayed());
    assertEquals("Quota windows", text(byId("account-limits-label")));
    assertEquals(
        List.of(
            "tokens/5 hours",
            "requests/week",
            "prompts/day",
            "search calls/month",
            "mcp calls/month"),
        texts("#account-limits-list .limit-name"));

    // THEN a window reported as a percent shows it, as text and as a bar, with its reset
    WebElement percent = limit("tokens_per_5_hours");
    assertEquals("42.5% used", cell(percent, ".limit-used"));
    assertEquals("43", percent.findElement(By.className("meter")).getDomAttribute("aria-valuenow"));
    assertTrue(percent.findElements(By.className("limit-counts")).isEmpty());
    assertTrue(cell(percent, ".limit-facts").startsWith("resets in 3 h ("), percent.getText());

    // THEN a window reported in counts shows what is used, worked out from them, and the counts
    WebElement counts = limit("requests_per_week");
    assertEquals("75% used", cell(counts, ".limit-used"));
    assertEquals("250 / 1,000 left", cell(counts, ".limit-counts"));
    assertTrue(cell(counts, ".window-reset").startsWith("resets in 2 d"), counts.getText());

    // THEN more than all of it used is said as the provider said it, the bar full
    WebElement over = limit("search_calls_per_month");
    assertEquals("104% used", cell(over, ".limit-used"));
    assertEquals("100", over.findElement(By.className("meter")).getDomAttribute("aria-valuenow"));

    // THEN what is unknown stays blank: no percent, a striped bar, never 0
    WebElement limitOnly = limit("prompts_per_day");
    assertEquals("", cell(limitOnly, ".limit-used"));
    assertTrue(hasClass(limitOnly.findElement(By.className("meter")), "meter-unknown"));
    assertEquals("unknown / 500 left", cell(limitOnly, ".limit-counts"));
    WebElement unknown = limit("mcp_calls_per_month");
    assertEquals("", cell(unknown, ".limit-used"));
    assertTrue(hasClass(unknown.findElement(By.className("meter")), "meter-unknown"));
    assertTrue(unknown.findElements(By.className("limit-facts")).isEmpty());
    assertFalse(text(byId("account-limits")).contains("0%"), text(byId("account-limits")));

    js("document.activeElement.blur();");
    HeadlessChromium.screenshot(driver, "page-account-limits.png");
  }

  @Test
  void showsRecentSpendByModelInTheOrderGivenWithItsUnitAndCalls() throws IOException {
    // GIVEN a relay key whose recent log names three models
    check(Cast.RELAY);

    // THEN they are a small table labelled recent, in the server's order (not re-sorted)
    assertTrue(byId("account-spend").isDisplayed());
    assertEquals("Recent spend by model", text(byId("account-spend-caption")));
    assertEquals(
        List.of("gpt-4o-mini", Cast.SCRIPT_MODEL, "deepseek-chat"),
        texts("#account-spend-body .spend-model"));
    assertEquals(List.of("$1.2345", "$0.50", "$2.00"), texts("#account-spend-body .spend-amount"));
    assertEquals(List.of("12", "3", "1,007"), texts("#account-spend-body .spend-calls"));
    assertTrue(
        text(byId("account-spend-note")).startsWith("From the key’s recent log (since "),
        text(byId("account-spend-note")));
    assertTrue(text(byId("account-spend-note")).endsWith("not a lifetime total."));

    // THEN a model name that is markup is only text
    assertEquals(0, driver.findElements(By.cssSelector("#account-spend img")).size());

    js("document.activeElement.blur();");
    HeadlessChromium.screenshot(driver, "page-account-relay.png");
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    HeadlessChromium.screenshot(driver, "page-account-relay-phone.png");
    assertTrue(byId("account-spend-body").isDisplayed(), "the spend table fits a phone");
  }

  @Test
  void namesTheSiteAndItsSoftwareAsTextNearTheFigures() {
    // GIVEN a relay whose operator named the site with markup
    check(Cast.RELAY);

    // THEN the site's name and the software it runs are shown, the name literally
    assertTrue(byId("account-site").isDisplayed());
    assertEquals("Site: " + Cast.SCRIPT_SITE, text(byId("account-site-name")));
    assertEquals("Software: new-api v0.6.10", text(byId("account-site-software")));
    assertEquals(0, driver.findElements(By.cssSelector("#account-site script")).size());
    assertEquals(0, driver.findElements(By.cssSelector("#account script")).size());
  }

  @Test
  void showsBalancePartsWithNewNamesAsWords() {
    // GIVEN a balance split into parts, one of which the page has no word for
    check(Cast.RELAY);

    // THEN each part is labelled in words, the known ones as the page words them
    assertEquals("Lifetime top-ups", factLabel("part-lifetime_topped_up"));
    assertEquals("$120.00", fact("part-lifetime_topped_up"));
    assertEquals("Lifetime grants", factLabel("part-lifetime_granted"));
    assertEquals("Cash", factLabel("part-cash"));
    assertEquals("Credit limit", factLabel("part-credit_limit"));
    assertEquals("Bonus from referrals", factLabel("part-bonus_from_referrals"));
    assertEquals("$1.50", fact("part-bonus_from_referrals"));

    // WHEN the page switches to Chinese, THEN the known parts and the spend table follow
    toggleLanguage();
    assertEquals("累计充值", factLabel("part-lifetime_topped_up"));
    assertEquals("信用额度", factLabel("part-credit_limit"));
    assertEquals("各模型近期花费", text(byId("account-spend-caption")));
    assertEquals("站点：" + Cast.SCRIPT_SITE, text(byId("account-site-name")));
    toggleLanguage();
  }

  @Test
  void aProviderThatTellsNoBalanceShowsWhatWasReadAndItsConsoleWithoutANumber() throws IOException {
    // GIVEN a provider that tells a key no balance, only the limits in its answers' headers
    chooseProvider(Cast.CONSOLE);

    // THEN the form asks for the key only, and says what a check of it does
    assertFalse(byId("models-field").isDisplayed());
    assertFalse(byId("balance-button").isDisplayed());
    assertEquals("Check key", text(byId("check-label")));
    assertTrue(
        text(byId("provider-hint")).startsWith("A Console Co key cannot read its balance"),
        text(byId("provider-hint")));

    // WHEN it is checked
    byId("api-key").sendKeys(KEY);
    byId("check-button").click();
    waitUntilIdle();

    // THEN the answer is honest: the note, the windows read, and the console as a link
    assertEquals(List.of("console account"), Cast.CALLS);
    assertEquals("Console Co account", text(byId("account-heading")));
    assertEquals("ok", byId("account").getDomAttribute("data-state"));
    assertEquals(Cast.CONSOLE_NOTE, text(byId("account-remark")));
    assertEquals("59 / 60 left", cell(limit("requests_per_minute"), ".limit-counts"));
    WebElement link = byId("account-console").findElement(By.tagName("a"));
    assertEquals(Cast.CONSOLE_URL, link.getDomAttribute("href"));
    assertEquals("noopener noreferrer", link.getDomAttribute("rel"));

    // THEN no number is made up: no balance, no table, no "nothing read" line beside what was read
    assertFalse(byId("account-balances").isDisplayed());
    assertEquals(0, driver.findElements(By.className("account-amount")).size());
    assertFalse(byId("results-wrap").isDisplayed());
    assertFalse(byId("account-empty").isDisplayed());
    assertFalse(byId("account-error").isDisplayed());

    js("document.activeElement.blur();");
    HeadlessChromium.screenshot(driver, "page-account-console.png");
  }

  @Test
  void aProviderThatReadsNothingSaysSoAndLinksItsConsole() {
    // GIVEN a provider that tells a key nothing at all
    check(Cast.BARE);

    // THEN the card says nothing was read, shows no figure, and links the console
    assertEquals(
        "Bare Co does not tell a key its balance: nothing was read, so no figure is shown.",
        text(byId("account-empty")));
    assertFalse(byId("account-limits").isDisplayed());
    assertFalse(byId("account-spend").isDisplayed());
    assertEquals(0, driver.findElements(By.className("account-amount")).size());
    assertEquals(
        Cast.BARE_CONSOLE,
        byId("account-console").findElement(By.tagName("a")).getDomAttribute("href"));
  }

  @Test
  void showsARowsWindowToldAsAShareAsTheShareUsedAndWhatIsLeft() {
    // GIVEN a provider whose rows tell their window as a share used, with no counts
    chooseProvider(Cast.SHARES);
    byId("api-key").sendKeys(KEY);
    byId("models").clear();
    byId("models").sendKeys(Cast.SHARE_MODEL);

    // WHEN the model is checked
    byId("check-button").click();
    waitUntilIdle();

    // THEN its window says the share used, not "unknown / unknown", and the row what is left
    WebElement row = driver.findElement(By.cssSelector("#results-body tr"));
    String window = cell(row, "[data-window=tokens_per_5_hours]");
    assertTrue(window.startsWith("tokens/5 hours 30% used · resets in "), window);
    assertEquals("70%", cell(row, ".share-percent"));
  }

  // ---------- the cast ----------

  /**
   * Providers that answer as the tests say, behind the real web layer. Their shapes are the
   * product's own (issue 12's {@code account.limits}, {@code spend}, {@code site}); the upstreams
   * that fill them are read and tested elsewhere, so no upstream shape is stated here.
   */
  private static final class Cast {
    static final String PLAN = "plan";
    static final String RELAY = "relay";
    static final String CONSOLE = "console";
    static final String BARE = "bare";
    static final String SHARES = "shares";
    static final String SHARE_MODEL = "plan-model-1";
    static final String SCRIPT_SITE = "<script>alert(5)</script> Relay One";
    static final String SCRIPT_MODEL = "<img src=x onerror=alert(6)>";
    static final String CONSOLE_URL = "https://console.example.com/billing";
    static final String BARE_CONSOLE = "https://bare.example.com/usage";
    static final String CONSOLE_NOTE =
        "Console Co reports no balance through its API: only the rate limits of its answers.";

    /** What the providers were asked, in order. */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private Cast() {}

    static WebServer serve() {
      QuotaSettings settings =
          new QuotaSettings(List.of(), 50, Duration.ofSeconds(5), Duration.ofSeconds(10), 10);
      WebConfig web =
          new WebConfig("127.0.0.1", 0, 1_000_000, false, List.of(), Duration.ofSeconds(2));
      return WebServer.start(
          web,
          CoreDoubles.service(
              settings, Clock.systemUTC(), plan(), relay(), console(), bare(), shares()));
    }

    /** Windows as a percent, as counts, with only a limit, and with nothing known. */
    private static Provider plan() {
      ProviderInfo info =
          new ProviderInfo(
              PLAN, "Plan Co", EnumSet.of(Capability.BALANCES), null, List.of(), "pk-…");
      return reading(
          info,
          () -> {
            Instant now = Instant.now();
            return Account.read(PLAN, List.of(), null, (Text) null)
                .withLimits(
                    List.of(
                        new RateWindow(
                            "tokens_per_5_hours",
                            null,
                            null,
                            now.plus(Duration.ofHours(3)),
                            new BigDecimal("42.5")),
                        new RateWindow(
                            "requests_per_week", 1000L, 250L, now.plus(Duration.ofDays(2))),
                        new RateWindow("prompts_per_day", 500L, null, null),
                        new RateWindow(
                            "search_calls_per_month", null, null, null, new BigDecimal("104")),
                        new RateWindow("mcp_calls_per_month", null, null, null)));
          });
    }

    /** A key's quota split into parts, its site, and what three models spent recently. */
    private static Provider relay() {
      ProviderInfo info =
          new ProviderInfo(
              RELAY, "Relay Co", EnumSet.of(Capability.BALANCES), "USD", List.of(), "sk-…");
      Instant since = Instant.parse("2026-11-30T08:00:00Z");
      Balance key =
          Balance.of(Balance.Scope.KEY, "USD")
              .available(new BigDecimal("80"))
              .part("lifetime_topped_up", new BigDecimal("120"))
              .part("lifetime_granted", new BigDecimal("10"))
              .part("cash", new BigDecimal("70"))
              .part("credit_limit", new BigDecimal("10"))
              .part("bonus_from_referrals", new BigDecimal("1.5"))
              .build();
      return reading(
          info,
          () ->
              Account.read(RELAY, List.of(key), "my-token", (Text) null)
                  .withSite(new Site("new-api", "0.6.10", SCRIPT_SITE))
                  .withSpend(
                      List.of(
                          new ModelSpend("gpt-4o-mini", new BigDecimal("1.2345"), "USD", 12, since),
                          new ModelSpend(SCRIPT_MODEL, new BigDecimal("0.5"), "USD", 3, null),
                          new ModelSpend(
                              "deepseek-chat",
                              new BigDecimal("2"),
                              "USD",
                              1007,
                              since.plusSeconds(60)))));
    }

    /** No capability: no balance, no models; the limits its headers told, and its console. */
    private static Provider console() {
      ProviderInfo info =
          new ProviderInfo(
                  CONSOLE, "Console Co", EnumSet.noneOf(Capability.class), null, List.of(), "cc-…")
              .withConsoleUrl(CONSOLE_URL);
      return reading(
          info,
          () ->
              Account.read(CONSOLE, List.of(), null, Text.upstream(CONSOLE_NOTE))
                  .withLimits(
                      List.of(
                          new RateWindow(
                              "requests_per_minute", 60L, 59L, Instant.now().plusSeconds(30)))));
    }

    /** No capability, and nothing read at all: only its console. */
    private static Provider bare() {
      ProviderInfo info =
          new ProviderInfo(
                  BARE, "Bare Co", EnumSet.noneOf(Capability.class), null, List.of(), "bc-…")
              .withConsoleUrl(BARE_CONSOLE);
      return reading(info, () -> Account.read(BARE, List.of(), null, (Text) null));
    }

    /** Probes models; each row's window is told as a share used, with no counts. */
    private static Provider shares() {
      ProviderInfo info =
          new ProviderInfo(
              SHARES, "Shares Co", EnumSet.of(Capability.PROBES_MODELS), null, List.of(), "sh-…");
      return CoreDoubles.declaring(
          info,
          request -> {
            CALLS.add(SHARES + " account");
            return CompletableFuture.completedFuture(
                ProviderResult.balanceOnly(Account.read(SHARES, List.of(), null, (Text) null)));
          },
          (request, model) ->
              CompletableFuture.completedFuture(
                  new ModelQuota(
                      model,
                      RateLimits.UNKNOWN,
                      ProbeStatus.OK,
                      null,
                      null,
                      20,
                      List.of(
                          new RateWindow(
                              "tokens_per_5_hours",
                              null,
                              null,
                              Instant.now().plus(Duration.ofHours(1)),
                              new BigDecimal("30"))))),
          ModelDirectory.NONE);
    }

    private static Provider reading(ProviderInfo info, Supplier<Account> account) {
      return CoreDoubles.declaring(
          info,
          request -> {
            CALLS.add(info.id() + " account");
            return CompletableFuture.completedFuture(ProviderResult.balanceOnly(account.get()));
          },
          (request, model) -> {
            CALLS.add(info.id() + " " + model);
            return CompletableFuture.<ModelQuota>failedFuture(
                new AssertionError(info.id() + " probes no model"));
          },
          ModelDirectory.NONE);
    }
  }

  // ---------- the browser and the page ----------

  private void openPage() {
    driver.get("http://127.0.0.1:" + server.port() + "/");
    wait.until(d -> "true".equals(byId("check-form").getDomAttribute("data-ready")));
  }

  /** Chooses {@code provider}, enters the key, checks and waits for the answer. */
  private void check(String provider) {
    chooseProvider(provider);
    byId("api-key").sendKeys(KEY);
    byId("check-button").click();
    waitUntilIdle();
  }

  private void chooseProvider(String id) {
    new Select(byId("provider")).selectByValue(id);
  }

  /** Waits until the check is over and the account card shows its outcome. */
  private void waitUntilIdle() {
    wait.until(
        d ->
            "false".equals(byId("results").getDomAttribute("aria-busy"))
                && byId("summary").getText().contains("Checked"));
  }

  private static WebElement limit(String name) {
    return driver.findElement(By.cssSelector("#account-limits-list [data-window='" + name + "']"));
  }

  private static String fact(String name) {
    return text(driver.findElement(By.cssSelector("[data-fact='" + name + "'] dd")));
  }

  private static String factLabel(String name) {
    return text(driver.findElement(By.cssSelector("[data-fact='" + name + "'] dt")));
  }

  private static List<String> texts(String css) {
    return driver.findElements(By.cssSelector(css)).stream().map(HeadlessChromium::text).toList();
  }

  private static boolean hasClass(WebElement element, String name) {
    return List.of(String.valueOf(element.getDomAttribute("class")).split("\\s+")).contains(name);
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

  private static String cell(WebElement parent, String css) {
    return text(parent.findElement(By.cssSelector(css)));
  }

  private static Object js(String script, Object... args) {
    return HeadlessChromium.js(driver, script, args);
  }
}

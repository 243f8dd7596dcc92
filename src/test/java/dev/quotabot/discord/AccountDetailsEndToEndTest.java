package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelSpend;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Site;
import dev.quotabot.quota.Text;
import dev.quotabot.support.BotOverService;
import dev.quotabot.support.CoreDoubles;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.LogCapture;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an account tells beyond its balances (its site, its own quota windows, the recent spend by
 * model), and the honest answer of a provider whose balance no key can read, through the real JDA
 * against a fake Discord: the core runs over provider doubles that answer such accounts at once,
 * and the test reads the embed Discord received.
 */
final class AccountDetailsEndToEndTest {
  private static final String RELAY_KEY = "sk-details0e2e0secret0key0do0not0log0a7b8";
  private static final String CONSOLE_KEY = "co-details0e2e0secret0key0do0not0log0c9d0";
  private static final String CONSOLE = "https://console.cloud.example/billing";
  private static final Instant RESET = Instant.parse("2031-01-01T05:00:00Z");

  /** Every key any provider received, as given. */
  private static final Queue<String> KEYS = new ConcurrentLinkedQueue<>();

  @AutoClose private static BotOverService running;
  private static FakeDiscord discord;
  private LogCapture logs;

  @BeforeAll
  static void startEverything() {
    QuotaService service =
        CoreDoubles.service(
            new QuotaSettings(List.of(), 10, Duration.ofSeconds(5), Duration.ofSeconds(10), 4),
            Clock.systemUTC(),
            answering(
                new ProviderInfo(
                        "relayhost",
                        "Relay Host",
                        EnumSet.of(Capability.BALANCES),
                        null,
                        List.of(),
                        "sk-…")
                    .withKeyPrefixes("sk-"),
                AccountDetailsEndToEndTest::relayAccount),
            answering(
                new ProviderInfo(
                        "console",
                        "Console Cloud",
                        EnumSet.noneOf(Capability.class),
                        null,
                        List.of(),
                        "co-…")
                    .withKeyPrefixes("co-")
                    .withConsoleUrl(CONSOLE),
                AccountDetailsEndToEndTest::consoleAccount));
    running = BotOverService.start(service);
    discord = running.discord();
  }

  @BeforeEach
  void startAfresh() {
    KEYS.clear();
    logs = LogCapture.open();
  }

  @AfterEach
  void noKeyLoggedOrSentToDiscord() {
    logs.assertNoKeyAndClose(List.of(RELAY_KEY, CONSOLE_KEY));
    for (LoggedRequest request : discord.allRequests()) {
      for (String key : List.of(RELAY_KEY, CONSOLE_KEY)) {
        assertFalse(request.getBodyAsString().contains(key), "Discord received a key");
        assertFalse(
            request.getBodyAsString().contains(key.substring(4, 24)),
            "Discord received part of a key");
      }
    }
  }

  @Test
  void showsTheSiteTheAccountsWindowsAndTheRecentSpendByModel() {
    // GIVEN a provider answering a balance, two quota windows, the site and 14 models of spend
    // WHEN /quota is run for it
    Interaction sent =
        discord.slashCommand(
            User.fresh("en-US"), Map.of("provider", "relayhost", "api_key", RELAY_KEY));

    // THEN the embed Discord received shows all of it, the spend cut to the top ten
    JsonObject embed = embedOf(discord.awaitOriginalEdit(sent));
    assertEquals("Relay Host balance", embed.get("title").getAsString());
    List<String> lines = List.of(embed.get("description").getAsString().split("\n"));
    assertEquals(
        List.of(
            "Key `sk-…a7b8`",
            "🌐 Site: **Juhe API** · runs new-api v0.6.10",
            "💰 USD key quota: **8.00** available (total 10.00, used 2.00)",
            "⏱️ requests/5 hours: ▰▰▱▱▱ 40% used (60 / 100 left) · resets <t:"
                + RESET.getEpochSecond()
                + ":R>",
            "⏱️ tokens/week: ▰▰▰▰▱ 75% used"),
        lines);
    JsonArray fields = embed.getAsJsonArray("fields");
    assertEquals(1, fields.size(), fields.toString());
    JsonObject spend = fields.get(0).getAsJsonObject();
    assertEquals("Recent spend by model", spend.get("name").getAsString());
    List<String> rows = List.of(spend.get("value").getAsString().split("\n"));
    assertEquals(AccountDetails.SPEND_ROWS_MAX + 1, rows.size(), rows.toString());
    assertEquals("`model-14`: 1.40 USD · 14 calls", rows.get(0));
    assertEquals("and 4 more models", rows.get(rows.size() - 1));
    assertEquals(List.of(RELAY_KEY), List.copyOf(KEYS));
  }

  @Test
  void answersAProviderWithoutAKeyReadableBalanceHonestlyInChinese() {
    // GIVEN a provider that declares nothing but its console page; balance_only asked
    // WHEN /quota is run for it
    Interaction sent =
        discord.slashCommand(
            User.fresh("zh-CN"),
            Map.of("provider", "console", "api_key", CONSOLE_KEY, "balance_only", true));

    // THEN the answer says where the balance is, shows the window it could read, and no amount
    JsonObject embed = embedOf(discord.awaitOriginalEdit(sent));
    assertEquals("Console Cloud 账户", embed.get("title").getAsString());
    String description = embed.get("description").getAsString();
    assertTrue(description.contains("💰 无法用 API Key 读取余额，请在 " + CONSOLE + " 查看"), description);
    assertTrue(description.contains("⏱️ 请求/分钟：▱▱▱▱▱ 已用 1%（剩余 59 / 60）"), description);
    assertTrue(description.contains("ℹ️ *A key cannot read the balance here.*"), description);
    assertFalse(description.contains("可用"), description);
    assertEquals("未调用任何模型：本次查询不产生费用。", embed.getAsJsonObject("footer").get("text").getAsString());
    assertEquals(List.of(CONSOLE_KEY), List.copyOf(KEYS));
  }

  @Test
  void suggestsProvidersForWhatIsTyped() {
    Interaction sent =
        discord.autocompleteRaw(
            User.fresh("en-US"),
            rawOptions(FakeDiscord.rawOption("provider", 3, new JsonPrimitive("cons"), true)));

    JsonObject answer = discord.awaitCallback(sent);
    assertEquals(8, answer.get("type").getAsInt());
    List<String> values = new ArrayList<>();
    for (JsonElement choice : answer.getAsJsonObject("data").getAsJsonArray("choices")) {
      values.add(choice.getAsJsonObject().get("value").getAsString());
    }
    assertEquals(List.of("console"), values);
  }

  /** A relay key's quota, two windows, the site, and 14 models of recent spend. */
  private static Account relayAccount(String id) {
    List<ModelSpend> spend = new ArrayList<>();
    for (int i = 1; i <= 14; i++) {
      spend.add(new ModelSpend("model-" + i, new BigDecimal(i).movePointLeft(1), "USD", i, null));
    }
    return Account.read(id, List.of(CoreDoubles.relayKey().build()), null, (Text) null)
        .withSite(new Site("new-api", "0.6.10", "Juhe API"))
        .withLimits(
            List.of(
                new RateWindow("requests_per_5_hours", 100L, 60L, RESET),
                new RateWindow("tokens_per_week", null, null, null, new BigDecimal("75"))))
        .withSpend(spend);
  }

  /** No balance, a note saying so, and one window. */
  private static Account consoleAccount(String id) {
    return Account.read(id, List.of(), null, Text.upstream("A key cannot read the balance here."))
        .withLimits(List.of(new RateWindow("requests_per_minute", 60L, 59L, null)));
  }

  /** A provider declaring {@code info} whose account read notes the key and answers at once. */
  private static Provider answering(ProviderInfo info, Function<String, Account> account) {
    return CoreDoubles.declaring(
        info,
        request -> {
          KEYS.add(request.key().reveal());
          return CompletableFuture.completedFuture(
              ProviderResult.balanceOnly(account.apply(info.id())));
        },
        (request, model) -> {
          throw new AssertionError(info.id() + " probes no model");
        },
        CoreDoubles.NO_CATALOG);
  }

  private static JsonArray rawOptions(JsonObject... options) {
    JsonArray array = new JsonArray();
    for (JsonObject option : options) {
      array.add(option);
    }
    return array;
  }

  private static JsonObject embedOf(JsonObject message) {
    return message.getAsJsonArray("embeds").get(0).getAsJsonObject();
  }
}

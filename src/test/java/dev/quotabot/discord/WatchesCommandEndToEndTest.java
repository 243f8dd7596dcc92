package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.config.DiscordConfig;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.watch.Alert;
import dev.quotabot.quota.watch.AlertSink;
import dev.quotabot.quota.watch.Watch;
import dev.quotabot.quota.watch.WatchLimits;
import dev.quotabot.quota.watch.WatchRequest;
import dev.quotabot.quota.watch.WatchService;
import dev.quotabot.quota.watch.WatchState;
import dev.quotabot.quota.watch.vault.KeyVault;
import dev.quotabot.store.Database;
import dev.quotabot.store.JdbcWatchStore;
import dev.quotabot.support.CoreDoubles;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.MutableClock;
import dev.quotabot.support.TestDatabase;
import dev.quotabot.support.TestDatabases;
import dev.quotabot.support.UpstreamProbes;
import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /watches} and its buttons through the real JDA against a fake Discord, over the real
 * {@link WatchService} on an SQLite file with a real {@link KeyVault}. The provider is a balance
 * reader the test answers ({@code deepseek}: what a key has left, in CNY, no total); alerts go to a
 * sink that records them. Every test has its own user (cooldowns and lists never mix).
 */
final class WatchesCommandEndToEndTest {
  private static final Duration COOLDOWN = Duration.ofSeconds(2);

  /** What the provider reads for each key: CNY left. */
  private static final Map<String, BigDecimal> LEFT = new ConcurrentHashMap<>();

  private static final List<Alert> ALERTS = new CopyOnWriteArrayList<>();

  private static final SecureRandom RANDOM = new SecureRandom();

  private static MutableClock clock;
  private static TestDatabase database;
  private static Database opened;
  private static JdbcWatchStore store;
  private static WatchService watches;
  private static FakeDiscord discord;
  private static DiscordBot bot;

  @BeforeAll
  static void startEverything() {
    clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    QuotaService quota =
        CoreDoubles.service(
            UpstreamProbes.settings(4, Duration.ofSeconds(5), Duration.ofSeconds(10)),
            clock,
            CoreDoubles.provider(
                "deepseek",
                "DeepSeek",
                false,
                request ->
                    CompletableFuture.completedFuture(
                        ProviderResult.balanceOnly(
                            Account.read(
                                "deepseek",
                                List.of(
                                    Balance.of(Balance.Scope.ACCOUNT, "CNY")
                                        .available(LEFT.get(request.key().reveal()))
                                        .build()),
                                null,
                                (Text) null)))));
    database = TestDatabases.sqlite();
    opened = database.open();
    store = new JdbcWatchStore(opened.dataSource());
    byte[] encryption = new byte[32];
    new SecureRandom().nextBytes(encryption);
    AlertSink recording =
        alert -> {
          ALERTS.add(alert);
          return CompletableFuture.completedFuture(AlertSink.Delivery.DELIVERED);
        };
    watches =
        new WatchService(
            quota,
            store,
            new KeyVault(encryption, Optional.empty()),
            new WatchLimits(
                5,
                Duration.ofMinutes(15),
                Duration.ofHours(1),
                Duration.ofDays(30),
                Duration.ofDays(90),
                4,
                Duration.ZERO,
                Duration.ofSeconds(30)),
            recording,
            clock);
    discord = FakeDiscord.start();
    Map<String, String> properties = discord.botProperties();
    bot =
        DiscordBot.start(
            new DiscordConfig(
                FakeDiscord.TOKEN,
                "",
                URI.create(properties.get("discord.api_base_url")),
                URI.create(properties.get("discord.gateway_url")),
                COOLDOWN),
            quota,
            Duration.ofSeconds(2),
            new DiscordBot.Watches(watches, new DiscordAlerts(new AlertMessage(id -> id))));
    discord.awaitGlobalCommands();
  }

  @AfterAll
  static void stopEverything() {
    if (bot != null) {
      bot.close();
    }
    if (discord != null) {
      discord.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void registersWatchesForEveryInstallAndContext() {
    JsonObject command = null;
    for (JsonElement registered : discord.awaitGlobalCommands()) {
      if (registered.getAsJsonObject().get("name").getAsString().equals("watches")) {
        command = registered.getAsJsonObject();
      }
    }

    assertTrue(command != null, "no /watches registered");
    assertEquals("[\"0\",\"1\"]", command.get("integration_types").toString());
    assertEquals("[\"0\",\"1\",\"2\"]", command.get("contexts").toString());
    assertTrue(command.getAsJsonObject("description_localizations").has("zh-CN"));
  }

  @Test
  void listsTheWatchesWithKeptAlertsOnTopOnceAndButtonsWithoutAnyOfTheKey() {
    // GIVEN a user with two watches and an alert kept while their DMs were closed
    User user = User.fresh("en-US");
    String key = key(user, "a1b2");
    Watch first = watch(user, key, "8");
    watch(user, key(user, "c3d4"), "20");
    store.keep(
        new Alert(
            0,
            first.id(),
            user.id(),
            Alert.Kind.THRESHOLD,
            first.fingerprint(),
            "deepseek",
            "en-US",
            first.settings().thresholds().levels().get(0),
            first.lastReading(),
            null,
            clock.instant()));

    // WHEN they run /watches
    Interaction sent = discord.command(user, "watches", Map.of());

    // THEN a private answer: the kept alert on top, one embed and one row of buttons per watch
    discord.awaitPrivateDeferral(sent);
    JsonObject answer = discord.awaitOriginalEdit(sent);
    String content = answer.get("content").getAsString();
    assertTrue(content.startsWith("📭 **While your DMs were closed:**\n• ⚠️ `sk-…a1b2`"), content);
    assertEquals(2, answer.getAsJsonArray("embeds").size());
    assertTrue(title(answer, 0).startsWith("sk-…a1b2"), title(answer, 0));
    assertTrue(description(answer, 0).contains("Left: **8.00 CNY**"), description(answer, 0));
    List<String> ids = customIds(answer);
    assertEquals(10, ids.size(), ids.toString());
    for (String id : ids) {
      assertTrue(id.matches("watches:(name|check|pause|renew|remove):\\d{1,18}"), id);
    }
    assertNoFragmentOf(key);

    // AND WHEN they run it again, the kept alert is gone: it was shown once
    Interaction again = discord.command(user, "watches", Map.of());
    String second = discord.awaitOriginalEdit(again).get("content").getAsString();
    assertFalse(second.contains("While your DMs were closed"), second);
    assertTrue(second.contains("Your watches: 2 of 5"), second);
  }

  @Test
  void worksWhereverAPersonsOwnInstallOfTheAppRuns() {
    // GIVEN a user with a watch
    User user = User.fresh("ko");
    Watch watch = watch(user, key(user, "b3c4"), "9");

    for (FakeDiscord.Place place :
        List.of(FakeDiscord.Place.FOREIGN_GUILD, FakeDiscord.Place.GROUP_DM)) {
      // WHEN they list their watches in a server the bot is not in, or a group DM
      Interaction sent = discord.command(user, place, "watches", Map.of());

      // THEN the list is answered privately, in their language
      discord.awaitPrivateDeferral(sent);
      JsonObject answer = discord.awaitOriginalEdit(sent);
      assertTrue(title(answer, 0).startsWith("sk-…b3c4"), place.name());
      assertTrue(answer.get("content").getAsString().contains("내 감시: 1 / 5"), place.name());
    }

    // AND a button works there too
    Interaction click =
        discord.buttonClick(
            user,
            FakeDiscord.Place.FOREIGN_GUILD,
            WatchButtons.customId(WatchButtons.Action.PAUSE, watch.id()));
    assertEquals(6, discord.awaitCallback(click).get("type").getAsInt());
    discord.awaitOriginalEdit(click);
    assertEquals(WatchState.PAUSED, store.find(watch.id()).orElseThrow().state());
  }

  @Test
  void withoutWatchesSaysHowToMakeOne() {
    User user = User.fresh("ja");

    Interaction sent = discord.command(user, "watches", Map.of());

    JsonObject answer = discord.awaitOriginalEdit(sent);
    assertEquals(WatchesText.of(BotText.JA).none(), answer.get("content").getAsString());
    assertEquals(0, answer.getAsJsonArray("embeds").size());
  }

  @Test
  void pauseResumeAndRenewChangeTheWatchAndShowTheListAgain() {
    User user = User.fresh("en-US");
    Watch watch = watch(user, key(user, "e5f6"), "9");

    // Pause: the list is shown again in the same message, with Resume instead of Pause
    JsonObject paused = click(user, "pause", watch.id());
    assertTrue(paused.get("content").getAsString().startsWith("⏸️ Paused `sk-…e5f6`."));
    assertTrue(customIds(paused).contains("watches:resume:" + watch.id()));
    assertEquals(WatchState.PAUSED, store.find(watch.id()).orElseThrow().state());

    // Resume
    JsonObject resumed = click(user, "resume", watch.id());
    assertTrue(resumed.get("content").getAsString().startsWith("▶️ Resumed `sk-…e5f6`"));
    assertEquals(WatchState.ACTIVE, store.find(watch.id()).orElseThrow().state());

    // Renew, ten days later: kept for 30 days from now
    clock.advance(Duration.ofDays(10));
    JsonObject renewed = click(user, "renew", watch.id());
    Instant until = store.find(watch.id()).orElseThrow().expiresAt();
    assertEquals(
        clock.instant().plus(Duration.ofDays(30)).getEpochSecond(), until.getEpochSecond());
    assertTrue(
        renewed
            .get("content")
            .getAsString()
            .startsWith(
                "🗓️ Renewed `sk-…e5f6`: kept until <t:" + until.getEpochSecond() + ":D>."));
  }

  @Test
  void checkNowSaysWhatItFoundAlertsOnceAndWaitsOutTheCooldown() {
    // GIVEN a watch with levels at 5 and 1 CNY, 9 CNY left
    LogCapture logs = LogCapture.open();
    User user = User.fresh("en-US");
    String key = key(user, "a7b8");
    Watch watch = watch(user, key, "9");

    // WHEN 3 CNY are left and they click Check now
    LEFT.put(key, new BigDecimal("3"));
    JsonObject checked = click(user, "check", watch.id());

    // THEN the list says what it found, and one alert went out
    assertTrue(
        checked
            .get("content")
            .getAsString()
            .startsWith("🔄 Checked `sk-…a7b8`: Left: **3.00 CNY** 🔔 This check raised an alert."),
        checked.get("content").getAsString());
    assertTrue(description(checked, 0).contains("Left: **3.00 CNY**"));
    assertEquals(1, ALERTS.stream().filter(alert -> alert.watchId() == watch.id()).count());

    // AND a second click at once is held back by the cooldown, privately, and checks nothing
    Interaction again =
        discord.buttonClick(user, WatchButtons.customId(WatchButtons.Action.CHECK, watch.id()));
    assertTrue(discord.awaitPrivateMessage(again).startsWith("⏳ Please wait"));

    // AND the key is in no log line and nothing sent to Discord
    assertNoFragmentOf(key);
    logs.assertNoKeyAndClose(List.of(key));
  }

  @Test
  void removeDeletesTheWatchAndItsHistoryAtOnce() throws Exception {
    User user = User.fresh("en-US");
    Watch watch = watch(user, key(user, "c9d0"), "7");

    JsonObject removed = click(user, "remove", watch.id());

    String content = removed.get("content").getAsString();
    assertTrue(content.startsWith("🗑️ Removed `sk-…c9d0` and its history."), content);
    assertTrue(content.contains(WatchesText.of(BotText.EN).none()), content);
    assertEquals(0, removed.getAsJsonArray("components").size());
    assertEquals(0, database.count("SELECT COUNT(*) FROM watches WHERE id = ?", watch.id()));
    assertEquals(0, database.count("SELECT COUNT(*) FROM readings WHERE watch_id = ?", watch.id()));
  }

  @Test
  void anotherUsersClickIsRefusedPrivatelyAndChangesNothing() {
    User owner = User.fresh("en-US");
    User stranger = User.fresh("en-US");
    Watch watch = watch(owner, key(owner, "e1f2"), "9");

    for (String action : List.of("remove", "pause", "check", "renew")) {
      Interaction click = discord.buttonClick(stranger, "watches:" + action + ":" + watch.id());

      assertEquals(WatchesText.of(BotText.EN).gone(), discord.awaitPrivateMessage(click));
    }
    Watch after = store.find(watch.id()).orElseThrow();
    assertEquals(WatchState.ACTIVE, after.state());
    assertEquals(watch.expiresAt(), after.expiresAt());
  }

  @Test
  void aButtonThisBotNeverMadeIsOutOfDate() {
    User user = User.fresh("zh-CN");

    Interaction click = discord.buttonClick(user, "watches:explode:1");

    assertEquals(WatchesText.of(BotText.ZH).outdated(), discord.awaitPrivateMessage(click));
  }

  // --- helpers ---

  /** A key of the user's own, ending in {@code end} (its fingerprint is {@code sk-…end}). */
  private static String key(User user, String end) {
    // random letters: nothing in it may also be in the user's id or an interaction's token
    StringBuilder key = new StringBuilder("sk-");
    for (int i = 0; i < 32; i++) {
      key.append((char) ('g' + RANDOM.nextInt(20)));
    }
    return key.append(end).toString();
  }

  /**
   * A watch made through the service (the /watch form is tested elsewhere), with levels 5 and 1.
   */
  private static Watch watch(User user, String key, String left) {
    LEFT.put(key, new BigDecimal(left));
    return watches
        .create(
            user.id(),
            watches.plan(
                user.id(), new WatchRequest("deepseek", "5, 1", null, null, false, "en-US")),
            key,
            null)
        .orTimeout(20, TimeUnit.SECONDS)
        .join()
        .watch();
  }

  /** Clicks a button of the user's list and returns the list shown again in its place. */
  private static JsonObject click(User user, String action, long watchId) {
    Interaction click = discord.buttonClick(user, "watches:" + action + ":" + watchId);
    JsonObject callback = discord.awaitCallback(click);
    // a deferred update: the message the button sits under is edited
    assertEquals(6, callback.get("type").getAsInt(), callback.toString());
    return discord.awaitOriginalEdit(click);
  }

  private static String title(JsonObject answer, int index) {
    return answer.getAsJsonArray("embeds").get(index).getAsJsonObject().get("title").getAsString();
  }

  private static String description(JsonObject answer, int index) {
    return answer
        .getAsJsonArray("embeds")
        .get(index)
        .getAsJsonObject()
        .get("description")
        .getAsString();
  }

  private static List<String> customIds(JsonObject answer) {
    List<String> ids = new ArrayList<>();
    JsonArray rows = answer.getAsJsonArray("components");
    for (JsonElement row : rows) {
      for (JsonElement button : row.getAsJsonObject().getAsJsonArray("components")) {
        ids.add(button.getAsJsonObject().get("custom_id").getAsString());
      }
    }
    return ids;
  }

  /** No request the bot made to Discord holds 8 characters in a row of the key. */
  private static void assertNoFragmentOf(String key) {
    List<String> bodies =
        discord.allRequests().stream().map(LoggedRequest::getBodyAsString).toList();
    List<String> urls = discord.allRequests().stream().map(LoggedRequest::getUrl).toList();
    for (int start = 0; start + 8 <= key.length(); start++) {
      String fragment = key.substring(start, start + 8);
      for (String body : bodies) {
        assertFalse(body.contains(fragment), fragment);
      }
      for (String url : urls) {
        assertFalse(url.contains(fragment), fragment);
      }
    }
  }
}

package dev.quotabot.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.support.Await;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeBalanceUpstream;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.MutableClock;
import dev.quotabot.support.SentForm;
import dev.quotabot.support.TestDatabase;
import dev.quotabot.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watches end to end: the real product (its bot on the real JDA against the fake Discord, its
 * watches in an SQLite file) watching a DeepSeek key that a WireMock plays, with a clock the test
 * moves. Checks run when the test asks ({@link dev.quotabot.support.RunningApp#runDueWatches}), so
 * "no DM" is a fact, not a timeout; the restart test lets the scheduler tick on its own.
 */
final class WatchesEndToEndTest {
  private static final Duration INTERVAL = Duration.ofMinutes(60);

  /** Past the interval and its jitter: the watch is due again. */
  private static final Duration STEP = INTERVAL.multipliedBy(2);

  /** The scheduler does not tick on its own in these tests. */
  private static final long NO_TICK_MS = Duration.ofHours(1).toMillis();

  @TempDir Path folder;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final String key = newKey();
  private final User user = User.fresh("en-US");
  private BotUnderTest bot;

  /** The private answer to the last form submitted. */
  private JsonObject created;

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
  }

  private static String newKey() {
    SecureRandom random = new SecureRandom();
    StringBuilder key = new StringBuilder("sk-");
    for (int i = 0; i < 32; i++) {
      key.append("0123456789abcdef".charAt(random.nextInt(16)));
    }
    return key.toString();
  }

  private Path database() {
    return folder.resolve("watches.db");
  }

  private BotUnderTest start(long tickMs) {
    return startAt("jdbc:sqlite:" + database(), tickMs);
  }

  private BotUnderTest startAt(String databaseUrl, long tickMs) {
    FakeBalanceUpstream upstream = FakeBalanceUpstream.start();
    balance(upstream, "110.00");
    bot =
        BotUnderTest.builder()
            .balanceUpstream(upstream)
            .clock(clock)
            .watchesAt(databaseUrl, tickMs)
            .property("watch.provider_spacing_ms", "1")
            .property("discord.cooldown_s", "0")
            .start();
    return bot;
  }

  /** DeepSeek reads this much CNY left for the key (no total). */
  private void balance(FakeBalanceUpstream upstream, String cny) {
    JsonObject info = new JsonObject();
    info.addProperty("currency", "CNY");
    info.addProperty("total_balance", cny);
    info.addProperty("granted_balance", "0.00");
    info.addProperty("topped_up_balance", cny);
    JsonObject balance = new JsonObject();
    balance.addProperty("is_available", true);
    JsonArray infos = new JsonArray();
    infos.add(info);
    balance.add("balance_infos", infos);
    upstream
        .wireMock()
        .stubFor(
            get(urlPathEqualTo("/user/balance"))
                .withHeader("Authorization", equalTo("Bearer " + key))
                .willReturn(okJson(balance.toString())));
  }

  private void balance(String cny) {
    balance(upstream(), cny);
  }

  /** DeepSeek now rejects the key (401), as it does a deleted one. */
  private void rejectKey() {
    upstream()
        .wireMock()
        .stubFor(
            get(urlPathEqualTo("/user/balance"))
                .withHeader("Authorization", equalTo("Bearer " + key))
                .willReturn(
                    aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"error\":{\"message\":\"Authentication Fails, Your api key is"
                                + " invalid\",\"type\":\"authentication_error\"}}")));
  }

  private FakeBalanceUpstream upstream() {
    return bot.balanceUpstream();
  }

  /** Time passes past the interval, and the due checks run (alerts sent) before this returns. */
  private void nextCheck() {
    clock.advance(STEP);
    bot.app().runDueWatches();
  }

  private List<JsonObject> dms() {
    return bot.discord().directMessages(user.id());
  }

  /** /watch provider:deepseek thresholds:5 interval:60, then the form with the key. */
  private String createWatch() {
    FakeDiscord discord = bot.discord();
    Interaction command =
        discord.command(
            user,
            WatchCommand.NAME,
            Map.of(
                "provider", "deepseek",
                "thresholds", "5",
                "interval", (int) INTERVAL.toMinutes()));
    SentForm form = discord.awaitForm(command);
    assertTrue(form.id().startsWith("watch:"), form.id());
    assertFalse(form.data().toString().contains(key));
    Interaction submitted = discord.modalSubmit(user, form.id(), Map.of("api_key", key));
    discord.awaitPrivateDeferral(submitted);
    created = discord.awaitOriginalEdit(submitted);
    return created.get("content").getAsString();
  }

  @Test
  void aWatchMadeThroughTheFormAnswersPrivatelyWithItsFingerprintAndFirstCheck() {
    start(NO_TICK_MS);

    String answer = createWatch();

    assertTrue(answer.contains(ApiKey.of(key).fingerprint()), answer);
    assertTrue(answer.contains("5 CNY") && answer.contains("every 60 min"), answer);
    // the first check's report, as /quota shows it
    JsonObject report = created.getAsJsonArray("embeds").get(0).getAsJsonObject();
    assertTrue(report.toString().contains("110.00"), report.toString());
    assertEquals(1, count("SELECT COUNT(*) FROM watches"));
  }

  @Test
  void theWatchCommandsAreRegisteredBesideQuota() {
    start(NO_TICK_MS);

    List<String> names = commandNames(bot.discord());

    assertEquals(List.of("quota", "watch", "forget-me", "watches"), names);
    JsonObject watch = bot.discord().awaitGlobalCommands().get(1).getAsJsonObject();
    assertEquals("[\"0\",\"1\"]", watch.get("integration_types").toString());
    assertEquals("[\"0\",\"1\",\"2\"]", watch.get("contexts").toString());
    assertTrue(watch.getAsJsonObject("description_localizations").has("zh-CN"), watch.toString());
    // the provider option offers what /quota's does (choices, or suggestions beyond 25)
    JsonObject quotaProvider = bot.discord().awaitQuotaOption("provider");
    JsonObject watchProvider = watch.getAsJsonArray("options").get(0).getAsJsonObject();
    assertEquals("provider", watchProvider.get("name").getAsString());
    assertEquals(quotaProvider.get("choices"), watchProvider.get("choices"));
    assertEquals(quotaProvider.get("autocomplete"), watchProvider.get("autocomplete"));
    JsonObject interval = watch.getAsJsonArray("options").get(2).getAsJsonObject();
    assertEquals("interval", interval.get("name").getAsString());
    assertEquals(4, interval.get("type").getAsInt());
    assertEquals(15, interval.get("min_value").getAsInt());
  }

  @Test
  void theProviderOptionSuggestsProvidersAsTheUserTypes() {
    start(NO_TICK_MS);

    Interaction typed = bot.discord().autocomplete(user, WatchCommand.NAME, "provider", "deeps");

    JsonObject answer = bot.discord().awaitCallback(typed);
    assertEquals(8, answer.get("type").getAsInt());
    JsonArray choices = answer.getAsJsonObject("data").getAsJsonArray("choices");
    assertEquals("deepseek", choices.get(0).getAsJsonObject().get("value").getAsString());
  }

  @Test
  void withoutWatchesTheBotRegistersOnlyQuota() {
    bot = BotUnderTest.builder().start();

    assertEquals(List.of("quota"), commandNames(bot.discord()));
  }

  private static List<String> commandNames(FakeDiscord discord) {
    List<String> names = new ArrayList<>();
    discord
        .awaitGlobalCommands()
        .forEach(command -> names.add(command.getAsJsonObject().get("name").getAsString()));
    return names;
  }

  @Test
  void theFormSaysWhatIsKeptForHowLongHowToDeleteItAndWhatACheckCosts() {
    start(NO_TICK_MS);

    Interaction command =
        bot.discord()
            .command(user, WatchCommand.NAME, Map.of("provider", "deepseek", "thresholds", "5"));

    SentForm form = bot.discord().awaitForm(command);
    String shown = form.data().toString();
    assertTrue(shown.contains("AES-256-GCM"), shown);
    assertTrue(shown.contains("30 days"), shown);
    assertTrue(shown.contains("/forget-me") && shown.contains("/watches"), shown);
    assertTrue(shown.contains("free"), shown);
    assertEquals(List.of(WatchModal.KEY_INPUT), form.inputIds());
  }

  @Test
  void levelsThatCannotBeReadAreRefusedBeforeAnyKeyIsAskedFor() {
    start(NO_TICK_MS);

    Interaction command =
        bot.discord()
            .command(user, WatchCommand.NAME, Map.of("provider", "deepseek", "thresholds", "lots"));

    String refusal = bot.discord().awaitPrivateMessage(command);
    assertTrue(refusal.contains("lots"), refusal);
  }

  @Test
  void aPercentLevelOnABalanceWithoutTotalIsRefusedAndNothingIsStored() {
    start(NO_TICK_MS);
    FakeDiscord discord = bot.discord();
    Interaction command =
        discord.command(
            user, WatchCommand.NAME, Map.of("provider", "deepseek", "thresholds", "20%"));
    SentForm form = discord.awaitForm(command);

    Interaction submitted = discord.modalSubmit(user, form.id(), Map.of("api_key", key));

    discord.awaitPrivateDeferral(submitted);
    String refusal = discord.awaitOriginalEdit(submitted).get("content").getAsString();
    assertTrue(refusal.contains("percentage") && refusal.contains("amount"), refusal);
    assertFalse(refusal.contains(key), refusal);
    assertEquals(0, count("SELECT COUNT(*) FROM watches"));
  }

  @Test
  void aRelaysAddressIsAskedInTheFormAndStoredOnlySealed() throws Exception {
    start(NO_TICK_MS);
    upstream().newApiKey(key, List.of("gpt-4o-mini"));
    FakeDiscord discord = bot.discord();
    Interaction command =
        discord.command(user, WatchCommand.NAME, Map.of("provider", "newapi", "thresholds", "20%"));
    SentForm form = discord.awaitForm(command);
    assertEquals(List.of(WatchModal.KEY_INPUT, WatchModal.BASE_URL_INPUT), form.inputIds());

    Interaction submitted =
        discord.modalSubmit(
            user,
            form.id(),
            Map.of(WatchModal.KEY_INPUT, key, WatchModal.BASE_URL_INPUT, upstream().url()));

    discord.awaitPrivateDeferral(submitted);
    String answer = discord.awaitOriginalEdit(submitted).get("content").getAsString();
    assertTrue(answer.contains(ApiKey.of(key).fingerprint()) && answer.contains("20%"), answer);
    String address = upstream().url().substring("http://".length());
    assertFalse(bytesOf(database()).contains(address), "the relay's address is stored in clear");
  }

  @Test
  void onPostgresqlAWatchAlertsAndForgetMeEmptiesItsTables() {
    try (TestDatabase postgres = TestDatabases.postgres()) {
      startAt(postgres.config().url(), NO_TICK_MS);
      createWatch();

      balance("4.20");
      nextCheck();

      assertEquals(1, bot.discord().awaitDirectMessages(user.id(), 1).size());
      assertEquals(1, postgres.count("SELECT COUNT(*) FROM watches"));
      bot.discord()
          .awaitPrivateMessage(bot.discord().command(user, ForgetMeCommand.NAME, Map.of()));
      assertEquals(0, postgres.count("SELECT COUNT(*) FROM watches"));
      assertEquals(0, postgres.count("SELECT COUNT(*) FROM readings"));
      bot.close();
      bot = null;
    }
  }

  @Test
  void aCrossingSendsExactlyOneDmAndAnotherOnlyAfterItRecovers() {
    start(NO_TICK_MS);
    createWatch();

    // crossing 5 CNY: one DM
    balance("4.20");
    nextCheck();
    List<JsonObject> sent = bot.discord().awaitDirectMessages(user.id(), 1);
    assertEquals(1, sent.size());
    String alert = sent.get(0).get("content").getAsString();
    assertTrue(alert.contains("4.20 CNY") && alert.contains("5 CNY"), alert);
    assertTrue(alert.contains(ApiKey.of(key).fingerprint()), alert);

    // still below: nothing new
    balance("3.00");
    nextCheck();
    assertEquals(1, dms().size());

    // recovered, then crossed again: one more
    balance("50.00");
    nextCheck();
    assertEquals(1, dms().size());
    balance("4.00");
    nextCheck();
    assertEquals(2, bot.discord().awaitDirectMessages(user.id(), 2).size());
  }

  @Test
  void anOwnerWithClosedDmsHasTheAlertKeptAndTheWatchRecordsIt() {
    start(NO_TICK_MS);
    createWatch();
    bot.discord().closeDirectMessages(user.id());

    balance("1.00");
    nextCheck();

    assertEquals(1, dms().size(), "the alert was tried once, and refused");
    assertEquals(1, count("SELECT COUNT(*) FROM kept_alerts"));
    assertEquals(1, count("SELECT COUNT(*) FROM watches WHERE dm_failed"));

    // the next /watches shows it on top
    Interaction list = bot.discord().command(user, "watches", Map.of());
    String shown = bot.discord().awaitOriginalEdit(list).get("content").getAsString();
    assertTrue(shown.contains("While your DMs were closed"), shown);
    assertTrue(shown.contains("1.00 CNY"), shown);
  }

  @Test
  void aRejectedKeyIsToldOnceAndPausesTheWatch() {
    start(NO_TICK_MS);
    createWatch();

    rejectKey();
    nextCheck();
    List<JsonObject> sent = bot.discord().awaitDirectMessages(user.id(), 1);
    String alert = sent.get(0).get("content").getAsString();
    assertTrue(alert.contains("rejects") && alert.contains("/watches"), alert);
    assertEquals(1, count("SELECT COUNT(*) FROM watches WHERE state = 'key_rejected'"));
    int reads = upstream().deepSeekReads(key);

    nextCheck();
    nextCheck();

    assertEquals(1, dms().size());
    assertEquals(reads, upstream().deepSeekReads(key), "a paused watch is not checked");
  }

  @Test
  void aRestartedProductKeepsCheckingTheWatchFromTheDatabase() {
    start(NO_TICK_MS);
    createWatch();
    bot.close();
    bot = null;

    // a new process on the same database file, its scheduler ticking on its own
    start(50);
    balance("2.00");
    clock.advance(STEP);

    List<JsonObject> sent = bot.discord().awaitDirectMessages(user.id(), 1);
    assertTrue(sent.get(0).get("content").getAsString().contains("2.00 CNY"));
    Await.until("the check read the key once", () -> upstream().deepSeekReads(key) >= 1);
  }

  @Test
  void forgetMeRemovesTheRowsTheCiphertextAndTheHistory() {
    start(NO_TICK_MS);
    createWatch();
    balance("4.00");
    nextCheck();
    bot.discord().closeDirectMessages(user.id());
    balance("50.00");
    nextCheck();
    balance("1.00");
    nextCheck();
    assertTrue(count("SELECT COUNT(*) FROM readings") >= 3);
    assertEquals(1, count("SELECT COUNT(*) FROM kept_alerts"));

    Interaction forget = bot.discord().command(user, ForgetMeCommand.NAME, Map.of());

    String answer = bot.discord().awaitPrivateMessage(forget);
    assertTrue(answer.contains("1 watch"), answer);
    assertEquals(0, count("SELECT COUNT(*) FROM watches"));
    assertEquals(0, count("SELECT COUNT(*) FROM readings"));
    assertEquals(0, count("SELECT COUNT(*) FROM kept_alerts"));
  }

  @Test
  void forgetMeAnswersAUserWithNoWatches() {
    start(NO_TICK_MS);

    Interaction forget = bot.discord().command(user, ForgetMeCommand.NAME, Map.of());

    String answer = bot.discord().awaitPrivateMessage(forget);
    assertTrue(answer.contains("no watches"), answer);
  }

  @Test
  void neitherTheDatabaseFileNorAnyLogLineNorDiscordGetsAFragmentOfTheKey() throws Exception {
    LogCapture log = LogCapture.open();
    String sentToDiscord;
    try {
      start(NO_TICK_MS);
      createWatch();
      balance("4.00");
      nextCheck();
      rejectKey();
      nextCheck();
      StringBuilder toDiscord = new StringBuilder();
      bot.discord()
          .allRequests()
          .forEach(sent -> toDiscord.append(sent.getUrl()).append(sent.getBodyAsString()));
      sentToDiscord = toDiscord.toString();
      bot.close();
      bot = null;
    } finally {
      log.close();
    }

    String file = bytesOf(database());
    String lines = log.text();
    for (int i = 0; i + 8 <= key.length(); i++) {
      String fragment = key.substring(i, i + 8);
      assertFalse(file.contains(fragment), "the database file holds part of the key");
      assertFalse(lines.contains(fragment), "a log line holds part of the key");
      assertFalse(sentToDiscord.contains(fragment), "the bot sent part of the key to Discord");
    }
  }

  /** The database file and its write-ahead log, as Latin-1 so every byte is one character. */
  private static String bytesOf(Path database) throws Exception {
    StringBuilder all = new StringBuilder();
    for (String suffix : new String[] {"", "-wal", "-journal", "-shm"}) {
      Path file = Path.of(database + suffix);
      if (Files.exists(file)) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  private long count(String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    } catch (SQLException failed) {
      throw new AssertionError(failed);
    }
  }
}

package dev.quotabot.quota.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.quotabot.quota.watch.WatchFixture.KEY;
import static dev.quotabot.quota.watch.WatchFixture.OTHER;
import static dev.quotabot.quota.watch.WatchFixture.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.watch.vault.KeyVault;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class WatchServiceTest {
  private final WatchFixture fixture = new WatchFixture();
  private final WatchService service = fixture.service;

  @AfterEach
  void close() {
    fixture.close();
  }

  // plan

  @Test
  void planRefusesAnUnknownProvider() {
    InvalidQueryException refused =
        assertThrows(
            InvalidQueryException.class,
            () -> service.plan(OWNER, request("nosuch", null, null, null)));
    assertTrue(refused.getMessage().contains("modelscope, deepseek"), refused.getMessage());
  }

  @Test
  void planRefusesAnIntervalUnderTheMinimumAndSaysTheMinimum() {
    InvalidQueryException refused =
        assertThrows(
            InvalidQueryException.class,
            () -> service.plan(OWNER, request("modelscope", null, 14, null)));
    assertTrue(refused.getMessage().contains("15 minutes"), refused.getMessage());
  }

  @Test
  void planRefusesModelsForAProviderThatProbesNone() {
    assertThrows(
        InvalidQueryException.class,
        () -> service.plan(OWNER, request("deepseek", null, null, "deepseek-chat")));
  }

  @Test
  void planRefusesBadLevels() {
    assertThrows(
        InvalidQueryException.class,
        () -> service.plan(OWNER, request("modelscope", "20%, 5", null, null)));
  }

  @Test
  void planTakesTheDefaultsAndSplitsModelsAsAQueryDoes() {
    WatchPlan plan =
        service.plan(OWNER, request("modelscope", null, null, "Qwen/A, Qwen/B\nQwen/A"));

    assertEquals("modelscope", plan.settings().provider());
    assertEquals(Duration.ofHours(1), plan.settings().interval());
    assertEquals("20%, 5%", plan.settings().thresholds().toString());
    assertEquals(List.of("Qwen/A", "Qwen/B"), plan.settings().models());
  }

  @Test
  void planRefusesAWatchOverTheOwnersLimit() {
    try (WatchFixture one = new WatchFixture(WatchFixture.limits(1, 4, Duration.ZERO))) {
      one.watch(OWNER, null);

      InvalidQueryException refused =
          assertThrows(
              InvalidQueryException.class,
              () -> one.service.plan(OWNER, request("modelscope", null, null, null)));
      assertTrue(refused.getMessage().contains("1"), refused.getMessage());
      // another user is not held to the first one's count
      one.service.plan(OTHER, request("modelscope", null, null, null));
    }
  }

  // create

  @Test
  void createStoresTheWatchSealedWithItsFirstReadingAndSendsNothing() throws Exception {
    WatchCreated created = fixture.create(OWNER, request("modelscope", null, null, null));

    Watch watch = created.watch();
    assertEquals("ms-…e1f0", watch.fingerprint());
    assertEquals(WatchState.ACTIVE, watch.state());
    assertEquals(-1, watch.alertedLevel());
    assertEquals("250", watch.lastReading().available().toPlainString());
    assertEquals(WatchFixture.START.plus(Duration.ofDays(30)), watch.expiresAt());
    assertFalse(watch.nextCheckAt().isBefore(WatchFixture.START.plus(Duration.ofHours(1))));
    assertEquals(1, fixture.count("SELECT COUNT(*) FROM readings WHERE watch_id = ?", watch.id()));
    assertEquals(
        KEY, fixture.vault.open(fixture.store.secret(watch.id()).orElseThrow()).key().reveal());
    assertTrue(fixture.sink.alerts.isEmpty());
    // a balance-only watch probes no model: a probe can spend quota
    assertTrue(fixture.modelScope.probes().isEmpty());
    assertTrue(databaseHolds("modelscope"), "the files read are the database");
    for (int i = 0; i + 8 <= KEY.length(); i++) {
      assertFalse(databaseHolds(KEY.substring(i, i + 8)), "the database holds part of the key");
    }
  }

  @Test
  void aWatchWithModelsProbesEachOncePerCheck() {
    fixture.modelScope.models(List.of("Qwen/A"));
    fixture.modelScope.quota("Qwen/A", 2000, 1500, 500, 20, 0);
    Watch watch =
        fixture
            .create(OWNER, new WatchRequest("modelscope", null, null, "Qwen/A", false, "en"))
            .watch();

    fixture.checkWhenDue(watch.id());

    assertEquals(List.of("Qwen/A"), watch.settings().models());
    assertEquals(2, fixture.modelScope.probesWith(KEY), "one probe at creation, one per check");
  }

  @Test
  void createBelowALevelAlreadyRecordsItWithoutAnAlert() {
    fixture.balance(40, 250);

    Watch watch = fixture.watch(OWNER, "20%, 5%");

    assertEquals(0, watch.alertedLevel());
    assertEquals(0, fixture.checkWhenDue(watch.id()).alerts().size());
  }

  @Test
  void createRefusesARejectedKeyAndStoresNothing() {
    fixture.balance(
        FakeModelScope.error(
            401, "{\"success\":false,\"code\":\"Unauthorized\",\"message\":\"bad token\"}"));

    InvalidQueryException refused = refusal(request("modelscope", null, null, null));

    assertTrue(refused.getMessage().contains("rejects this key"), refused.getMessage());
    assertEquals(0, fixture.count("SELECT COUNT(*) FROM watches"));
  }

  @Test
  void createRefusesAFailedFirstCheckAndStoresNothing() {
    fixture.balance(FakeModelScope.error(500, "{\"success\":false}"));

    InvalidQueryException refused = refusal(request("modelscope", null, null, null));

    assertTrue(refused.getMessage().contains("first check"), refused.getMessage());
    assertEquals(0, fixture.count("SELECT COUNT(*) FROM watches"));
  }

  @Test
  void createRefusesPercentLevelsWithoutATotalAndSuggestsAnAmountInTheUnit() {
    InvalidQueryException refused = refusal(request("deepseek", "20%", null, null));

    assertTrue(refused.getMessage().contains("CNY"), refused.getMessage());
    assertTrue(refused.getMessage().contains("for example 20"), refused.getMessage());
    assertEquals(0, fixture.count("SELECT COUNT(*) FROM watches"));
  }

  @Test
  void createTakesAnAmountWhereThereIsNoTotal() {
    WatchCreated created = fixture.create(OWNER, request("deepseek", "20", null, null));

    assertEquals("110.5", created.watch().lastReading().available().toPlainString());
  }

  // crossings

  @Test
  void crossingALevelSendsExactlyOneAlert() {
    Watch watch = fixture.watch(OWNER, "20%, 5%");
    fixture.balance(40, 250);

    CheckOutcome first = fixture.checkWhenDue(watch.id());
    CheckOutcome second = fixture.checkWhenDue(watch.id());

    assertEquals(1, fixture.sink.alerts.size());
    Alert alert = fixture.sink.alerts.get(0);
    assertEquals(Alert.Kind.THRESHOLD, alert.kind());
    assertEquals("20%", alert.level().toString());
    assertEquals("40", alert.reading().available().toPlainString());
    assertEquals(OWNER, alert.ownerId());
    assertEquals(1, first.alerts().size());
    assertTrue(second.alerts().isEmpty());
    assertEquals(0, second.watch().alertedLevel());
  }

  @Test
  void crossingTwoLevelsInOneCheckSendsOneAlertNamingTheLowest() {
    Watch watch = fixture.watch(OWNER, "20%, 5%");
    fixture.balance(10, 250);

    fixture.checkWhenDue(watch.id());

    assertEquals(1, fixture.sink.alerts.size());
    assertEquals("5%", fixture.sink.alerts.get(0).level().toString());
  }

  @Test
  void recoveringAndCrossingAgainSendsOneMoreAlert() {
    Watch watch = fixture.watch(OWNER, "20%, 5%");
    fixture.balance(40, 250);
    fixture.checkWhenDue(watch.id());

    fixture.balance(250, 250);
    CheckOutcome recovered = fixture.checkWhenDue(watch.id());
    fixture.balance(45, 250);
    fixture.checkWhenDue(watch.id());

    assertEquals(-1, recovered.watch().alertedLevel());
    assertEquals(2, fixture.sink.of(Alert.Kind.THRESHOLD).size());
  }

  @Test
  void fallingToADeeperLevelAlertsAgain() {
    Watch watch = fixture.watch(OWNER, "20%, 5%");
    fixture.balance(40, 250);
    fixture.checkWhenDue(watch.id());

    fixture.balance(10, 250);
    fixture.checkWhenDue(watch.id());

    assertEquals(
        List.of("20%", "5%"),
        fixture.sink.alerts.stream().map(alert -> alert.level().toString()).toList());
  }

  // key rejected, failures

  @Test
  void aRejectedKeySendsOneAlertAndPausesTheWatch() {
    Watch watch = fixture.watch(OWNER, null);
    fixture.balance(FakeModelScope.error(401, "{\"success\":false}"));

    CheckOutcome rejected = fixture.checkWhenDue(watch.id());
    service.checkNow(OWNER, watch.id()).join();

    assertEquals(WatchState.KEY_REJECTED, rejected.watch().state());
    assertEquals("invalid_key", rejected.watch().lastStatus());
    assertEquals(1, fixture.sink.of(Alert.Kind.KEY_REJECTED).size());
    assertEquals(1, fixture.sink.alerts.size());
    fixture.clock.advance(Duration.ofDays(2));
    assertTrue(fixture.store.due(fixture.clock.instant(), 10).isEmpty());
  }

  @Test
  void resumingARejectedKeyChecksItOnTheNextTick() {
    Watch watch = fixture.watch(OWNER, null);
    fixture.balance(FakeModelScope.error(401, "{\"success\":false}"));
    fixture.checkWhenDue(watch.id());

    Watch resumed = service.resume(OWNER, watch.id()).orElseThrow();

    assertEquals(WatchState.ACTIVE, resumed.state());
    assertEquals(
        List.of(watch.id()),
        fixture.store.due(fixture.clock.instant(), 10).stream().map(Watch::id).toList());
  }

  @Test
  void aFailedCheckBacksOffWithoutAnAlertOrARetry() {
    Watch watch = fixture.watch(OWNER, null);
    fixture.balance(FakeModelScope.error(500, "{\"success\":false}"));
    int balanceReads = balanceReads();

    CheckOutcome first = fixture.checkWhenDue(watch.id());
    CheckOutcome second = fixture.checkWhenDue(watch.id());

    assertEquals(2, balanceReads() - balanceReads, "one read per check, never a retry");
    assertEquals("upstream_error", first.watch().lastStatus());
    assertEquals(1, first.watch().failures());
    assertEquals(
        first.watch().lastCheckAt().plus(Duration.ofHours(2)), first.watch().nextCheckAt());
    assertEquals(2, second.watch().failures());
    assertEquals(
        second.watch().lastCheckAt().plus(Duration.ofHours(4)), second.watch().nextCheckAt());
    assertTrue(fixture.sink.alerts.isEmpty());
    assertEquals("250", second.watch().lastReading().available().toPlainString());
  }

  @Test
  void aGoodCheckAfterFailuresResetsTheBackoff() {
    Watch watch = fixture.watch(OWNER, null);
    fixture.balance(FakeModelScope.error(500, "{\"success\":false}"));
    fixture.checkWhenDue(watch.id());

    fixture.balance(250, 250);
    CheckOutcome good = fixture.checkWhenDue(watch.id());

    assertEquals(0, good.watch().failures());
    assertEquals("ok", good.watch().lastStatus());
  }

  @Test
  void aKeyThatNoLongerOpensIsRecordedAndBacksOffWithoutAnAlert() {
    Watch watch = fixture.watch(OWNER, null);
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    WatchService withoutTheKey =
        new WatchService(
            fixture.quota,
            fixture.store,
            new KeyVault(otherKey, Optional.empty()),
            fixture.limits,
            fixture.sink,
            fixture.clock);
    fixture.clock.set(watch.nextCheckAt());

    CheckOutcome outcome = withoutTheKey.check(watch).join();

    Watch stored = fixture.store.find(watch.id()).orElseThrow();
    assertEquals("vault_error", stored.lastStatus());
    assertEquals(1, stored.failures());
    assertEquals(
        fixture.clock.instant().plus(Duration.ofHours(2)), stored.nextCheckAt(), "backs off");
    assertNull(outcome.report());
    assertTrue(fixture.sink.alerts.isEmpty());
  }

  @Test
  void aKeySealedWithThePreviousEncryptionKeyIsSealedAgainWithTheCurrentOne() {
    Watch watch = fixture.watch(OWNER, null);
    byte[] newKey = new byte[32];
    new SecureRandom().nextBytes(newKey);
    KeyVault rotated = new KeyVault(newKey, Optional.of(fixture.encryptionKey));
    WatchService afterRotation =
        new WatchService(
            fixture.quota, fixture.store, rotated, fixture.limits, fixture.sink, fixture.clock);
    fixture.clock.set(watch.nextCheckAt());

    afterRotation.check(watch).join();

    assertTrue(rotated.isCurrent(fixture.store.secret(watch.id()).orElseThrow()));
    assertEquals(
        KEY,
        new KeyVault(newKey, Optional.empty())
            .open(fixture.store.secret(watch.id()).orElseThrow())
            .key()
            .reveal());
  }

  // delivery

  @Test
  void anAlertTheOwnerCannotReceiveIsKeptAndTheWatchRecordsIt() {
    Watch watch = fixture.watch(OWNER, "20%");
    fixture.sink.answer = AlertSink.Delivery.REFUSED;
    fixture.balance(40, 250);

    CheckOutcome outcome = fixture.checkWhenDue(watch.id());
    WatchList list = service.list(OWNER);
    WatchList again = service.list(OWNER);

    assertTrue(outcome.watch().dmFailed());
    assertTrue(fixture.store.find(watch.id()).orElseThrow().dmFailed());
    assertEquals(1, list.kept().size());
    assertEquals("20%", list.kept().get(0).level().toString());
    assertTrue(again.kept().isEmpty(), "shown once");
  }

  @Test
  void aDeliveredAlertClearsTheDmFlag() {
    Watch watch = fixture.watch(OWNER, "20%, 5%");
    fixture.sink.answer = AlertSink.Delivery.UNAVAILABLE;
    fixture.balance(40, 250);
    fixture.checkWhenDue(watch.id());

    fixture.sink.answer = AlertSink.Delivery.DELIVERED;
    fixture.balance(10, 250);
    CheckOutcome outcome = fixture.checkWhenDue(watch.id());

    assertFalse(outcome.watch().dmFailed());
  }

  // the owner's changes

  @Test
  void anotherUserCanNeitherSeeNorChangeAWatch() {
    Watch watch = fixture.watch(OWNER, null);

    assertTrue(service.view(OTHER, watch.id()).isEmpty());
    assertTrue(service.checkNow(OTHER, watch.id()).join().isEmpty());
    assertTrue(service.pause(OTHER, watch.id()).isEmpty());
    assertTrue(service.resume(OTHER, watch.id()).isEmpty());
    assertTrue(service.renew(OTHER, watch.id()).isEmpty());
    assertFalse(service.remove(OTHER, watch.id()));
    assertEquals(0, service.forget(OTHER));
    assertTrue(service.list(OTHER).watches().isEmpty());
    assertEquals(WatchState.ACTIVE, fixture.store.find(watch.id()).orElseThrow().state());
  }

  @Test
  void pauseTakesTheWatchOutOfTheSchedule() {
    Watch watch = fixture.watch(OWNER, null);

    Watch paused = service.pause(OWNER, watch.id()).orElseThrow();
    fixture.clock.set(watch.nextCheckAt());

    assertEquals(WatchState.PAUSED, paused.state());
    assertTrue(fixture.store.due(fixture.clock.instant(), 10).isEmpty());
  }

  @Test
  void aPauseMadeWhileACheckRunsIsKept() {
    Watch watch = fixture.watch(OWNER, null);
    fixture.balance(okJson(FakeModelScope.BALANCE_250).withFixedDelay(500));
    fixture.clock.set(watch.nextCheckAt());

    CompletableFuture<CheckOutcome> running = service.check(watch);
    service.pause(OWNER, watch.id());
    running.join();

    assertEquals(WatchState.PAUSED, fixture.store.find(watch.id()).orElseThrow().state());
  }

  @Test
  void aWatchRemovedWhileItIsCheckedSendsNothingAndStaysRemoved() {
    Watch watch = fixture.watch(OWNER, "20%");
    fixture.balance(
        okJson(
                FakeModelScope.BALANCE_250.replace(
                    "\"available_balance\":250", "\"available_balance\":10"))
            .withFixedDelay(500));
    fixture.clock.set(watch.nextCheckAt());

    CompletableFuture<CheckOutcome> running = service.check(watch);
    service.remove(OWNER, watch.id());
    running.join();

    assertTrue(fixture.sink.alerts.isEmpty());
    assertEquals(0, fixture.count("SELECT COUNT(*) FROM watches"));
    assertEquals(0, fixture.count("SELECT COUNT(*) FROM readings"));
  }

  @Test
  void renewMovesTheExpiryToAFullLifetimeFromNow() {
    Watch watch = fixture.watch(OWNER, null);
    fixture.clock.advance(Duration.ofDays(10));

    Watch renewed = service.renew(OWNER, watch.id()).orElseThrow();

    assertEquals(fixture.clock.instant().plus(Duration.ofDays(30)), renewed.expiresAt());
  }

  @Test
  void listShowsTheWatchesWithTheirTrend() {
    Watch watch = fixture.watch(OWNER, null);
    fixture.balance(200, 250);
    fixture.checkWhenDue(watch.id());
    fixture.balance(150, 250);
    fixture.checkWhenDue(watch.id());

    WatchList list = service.list(OWNER);

    assertEquals(1, list.watches().size());
    Trend trend = list.watches().get(0).trend();
    assertEquals(3, trend.points().size());
    assertTrue(trend.shown());
  }

  @Test
  void removeDeletesTheWatchItsKeyHistoryAndKeptAlerts() {
    Watch watch = fixture.watch(OWNER, "20%");
    fixture.sink.answer = AlertSink.Delivery.REFUSED;
    fixture.balance(40, 250);
    fixture.checkWhenDue(watch.id());

    assertTrue(service.remove(OWNER, watch.id()));

    assertEquals(0, fixture.count("SELECT COUNT(*) FROM watches"));
    assertEquals(0, fixture.count("SELECT COUNT(*) FROM readings"));
    assertEquals(0, fixture.count("SELECT COUNT(*) FROM kept_alerts"));
    assertFalse(service.remove(OWNER, watch.id()));
  }

  @Test
  void forgetRemovesEveryWatchOfTheOwnerOnly() {
    fixture.watch(OWNER, null);
    fixture.watch(OWNER, "10");
    Watch others = fixture.watch(OTHER, null);

    assertEquals(2, service.forget(OWNER));

    assertTrue(service.list(OWNER).watches().isEmpty());
    assertEquals(
        List.of(others.id()),
        service.list(OTHER).watches().stream().map(v -> v.watch().id()).toList());
  }

  // reminders

  @Test
  void remindsOnceADayOfShortTermCreditBeforeTheProvidersMidnight() {
    WatchCreated created =
        fixture.create(OWNER, new WatchRequest("modelscope", null, null, null, true, "zh-CN"));
    fixture
        .modelScope
        .server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/openapi/v1/magicubes/earn/rules"))
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"success\":true,\"data\":[{\"rule_key\":\"daily_active\","
                            + "\"category_key\":\"daily\",\"scene\":\"short_term\","
                            + "\"amount\":200,\"today_remain\":0,\"today_earned_amount\":200}]}")));
    // 23:30 in Shanghai: the next check comes after ModelScope's midnight
    fixture.clock.set(java.time.Instant.parse("2026-12-02T15:30:00Z"));
    Watch watch = fixture.store.find(created.watch().id()).orElseThrow();

    service.check(watch).join();
    service.checkNow(OWNER, watch.id()).join();

    List<Alert> reminders = fixture.sink.of(Alert.Kind.EXPIRES_TONIGHT);
    assertEquals(1, reminders.size());
    assertEquals("200", reminders.get(0).reading().available().toPlainString());
    assertEquals(java.time.Instant.parse("2026-12-02T16:00:00Z"), reminders.get(0).expiresAt());
    assertEquals("zh-CN", reminders.get(0).locale());
  }

  // logs

  @Test
  void logsOneLinePerCheckAndNoPartOfTheKey() {
    try (LogCapture logs = LogCapture.open()) {
      Watch watch = fixture.watch(OWNER, "20%");
      fixture.balance(40, 250);
      fixture.checkWhenDue(watch.id());
      fixture.balance(FakeModelScope.error(500, "{\"success\":false}"));
      fixture.checkWhenDue(watch.id());
      fixture.balance(FakeModelScope.error(401, "{\"message\":\"bad token " + KEY + "\"}"));
      fixture.checkWhenDue(watch.id());

      String text = logs.text();
      assertEquals(
          3,
          logs.lines().stream()
              .filter(
                  line -> line.contains("Watch " + watch.id() + " (modelscope, ms-…e1f0) checked"))
              .count(),
          text);
      for (int i = 0; i + 8 <= KEY.length(); i++) {
        assertFalse(text.contains(KEY.substring(i, i + 8)), "a log line holds part of the key");
      }
    }
  }

  private InvalidQueryException refusal(WatchRequest request) {
    WatchPlan plan = service.plan(OWNER, request);
    CompletionException failed =
        assertThrows(
            CompletionException.class,
            () -> service.create(OWNER, plan, KEY, null).orTimeout(20, TimeUnit.SECONDS).join());
    return assertInstanceOf(InvalidQueryException.class, failed.getCause());
  }

  private int balanceReads() {
    return (int)
        fixture.modelScope.server().getAllServeEvents().stream()
            .filter(event -> event.getRequest().getUrl().endsWith("/magicubes/balance"))
            .count();
  }

  /** Whether the database's files (the main file and SQLite's write-ahead log) hold it. */
  private boolean databaseHolds(String fragment) throws Exception {
    String url = fixture.database.config().url();
    Path folder = Path.of(url.substring("jdbc:sqlite:".length())).getParent();
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        String bytes =
            new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (bytes.contains(fragment)) {
          return true;
        }
      }
    }
    return false;
  }

  private static WatchRequest request(
      String provider, String levels, Integer intervalMinutes, String models) {
    return new WatchRequest(provider, levels, intervalMinutes, models, false, "en");
  }
}

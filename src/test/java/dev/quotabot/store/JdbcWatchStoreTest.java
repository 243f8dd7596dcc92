package dev.quotabot.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.watch.Alert;
import dev.quotabot.quota.watch.Reading;
import dev.quotabot.quota.watch.Threshold;
import dev.quotabot.quota.watch.Thresholds;
import dev.quotabot.quota.watch.Watch;
import dev.quotabot.quota.watch.WatchSettings;
import dev.quotabot.quota.watch.WatchState;
import dev.quotabot.quota.watch.WatchStore;
import dev.quotabot.quota.watch.vault.SealedSecret;
import dev.quotabot.support.BothDatabases;
import dev.quotabot.support.TestDatabase;
import dev.quotabot.support.TestDatabases;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class JdbcWatchStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final ChronoUnit D = ChronoUnit.DAYS;
  private static final ChronoUnit H = ChronoUnit.HOURS;
  private static final String ALICE = "111111111111111111";
  private static final String BOB = "222222222222222222";
  private static final WatchSettings PERCENTS =
      new WatchSettings(
          "modelscope",
          List.of("Qwen/Qwen3-8B", "deepseek-ai/DeepSeek-V3"),
          new Thresholds(List.of(percent("20"), percent("5"))),
          Duration.ofHours(1),
          true,
          "zh-CN");
  private static final String MARKER = "sealed-key-bytes-that-must-not-outlive-their-watch";
  private static final SealedSecret SEALED =
      new SealedSecret("k-1a2b", new byte[] {1, 2, 3}, new byte[] {9, 8, 7, 6});

  @BothDatabases
  void findsACreatedWatchAsCreateReturnedIt(TestDatabase db) {
    WatchStore store = store(db);

    Watch created = create(store, ALICE, T0.plusSeconds(60));

    assertEquals(Optional.of(created), store.find(created.id()));
    assertEquals(ALICE, created.ownerId());
    assertEquals(WatchState.ACTIVE, created.state());
    assertEquals(-1, created.alertedLevel());
  }

  @BothDatabases
  void findsNothingForAnUnknownId(TestDatabase db) {
    assertEquals(Optional.empty(), store(db).find(424242));
  }

  @BothDatabases
  void keepsEverySettingExactly(TestDatabase db) {
    WatchStore store = store(db);
    WatchSettings amounts =
        new WatchSettings(
            "deepseek",
            List.of(),
            new Thresholds(List.of(amount("10.50"), amount("1"), amount("0.00000000000000000001"))),
            Duration.ofMinutes(15),
            false,
            "en");

    Watch created = store.create(BOB, "sk-…zz99", amounts, SEALED, T0, T0.plus(30, D), T0);

    WatchSettings read = store.find(created.id()).orElseThrow().settings();
    assertEquals(amounts, read);
    assertEquals(PERCENTS, store.find(create(store, ALICE, T0).id()).orElseThrow().settings());
  }

  @BothDatabases
  void listsAndCountsOnlyTheOwnersWatchesOldestFirst(TestDatabase db) {
    WatchStore store = store(db);
    Watch first = create(store, ALICE, T0);
    create(store, BOB, T0);
    Watch second = create(store, ALICE, T0);

    assertEquals(List.of(first, second), store.ofOwner(ALICE));
    assertEquals(2, store.countOfOwner(ALICE));
    assertEquals(1, store.countOfOwner(BOB));
    assertEquals(0, store.countOfOwner("333"));
  }

  @BothDatabases
  void sealedBytesComeBackExactly(TestDatabase db) {
    WatchStore store = store(db);
    byte[] nonce = new byte[12];
    byte[] ciphertext = new byte[256];
    IntStream.range(0, 256).forEach(i -> ciphertext[i] = (byte) i);
    IntStream.range(0, 12).forEach(i -> nonce[i] = (byte) (255 - i));

    Watch created =
        store.create(
            ALICE, "sk-…a1b2", PERCENTS, new SealedSecret("k-9", nonce, ciphertext), T0, T0, T0);

    SealedSecret read = store.secret(created.id()).orElseThrow();
    assertEquals("k-9", read.keyId());
    assertArrayEquals(nonce, read.nonce());
    assertArrayEquals(ciphertext, read.ciphertext());
    assertEquals(Optional.empty(), store.secret(created.id() + 1000));
  }

  @BothDatabases
  void resealingReplacesTheSealedKeyOnly(TestDatabase db) {
    WatchStore store = store(db);
    Watch watch = create(store, ALICE, T0);
    SealedSecret again = new SealedSecret("k-new", new byte[] {4, 4}, new byte[] {5, 5, 5});

    assertTrue(store.reseal(watch.id(), again));

    SealedSecret read = store.secret(watch.id()).orElseThrow();
    assertEquals("k-new", read.keyId());
    assertArrayEquals(again.nonce(), read.nonce());
    assertArrayEquals(again.ciphertext(), read.ciphertext());
    assertEquals(Optional.of(watch), store.find(watch.id()));
    assertFalse(store.reseal(watch.id() + 1000, again));
  }

  @BothDatabases
  void checksSavedFromManyThreadsAtOnceAllLand(TestDatabase db) throws Exception {
    // GIVEN one watch per thread, as the scheduler runs several checks at once
    WatchStore store = store(db);
    List<Watch> watches = IntStream.range(0, 6).mapToObj(i -> create(store, ALICE, T0)).toList();
    ExecutorService threads = Executors.newFixedThreadPool(watches.size());
    try {
      // WHEN each saves 20 checks concurrently
      List<Future<?>> saving = new ArrayList<>();
      for (Watch watch : watches) {
        saving.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    Reading reading = reading(T0.plusSeconds(i), String.valueOf(i));
                    store.saveCheck(withCheck(watch, reading.at(), reading), Optional.of(reading));
                  }
                }));
      }
      for (Future<?> save : saving) {
        save.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    // THEN none failed on a busy database and every reading is there
    assertEquals(120, db.count("SELECT COUNT(*) FROM readings"));
  }

  @BothDatabases
  void anotherOwnerCanNeitherPauseNorRenewNorRemoveAWatch(TestDatabase db) {
    WatchStore store = store(db);
    Watch alices = create(store, ALICE, T0);

    assertFalse(store.setState(alices.id(), BOB, WatchState.PAUSED, T0));
    assertFalse(store.renew(alices.id(), BOB, T0.plus(90, D)));
    assertFalse(store.delete(alices.id(), BOB));

    assertEquals(Optional.of(alices), store.find(alices.id()));
  }

  @BothDatabases
  void theOwnerPausesAndRenews(TestDatabase db) {
    WatchStore store = store(db);
    Watch watch = create(store, ALICE, T0);

    assertTrue(store.setState(watch.id(), ALICE, WatchState.PAUSED, T0.plusSeconds(5)));
    assertTrue(store.renew(watch.id(), ALICE, T0.plus(60, D)));

    Watch read = store.find(watch.id()).orElseThrow();
    assertEquals(WatchState.PAUSED, read.state());
    assertEquals(T0.plusSeconds(5), read.nextCheckAt());
    assertEquals(T0.plus(60, D), read.expiresAt());
  }

  @BothDatabases
  void dueWatchesComeSoonestFirstUpToTheLimit(TestDatabase db) {
    WatchStore store = store(db);
    Watch late = create(store, ALICE, T0.minusSeconds(10));
    Watch soonest = create(store, BOB, T0.minusSeconds(300));
    Watch middle = create(store, ALICE, T0.minusSeconds(60));
    Watch exactlyNow = create(store, BOB, T0);

    assertEquals(List.of(soonest, middle, late, exactlyNow), store.due(T0, 10));
    assertEquals(List.of(soonest, middle), store.due(T0, 2));
  }

  @BothDatabases
  void dueSkipsPausedRejectedExpiredAndFutureWatches(TestDatabase db) {
    WatchStore store = store(db);
    Watch active = create(store, ALICE, T0.minusSeconds(1));
    Watch paused = create(store, ALICE, T0.minusSeconds(1));
    store.setState(paused.id(), ALICE, WatchState.PAUSED, T0.minusSeconds(1));
    Watch rejected = create(store, ALICE, T0.minusSeconds(1));
    store.setState(rejected.id(), ALICE, WatchState.KEY_REJECTED, T0.minusSeconds(1));
    store.create(ALICE, "sk-…exp1", PERCENTS, SEALED, T0.minus(31, D), T0, T0.minusSeconds(1));
    create(store, ALICE, T0.plusMillis(1));

    assertEquals(List.of(active), store.due(T0, 10));
  }

  @BothDatabases
  void aClaimLeasesTheDueWatchesSoNoSecondClaimGetsThem(TestDatabase db) {
    // GIVEN two due watches, claimed by one replica
    WatchStore store = store(db);
    Watch first = create(store, ALICE, T0.minusSeconds(60));
    Watch second = create(store, BOB, T0.minusSeconds(10));
    List<Watch> claimed = store.claimDue(T0, 10, "replica-a", T0.plusSeconds(300));

    // WHEN another replica claims within the lease
    List<Watch> again = store.claimDue(T0.plusSeconds(1), 10, "replica-b", T0.plusSeconds(301));

    // THEN the first got both, soonest first, and the second none
    assertEquals(List.of(first, second), claimed);
    assertEquals(List.of(), again);
  }

  @BothDatabases
  void aLeaseThatRanOutMakesTheWatchDueAgain(TestDatabase db) {
    // GIVEN a watch claimed by a replica that never saved its check
    WatchStore store = store(db);
    Watch watch = create(store, ALICE, T0.minusSeconds(60));
    store.claimDue(T0, 10, "dead", T0.plusSeconds(300));

    // WHEN its lease has run out
    List<Watch> claimed = store.claimDue(T0.plusSeconds(300), 10, "alive", T0.plusSeconds(600));

    // THEN another replica claims it
    assertEquals(List.of(watch), claimed);
  }

  @BothDatabases
  void aHeldLeaseKeepsOtherReplicasAwayUntilItEnds(TestDatabase db) {
    // GIVEN a watch whose check failed on the replica holding it, held for an hour
    WatchStore store = store(db);
    Watch watch = create(store, ALICE, T0.minusSeconds(60));
    store.claimDue(T0, 10, "replica-a", T0.plusSeconds(300));
    store.holdLease(watch.id(), "replica-a", T0.plus(1, H));
    store.holdLease(watch.id(), "replica-b", T0); // not b's lease: changes nothing

    // WHEN another replica claims after the first lease, and after the held one
    List<Watch> within = store.claimDue(T0.plusSeconds(600), 10, "replica-b", T0.plus(2, H));
    List<Watch> after = store.claimDue(T0.plus(1, H), 10, "replica-b", T0.plus(2, H));

    // THEN it gets the watch only once the held lease has run out
    assertEquals(List.of(), within);
    assertEquals(List.of(watch), after);
  }

  @BothDatabases
  void savingTheCheckOrReleasingEndsTheLease(TestDatabase db) {
    // GIVEN two claimed watches
    WatchStore store = store(db);
    Watch checked = create(store, ALICE, T0.minusSeconds(60));
    Watch skipped = create(store, BOB, T0.minusSeconds(60));
    store.claimDue(T0, 10, "replica-a", T0.plusSeconds(300));

    // WHEN one's check is saved (due again in the past, as a test clock may make it) and the
    // other's lease is given back
    store.saveCheck(withCheck(checked, T0.minus(2, H), null), Optional.empty());
    store.releaseLeases(List.of(skipped.id()), "replica-a");

    // THEN both are free to claim at once, and no lease is left
    assertEquals(2, store.claimDue(T0, 10, "replica-b", T0.plusSeconds(300)).size());
    store.releaseLeases(List.of(checked.id(), skipped.id()), "replica-b");
    assertEquals(0, db.count("SELECT COUNT(*) FROM watches WHERE leased_by IS NOT NULL"));
  }

  @BothDatabases
  void savesEveryFieldACheckFoundAndAppendsItsReading(TestDatabase db) {
    WatchStore store = store(db);
    Watch watch = create(store, ALICE, T0);
    Reading reading =
        new Reading(
            T0.plusSeconds(1),
            new BigDecimal("12.3400000000000000001"),
            new BigDecimal("2000"),
            "魔粒");
    Watch checked =
        new Watch(
            watch.id(),
            ALICE,
            watch.fingerprint(),
            watch.settings(),
            WatchState.KEY_REJECTED,
            watch.createdAt(),
            watch.expiresAt(),
            T0.plus(1, H),
            T0.plusSeconds(1),
            reading,
            "invalid_key",
            1,
            3,
            true,
            "2026-12-01");

    store.saveCheck(checked, Optional.of(reading));

    assertEquals(Optional.of(checked), store.find(watch.id()));
    assertEquals(List.of(reading), store.history(watch.id(), T0, 10));
  }

  @BothDatabases
  void aCheckWithoutAReadingAppendsNoHistory(TestDatabase db) {
    WatchStore store = store(db);
    Watch watch = create(store, ALICE, T0);
    Watch failed = withCheck(watch, T0.plusSeconds(1), null);

    store.saveCheck(failed, Optional.empty());

    assertEquals(Optional.of(failed), store.find(watch.id()));
    assertEquals(0, db.count("SELECT COUNT(*) FROM readings"));
  }

  @BothDatabases
  void aCheckOfARemovedWatchLeavesNothingBehind(TestDatabase db) {
    WatchStore store = store(db);
    Watch watch = create(store, ALICE, T0);
    store.delete(watch.id(), ALICE);
    Reading reading = reading(T0.plusSeconds(1), "5");

    store.saveCheck(withCheck(watch, T0.plusSeconds(1), reading), Optional.of(reading));

    assertEquals(Optional.empty(), store.find(watch.id()));
    assertEquals(0, db.count("SELECT COUNT(*) FROM readings"));
  }

  @BothDatabases
  void historyIsTheNewestReadingsSinceADayOldestFirst(TestDatabase db) {
    WatchStore store = store(db);
    Watch watch = create(store, ALICE, T0);
    Watch other = create(store, BOB, T0);
    for (int hour = 0; hour < 6; hour++) {
      Reading reading = reading(T0.plus(hour, H), String.valueOf(100 - hour));
      store.saveCheck(withCheck(watch, reading.at(), reading), Optional.of(reading));
    }
    Reading others = reading(T0.plus(5, H), "1");
    store.saveCheck(withCheck(other, others.at(), others), Optional.of(others));

    List<Reading> history = store.history(watch.id(), T0.plus(1, H), 3);

    assertEquals(
        List.of(
            reading(T0.plus(3, H), "97"),
            reading(T0.plus(4, H), "96"),
            reading(T0.plus(5, H), "95")),
        history);
    assertEquals(5, store.history(watch.id(), T0.plus(1, H), 100).size());
  }

  @BothDatabases
  void keptAlertsAreGivenOnceThenGone(TestDatabase db) {
    WatchStore store = store(db);
    Watch watch = create(store, ALICE, T0);
    Alert threshold =
        new Alert(
            0,
            watch.id(),
            ALICE,
            Alert.Kind.THRESHOLD,
            watch.fingerprint(),
            "modelscope",
            "ja",
            percent("5"),
            new Reading(T0, new BigDecimal("40.5"), new BigDecimal("2000"), "魔粒"),
            null,
            T0);
    Alert tonight =
        new Alert(
            0,
            watch.id(),
            ALICE,
            Alert.Kind.EXPIRES_TONIGHT,
            watch.fingerprint(),
            "modelscope",
            "ja",
            null,
            reading(T0, "300"),
            Instant.parse("2026-12-01T16:00:00Z"),
            T0.plusSeconds(1));
    Alert rejected =
        new Alert(
            0,
            watch.id(),
            ALICE,
            Alert.Kind.KEY_REJECTED,
            watch.fingerprint(),
            "modelscope",
            "ja",
            null,
            null,
            null,
            T0.plusSeconds(2));

    Alert keptThreshold = store.keep(threshold);
    Alert keptTonight = store.keep(tonight);
    Alert keptRejected = store.keep(rejected);

    assertTrue(keptThreshold.id() > 0);
    assertEquals(threshold.withId(keptThreshold.id()), keptThreshold);
    assertEquals(List.of(keptThreshold, keptTonight, keptRejected), store.takeKept(ALICE));
    assertEquals(List.of(), store.takeKept(ALICE));
  }

  @BothDatabases
  void takingKeptAlertsLeavesOtherOwnersAlone(TestDatabase db) {
    WatchStore store = store(db);
    Alert bobs = store.keep(rejectedAlert(create(store, BOB, T0)));
    store.keep(rejectedAlert(create(store, ALICE, T0)));

    store.takeKept(ALICE);

    assertEquals(List.of(bobs), store.takeKept(BOB));
  }

  @BothDatabases
  void removingAWatchRemovesItsKeyHistoryAndKeptAlerts(TestDatabase db) {
    // GIVEN two watches, each with history and a kept alert
    WatchStore store = store(db);
    Watch removed = withHistoryAndAlert(store, create(store, ALICE, T0));
    Watch kept = withHistoryAndAlert(store, create(store, ALICE, T0));

    // WHEN the owner removes one
    assertTrue(store.delete(removed.id(), ALICE));

    // THEN its row (with the ciphertext), readings and kept alert are gone; the other's stay
    assertEquals(0, db.count("SELECT COUNT(*) FROM watches WHERE id = ?", removed.id()));
    assertEquals(0, db.count("SELECT COUNT(*) FROM readings WHERE watch_id = ?", removed.id()));
    assertEquals(0, db.count("SELECT COUNT(*) FROM kept_alerts WHERE watch_id = ?", removed.id()));
    assertEquals(1, db.count("SELECT COUNT(*) FROM watches"));
    assertEquals(1, db.count("SELECT COUNT(*) FROM readings WHERE watch_id = ?", kept.id()));
    assertEquals(1, db.count("SELECT COUNT(*) FROM kept_alerts WHERE watch_id = ?", kept.id()));
    assertFalse(store.delete(removed.id(), ALICE));
  }

  @Test
  void aRemovedWatchsCiphertextIsGoneFromTheSqliteFileAndItsLog() throws Exception {
    try (TestDatabase db = TestDatabases.sqlite()) {
      WatchStore store = store(db);
      Watch watch = createSealedWithMarker(store, T0.plus(30, D));
      assertTrue(sqliteBytes(db).contains(MARKER), "the ciphertext was written");

      store.delete(watch.id(), ALICE);

      assertFalse(sqliteBytes(db).contains(MARKER), "the ciphertext is still on disk");
    }
  }

  @Test
  void aForgottenOwnersCiphertextIsGoneFromTheSqliteFileAndItsLog() throws Exception {
    try (TestDatabase db = TestDatabases.sqlite()) {
      WatchStore store = store(db);
      createSealedWithMarker(store, T0.plus(30, D));
      assertTrue(sqliteBytes(db).contains(MARKER), "the ciphertext was written");

      store.deleteOwner(ALICE);

      assertFalse(sqliteBytes(db).contains(MARKER), "the ciphertext is still on disk");
    }
  }

  @Test
  void anExpiredWatchsCiphertextIsGoneFromTheSqliteFileAfterThePurge() throws Exception {
    try (TestDatabase db = TestDatabases.sqlite()) {
      WatchStore store = store(db);
      createSealedWithMarker(store, T0.plus(1, D));
      assertTrue(sqliteBytes(db).contains(MARKER), "the ciphertext was written");

      store.purge(T0.plus(2, D), T0);

      assertFalse(sqliteBytes(db).contains(MARKER), "the ciphertext is still on disk");
    }
  }

  @BothDatabases
  void forgettingAnOwnerRemovesEverythingOfTheirsOnly(TestDatabase db) {
    WatchStore store = store(db);
    withHistoryAndAlert(store, create(store, ALICE, T0));
    withHistoryAndAlert(store, create(store, ALICE, T0));
    Watch bobs = withHistoryAndAlert(store, create(store, BOB, T0));

    assertEquals(2, store.deleteOwner(ALICE));

    assertEquals(1, db.count("SELECT COUNT(*) FROM watches"));
    assertEquals(1, db.count("SELECT COUNT(*) FROM readings"));
    assertEquals(1, db.count("SELECT COUNT(*) FROM kept_alerts"));
    assertEquals(List.of(bobs.id()), store.ofOwner(BOB).stream().map(Watch::id).toList());
    assertEquals(0, store.deleteOwner(ALICE));
  }

  @BothDatabases
  void purgeRemovesExpiredWatchesAndOldHistory(TestDatabase db) {
    // GIVEN an expired watch with history, and a live one with an old and a recent reading
    WatchStore store = store(db);
    Watch expired =
        withHistoryAndAlert(
            store, store.create(ALICE, "sk-…old1", PERCENTS, SEALED, T0.minus(40, D), T0, T0));
    Watch live = store.create(ALICE, "sk-…new1", PERCENTS, SEALED, T0, T0.plus(30, D), T0);
    Reading old = reading(T0.minus(91, D), "50");
    Reading recent = reading(T0.minus(89, D), "40");
    store.saveCheck(withCheck(live, old.at(), old), Optional.of(old));
    store.saveCheck(withCheck(live, recent.at(), recent), Optional.of(recent));

    // WHEN purged with 90 days of history kept
    WatchStore.Purged purged = store.purge(T0, T0.minus(90, D));

    // THEN the expired watch is gone with everything of its own, and the old reading
    assertEquals(new WatchStore.Purged(1, 1), purged);
    assertEquals(Optional.empty(), store.find(expired.id()));
    assertEquals(0, db.count("SELECT COUNT(*) FROM kept_alerts"));
    assertEquals(List.of(recent), store.history(live.id(), Instant.EPOCH, 10));
  }

  /** A watch whose sealed key is a recognisable run of bytes, to look for on disk. */
  private static Watch createSealedWithMarker(WatchStore store, Instant expiresAt) {
    SealedSecret marked =
        new SealedSecret("k-1", new byte[12], MARKER.getBytes(StandardCharsets.ISO_8859_1));
    return store.create(ALICE, "sk-…a1b2", PERCENTS, marked, T0, expiresAt, T0);
  }

  /** The SQLite file and its write-ahead log, as Latin-1 so that every byte is one character. */
  private static String sqliteBytes(TestDatabase db) throws IOException {
    Path file = DatabaseUrl.sqliteFile(db.config().url()).orElseThrow();
    StringBuilder all = new StringBuilder();
    for (String suffix : new String[] {"", "-wal", "-journal"}) {
      Path part = Path.of(file + suffix);
      if (Files.exists(part)) {
        all.append(new String(Files.readAllBytes(part), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  private static WatchStore store(TestDatabase db) {
    return new JdbcWatchStore(db.open().dataSource());
  }

  private static Watch create(WatchStore store, String owner, Instant nextCheckAt) {
    return store.create(owner, "sk-…a1b2", PERCENTS, SEALED, T0, T0.plus(30, D), nextCheckAt);
  }

  private static Watch withHistoryAndAlert(WatchStore store, Watch watch) {
    Reading reading = reading(T0.plusSeconds(1), "10");
    store.saveCheck(withCheck(watch, reading.at(), reading), Optional.of(reading));
    store.keep(rejectedAlert(watch));
    return watch;
  }

  /** The watch as a check at {@code at} leaves it: last check, status and reading set. */
  private static Watch withCheck(Watch watch, Instant at, @Nullable Reading reading) {
    return new Watch(
        watch.id(),
        watch.ownerId(),
        watch.fingerprint(),
        watch.settings(),
        watch.state(),
        watch.createdAt(),
        watch.expiresAt(),
        at.plus(1, H),
        at,
        reading,
        reading == null ? "network_error" : "ok",
        watch.alertedLevel(),
        reading == null ? watch.failures() + 1 : 0,
        watch.dmFailed(),
        watch.remindedOn());
  }

  private static Alert rejectedAlert(Watch watch) {
    return new Alert(
        0,
        watch.id(),
        watch.ownerId(),
        Alert.Kind.KEY_REJECTED,
        watch.fingerprint(),
        watch.settings().provider(),
        "en",
        null,
        null,
        null,
        T0);
  }

  private static Reading reading(Instant at, String available) {
    return new Reading(at, new BigDecimal(available), null, "CNY");
  }

  private static Threshold percent(String value) {
    return new Threshold(Threshold.Kind.PERCENT, new BigDecimal(value));
  }

  private static Threshold amount(String value) {
    return new Threshold(Threshold.Kind.AMOUNT, new BigDecimal(value));
  }
}

package dev.quotabot.quota.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.quotabot.store.JdbcWatchStore;
import dev.quotabot.support.Await;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class WatchSchedulerTest {
  /** Past every new watch's first check: the interval (1 h) and its whole jitter (6 min). */
  private static final Duration PAST_FIRST = Duration.ofMinutes(67);

  @Test
  void dueWatchesAreCheckedOncePerInterval() {
    try (WatchFixture fixture = new WatchFixture();
        WatchScheduler scheduler = scheduler(fixture)) {
      fixture.watch("1", null);
      fixture.watch("2", null);
      int before = balanceReads(fixture);

      scheduler.runDue();
      assertEquals(0, balanceReads(fixture) - before, "nothing is due before the interval");

      fixture.clock.advance(PAST_FIRST);
      scheduler.runDue();
      scheduler.runDue();
      assertEquals(2, balanceReads(fixture) - before, "each due watch once");

      fixture.clock.advance(PAST_FIRST);
      scheduler.runDue();
      assertEquals(4, balanceReads(fixture) - before);
    }
  }

  @Test
  void noMoreChecksThanMaxInFlightRunAtOnce() {
    try (WatchFixture fixture = new WatchFixture(WatchFixture.limits(5, 2, Duration.ZERO));
        WatchScheduler scheduler = scheduler(fixture)) {
      for (int owner = 1; owner <= 6; owner++) {
        fixture.watch(Integer.toString(owner), null);
      }
      fixture.balance(okJson(FakeModelScope.BALANCE_250).withFixedDelay(1000));
      int before = balanceReads(fixture);

      fixture.clock.advance(PAST_FIRST);
      scheduler.runDue();

      assertEquals(6, balanceReads(fixture) - before);
      assertEquals(2, mostAtOnce(balanceEvents(fixture).subList(before, before + 6)));
    }
  }

  @Test
  void oneProvidersChecksStartSpacedApart() {
    try (WatchFixture fixture =
            new WatchFixture(WatchFixture.limits(5, 4, Duration.ofMillis(250)));
        WatchScheduler scheduler = scheduler(fixture)) {
      for (int owner = 1; owner <= 3; owner++) {
        fixture.watch(Integer.toString(owner), null);
      }
      int before = balanceReads(fixture);

      fixture.clock.advance(PAST_FIRST);
      scheduler.runDue();

      List<ServeEvent> reads = balanceEvents(fixture).subList(before, before + 3);
      for (int i = 1; i < reads.size(); i++) {
        long gap =
            reads.get(i).getRequest().getLoggedDate().getTime()
                - reads.get(i - 1).getRequest().getLoggedDate().getTime();
        assertTrue(gap >= 200, "starts only " + gap + " ms apart");
      }
    }
  }

  @Test
  void aFailingCheckIsNotLookedAtAgainBeforeItsBackoff() {
    try (WatchFixture fixture = new WatchFixture();
        WatchScheduler scheduler = scheduler(fixture)) {
      Watch watch = fixture.watch("1", null);
      fixture.balance(FakeModelScope.error(500, "{\"success\":false}"));
      int before = balanceReads(fixture);
      fixture.clock.set(watch.nextCheckAt());
      scheduler.runDue();
      Instant failedAt = fixture.clock.instant();

      fixture.clock.set(failedAt.plus(Duration.ofMinutes(119)));
      scheduler.runDue();
      assertEquals(1, balanceReads(fixture) - before, "no check within twice the interval");

      fixture.clock.set(failedAt.plus(Duration.ofHours(2)));
      scheduler.runDue();
      assertEquals(2, balanceReads(fixture) - before);
      assertTrue(fixture.sink.alerts.isEmpty());
    }
  }

  @Test
  void aPassDeletesExpiredWatches() {
    try (WatchFixture fixture = new WatchFixture();
        WatchScheduler scheduler = scheduler(fixture)) {
      fixture.watch("1", null);

      fixture.clock.advance(Duration.ofDays(31));
      scheduler.runDue();

      assertEquals(0, fixture.count("SELECT COUNT(*) FROM watches"));
      assertEquals(0, fixture.count("SELECT COUNT(*) FROM readings"));
    }
  }

  @Test
  void startedItChecksDueWatchesOnItsOwn() {
    WatchLimits quick =
        new WatchLimits(
            5,
            Duration.ofMinutes(15),
            Duration.ofHours(1),
            Duration.ofDays(30),
            Duration.ofDays(90),
            4,
            Duration.ZERO,
            Duration.ofMillis(50));
    try (WatchFixture fixture = new WatchFixture(quick);
        WatchScheduler scheduler = scheduler(fixture)) {
      Watch watch = fixture.watch("1", null);
      fixture.clock.advance(PAST_FIRST);

      scheduler.start();

      Await.until(
          "the watch to be checked",
          () ->
              watch
                  .lastCheckAt()
                  .isBefore(fixture.store.find(watch.id()).orElseThrow().lastCheckAt()));
    }
  }

  @Test
  void twoReplicasOnOnePostgresCheckEachDueWatchExactlyOnce() throws Exception {
    // GIVEN two replicas' schedulers, each with a pool of its own, on one PostgreSQL
    try (WatchFixture fixture =
            new WatchFixture(WatchFixture.limits(5, 4, Duration.ZERO), TestDatabases.postgres());
        WatchScheduler first = scheduler(fixture);
        WatchScheduler second = secondReplica(fixture)) {
      for (int owner = 1; owner <= 8; owner++) {
        fixture.watch(Integer.toString(owner), null);
      }
      int before = balanceReads(fixture);
      fixture.clock.advance(PAST_FIRST);

      // WHEN both run a pass at the same moment
      ExecutorService replicas = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch go = new CountDownLatch(1);
        Future<?> a = replicas.submit(() -> passAfter(go, first));
        Future<?> b = replicas.submit(() -> passAfter(go, second));
        go.countDown();
        a.get(60, TimeUnit.SECONDS);
        b.get(60, TimeUnit.SECONDS);
      } finally {
        replicas.shutdownNow();
      }

      // THEN each watch was checked once, by one of them, and no lease is left
      assertEquals(8, balanceReads(fixture) - before);
      assertEquals(0, fixture.count("SELECT COUNT(*) FROM watches WHERE leased_by IS NOT NULL"));
    }
  }

  @Test
  void aWatchLeasedByAReplicaThatDiedIsDueAgainOnceTheLeaseRunsOut() {
    // GIVEN a due watch claimed by a replica that then died, its lease running 10 more minutes
    try (WatchFixture fixture = new WatchFixture();
        WatchScheduler scheduler = scheduler(fixture)) {
      fixture.watch("1", null);
      fixture.clock.advance(PAST_FIRST);
      Instant now = fixture.clock.instant();
      assertEquals(
          1,
          fixture.store.claimDue(now, 10, "dead-replica", now.plus(Duration.ofMinutes(10))).size());
      int before = balanceReads(fixture);

      // WHEN this replica runs a pass within the lease, and another once it ran out
      scheduler.runDue();
      int withinLease = balanceReads(fixture) - before;
      fixture.clock.advance(Duration.ofMinutes(10));
      scheduler.runDue();

      // THEN the watch is left alone first, then checked
      assertEquals(0, withinLease);
      assertEquals(1, balanceReads(fixture) - before);
    }
  }

  /** Another replica: a pool, store and service of its own on the fixture's database. */
  private static WatchScheduler secondReplica(WatchFixture fixture) {
    JdbcWatchStore store = new JdbcWatchStore(fixture.database.open().dataSource());
    WatchService service =
        new WatchService(
            fixture.quota, store, fixture.vault, fixture.limits, fixture.sink, fixture.clock);
    return new WatchScheduler(service, store, fixture.limits, fixture.clock);
  }

  private static void passAfter(CountDownLatch go, WatchScheduler scheduler) {
    try {
      go.await();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return;
    }
    scheduler.runDue();
  }

  private static WatchScheduler scheduler(WatchFixture fixture) {
    return new WatchScheduler(fixture.service, fixture.store, fixture.limits, fixture.clock);
  }

  private static List<ServeEvent> balanceEvents(WatchFixture fixture) {
    List<ServeEvent> events = new ArrayList<>(fixture.modelScope.server().getAllServeEvents());
    events.removeIf(event -> !event.getRequest().getUrl().endsWith("/magicubes/balance"));
    events.sort(Comparator.comparing(event -> event.getRequest().getLoggedDate()));
    return events;
  }

  private static int balanceReads(WatchFixture fixture) {
    return balanceEvents(fixture).size();
  }

  /** The most requests that were being answered at one moment. */
  private static int mostAtOnce(List<ServeEvent> events) {
    int most = 0;
    for (ServeEvent event : events) {
      long at = event.getRequest().getLoggedDate().getTime();
      int open = 0;
      for (ServeEvent other : events) {
        long start = other.getRequest().getLoggedDate().getTime();
        long end = start + other.getTiming().getTotalTime();
        if (start <= at && at < end) {
          open++;
        }
      }
      most = Math.max(most, open);
    }
    return most;
  }
}

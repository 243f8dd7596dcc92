package dev.quotabot.quota;

import static dev.quotabot.quota.ManualProbe.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.CoreDoubles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link QuotaService} with hand-driven probes: ordering, isolation, the cap, clamped timeouts. */
final class QuotaServiceTest {
  private static final ApiKey KEY = ApiKey.of("ms-TESTKEY-1234567890abcdef");
  private static final Instant NOW = Instant.parse("2026-09-01T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void keepsRowsInTheOrderAskedWhateverOrderProbesFinishIn() {
    // GIVEN three probes that the test finishes in reverse order
    ManualProbe probe = new ManualProbe();
    QuotaService service =
        new QuotaService(probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings(10), CLOCK);

    // WHEN the query runs and the probes finish c, b, a
    CompletableFuture<QuotaReport> report = service.query(query("a", "b", "c"));
    probe.finish("c", ProbeStatus.OK);
    probe.finish("b", ProbeStatus.LIMIT_REACHED);
    assertFalse(report.isDone());
    probe.finish("a", ProbeStatus.NO_QUOTA_HEADERS);

    // THEN the report lists a, b, c with their own results, the fingerprint and the clock's time
    QuotaReport done = report.join();
    assertEquals(List.of("a", "b", "c"), done.models().stream().map(ModelQuota::model).toList());
    assertEquals(
        List.of(ProbeStatus.NO_QUOTA_HEADERS, ProbeStatus.LIMIT_REACHED, ProbeStatus.OK),
        done.models().stream().map(ModelQuota::status).toList());
    assertEquals("ms-…cdef", done.keyFingerprint());
    assertEquals(NOW, done.checkedAt());
    assertEquals(2, done.successCount());
    assertFalse(done.allSucceeded());
  }

  @Test
  void tellsTheListenerEveryRowBeforeTheReportCompletes() {
    // GIVEN a listener that records rows, and a note of how many it had heard when the report came
    ManualProbe probe = new ManualProbe();
    QuotaService service =
        new QuotaService(probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings(10), CLOCK);
    List<String> heard = new CopyOnWriteArrayList<>();
    QueryListener listener =
        new QueryListener() {
          @Override
          public void onModel(int index, ModelQuota row) {
            heard.add(row.model());
          }
        };
    RunningQuery running = service.start(query("a", "b", "c"), listener);
    CompletableFuture<List<String>> heardWhenDone =
        running.report().thenApply(report -> List.copyOf(heard));

    // WHEN the probes finish, the last one completing the report
    probe.finish("b", ProbeStatus.OK);
    probe.finish("c", ProbeStatus.OK);
    probe.finish("a", ProbeStatus.OK);

    // THEN the listener had heard all three by then (a stream writes its summary at that moment)
    assertEquals(List.of("b", "c", "a"), heardWhenDone.join());
  }

  @Test
  void neverStartsMoreProbesThanTheCap() {
    // GIVEN a cap of 3 and 7 models
    ManualProbe probe = new ManualProbe();
    QuotaService service =
        new QuotaService(probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings(3), CLOCK);

    // WHEN the query starts
    CompletableFuture<QuotaReport> report =
        service.query(query("m1", "m2", "m3", "m4", "m5", "m6", "m7"));

    // THEN only the first 3 are probed; each finish lets exactly one more start, in order
    assertEquals(List.of("m1", "m2", "m3"), probe.started());
    probe.finish("m2", ProbeStatus.OK);
    assertEquals(List.of("m1", "m2", "m3", "m4"), probe.started());
    probe.finish("m1", ProbeStatus.OK);
    probe.finish("m3", ProbeStatus.OK);
    assertEquals(List.of("m1", "m2", "m3", "m4", "m5", "m6"), probe.started());
    for (String model : List.of("m4", "m5", "m6")) {
      probe.finish(model, ProbeStatus.OK);
    }
    probe.finish("m7", ProbeStatus.OK);
    assertTrue(report.join().allSucceeded());
  }

  @Test
  void aProbeThatThrowsBecomesARowAndTheOthersStillRun() {
    // GIVEN a probe that throws for one model and fails its future for another
    ModelProbe probe =
        (key, model, timeout) ->
            switch (model) {
              case "throws" -> throw new IllegalStateException("boom");
              case "fails" -> CompletableFuture.failedFuture(new RuntimeException("bang"));
              default -> CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
            };
    QuotaService service =
        new QuotaService(probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings(1), CLOCK);

    // WHEN the query runs
    QuotaReport report = service.query(query("a", "throws", "b", "fails", "c")).join();

    // THEN the broken ones are network_error rows and every other model was probed
    assertEquals(
        List.of(
            ProbeStatus.OK,
            ProbeStatus.NETWORK_ERROR,
            ProbeStatus.OK,
            ProbeStatus.NETWORK_ERROR,
            ProbeStatus.OK),
        report.models().stream().map(ModelQuota::status).toList());
    assertFalse(report.models().get(1).error().contains("boom"));
  }

  @Test
  void givesEachProbeAtMostTheTimeLeftBeforeTheDeadline() {
    // GIVEN a probe timeout of 10 s but a query deadline of 1 s
    List<Duration> timeouts = new CopyOnWriteArrayList<>();
    ModelProbe probe =
        (key, model, timeout) -> {
          timeouts.add(timeout);
          return CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
        };
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofSeconds(10), Duration.ofSeconds(1), 5);

    // WHEN a query runs
    new QuotaService(probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings, CLOCK)
        .query(query("a", "b"))
        .join();

    // THEN each probe was given no more than the deadline
    assertEquals(2, timeouts.size());
    timeouts.forEach(
        timeout -> {
          assertTrue(timeout.compareTo(Duration.ofSeconds(1)) <= 0, timeout.toString());
          assertTrue(timeout.compareTo(Duration.ZERO) > 0, timeout.toString());
        });
  }

  @Test
  void givesEachProbeTheProbeTimeoutWhenTheDeadlineIsFarAway() {
    // GIVEN a probe timeout of 2 s and a deadline of 60 s
    List<Duration> timeouts = new CopyOnWriteArrayList<>();
    ModelProbe probe =
        (key, model, timeout) -> {
          timeouts.add(timeout);
          return CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
        };
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofSeconds(2), Duration.ofSeconds(60), 5);

    // WHEN a query runs
    new QuotaService(probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings, CLOCK)
        .query(query("a"))
        .join();

    // THEN the probe got the probe timeout
    assertEquals(List.of(Duration.ofSeconds(2)), timeouts);
  }

  @Test
  void passesTheKeyToEveryProbe() {
    // GIVEN a probe that records the key it was given
    List<ApiKey> keys = new CopyOnWriteArrayList<>();
    ModelProbe probe =
        (key, model, timeout) -> {
          keys.add(key);
          return CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
        };

    // WHEN a query runs
    new QuotaService(probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings(5), CLOCK)
        .query(query("a", "b"))
        .join();

    // THEN each probe saw the query's key
    assertEquals(List.of(KEY, KEY), keys);
  }

  @Test
  void aProbeThatNeverAnswersStillEndsTheQuery() throws Exception {
    // GIVEN a probe that breaks its contract and never completes for one model,
    // with a 200 ms probe timeout (timing matters here: the service must not wait forever)
    ModelProbe probe =
        (key, model, timeout) ->
            model.equals("hangs")
                ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofMillis(200), Duration.ofSeconds(5), 1);

    // WHEN the query runs
    QuotaReport report =
        new QuotaService(probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings, CLOCK)
            .query(query("a", "hangs", "b"))
            .get(3, java.util.concurrent.TimeUnit.SECONDS);

    // THEN the hung model is a timeout row and the model queued behind it was still probed
    assertEquals(
        List.of(ProbeStatus.OK, ProbeStatus.TIMEOUT, ProbeStatus.OK),
        report.models().stream().map(ModelQuota::status).toList());
  }

  // ---------------------------------------------------------------- helpers

  /** A probe whose results the test hands out one by one. */
  @Test
  void aBalanceReaderThatNeverAnswersCannotHoldTheQuery() {
    // GIVEN an account reader that never completes and a 200 ms probe timeout
    AccountReader silent = (key, timeout) -> new CompletableFuture<>();
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofMillis(200), Duration.ofSeconds(5), 5);
    QuotaService service =
        new QuotaService(
            (key, model, timeout) -> CompletableFuture.completedFuture(row(model, ProbeStatus.OK)),
            silent,
            CoreDoubles.NO_CATALOG,
            settings,
            CLOCK);

    // WHEN a query runs
    QuotaReport report = service.query(query("a")).orTimeout(5, TimeUnit.SECONDS).join();

    // THEN it ends with the balance as timed out and the row intact
    assertEquals(ProbeStatus.TIMEOUT, report.account().status());
    assertEquals(ProbeStatus.OK, report.models().get(0).status());
  }

  @Test
  void cancellingEndsTheReportAtOnceEvenWhileTheBalanceIsStillComing() {
    // GIVEN a query whose balance and probe are both still running
    AccountReader slow = (key, timeout) -> new CompletableFuture<>();
    ManualProbe probe = new ManualProbe();
    RunningQuery running =
        new QuotaService(probe, slow, CoreDoubles.NO_CATALOG, settings(5), CLOCK)
            .start(query("a"), QueryListener.NONE);

    // WHEN the asker goes away
    running.cancel();

    // THEN the report is complete right away
    assertTrue(running.report().isDone());
    assertEquals(ProbeStatus.TIMEOUT, running.report().join().account().status());
  }

  private static QuotaSettings settings(int maxConcurrentProbes) {
    return new QuotaSettings(
        List.of(), 50, Duration.ofSeconds(10), Duration.ofSeconds(20), maxConcurrentProbes);
  }

  private static QuotaQuery query(String... models) {
    return new QuotaQuery(KEY, List.of(models));
  }
}

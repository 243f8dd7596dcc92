package dev.quotabot.quota;

import static dev.quotabot.quota.ManualProbe.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.CoreDoubles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link QuotaService} beyond the probes: the account read beside them, the listener, the model
 * catalog pre-check, balance-only queries, cancellation and the reset time. Every collaborator is a
 * hand-driven fake.
 */
final class QuotaServiceAccountAndCatalogTest {
  private static final ApiKey KEY = ApiKey.of("ms-TESTKEY-1234567890abcdef");
  private static final Instant NOW = Instant.parse("2026-11-24T15:59:59Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final AccountBalance BROKE =
      AccountBalance.failed("modelscope", "魔粒", ProbeStatus.INVALID_KEY, "rejected");

  // ---------------------------------------------------------------- the account

  @Test
  void readsTheAccountBesideTheProbesNotAfterThem() {
    // GIVEN an account read and probes that the test finishes by hand
    ManualAccount account = new ManualAccount();
    ManualProbe probe = new ManualProbe();
    QuotaService service = service(probe, account, CoreDoubles.NO_CATALOG, settings(5));

    // WHEN a query starts
    CompletableFuture<QuotaReport> report = service.query(query("a", "b"));

    // THEN the account read and both probes are under way at once, before anything finished
    assertEquals(1, account.reads.get());
    assertEquals(List.of("a", "b"), probe.started());
    // and the report waits for the account as well as for the rows
    probe.finish("a", ProbeStatus.OK);
    probe.finish("b", ProbeStatus.OK);
    assertFalse(report.isDone());
    account.answer(CoreDoubles.BALANCE);
    assertSame(CoreDoubles.BALANCE, report.join().account());
  }

  @Test
  void givesTheAccountReadTheProbeTimeoutAndTheKey() {
    // GIVEN an account reader that records what it was given
    List<Duration> timeouts = new CopyOnWriteArrayList<>();
    List<ApiKey> keys = new CopyOnWriteArrayList<>();
    AccountReader account =
        (key, timeout) -> {
          keys.add(key);
          timeouts.add(timeout);
          return CompletableFuture.completedFuture(CoreDoubles.BALANCE);
        };

    // WHEN a query runs with a 2 s probe timeout and a 20 s deadline
    service(okProbe(), account, CoreDoubles.NO_CATALOG, settings(5)).query(query("a")).join();

    // THEN the read got the key and the probe timeout
    assertEquals(List.of(KEY), keys);
    assertEquals(List.of(Duration.ofSeconds(2)), timeouts);
  }

  @Test
  void anAccountReadThatFailsBecomesAFailedBalanceAndTheRowsStand() {
    // GIVEN an account reader that throws, and one whose future fails (both break the contract)
    AccountReader throwing =
        (key, timeout) -> {
          throw new IllegalStateException("boom " + key.reveal());
        };
    AccountReader failing =
        (key, timeout) -> CompletableFuture.failedFuture(new RuntimeException("bang"));

    for (AccountReader account : List.of(throwing, failing)) {
      // WHEN a query runs
      QuotaReport report =
          service(okProbe(), account, CoreDoubles.NO_CATALOG, settings(5)).query(query("a")).join();

      // THEN the balance is a network_error with unknown amounts and the row is unharmed
      assertEquals(ProbeStatus.NETWORK_ERROR, report.account().status());
      assertNull(report.account().availableBalance());
      assertFalse(report.account().error().contains(KEY.reveal()));
      assertEquals(ProbeStatus.OK, report.models().get(0).status());
      assertTrue(report.allSucceeded());
    }
  }

  // ---------------------------------------------------------------- the listener

  @Test
  void tellsTheListenerTheAccountOnceAndEachRowOnceWithItsIndexAsItFinishes() {
    // GIVEN probes finished by hand and a listener that records what it hears
    ManualAccount account = new ManualAccount();
    ManualProbe probe = new ManualProbe();
    RecordingListener heard = new RecordingListener();
    RunningQuery running =
        service(probe, account, CoreDoubles.NO_CATALOG, settings(5))
            .start(query("a", "b", "c"), heard);

    // WHEN the rows finish c, a and (after the account) b
    probe.finish("c", ProbeStatus.LIMIT_REACHED);
    probe.finish("a", ProbeStatus.OK);
    account.answer(CoreDoubles.BALANCE);
    probe.finish("b", ProbeStatus.NO_QUOTA_HEADERS);
    QuotaReport report = running.report().join();

    // THEN each was heard once, in completion order, with its index in the query and its own row
    assertEquals(
        List.of(
            "model 2 c limit_reached", "model 0 a ok", "account ok", "model 1 b no_quota_headers"),
        heard.events);
    for (int i = 0; i < 3; i++) {
      assertSame(report.models().get(i), heard.rows.get(i));
    }
    assertSame(CoreDoubles.BALANCE, heard.account);
  }

  @Test
  void theListenerHearsEveryRowBeforeTheReportCompletes() {
    // GIVEN a listener that notes whether the report was already done when it heard a row
    ManualProbe probe = new ManualProbe();
    List<String> heard = new CopyOnWriteArrayList<>();
    List<RunningQuery> running = new CopyOnWriteArrayList<>();
    QueryListener listener =
        new QueryListener() {
          @Override
          public void onModel(int index, ModelQuota row) {
            heard.add(row.model() + (running.get(0).report().isDone() ? " after" : " before"));
          }
        };
    running.add(
        service(probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings(5))
            .start(query("a", "b"), listener));

    // WHEN the rows finish, the last one completing the query
    probe.finish("b", ProbeStatus.OK);
    probe.finish("a", ProbeStatus.OK);

    // THEN each row was heard while the report was still open (a stream ends on the report)
    assertTrue(running.get(0).report().isDone());
    assertEquals(List.of("b before", "a before"), heard);
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheQuery() {
    // GIVEN a listener that throws on everything
    QueryListener broken =
        new QueryListener() {
          @Override
          public void onAccount(AccountBalance account) {
            throw new IllegalStateException("account");
          }

          @Override
          public void onModel(int index, ModelQuota row) {
            throw new IllegalStateException("row");
          }
        };

    // WHEN a query runs with it
    QuotaReport report =
        service(okProbe(), CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings(1))
            .start(query("a", "b", "c"), broken)
            .report()
            .orTimeout(5, TimeUnit.SECONDS)
            .join();

    // THEN every model was still probed (one at a time: each finish started the next)
    assertEquals(3, report.successCount());
    assertSame(CoreDoubles.BALANCE, report.account());
  }

  // ---------------------------------------------------------------- the catalog

  @Test
  void reportsModelsMissingFromTheCatalogWithoutProbingThemIgnoringCase() {
    // GIVEN a loaded catalog listing two models
    ManualProbe probe = new ManualProbe();
    ModelDirectory catalog = catalog(true, false, "Qwen/Qwen3-32B", "ZhipuAI/GLM-4.6");
    RecordingListener heard = new RecordingListener();

    // WHEN a query asks for one in another letter case, one missing, and one listed
    RunningQuery running =
        service(probe, CoreDoubles.ACCOUNT, catalog, settings(5))
            .start(query("qwen/QWEN3-32b", "Org/Missing-Model", "ZhipuAI/GLM-4.6"), heard);
    probe.finish("qwen/QWEN3-32b", ProbeStatus.OK);
    probe.finish("ZhipuAI/GLM-4.6", ProbeStatus.OK);
    QuotaReport report = running.report().join();

    // THEN the missing one is model_unavailable without a probe; the others were probed as asked
    assertEquals(List.of("qwen/QWEN3-32b", "ZhipuAI/GLM-4.6"), probe.started());
    ModelQuota missing = report.models().get(1);
    assertEquals("Org/Missing-Model", missing.model());
    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, missing.status());
    assertTrue(missing.error().contains("model list"), missing.error());
    assertEquals(RateLimits.UNKNOWN, missing.limits());
    // and the listener heard about it with its index
    assertTrue(
        heard.events.contains("model 1 Org/Missing-Model model_unavailable"),
        heard.events.toString());
  }

  @Test
  void stillUsesACatalogThatCouldNotBeRefreshed() {
    // GIVEN a catalog that was loaded once and is stale now
    ManualProbe probe = new ManualProbe();
    ModelDirectory stale = catalog(true, true, "Qwen/Qwen3-32B");

    // WHEN a query asks for a listed and an unlisted model
    CompletableFuture<QuotaReport> report =
        service(probe, CoreDoubles.ACCOUNT, stale, settings(5))
            .query(query("Qwen/Qwen3-32B", "Org/Missing-Model"));
    probe.finish("Qwen/Qwen3-32B", ProbeStatus.OK);

    // THEN the stale list still saves the probe of the unlisted one
    assertEquals(List.of("Qwen/Qwen3-32B"), probe.started());
    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, report.join().models().get(1).status());
  }

  @Test
  void flagsNothingWhenTheCatalogIsUnavailableOrEmpty() {
    List<ModelDirectory> unknowing =
        List.of(
            CoreDoubles.NO_CATALOG,
            catalog(true, false),
            catalog(false, true, "Qwen/Qwen3-32B"),
            () -> CompletableFuture.failedFuture(new IllegalStateException("contract broken")));
    for (ModelDirectory catalog : unknowing) {
      // GIVEN a catalog that knows no models (never loaded, empty, or failing)
      ManualProbe probe = new ManualProbe();

      // WHEN a query asks for two models
      CompletableFuture<QuotaReport> report =
          service(probe, CoreDoubles.ACCOUNT, catalog, settings(5))
              .query(query("Qwen/Qwen3-32B", "Org/Missing-Model"));
      probe.finish("Qwen/Qwen3-32B", ProbeStatus.OK);
      probe.finish("Org/Missing-Model", ProbeStatus.OK);

      // THEN both are probed, nothing is flagged
      assertEquals(List.of("Qwen/Qwen3-32B", "Org/Missing-Model"), probe.started());
      assertEquals(2, report.join().successCount());
    }
  }

  @Test
  void waitsAboutThreeSecondsForACatalogThatDoesNotAnswerThenProbesEverything() {
    // GIVEN a catalog whose lookup never completes (timing is the behaviour under test)
    ManualProbe probe = new ManualProbe();
    ModelDirectory hanging = CompletableFuture::new;

    // WHEN a query starts
    long started = System.nanoTime();
    service(probe, CoreDoubles.ACCOUNT, hanging, settings(5)).query(query("Org/Missing-Model"));

    // THEN no probe starts while waiting, and after ~3 s the model is probed, not flagged
    assertEquals(List.of(), probe.started());
    probe.awaitStarted("Org/Missing-Model", Duration.ofSeconds(10));
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(waitedMs >= 2_500 && waitedMs < 6_000, "probed after " + waitedMs + " ms");
  }

  // ---------------------------------------------------------------- balance only

  @Test
  void aQueryWithoutModelsReadsOnlyTheAccount() {
    // GIVEN a probe and a catalog that count their calls
    AtomicInteger probes = new AtomicInteger();
    AtomicInteger lookups = new AtomicInteger();
    ModelProbe probe =
        (key, model, timeout) -> {
          probes.incrementAndGet();
          return CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
        };
    ModelDirectory catalog =
        () -> {
          lookups.incrementAndGet();
          return CompletableFuture.completedFuture(CatalogSnapshot.UNAVAILABLE);
        };
    RecordingListener heard = new RecordingListener();

    // WHEN a query names no model
    QuotaReport report =
        service(probe, CoreDoubles.ACCOUNT, catalog, settings(5))
            .start(query(), heard)
            .report()
            .join();

    // THEN only the account was read: no probe, no catalog lookup, no row
    assertEquals(0, probes.get());
    assertEquals(0, lookups.get());
    assertTrue(report.balanceOnly());
    assertEquals(List.of(), report.models());
    assertEquals(List.of("account ok"), heard.events);
    assertTrue(report.allSucceeded(), "a read balance is a successful balance-only check");
  }

  @Test
  void aBalanceOnlyCheckFailsWhenTheBalanceCannotBeRead() {
    // GIVEN an account whose key is rejected
    AccountReader rejected = (key, timeout) -> CompletableFuture.completedFuture(BROKE);

    // WHEN a balance-only query runs
    QuotaReport report =
        service(okProbe(), rejected, CoreDoubles.NO_CATALOG, settings(5)).query(query()).join();

    // THEN it is not a success
    assertTrue(report.balanceOnly());
    assertFalse(report.allSucceeded());
    assertEquals(ProbeStatus.INVALID_KEY, report.account().status());
  }

  // ---------------------------------------------------------------- cancel

  @Test
  void cancelClosesTheProbesInFlightAndStartsNoMore() {
    // GIVEN a cap of 2 and four models, two of them in flight
    ManualProbe probe = new ManualProbe();
    RecordingListener heard = new RecordingListener();
    RunningQuery running =
        service(probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings(2))
            .start(query("m1", "m2", "m3", "m4"), heard);
    assertEquals(List.of("m1", "m2"), probe.started());

    // WHEN the query is cancelled
    running.cancel();

    // THEN both in-flight probe futures were cancelled (that is what closes their HTTP calls),
    // the queued models were never probed, and the report is complete at once
    assertTrue(probe.future("m1").isCancelled());
    assertTrue(probe.future("m2").isCancelled());
    assertEquals(List.of("m1", "m2"), probe.started());
    assertTrue(running.report().isDone());
    QuotaReport report = running.report().join();
    assertEquals(
        List.of("m1", "m2", "m3", "m4"), report.models().stream().map(ModelQuota::model).toList());
    report.models().forEach(row -> assertTrue(row.error().contains("Cancelled"), row.error()));
    // and nothing starts or is heard later, even if a probe answers after all
    List<String> heardByNow = List.copyOf(heard.events);
    probe.finish("m1", ProbeStatus.OK);
    assertEquals(List.of("m1", "m2"), probe.started());
    assertEquals(heardByNow, heard.events);
    assertEquals(heard.rows.size(), heard.events.size() - 1, "no row was heard twice");
  }

  @Test
  void cancelBeforeTheCatalogAnswersStartsNoProbe() {
    // GIVEN a query waiting for the catalog
    ManualProbe probe = new ManualProbe();
    CompletableFuture<CatalogSnapshot> lookup = new CompletableFuture<>();
    RunningQuery running =
        service(probe, CoreDoubles.ACCOUNT, () -> lookup, settings(5))
            .start(query("a", "b"), QueryListener.NONE);

    // WHEN it is cancelled and the catalog answers afterwards
    running.cancel();
    lookup.complete(new CatalogSnapshot(List.of("a", "b"), false, NOW));

    // THEN no probe was started and the report is done
    assertEquals(List.of(), probe.started());
    assertEquals(2, running.report().join().models().size());
  }

  @Test
  void cancelAfterTheReportIsDoneChangesNothing() {
    // GIVEN a finished query
    RunningQuery running =
        service(okProbe(), CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings(5))
            .start(query("a"), QueryListener.NONE);
    QuotaReport before = running.report().join();

    // WHEN it is cancelled
    running.cancel();

    // THEN its report still says what was found
    assertSame(before, running.report().join());
    assertEquals(ProbeStatus.OK, before.models().get(0).status());
  }

  // ---------------------------------------------------------------- reset time

  @Test
  void theReportSaysWhenTheDailyQuotaResets() {
    // GIVEN a clock one second before midnight in Shanghai
    // WHEN a query runs
    QuotaReport report =
        service(okProbe(), CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings(5))
            .query(query("a"))
            .join();

    // THEN the reset is that midnight, in +08:00
    assertEquals(OffsetDateTime.parse("2026-11-25T00:00:00+08:00"), report.resetsAt());
    assertEquals(NOW, report.checkedAt());
  }

  // ---------------------------------------------------------------- helpers

  private static QuotaService service(
      ModelProbe probe, AccountReader account, ModelDirectory catalog, QuotaSettings settings) {
    return new QuotaService(probe, account, catalog, settings, CLOCK);
  }

  private static QuotaSettings settings(int maxConcurrentProbes) {
    return new QuotaSettings(
        List.of(), 50, Duration.ofSeconds(2), Duration.ofSeconds(20), maxConcurrentProbes);
  }

  private static QuotaQuery query(String... models) {
    return new QuotaQuery(KEY, List.of(models));
  }

  private static ModelProbe okProbe() {
    return (key, model, timeout) -> CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
  }

  private static ModelDirectory catalog(boolean loaded, boolean stale, String... ids) {
    CatalogSnapshot snapshot = new CatalogSnapshot(List.of(ids), stale, loaded ? NOW : null);
    return () -> CompletableFuture.completedFuture(snapshot);
  }

  /** An account read the test answers by hand. */
  private static final class ManualAccount implements AccountReader {
    final AtomicInteger reads = new AtomicInteger();
    final CompletableFuture<AccountBalance> answer = new CompletableFuture<>();

    @Override
    public CompletableFuture<AccountBalance> read(ApiKey key, Duration timeout) {
      reads.incrementAndGet();
      return answer;
    }

    void answer(AccountBalance balance) {
      answer.complete(balance);
    }
  }

  /** Records what a listener hears, as "account ok" and "model 1 b ok". */
  private static final class RecordingListener implements QueryListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final Map<Integer, ModelQuota> rows = new ConcurrentHashMap<>();
    volatile AccountBalance account;

    @Override
    public void onAccount(AccountBalance balance) {
      account = balance;
      events.add("account " + balance.status().wireName());
    }

    @Override
    public void onModel(int index, ModelQuota row) {
      rows.put(index, row);
      events.add("model " + index + " " + row.model() + " " + row.status().wireName());
    }
  }
}

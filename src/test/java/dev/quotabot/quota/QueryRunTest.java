package dev.quotabot.quota;

import static dev.quotabot.quota.ManualProbe.row;
import static dev.quotabot.support.Numbers.elapsedMs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.CoreDoubles;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * One query run with hand-driven provider doubles: the account read beside the probes, the order of
 * rows, the concurrency cap, the deadline, the model-list skip, the order in which the listener
 * hears things, cancellation, and the answers the run makes up for a provider that breaks its
 * promise (for a provider that lists the key's models: one row per model asked).
 */
final class QueryRunTest {
  private static final ApiKey KEY = ApiKey.of("ms-TESTKEY-1234567890abcdef");
  private static final Instant NOW = Instant.parse("2026-11-24T15:59:59Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Account FIVE_USD =
      Account.read(
          "newapi",
          List.of(Balance.of(Balance.Scope.KEY, "USD").available(new BigDecimal("5")).build()),
          null,
          (Text) null);
  private static final URI RELAY = URI.create("https://relay.example");

  // ---------------------------------------------------------------- rows

  @Test
  void keepsRowsInTheOrderAskedWhateverOrderProbesFinishIn() {
    // GIVEN three probes that the test finishes in reverse order
    ManualProbe probe = new ManualProbe();
    Provider provider = prober(probe::probe);

    // WHEN the query runs and the probes finish c, b, a
    CompletableFuture<QuotaReport> report = run(provider, settings(10), query("a", "b", "c"));
    probe.finish("c", ProbeStatus.OK);
    probe.finish("b", ProbeStatus.LIMIT_REACHED);
    assertFalse(report.isDone());
    probe.finish("a", ProbeStatus.NO_QUOTA_HEADERS);

    // THEN the report lists a, b, c with their own results, for this provider, key and time
    QuotaReport done = report.join();
    assertEquals(List.of("a", "b", "c"), done.models().stream().map(ModelQuota::model).toList());
    assertEquals(
        List.of(ProbeStatus.NO_QUOTA_HEADERS, ProbeStatus.LIMIT_REACHED, ProbeStatus.OK),
        done.models().stream().map(ModelQuota::status).toList());
    assertSame(provider.info(), done.provider());
    assertEquals("ms-…cdef", done.keyFingerprint());
    assertEquals(NOW, done.checkedAt());
  }

  @Test
  void givesEachProbeTheKeyAndTheProbeTimeoutWhenTheDeadlineIsFarAway() {
    // GIVEN a probe that records what it was asked, a 2 s probe timeout and a 60 s deadline
    List<ProviderRequest> asked = new CopyOnWriteArrayList<>();
    Provider provider = prober(okProbeRecording(asked));
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofSeconds(2), Duration.ofSeconds(60), 5);

    // WHEN a query for two models runs
    run(provider, settings, query("a", "b")).join();

    // THEN each probe got the query's key and the probe timeout
    assertEquals(2, asked.size());
    asked.forEach(
        request -> {
          assertEquals(KEY, request.key());
          assertEquals(Duration.ofSeconds(2), request.timeout());
        });
  }

  @Test
  void givesEachProbeAtMostTheTimeLeftBeforeTheDeadline() {
    // GIVEN a probe timeout of 10 s but a query deadline of 1 s
    List<ProviderRequest> asked = new CopyOnWriteArrayList<>();
    Provider provider = prober(okProbeRecording(asked));
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofSeconds(10), Duration.ofSeconds(1), 5);

    // WHEN a query runs
    run(provider, settings, query("a", "b")).join();

    // THEN each probe was given no more than the deadline
    assertEquals(2, asked.size());
    asked.stream()
        .map(ProviderRequest::timeout)
        .forEach(
            timeout -> {
              assertTrue(timeout.compareTo(Duration.ofSeconds(1)) <= 0, timeout.toString());
              assertTrue(timeout.compareTo(Duration.ZERO) > 0, timeout.toString());
            });
  }

  @Test
  void aProbeThatBreaksItsPromiseBecomesARowAndTheOthersStillRun() {
    // GIVEN a probe that throws for one model, fails its future for another, and answers null
    // (no future, or a future of nothing) for two more
    Provider provider =
        prober(
            (request, model) ->
                switch (model) {
                  case "throws" -> throw new IllegalStateException("boom " + KEY.reveal());
                  case "fails" -> CompletableFuture.failedFuture(new RuntimeException("bang"));
                  case "no-future" -> null;
                  case "nothing" -> CompletableFuture.completedFuture(null);
                  default -> CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
                });

    // WHEN the query runs one probe at a time
    QuotaReport report =
        run(provider, settings(1), query("a", "throws", "b", "fails", "no-future", "nothing", "c"))
            .orTimeout(5, TimeUnit.SECONDS)
            .join();

    // THEN the broken ones are network_error rows saying to try again, every other model was
    // probed, and nothing of the failure (or the key) is shown
    assertEquals(
        List.of(
            ProbeStatus.OK,
            ProbeStatus.NETWORK_ERROR,
            ProbeStatus.OK,
            ProbeStatus.NETWORK_ERROR,
            ProbeStatus.NETWORK_ERROR,
            ProbeStatus.NETWORK_ERROR,
            ProbeStatus.OK),
        report.models().stream().map(ModelQuota::status).toList());
    assertEquals("The probe failed unexpectedly; try again.", report.models().get(1).error());
    assertEquals(List.of("throws", "fails", "no-future", "nothing"), models(report, false));
  }

  @Test
  void aProbeThatNeverAnswersIsATimeoutRowAndItsCallIsClosed() throws Exception {
    // GIVEN a probe that never completes for one model, a 200 ms probe timeout and one probe at a
    // time (timing matters here: the run must not wait forever)
    ManualProbe probe = new ManualProbe();
    Provider provider =
        prober(
            (request, model) ->
                model.equals("hangs")
                    ? probe.probe(request, model)
                    : CompletableFuture.completedFuture(row(model, ProbeStatus.OK)));
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofMillis(200), Duration.ofSeconds(5), 1);

    // WHEN the query runs
    QuotaReport report = run(provider, settings, query("a", "hangs", "b")).get(3, TimeUnit.SECONDS);

    // THEN the hung model is a timeout row (latency: its timeout and the grace), the model queued
    // behind it was still probed, and the hung call was cancelled (which closes an HTTP call)
    assertEquals(
        List.of(ProbeStatus.OK, ProbeStatus.TIMEOUT, ProbeStatus.OK),
        report.models().stream().map(ModelQuota::status).toList());
    assertEquals("No answer within 200 ms.", report.models().get(1).error());
    assertEquals(1_200, report.models().get(1).latencyMs());
    assertTrue(probe.future("hangs").isCancelled());
  }

  // ---------------------------------------------------------------- the cap and the deadline

  @Test
  void neverStartsMoreProbesThanTheCap() {
    // GIVEN a cap of 3 and 7 models
    ManualProbe probe = new ManualProbe();
    Provider provider = prober(probe::probe);

    // WHEN the query starts
    CompletableFuture<QuotaReport> report =
        run(provider, settings(3), query("m1", "m2", "m3", "m4", "m5", "m6", "m7"));

    // THEN only the first 3 are probed; each finish lets exactly one more start, in order
    assertEquals(List.of("m1", "m2", "m3"), probe.started());
    probe.finish("m2", ProbeStatus.OK);
    assertEquals(List.of("m1", "m2", "m3", "m4"), probe.started());
    probe.finish("m1", ProbeStatus.OK);
    probe.finish("m3", ProbeStatus.OK);
    assertEquals(List.of("m1", "m2", "m3", "m4", "m5", "m6"), probe.started());
    for (String model : List.of("m4", "m5", "m6", "m7")) {
      probe.finish(model, ProbeStatus.OK);
    }
    assertEquals(7, report.join().successCount());
  }

  @Test
  void theQueryDeadlineTurnsQueuedModelsIntoTimeoutRowsWithoutProbingThem() {
    // GIVEN one probe at a time and a 500 ms deadline; the first model answers at once, the second
    // takes all the time it is given (timing is the behaviour under test)
    List<String> started = new CopyOnWriteArrayList<>();
    Provider provider =
        prober(
            (request, model) -> {
              started.add(model);
              return model.equals("slow")
                  ? new CompletableFuture<ModelQuota>()
                      .completeOnTimeout(
                          ModelQuota.failed(
                              model, ProbeStatus.TIMEOUT, Text.upstream("too slow"), 0),
                          request.timeout().toMillis(),
                          TimeUnit.MILLISECONDS)
                  : CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
            });
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofSeconds(10), Duration.ofMillis(500), 1);

    // WHEN four models are queried
    long begun = System.nanoTime();
    QuotaReport report = run(provider, settings, query("m1", "slow", "m3", "m4")).join();
    long tookMs = elapsedMs(begun);

    // THEN the slow one ran out of the time left, the last two were never probed but answered
    // with why, and the query ended at its deadline, not at the 10 s probe timeout
    assertEquals(List.of("m1", "slow"), started);
    assertEquals(
        List.of(ProbeStatus.OK, ProbeStatus.TIMEOUT, ProbeStatus.TIMEOUT, ProbeStatus.TIMEOUT),
        report.models().stream().map(ModelQuota::status).toList());
    String notProbed =
        "Not probed: the query deadline of 500 ms passed before its turn. Ask for fewer models"
            + " at once.";
    assertEquals(notProbed, report.models().get(2).error());
    assertEquals(notProbed, report.models().get(3).error());
    assertEquals(RateLimits.UNKNOWN, report.models().get(3).limits());
    assertTrue(tookMs >= 450 && tookMs < 3_000, "took " + tookMs + " ms");
  }

  // ---------------------------------------------------------------- the account

  @Test
  void readsTheAccountBesideTheProbesAndTheReportWaitsForBoth() {
    // GIVEN an account read and probes that the test finishes by hand
    ManualAccount account = new ManualAccount();
    ManualProbe probe = new ManualProbe();

    // WHEN a query starts
    CompletableFuture<QuotaReport> report =
        run(prober(probe::probe, account, CoreDoubles.NO_CATALOG), settings(5), query("a", "b"));

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
  void givesTheAccountReadTheWholeQueryAndTheProbeTimeout() {
    // GIVEN a relay whose account read records what it was asked
    CompletableFuture<ProviderRequest> seen = new CompletableFuture<>();
    Provider relay =
        relay(
            request -> {
              seen.complete(request);
              return CompletableFuture.completedFuture(ProviderResult.balanceOnly(FIVE_USD));
            });
    AdminAccess admin = new AdminAccess("42", ApiKey.secret("access-token-0123456789", "t"));
    QuotaQuery query = new QuotaQuery(KEY, List.of("gpt-4o"), "newapi", RELAY, admin);

    // WHEN a query runs with a 2 s probe timeout and a 20 s deadline
    run(relay, settings(5), query).join();

    // THEN the read got the key, the models, the address, the admin access and the probe timeout
    ProviderRequest request = seen.join();
    assertEquals(KEY, request.key());
    assertEquals(List.of("gpt-4o"), request.models());
    assertEquals(RELAY, request.baseUrl());
    assertSame(admin, request.admin());
    assertEquals(Duration.ofSeconds(2), request.timeout());
  }

  @Test
  void anAccountReadThatBreaksItsPromiseBecomesAFailedAccountAndTheRowsStand() {
    // GIVEN account reads that throw (with the key in the message), fail their future, or answer
    // null
    List<Function<ProviderRequest, CompletableFuture<ProviderResult>>> broken =
        List.of(
            request -> {
              throw new IllegalStateException("boom " + request.key().reveal());
            },
            request -> CompletableFuture.failedFuture(new RuntimeException("bang")),
            request -> null,
            request -> CompletableFuture.completedFuture(null));

    for (Function<ProviderRequest, CompletableFuture<ProviderResult>> account : broken) {
      // WHEN a query runs
      QuotaReport report =
          run(prober(okProbe(), account, CoreDoubles.NO_CATALOG), settings(5), query("a"))
              .orTimeout(5, TimeUnit.SECONDS)
              .join();

      // THEN the account is a network_error of this provider, in its unit, with nothing read,
      // and the row is unharmed
      Account failed = report.account();
      assertEquals(ProbeStatus.NETWORK_ERROR, failed.status());
      assertEquals("The balance could not be read.", failed.error());
      assertEquals("modelscope", failed.provider());
      assertEquals("魔粒", failed.unit());
      assertEquals(List.of(), failed.balances());
      assertEquals(ProbeStatus.OK, report.models().get(0).status());
    }
  }

  @Test
  void anAccountReadThatNeverAnswersCannotHoldTheQueryAndIsClosed() {
    // GIVEN an account read that never completes and a 200 ms probe timeout
    CompletableFuture<ProviderResult> silent = new CompletableFuture<>();
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofMillis(200), Duration.ofSeconds(5), 5);

    // WHEN a query runs
    QuotaReport report =
        run(prober(okProbe(), request -> silent, CoreDoubles.NO_CATALOG), settings, query("a"))
            .orTimeout(5, TimeUnit.SECONDS)
            .join();

    // THEN it ends with the account timed out, the row intact, and the read cancelled
    assertEquals(ProbeStatus.TIMEOUT, report.account().status());
    assertEquals("No balance answer within 200 ms.", report.account().error());
    assertEquals(ProbeStatus.OK, report.models().get(0).status());
    assertTrue(silent.isCancelled());
  }

  // ---------------------------------------------------------------- the listener

  @Test
  void tellsTheAccountFirstThenEachRowOnceWithItsIndex() {
    // GIVEN probes finished by hand and a listener that records what it hears
    ManualAccount account = new ManualAccount();
    ManualProbe probe = new ManualProbe();
    RecordingListener heard = new RecordingListener();
    RunningQuery running =
        start(
            prober(probe::probe, account, CoreDoubles.NO_CATALOG),
            settings(5),
            query("a", "b", "c"),
            heard);

    // WHEN rows c and a finish before the account, and b after it
    probe.finish("c", ProbeStatus.LIMIT_REACHED);
    probe.finish("a", ProbeStatus.OK);
    assertEquals(List.of(), heard.events);
    account.answer(CoreDoubles.BALANCE);
    probe.finish("b", ProbeStatus.NO_QUOTA_HEADERS);
    QuotaReport report = running.report().join();

    // THEN the account came first; the rows that waited for it followed in the order they
    // finished, then b; each once, with its index in the query and its own row
    assertEquals(
        List.of(
            "account ok", "model 2 c limit_reached", "model 0 a ok", "model 1 b no_quota_headers"),
        heard.events);
    for (int i = 0; i < 3; i++) {
      assertSame(report.models().get(i), heard.rows.get(i));
    }
    assertSame(CoreDoubles.BALANCE, heard.account);
  }

  @Test
  void theListenerHearsEverythingBeforeTheReportCompletes() {
    // the report completes on the last part: a row (account first), or the account (rows first)
    for (boolean accountLast : new boolean[] {false, true}) {
      // GIVEN a listener that notes whether the report was already done when it heard a part
      ManualAccount account = new ManualAccount();
      ManualProbe probe = new ManualProbe();
      List<String> heard = new CopyOnWriteArrayList<>();
      List<RunningQuery> running = new CopyOnWriteArrayList<>();
      QueryListener listener =
          new QueryListener() {
            @Override
            public void onAccount(Account read) {
              heard.add("account" + when());
            }

            @Override
            public void onModel(int index, ModelQuota row) {
              heard.add(row.model() + when());
            }

            private String when() {
              return running.get(0).report().isDone() ? " after" : " before";
            }
          };
      running.add(
          start(
              prober(probe::probe, account, CoreDoubles.NO_CATALOG),
              settings(5),
              query("a", "b"),
              listener));

      // WHEN the parts finish, the last one completing the query
      if (!accountLast) {
        account.answer(CoreDoubles.BALANCE);
      }
      probe.finish("b", ProbeStatus.OK);
      probe.finish("a", ProbeStatus.OK);
      if (accountLast) {
        account.answer(CoreDoubles.BALANCE);
      }

      // THEN every part was heard while the report was still open (a stream ends on the report)
      assertTrue(running.get(0).report().isDone());
      assertEquals(List.of("account before", "b before", "a before"), heard, "" + accountLast);
    }
  }

  @Test
  void neverCallsTheListenerFromTwoThreadsAtOnce() throws Exception {
    // GIVEN 20 probes that 20 threads finish at the same moment, and a listener that notes
    // whether another call was under way when it was called
    ManualProbe probe = new ManualProbe();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    QueryListener listener =
        new QueryListener() {
          @Override
          public void onModel(int index, ModelQuota row) {
            if (inside.incrementAndGet() > 1) {
              overlaps.incrementAndGet();
            }
            calls.incrementAndGet();
            try {
              Thread.sleep(1);
            } catch (InterruptedException interrupted) {
              Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
          }
        };
    List<String> models = IntStream.range(0, 20).mapToObj(i -> "m" + i).toList();
    RunningQuery running =
        start(
            prober(probe::probe),
            settings(20),
            new QuotaQuery(KEY, models, "modelscope", null, null),
            listener);

    // WHEN the probes all finish at once
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(20);
    try {
      for (String model : models) {
        threads.execute(
            () -> {
              try {
                go.await();
              } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
              }
              probe.finish(model, ProbeStatus.OK);
            });
      }
      go.countDown();
      running.report().get(5, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }

    // THEN every row was heard, one call at a time
    assertEquals(20, calls.get());
    assertEquals(0, overlaps.get());
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheQuery() {
    // GIVEN a listener that throws on everything
    QueryListener broken =
        new QueryListener() {
          @Override
          public void onAccount(Account account) {
            throw new IllegalStateException("account");
          }

          @Override
          public void onModel(int index, ModelQuota row) {
            throw new IllegalStateException("row");
          }
        };

    // WHEN a query runs with it, one probe at a time
    QuotaReport report =
        start(prober(okProbe()), settings(1), query("a", "b", "c"), broken)
            .report()
            .orTimeout(5, TimeUnit.SECONDS)
            .join();

    // THEN every model was still probed (each finish started the next)
    assertEquals(3, report.successCount());
    assertSame(CoreDoubles.BALANCE, report.account());
  }

  // ---------------------------------------------------------------- the model list

  @Test
  void answersModelsMissingFromTheListWithoutProbingThemIgnoringCase() {
    // GIVEN a loaded list of two models
    ManualProbe probe = new ManualProbe();
    ModelDirectory list = catalog(true, false, "Qwen/Qwen3-32B", "ZhipuAI/GLM-4.6");
    RecordingListener heard = new RecordingListener();

    // WHEN a query asks for one in another letter case, one missing, and one listed
    RunningQuery running =
        start(
            prober(probe::probe, CoreDoubles.ACCOUNT, list),
            settings(5),
            query("qwen/QWEN3-32b", "Org/Missing-Model", "ZhipuAI/GLM-4.6"),
            heard);
    probe.finish("qwen/QWEN3-32b", ProbeStatus.OK);
    probe.finish("ZhipuAI/GLM-4.6", ProbeStatus.OK);
    QuotaReport report = running.report().join();

    // THEN the missing one gets the provider's "not listed" row without a probe; the others were
    // probed as asked; and the listener heard it with its index
    assertEquals(List.of("qwen/QWEN3-32b", "ZhipuAI/GLM-4.6"), probe.started());
    ModelQuota missing = report.models().get(1);
    assertEquals("Org/Missing-Model", missing.model());
    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, missing.status());
    assertEquals(
        "Not in ModelScope's model list, so it was not probed: check the id.", missing.error());
    assertEquals(RateLimits.UNKNOWN, missing.limits());
    assertTrue(
        heard.events.contains("model 1 Org/Missing-Model model_unavailable"),
        heard.events.toString());
  }

  @Test
  void stillUsesAListThatCouldNotBeRefreshed() {
    // GIVEN a list that was loaded once and is stale now
    ManualProbe probe = new ManualProbe();
    ModelDirectory stale = catalog(true, true, "Qwen/Qwen3-32B");

    // WHEN a query asks for a listed and an unlisted model
    CompletableFuture<QuotaReport> report =
        run(
            prober(probe::probe, CoreDoubles.ACCOUNT, stale),
            settings(5),
            query("Qwen/Qwen3-32B", "Org/Missing-Model"));
    probe.finish("Qwen/Qwen3-32B", ProbeStatus.OK);

    // THEN the stale list still saves the probe of the unlisted one
    assertEquals(List.of("Qwen/Qwen3-32B"), probe.started());
    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, report.join().models().get(1).status());
  }

  @Test
  void flagsNothingWhenTheListIsUnknownEmptyOrBroken() {
    List<ModelDirectory> unknowing =
        List.of(
            CoreDoubles.NO_CATALOG,
            catalog(true, false),
            catalog(false, true, "Qwen/Qwen3-32B"),
            directory(() -> CompletableFuture.failedFuture(new IllegalStateException("broken"))),
            directory(() -> CompletableFuture.completedFuture(null)),
            directory(
                () -> {
                  throw new IllegalStateException("thrown");
                }));
    for (ModelDirectory list : unknowing) {
      // GIVEN a list that knows no models (never loaded, empty, failing, null, throwing)
      ManualProbe probe = new ManualProbe();

      // WHEN a query asks for two models
      CompletableFuture<QuotaReport> report =
          run(
              prober(probe::probe, CoreDoubles.ACCOUNT, list),
              settings(5),
              query("Qwen/Qwen3-32B", "Org/Missing-Model"));
      probe.finish("Qwen/Qwen3-32B", ProbeStatus.OK);
      probe.finish("Org/Missing-Model", ProbeStatus.OK);

      // THEN both are probed, nothing is flagged
      assertEquals(List.of("Qwen/Qwen3-32B", "Org/Missing-Model"), probe.started());
      assertEquals(2, report.orTimeout(5, TimeUnit.SECONDS).join().successCount());
    }
  }

  @Test
  void waitsAboutThreeSecondsForAListThatDoesNotAnswerThenProbesEverything() {
    // GIVEN a list whose lookup never completes (timing is the behaviour under test)
    ManualProbe probe = new ManualProbe();
    ModelDirectory hanging = directory(CompletableFuture::new);

    // WHEN a query starts
    long begun = System.nanoTime();
    run(prober(probe::probe, CoreDoubles.ACCOUNT, hanging), settings(5), query("Org/Missing"));

    // THEN no probe starts while waiting, and after ~3 s the model is probed, not flagged
    assertEquals(List.of(), probe.started());
    probe.awaitStarted("Org/Missing", Duration.ofSeconds(10));
    long waitedMs = elapsedMs(begun);
    assertTrue(waitedMs >= 2_500 && waitedMs < 6_000, "probed after " + waitedMs + " ms");
  }

  @Test
  void asksNoListOfAProviderThatDeclaresNone() {
    // GIVEN a prober that declares no model list and fails the test if asked for one
    ProviderInfo info =
        new ProviderInfo(
            "prober",
            "Prober",
            EnumSet.of(Capability.BALANCES, Capability.PROBES_MODELS),
            null,
            List.of(),
            "p-…");
    Provider noList =
        new Provider() {
          @Override
          public ProviderInfo info() {
            return info;
          }

          @Override
          public CompletableFuture<ProviderResult> readAccount(ProviderRequest request) {
            return CoreDoubles.ACCOUNT.apply(request);
          }

          @Override
          public CompletableFuture<ModelQuota> probe(ProviderRequest request, String model) {
            return CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
          }

          @Override
          public ModelDirectory catalog() {
            throw new AssertionError("no list was declared");
          }
        };

    // WHEN a query runs, THEN the model is probed without a look at any list
    assertEquals(1, run(noList, settings(5), query("a")).join().successCount());
  }

  // ---------------------------------------------------------------- balance only

  @Test
  void aQueryWithoutModelsReadsOnlyTheAccount() {
    // GIVEN a probe and a list that count their calls
    AtomicInteger probes = new AtomicInteger();
    AtomicInteger lookups = new AtomicInteger();
    ModelDirectory list =
        directory(
            () -> {
              lookups.incrementAndGet();
              return CompletableFuture.completedFuture(CatalogSnapshot.UNAVAILABLE);
            });
    Provider provider =
        prober(
            (request, model) -> {
              probes.incrementAndGet();
              return CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
            },
            CoreDoubles.ACCOUNT,
            list);
    RecordingListener heard = new RecordingListener();

    // WHEN a query names no model
    QuotaReport report = start(provider, settings(5), query(), heard).report().join();

    // THEN only the account was read: no probe, no list lookup, no row
    assertEquals(0, probes.get());
    assertEquals(0, lookups.get());
    assertEquals(List.of(), report.models());
    assertEquals(List.of("account ok"), heard.events);
    assertSame(CoreDoubles.BALANCE, report.account());
  }

  // ---------------------------------------------------------------- providers that list models

  @Test
  void aProviderThatListsTheKeysModelsGivesItsRowsAfterTheAccount() {
    // GIVEN a relay that lists two models with its balance
    RecordingListener heard = new RecordingListener();
    Provider relay =
        relay(
            request ->
                CompletableFuture.completedFuture(
                    new ProviderResult(
                        FIVE_USD,
                        List.of(row("gpt-4o", ProbeStatus.OK), row("claude", ProbeStatus.OK)))));

    // WHEN a query without models runs
    QuotaReport report = start(relay, settings(5), relayQuery(), heard).report().join();

    // THEN the listener heard the account, then each row with its index; the report holds them
    assertEquals(List.of("account ok", "model 0 gpt-4o ok", "model 1 claude ok"), heard.events);
    assertEquals(List.of("gpt-4o", "claude"), models(report, true));
    assertSame(FIVE_USD, report.account());
  }

  @Test
  void runMadeAnswersGiveAProviderThatListsModelsOneFailedRowPerModelAsked() {
    // GIVEN a relay that throws, and one that never answers (200 ms probe timeout)
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofMillis(200), Duration.ofSeconds(5), 5);
    Provider throwing =
        relay(
            request -> {
              throw new IllegalStateException("boom");
            });
    Provider silent = relay(request -> new CompletableFuture<>());

    // WHEN each is asked for two models, and for none
    QuotaReport failed = run(throwing, settings, relayQuery("gpt-4o", "claude")).join();
    QuotaReport late =
        run(silent, settings, relayQuery("gpt-4o", "claude")).orTimeout(5, TimeUnit.SECONDS).join();
    QuotaReport none = run(throwing, settings, relayQuery()).join();

    // THEN the account says why, in the provider's name, and each model asked has a row saying
    // the same; with none asked there is no row
    assertEquals(ProbeStatus.NETWORK_ERROR, failed.account().status());
    assertEquals("newapi", failed.account().provider());
    assertNull(failed.account().unit());
    for (ModelQuota row : failed.models()) {
      assertEquals(ProbeStatus.NETWORK_ERROR, row.status());
      assertEquals("The balance could not be read.", row.error());
    }
    assertEquals(List.of("gpt-4o", "claude"), models(failed, true));
    assertEquals(ProbeStatus.TIMEOUT, late.account().status());
    for (ModelQuota row : late.models()) {
      assertEquals(ProbeStatus.TIMEOUT, row.status());
      assertEquals("No balance answer within 200 ms.", row.error());
    }
    assertEquals(List.of("gpt-4o", "claude"), models(late, true));
    assertEquals(List.of(), none.models());
  }

  @Test
  void aBalanceOnlyProviderGetsARunMadeAccountAndNoRows() {
    // GIVEN a balance-only provider that never answers (200 ms probe timeout)
    Provider silent =
        CoreDoubles.provider("deepseek", "DeepSeek", false, request -> new CompletableFuture<>());
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofMillis(200), Duration.ofSeconds(5), 5);

    // WHEN it is asked
    QuotaReport report =
        run(silent, settings, new QuotaQuery(KEY, List.of(), "deepseek", null, null))
            .orTimeout(5, TimeUnit.SECONDS)
            .join();

    // THEN the account is a timeout of that provider and there is no row
    assertEquals(ProbeStatus.TIMEOUT, report.account().status());
    assertEquals("deepseek", report.account().provider());
    assertEquals(List.of(), report.models());
  }

  // ---------------------------------------------------------------- cancel

  @Test
  void cancelClosesTheProbesInFlightStartsNoMoreAndEndsTheReportAtOnce() {
    // GIVEN a cap of 2 and four models, two of them in flight, and the account still coming
    ManualProbe probe = new ManualProbe();
    CompletableFuture<ProviderResult> reading = new CompletableFuture<>();
    RecordingListener heard = new RecordingListener();
    RunningQuery running =
        start(
            prober(probe::probe, request -> reading, CoreDoubles.NO_CATALOG),
            settings(2),
            query("m1", "m2", "m3", "m4"),
            heard);
    assertEquals(List.of("m1", "m2"), probe.started());

    // WHEN the query is cancelled
    running.cancel();

    // THEN the account read and both in-flight probe futures were cancelled (that is what closes
    // their HTTP calls), the queued models were never probed, and the report is complete at once
    assertTrue(reading.isCancelled());
    assertTrue(probe.future("m1").isCancelled());
    assertTrue(probe.future("m2").isCancelled());
    assertEquals(List.of("m1", "m2"), probe.started());
    assertTrue(running.report().isDone());
    QuotaReport report = running.report().join();
    assertEquals(ProbeStatus.TIMEOUT, report.account().status());
    assertEquals("Cancelled: the asker went away.", report.account().error());
    assertEquals(List.of("m1", "m2", "m3", "m4"), models(report, true));
    report.models().forEach(row -> assertEquals("Cancelled: the asker went away.", row.error()));
    // and nothing starts or is heard later, even if a probe answers after all
    List<String> heardByNow = List.copyOf(heard.events);
    probe.finish("m1", ProbeStatus.OK);
    assertEquals(List.of("m1", "m2"), probe.started());
    assertEquals(heardByNow, heard.events);
    assertEquals(5, heard.events.size(), "the account and each row once");
  }

  @Test
  void aCancelledQuerySaysWhyInTheReadersLanguage() {
    // GIVEN a query whose account read and probe are still running
    ManualProbe probe = new ManualProbe();
    RunningQuery running =
        start(
            prober(probe::probe, request -> new CompletableFuture<>(), CoreDoubles.NO_CATALOG),
            settings(1),
            query("m1"),
            new RecordingListener());

    // WHEN it is cancelled
    running.cancel();
    QuotaReport report = running.report().join();

    // THEN a Chinese reader is told why in Chinese, the account and the row alike
    String cancelled = "已取消：查询者已离开。";
    assertEquals(cancelled, report.account().errorText().in(Locale.SIMPLIFIED_CHINESE));
    assertEquals(cancelled, report.models().get(0).errorText().in(Locale.SIMPLIFIED_CHINESE));
  }

  @Test
  void cancelBeforeTheListAnswersStartsNoProbe() {
    // GIVEN a query waiting for the model list
    ManualProbe probe = new ManualProbe();
    CompletableFuture<CatalogSnapshot> lookup = new CompletableFuture<>();
    RunningQuery running =
        start(
            prober(probe::probe, CoreDoubles.ACCOUNT, directory(() -> lookup)),
            settings(5),
            query("a", "b"),
            QueryListener.NONE);

    // WHEN it is cancelled and the list answers afterwards
    running.cancel();
    lookup.complete(new CatalogSnapshot(List.of("a", "b"), false, NOW));

    // THEN no probe was started and the report is done
    assertEquals(List.of(), probe.started());
    assertEquals(2, running.report().join().models().size());
  }

  @Test
  void cancelAfterTheReportIsDoneChangesNothing() {
    // GIVEN a finished query
    RunningQuery running = start(prober(okProbe()), settings(5), query("a"), QueryListener.NONE);
    QuotaReport before = running.report().join();

    // WHEN it is cancelled
    running.cancel();

    // THEN its report still says what was found
    assertSame(before, running.report().join());
    assertEquals(ProbeStatus.OK, before.models().get(0).status());
  }

  // ---------------------------------------------------------------- the reset time

  @Test
  void theReportSaysWhenTheDailyQuotaResetsOnlyForAProviderWithOne() {
    // GIVEN a clock one second before midnight in Shanghai, a prober with a daily reset (at that
    // midnight) and a relay without one
    // WHEN each runs a query
    QuotaReport probed = run(prober(okProbe()), settings(5), query("a")).join();
    QuotaReport relayed =
        run(
                relay(
                    request ->
                        CompletableFuture.completedFuture(ProviderResult.balanceOnly(FIVE_USD))),
                settings(5),
                relayQuery())
            .join();

    // THEN the prober's report says that midnight, in +08:00; the relay's says nothing
    assertEquals(OffsetDateTime.parse("2026-11-25T00:00:00+08:00"), probed.resetsAt());
    assertNull(relayed.resetsAt());
  }

  // ---------------------------------------------------------------- helpers

  private static CompletableFuture<QuotaReport> run(
      Provider provider, QuotaSettings settings, QuotaQuery query) {
    return start(provider, settings, query, QueryListener.NONE).report();
  }

  private static RunningQuery start(
      Provider provider, QuotaSettings settings, QuotaQuery query, QueryListener listener) {
    return new QueryRun(provider, settings, CLOCK, query, listener).begin();
  }

  private static Provider prober(
      BiFunction<ProviderRequest, String, CompletableFuture<ModelQuota>> probe,
      Function<ProviderRequest, CompletableFuture<ProviderResult>> account,
      ModelDirectory catalog) {
    return CoreDoubles.prober(probe, account, catalog);
  }

  /** A prober with these probes, the 250 魔粒 account and no model list. */
  private static Provider prober(
      BiFunction<ProviderRequest, String, CompletableFuture<ModelQuota>> probe) {
    return prober(probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG);
  }

  private static Provider relay(
      Function<ProviderRequest, CompletableFuture<ProviderResult>> account) {
    return CoreDoubles.provider("newapi", "relay", true, account);
  }

  /** A 2 s probe timeout, a 20 s deadline and this cap. */
  private static QuotaSettings settings(int maxConcurrentProbes) {
    return new QuotaSettings(
        List.of(), 50, Duration.ofSeconds(2), Duration.ofSeconds(20), maxConcurrentProbes);
  }

  private static QuotaQuery query(String... models) {
    return new QuotaQuery(KEY, List.of(models), "modelscope", null, null);
  }

  private static QuotaQuery relayQuery(String... models) {
    return new QuotaQuery(KEY, List.of(models), "newapi", RELAY, null);
  }

  private static BiFunction<ProviderRequest, String, CompletableFuture<ModelQuota>> okProbe() {
    return (request, model) -> CompletableFuture.completedFuture(row(model, ProbeStatus.OK));
  }

  /** {@link #okProbe}, noting each request it is given in {@code asked}. */
  private static BiFunction<ProviderRequest, String, CompletableFuture<ModelQuota>>
      okProbeRecording(List<ProviderRequest> asked) {
    return (request, model) -> {
      asked.add(request);
      return okProbe().apply(request, model);
    };
  }

  /** The models of the report's rows; with {@code all} false, only those that failed. */
  private static List<String> models(QuotaReport report, boolean all) {
    return report.models().stream()
        .filter(row -> all || !row.isSuccess())
        .map(ModelQuota::model)
        .toList();
  }

  private static ModelDirectory catalog(boolean loaded, boolean stale, String... ids) {
    CatalogSnapshot snapshot = new CatalogSnapshot(List.of(ids), stale, loaded ? NOW : null);
    return directory(() -> CompletableFuture.completedFuture(snapshot));
  }

  /** A model list whose lookups {@code lookup} answers. */
  private static ModelDirectory directory(
      Supplier<@Nullable CompletableFuture<CatalogSnapshot>> lookup) {
    return new ModelDirectory() {
      @Override
      public CompletableFuture<CatalogSnapshot> snapshot() {
        return lookup.get();
      }

      @Override
      public CatalogSnapshot current() {
        return CatalogSnapshot.UNAVAILABLE;
      }
    };
  }

  /** An account read the test answers by hand. */
  private static final class ManualAccount
      implements Function<ProviderRequest, CompletableFuture<ProviderResult>> {
    final AtomicInteger reads = new AtomicInteger();
    final CompletableFuture<ProviderResult> answer = new CompletableFuture<>();

    @Override
    public CompletableFuture<ProviderResult> apply(ProviderRequest request) {
      reads.incrementAndGet();
      return answer;
    }

    void answer(Account account) {
      answer.complete(ProviderResult.balanceOnly(account));
    }
  }

  /** Records what a listener hears, as "account ok" and "model 1 b ok". */
  private static final class RecordingListener implements QueryListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final Map<Integer, ModelQuota> rows = new ConcurrentHashMap<>();
    volatile @Nullable Account account;

    @Override
    public void onAccount(Account read) {
      account = read;
      events.add("account " + read.status().wireName());
    }

    @Override
    public void onModel(int index, ModelQuota row) {
      rows.put(index, row);
      events.add("model " + index + " " + row.model() + " " + row.status().wireName());
    }
  }
}

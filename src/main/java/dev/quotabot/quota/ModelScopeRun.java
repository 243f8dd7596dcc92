package dev.quotabot.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ModelScope query under way: the balance read beside the probes, the catalog check, the fan-out
 * under the concurrency cap and the deadline, and cancellation.
 */
final class ModelScopeRun implements RunningQuery {
  private static final Logger LOG = LoggerFactory.getLogger(ModelScopeRun.class);

  /** The model list is cached; only a cold or broken one is waited for, and not for long. */
  private static final Duration CATALOG_WAIT = Duration.ofSeconds(3);

  private final ModelProbe probe;
  private final AccountReader accounts;
  private final ModelDirectory directory;
  private final QuotaSettings settings;
  private final Clock clock;
  private final QuotaQuery query;
  private final QueryListener listener;
  private final long deadlineNanos;
  private final List<CompletableFuture<ModelQuota>> rows;
  private final AtomicReferenceArray<CompletableFuture<ModelQuota>> probing;

  /** Which rows have their result: set once, before the listener hears it. */
  private final AtomicIntegerArray settled;

  private final AtomicInteger nextIndex = new AtomicInteger();
  private final CompletableFuture<QuotaReport> report = new CompletableFuture<>();
  private final CompletableFuture<AccountBalance> accountAnswer = new CompletableFuture<>();
  private volatile boolean cancelled;
  private volatile Set<String> unknownModels = Set.of();

  ModelScopeRun(
      ModelProbe probe,
      AccountReader accounts,
      ModelDirectory directory,
      QuotaSettings settings,
      Clock clock,
      QuotaQuery query,
      QueryListener listener) {
    this.probe = probe;
    this.accounts = accounts;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
    this.query = query;
    this.listener = listener;
    this.deadlineNanos = System.nanoTime() + settings.queryDeadline().toNanos();
    this.rows = query.models().stream().map(model -> new CompletableFuture<ModelQuota>()).toList();
    this.probing = new AtomicReferenceArray<>(rows.size());
    this.settled = new AtomicIntegerArray(rows.size());
  }

  void begin() {
    CompletableFuture<AccountBalance> account = readAccount();
    if (!rows.isEmpty()) {
      withCatalog().thenRun(this::launchFirstWave);
    }
    CompletableFuture<Void> allRows =
        CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new));
    account
        .thenCombine(allRows, (balance, done) -> balance)
        .thenAccept(
            balance ->
                report.complete(
                    new QuotaReport(
                        query.key().fingerprint(),
                        balance,
                        rows.stream().map(CompletableFuture::join).toList(),
                        clock.instant(),
                        DailyReset.after(clock.instant()))));
  }

  @Override
  public CompletableFuture<QuotaReport> report() {
    return report;
  }

  @Override
  public void cancel() {
    cancelled = true;
    accountAnswer.complete(unreadBalance(ProbeStatus.TIMEOUT, "Cancelled: the asker went away."));
    for (int i = 0; i < rows.size(); i++) {
      CompletableFuture<ModelQuota> inFlight = probing.get(i);
      if (inFlight != null) {
        inFlight.cancel(true);
      }
      if (settle(i)) {
        rows.get(i).complete(notProbed(query.models().get(i), "Cancelled: the asker went away."));
      }
    }
  }

  private CompletableFuture<AccountBalance> readAccount() {
    Duration timeout = timeLeftForOne();
    CompletableFuture<AccountBalance> read;
    try {
      read = accounts.read(query.key(), timeout);
    } catch (RuntimeException failure) {
      read = CompletableFuture.failedFuture(failure);
    }
    read.whenComplete(
        (balance, failure) -> {
          if (failure != null) {
            LOG.warn("Balance read failed unexpectedly: {}", failure.getClass().getName());
          }
          accountAnswer.complete(
              failure == null
                  ? balance
                  : unreadBalance(ProbeStatus.NETWORK_ERROR, "The balance could not be read."));
        });
    // the same promise as for probes: a reader that never answers cannot hold the query
    accountAnswer.completeOnTimeout(
        unreadBalance(
            ProbeStatus.TIMEOUT, "No balance answer within " + timeout.toMillis() + " ms."),
        timeout.plus(QuotaService.OVERDUE_GRACE).toMillis(),
        TimeUnit.MILLISECONDS);
    return accountAnswer.thenApply(
        balance -> {
          Listeners.safely(() -> listener.onAccount(balance));
          return balance;
        });
  }

  private AccountBalance unreadBalance(ProbeStatus status, String why) {
    return AccountBalance.failed(
        ProviderRegistry.MODELSCOPE, ProviderRegistry.MODELSCOPE_UNIT, status, why);
  }

  /** Learns which asked models the provider does not list; an unknown list flags nothing. */
  private CompletableFuture<Void> withCatalog() {
    return directory
        .snapshot()
        .copy()
        .completeOnTimeout(
            CatalogSnapshot.UNAVAILABLE, CATALOG_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(failure -> CatalogSnapshot.UNAVAILABLE)
        .thenAccept(
            catalog -> {
              if (catalog.loaded() && !catalog.ids().isEmpty()) {
                Set<String> listed = catalog.lowerCaseIds();
                unknownModels =
                    Set.copyOf(
                        query.models().stream()
                            .filter(model -> !listed.contains(model.toLowerCase(Locale.ROOT)))
                            .toList());
              }
            });
  }

  private void launchFirstWave() {
    int initial = Math.min(settings.maxConcurrentProbes(), rows.size());
    for (int i = 0; i < initial; i++) {
      launchNext();
    }
  }

  private void launchNext() {
    int index = nextIndex.getAndIncrement();
    if (index >= rows.size()) {
      return;
    }
    String model = query.models().get(index);
    if (cancelled) {
      finish(index, notProbed(model, "Cancelled: the asker went away."));
      return;
    }
    if (unknownModels.contains(model)) {
      finish(
          index,
          ModelQuota.failed(
              model,
              ProbeStatus.MODEL_UNAVAILABLE,
              "Not in ModelScope's model list, so it was not probed: check the id (it is"
                  + " Organization/Model, e.g. Qwen/Qwen3-32B).",
              0));
      return;
    }
    Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
    if (left.isNegative() || left.isZero()) {
      finish(
          index,
          notProbed(
              model,
              "Not probed: the query deadline of "
                  + settings.queryDeadline().toMillis()
                  + " ms passed before its turn. Ask for fewer models at once."));
      return;
    }
    Duration timeout = left.compareTo(settings.probeTimeout()) < 0 ? left : settings.probeTimeout();
    CompletableFuture<ModelQuota> probed = probeSafely(model, timeout);
    probing.set(index, probed);
    if (cancelled) {
      probed.cancel(true);
    }
    probed
        .copy()
        .completeOnTimeout(
            overdue(model, timeout),
            timeout.plus(QuotaService.OVERDUE_GRACE).toMillis(),
            TimeUnit.MILLISECONDS)
        .exceptionally(
            failure ->
                cancelled ? notProbed(model, "Cancelled: the asker went away.") : unexpected(model))
        .thenAccept(result -> finish(index, result));
  }

  /**
   * Tells the listener, records the row, and frees the slot for the next probe. The listener hears
   * the row before the row completes: completing the last row completes the report, and a door that
   * ends its answer on the report (the NDJSON summary) must have had every row first.
   */
  private void finish(int index, ModelQuota row) {
    probing.set(index, null);
    if (settle(index)) {
      Listeners.safely(() -> listener.onModel(index, row));
      rows.get(index).complete(row);
    }
    launchNext();
  }

  /** True for the first caller only: that one reports the row. */
  private boolean settle(int index) {
    return settled.compareAndSet(index, 0, 1);
  }

  private Duration timeLeftForOne() {
    Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
    return left.compareTo(settings.probeTimeout()) < 0 ? left : settings.probeTimeout();
  }

  private CompletableFuture<ModelQuota> probeSafely(String model, Duration timeout) {
    try {
      return probe.probe(query.key(), model, timeout);
    } catch (RuntimeException failure) {
      return CompletableFuture.completedFuture(unexpected(model));
    }
  }

  private ModelQuota overdue(String model, Duration timeout) {
    return ModelQuota.failed(
        model,
        ProbeStatus.TIMEOUT,
        "No answer within " + timeout.toMillis() + " ms.",
        timeout.plus(QuotaService.OVERDUE_GRACE).toMillis());
  }

  private ModelQuota notProbed(String model, String why) {
    return ModelQuota.failed(model, ProbeStatus.TIMEOUT, why, 0);
  }

  private ModelQuota unexpected(String model) {
    return ModelQuota.failed(
        model, ProbeStatus.NETWORK_ERROR, "The probe failed unexpectedly; try again.", 0);
  }
}

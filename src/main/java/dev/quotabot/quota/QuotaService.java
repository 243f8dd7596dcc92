package dev.quotabot.quota;

import dev.quotabot.quota.net.BaseUrlRules;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thing the doors call. For a query it reads the account's balance (free) and, beside it,
 * probes every model concurrently (at most {@link QuotaSettings#maxConcurrentProbes()} at once)
 * under one deadline. Models missing from the provider's model list are reported without spending a
 * probe. Probes are never retried: a retry could spend quota again.
 */
public final class QuotaService {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaService.class);

  /**
   * How long past its own timeout a probe may take before the service stops waiting for it. A
   * {@link ModelProbe} should never need it; it keeps the deadline promise if one misbehaves.
   */
  private static final Duration OVERDUE_GRACE = Duration.ofSeconds(1);

  /** The model list is cached; only a cold or broken one is waited for, and not for long. */
  private static final Duration CATALOG_WAIT = Duration.ofSeconds(3);

  private final ModelProbe probe;
  private final AccountReader accounts;
  private final ModelDirectory directory;
  private final QuotaSettings settings;
  private final Clock clock;
  private final ProviderRegistry providers;
  private final QuotaQueryFactory queries;

  /** A service for ModelScope only. */
  public QuotaService(
      ModelProbe probe,
      AccountReader accounts,
      ModelDirectory directory,
      QuotaSettings settings,
      Clock clock) {
    this(
        probe,
        accounts,
        directory,
        settings,
        clock,
        new ProviderRegistry(List.of()),
        new BaseUrlRules(false));
  }

  /**
   * @param providers the providers other than ModelScope
   * @param baseUrls the rules for relay addresses given in queries
   */
  public QuotaService(
      ModelProbe probe,
      AccountReader accounts,
      ModelDirectory directory,
      QuotaSettings settings,
      Clock clock,
      ProviderRegistry providers,
      BaseUrlRules baseUrls) {
    this.probe = probe;
    this.accounts = accounts;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
    this.providers = providers;
    this.queries = new QuotaQueryFactory(settings, providers, baseUrls);
  }

  public QuotaSettings settings() {
    return settings;
  }

  /** The providers other than ModelScope. */
  public ProviderRegistry providers() {
    return providers;
  }

  /** Checks what a door received and builds queries this service can run. */
  public QuotaQueryFactory queries() {
    return queries;
  }

  /** Runs the query; the future always completes normally, by the query deadline. */
  public CompletableFuture<QuotaReport> query(QuotaQuery query) {
    return start(query, QueryListener.NONE).report();
  }

  /** Starts the query; {@code listener} hears the balance and each row as soon as it is known. */
  public RunningQuery start(QuotaQuery query, QueryListener listener) {
    if (!query.isModelScope()) {
      return new ProviderRun(
              providers
                  .find(query.provider())
                  .orElseThrow(() -> new InvalidQueryException("Unknown provider.")),
              query,
              listener)
          .begin();
    }
    Run run = new Run(query, listener);
    run.begin();
    return run;
  }

  /** A query to a {@link BalanceProvider}: one check, then its balance and rows are told. */
  private final class ProviderRun implements RunningQuery {
    private final BalanceProvider provider;
    private final QuotaQuery query;
    private final QueryListener listener;
    private final CompletableFuture<QuotaReport> report = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean told =
        new java.util.concurrent.atomic.AtomicBoolean();
    private volatile CompletableFuture<ProviderResult> checking;

    ProviderRun(BalanceProvider provider, QuotaQuery query, QueryListener listener) {
      this.provider = provider;
      this.query = query;
      this.listener = listener;
    }

    ProviderRun begin() {
      Duration timeout = settings.probeTimeout();
      CompletableFuture<ProviderResult> started;
      try {
        started =
            provider.check(
                new ProviderRequest(query.key(), query.baseUrl(), query.admin(), timeout));
      } catch (RuntimeException failure) {
        started = CompletableFuture.failedFuture(failure);
      }
      checking = started;
      started
          .copy()
          .completeOnTimeout(
              failedResult(ProbeStatus.TIMEOUT, "No answer within " + timeout.toMillis() + " ms."),
              timeout.plus(OVERDUE_GRACE).toMillis(),
              TimeUnit.MILLISECONDS)
          .exceptionally(
              failure -> {
                Throwable cause =
                    failure instanceof CompletionException ? failure.getCause() : failure;
                if (!(cause instanceof CancellationException)) {
                  LOG.warn(
                      "{} check failed unexpectedly: {}",
                      provider.id(),
                      cause.getClass().getName());
                }
                return failedResult(ProbeStatus.NETWORK_ERROR, "The balance could not be read.");
              })
          .thenAccept(result -> finish(onlyAsked(result)));
      return this;
    }

    /**
     * With models named, a relay's list becomes one row per asked model: listed (the key may use
     * it) or not.
     */
    private ProviderResult onlyAsked(ProviderResult result) {
      if (query.models().isEmpty()) {
        return result;
      }
      java.util.Map<String, ModelQuota> listed = new java.util.HashMap<>();
      result.models().forEach(row -> listed.put(row.model().toLowerCase(Locale.ROOT), row));
      List<ModelQuota> rows =
          query.models().stream()
              .map(
                  model -> {
                    ModelQuota row = listed.get(model.toLowerCase(Locale.ROOT));
                    if (row != null) {
                      return row;
                    }
                    return ModelQuota.failed(
                        model,
                        result.models().isEmpty()
                            ? ProbeStatus.UPSTREAM_ERROR
                            : ProbeStatus.MODEL_UNAVAILABLE,
                        result.models().isEmpty()
                            ? "The relay did not list the models this key may use."
                            : "Not in the relay's list of models this key may use.",
                        0);
                  })
              .toList();
      return new ProviderResult(result.account(), rows);
    }

    /** Tells the listener and completes the report once, whether the check or a cancel ends it. */
    private void finish(ProviderResult result) {
      if (!told.compareAndSet(false, true)) {
        return;
      }
      safely(() -> listener.onAccount(result.account()));
      for (int i = 0; i < result.models().size(); i++) {
        int index = i;
        safely(() -> listener.onModel(index, result.models().get(index)));
      }
      report.complete(
          new QuotaReport(
              query.key().fingerprint(),
              result.account(),
              result.models(),
              clock.instant(),
              DailyReset.after(clock.instant())));
    }

    private ProviderResult failedResult(ProbeStatus status, String why) {
      return ProviderResult.balanceOnly(AccountBalance.failed(provider.id(), null, status, why));
    }

    @Override
    public CompletableFuture<QuotaReport> report() {
      return report;
    }

    @Override
    public void cancel() {
      CompletableFuture<ProviderResult> started = checking;
      if (started != null) {
        started.cancel(true);
      }
      finish(failedResult(ProbeStatus.TIMEOUT, "Cancelled: the asker went away."));
    }
  }

  /** A listener that throws must not break the query. */
  private static void safely(Runnable notification) {
    try {
      notification.run();
    } catch (RuntimeException failure) {
      LOG.warn("A query listener failed: {}", failure.getClass().getName());
    }
  }

  private final class Run implements RunningQuery {
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

    Run(QuotaQuery query, QueryListener listener) {
      this.query = query;
      this.listener = listener;
      this.deadlineNanos = System.nanoTime() + settings.queryDeadline().toNanos();
      this.rows =
          query.models().stream().map(model -> new CompletableFuture<ModelQuota>()).toList();
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
          timeout.plus(OVERDUE_GRACE).toMillis(),
          TimeUnit.MILLISECONDS);
      return accountAnswer.thenApply(
          balance -> {
            tell(() -> listener.onAccount(balance));
            return balance;
          });
    }

    private AccountBalance unreadBalance(ProbeStatus status, String why) {
      return AccountBalance.failed("modelscope", "魔粒", status, why);
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
      Duration timeout =
          left.compareTo(settings.probeTimeout()) < 0 ? left : settings.probeTimeout();
      CompletableFuture<ModelQuota> probed = probeSafely(model, timeout);
      probing.set(index, probed);
      if (cancelled) {
        probed.cancel(true);
      }
      probed
          .copy()
          .completeOnTimeout(
              overdue(model, timeout),
              timeout.plus(OVERDUE_GRACE).toMillis(),
              TimeUnit.MILLISECONDS)
          .exceptionally(
              failure ->
                  cancelled
                      ? notProbed(model, "Cancelled: the asker went away.")
                      : unexpected(model))
          .thenAccept(result -> finish(index, result));
    }

    /**
     * Tells the listener, records the row, and frees the slot for the next probe. The listener
     * hears the row before the row completes: completing the last row completes the report, and a
     * door that ends its answer on the report (the NDJSON summary) must have had every row first.
     */
    private void finish(int index, ModelQuota row) {
      probing.set(index, null);
      if (settle(index)) {
        tell(() -> listener.onModel(index, row));
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
          timeout.plus(OVERDUE_GRACE).toMillis());
    }

    private ModelQuota notProbed(String model, String why) {
      return ModelQuota.failed(model, ProbeStatus.TIMEOUT, why, 0);
    }

    private ModelQuota unexpected(String model) {
      return ModelQuota.failed(
          model, ProbeStatus.NETWORK_ERROR, "The probe failed unexpectedly; try again.", 0);
    }

    /** A listener that throws must not break the query for the others. */
    private void tell(Runnable notification) {
      try {
        notification.run();
      } catch (RuntimeException failure) {
        LOG.warn("A query listener failed: {}", failure.getClass().getName());
      }
    }
  }
}

package dev.quotabot.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One query under way, for any provider: the account read, and beside it either the probes (fanned
 * out under the concurrency cap, models missing from the provider's list skipped) or the rows the
 * account read lists. It owns the one deadline, cancellation, and the order in which the listener
 * hears things: the account first, then each row as it is known (rows known earlier wait for the
 * account), and every part before the report completes.
 */
final class QueryRun implements RunningQuery {
  private static final Logger LOG = LoggerFactory.getLogger(QueryRun.class);

  /**
   * How long past its own timeout a provider's answer may take before the run stops waiting for it.
   * A provider should never need it; it keeps the deadline promise if one misbehaves.
   */
  static final Duration OVERDUE_GRACE = Duration.ofSeconds(1);

  /**
   * A probe given less time than this would almost surely time out, yet it might still be sent and
   * counted against the user's quota: with less left before its turn, a model is not probed.
   */
  static final Duration MIN_PROBE_TIME = Duration.ofMillis(100);

  /** The model list is cached; only a cold or broken one is waited for, and not for long. */
  private static final Duration CATALOG_WAIT = Duration.ofSeconds(3);

  private static final Text CANCELLED = Text.of("quota.cancelled");

  private final Provider provider;
  private final ProviderInfo info;
  private final QuotaSettings settings;
  private final Clock clock;
  private final QuotaQuery query;
  private final QueryListener listener;
  private final long deadlineNanos;
  private final boolean probing;

  private final CompletableFuture<ProviderResult> accountAnswer = new CompletableFuture<>();
  private volatile @Nullable CompletableFuture<ProviderResult> accountCall;

  /** The provider's probe of each model asked, while it runs. */
  private final AtomicReferenceArray<@Nullable CompletableFuture<ModelQuota>> inFlight;

  private final AtomicIntegerArray settled;
  private final AtomicInteger nextIndex = new AtomicInteger();
  private volatile Set<String> unknownModels = Set.of();
  private volatile boolean cancelled;

  /**
   * Guards the listener: the account is told first, rows that come earlier wait in {@code early}.
   */
  private final Object order = new Object();

  private boolean accountTold;
  private final List<Runnable> early = new ArrayList<>();

  /** Probed rows: one slot per model asked; set once, by whoever settles it first. */
  private final @Nullable ModelQuota[] probedRows;

  private volatile @Nullable Account account;
  private volatile List<ModelQuota> listedRows = List.of();

  /** The account and each probed row: when all are told, the report completes. */
  private final AtomicInteger partsLeft;

  private final CompletableFuture<QuotaReport> report = new CompletableFuture<>();

  QueryRun(
      Provider provider,
      QuotaSettings settings,
      Clock clock,
      QuotaQuery query,
      QueryListener listener) {
    this.provider = provider;
    this.info = provider.info();
    this.settings = settings;
    this.clock = clock;
    this.query = query;
    this.listener = listener;
    this.deadlineNanos = System.nanoTime() + settings.queryDeadline().toNanos();
    this.probing = info.can(Capability.PROBES_MODELS) && !query.models().isEmpty();
    int slots = probing ? query.models().size() : 0;
    this.inFlight = new AtomicReferenceArray<>(slots);
    this.settled = new AtomicIntegerArray(slots);
    this.probedRows = new ModelQuota[slots];
    this.partsLeft = new AtomicInteger(1 + slots);
  }

  QueryRun begin() {
    readAccount();
    if (probing) {
      withCatalog().thenRun(this::launchFirstWave);
    }
    return this;
  }

  @Override
  public CompletableFuture<QuotaReport> report() {
    return report;
  }

  /** Answers every part not yet known as cancelled; settling a part closes its call. */
  @Override
  public void cancel() {
    cancelled = true;
    accountAnswer.complete(fallback(ProbeStatus.TIMEOUT, CANCELLED));
    for (int i = 0; i < probedRows.length; i++) {
      finish(i, notProbed(query.models().get(i), CANCELLED));
    }
  }

  // --- the account ---

  private void readAccount() {
    Duration timeout = timeLeftForOne();
    CompletableFuture<ProviderResult> call;
    try {
      call = provider.readAccount(request(timeout));
    } catch (RuntimeException failure) {
      call = CompletableFuture.failedFuture(failure);
    }
    if (call == null) {
      call = CompletableFuture.failedFuture(new NullPointerException("no account future"));
    }
    accountCall = call;
    call.whenComplete(
        (@Nullable ProviderResult result, @Nullable Throwable failure) -> {
          // once answered (overdue, cancelled), the run closed the call itself: not worth a warning
          if (failure != null && !accountAnswer.isDone()) {
            LOG.warn(
                "{} account read failed unexpectedly: {}", info.id(), failure.getClass().getName());
          }
          // a null answer breaks the promise just as an exception does: it must not hold the report
          accountAnswer.complete(
              failure == null && result != null
                  ? result
                  : fallback(ProbeStatus.NETWORK_ERROR, Text.of("quota.balance_unread")));
        });
    // the same promise as for probes: a provider that never answers cannot hold the query
    accountAnswer.completeOnTimeout(
        fallback(ProbeStatus.TIMEOUT, Text.of("quota.no_balance_answer", "ms", timeout.toMillis())),
        timeout.plus(OVERDUE_GRACE).toMillis(),
        TimeUnit.MILLISECONDS);
    accountAnswer.thenAccept(this::tellAccount);
  }

  /**
   * An answer the run makes up itself (cancelled, overdue, failed): the account's failure, and for
   * a provider whose rows come with the account one failed row per model asked.
   */
  private ProviderResult fallback(ProbeStatus status, Text why) {
    Account failed = Account.failed(info.id(), info.unit(), status, why);
    if (probing || !info.can(Capability.LISTS_KEY_MODELS)) {
      return ProviderResult.balanceOnly(failed);
    }
    return new ProviderResult(
        failed,
        query.models().stream().map(model -> ModelQuota.failed(model, status, why, 0)).toList());
  }

  private void tellAccount(ProviderResult result) {
    // an account read still running here is overdue or cancelled (the run answered for it)
    CompletableFuture<ProviderResult> call = accountCall;
    if (call != null && !call.isDone()) {
      call.cancel(true);
    }
    account = result.account();
    List<ModelQuota> rows = probing ? List.of() : result.models();
    listedRows = rows;
    synchronized (order) {
      Listeners.safely(() -> listener.onAccount(result.account()));
      accountTold = true;
      early.forEach(Runnable::run);
      early.clear();
      for (int i = 0; i < rows.size(); i++) {
        int index = i;
        Listeners.safely(() -> listener.onModel(index, rows.get(index)));
      }
    }
    partDone();
  }

  // --- the probes ---

  /**
   * Learns which asked models the provider does not list; an unknown list flags nothing. Completes
   * normally whatever the provider's list does, so the probes always start.
   */
  private CompletableFuture<Void> withCatalog() {
    if (!info.can(Capability.MODEL_CATALOG)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<CatalogSnapshot> snapshot;
    try {
      snapshot = provider.catalog().snapshot().copy();
    } catch (RuntimeException failure) {
      snapshot = CompletableFuture.completedFuture(CatalogSnapshot.UNAVAILABLE);
    }
    return snapshot
        .completeOnTimeout(
            CatalogSnapshot.UNAVAILABLE, CATALOG_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (@Nullable CatalogSnapshot catalog, @Nullable Throwable failure) -> {
              if (catalog != null && catalog.loaded() && !catalog.ids().isEmpty()) {
                Set<String> listed = catalog.lowerCaseIds();
                unknownModels =
                    Set.copyOf(
                        query.models().stream()
                            .filter(model -> !listed.contains(model.toLowerCase(Locale.ROOT)))
                            .toList());
              }
              return null;
            });
  }

  private void launchFirstWave() {
    int initial = Math.min(settings.maxConcurrentProbes(), probedRows.length);
    for (int i = 0; i < initial; i++) {
      launchNext();
    }
  }

  private void launchNext() {
    int index = nextIndex.getAndIncrement();
    if (index >= probedRows.length) {
      return;
    }
    String model = query.models().get(index);
    if (cancelled) {
      finish(index, notProbed(model, CANCELLED));
      return;
    }
    if (unknownModels.contains(model)) {
      finish(index, unlisted(model));
      return;
    }
    Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
    if (left.compareTo(MIN_PROBE_TIME) < 0) {
      finish(
          index,
          notProbed(
              model, Text.of("quota.deadline_passed", "ms", settings.queryDeadline().toMillis())));
      return;
    }
    Duration timeout = left.compareTo(settings.probeTimeout()) < 0 ? left : settings.probeTimeout();
    CompletableFuture<ModelQuota> probed = probeSafely(model, timeout);
    inFlight.set(index, probed);
    if (cancelled) {
      probed.cancel(true);
    }
    probed
        .copy()
        .completeOnTimeout(
            overdue(model, timeout), timeout.plus(OVERDUE_GRACE).toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (@Nullable ModelQuota result, @Nullable Throwable failure) -> {
              if (result != null) {
                return result;
              }
              return cancelled ? notProbed(model, CANCELLED) : unexpected(model);
            })
        .thenAccept(result -> finish(index, result));
  }

  /**
   * Records the row and tells the listener (after the account), then frees the slot for the next
   * probe. Only the first result for a slot counts.
   */
  private void finish(int index, ModelQuota row) {
    // a probe still running here is overdue (the run answered for it): close its call
    CompletableFuture<ModelQuota> running = inFlight.getAndSet(index, null);
    if (running != null && !running.isDone()) {
      running.cancel(true);
    }
    if (settled.compareAndSet(index, 0, 1)) {
      probedRows[index] = row;
      Runnable tell = () -> Listeners.safely(() -> listener.onModel(index, row));
      synchronized (order) {
        if (accountTold) {
          tell.run();
        } else {
          early.add(tell);
        }
      }
      partDone();
    }
    launchNext();
  }

  /** The provider's probe; one that throws or answers null becomes a failed row. */
  private CompletableFuture<ModelQuota> probeSafely(String model, Duration timeout) {
    CompletableFuture<ModelQuota> probed;
    try {
      probed = provider.probe(request(timeout), model);
    } catch (RuntimeException failure) {
      return CompletableFuture.completedFuture(unexpected(model));
    }
    if (probed == null) {
      return CompletableFuture.completedFuture(unexpected(model));
    }
    return probed;
  }

  private ModelQuota unlisted(String model) {
    try {
      return provider.unlisted(model);
    } catch (RuntimeException failure) {
      return ModelQuota.failed(
          model, ProbeStatus.MODEL_UNAVAILABLE, Text.of("quota.unlisted", "name", info.name()), 0);
    }
  }

  private ModelQuota overdue(String model, Duration timeout) {
    return ModelQuota.failed(
        model,
        ProbeStatus.TIMEOUT,
        Text.of("quota.no_answer_within", "ms", timeout.toMillis()),
        timeout.plus(OVERDUE_GRACE).toMillis());
  }

  private static ModelQuota notProbed(String model, Text why) {
    return ModelQuota.failed(model, ProbeStatus.TIMEOUT, why, 0);
  }

  private static ModelQuota unexpected(String model) {
    return ModelQuota.failed(
        model, ProbeStatus.NETWORK_ERROR, Text.of("quota.probe_failed_unexpectedly"), 0);
  }

  // --- the end ---

  private void partDone() {
    if (partsLeft.decrementAndGet() == 0) {
      List<ModelQuota> rows = probing ? Arrays.asList(probedRows) : listedRows;
      Instant now = clock.instant();
      report.complete(
          new QuotaReport(
              info, query.key().fingerprint(), requireAccount(), rows, now, nextReset(now)));
    }
  }

  private Account requireAccount() {
    Account told = account;
    if (told == null) {
      throw new IllegalStateException("the account is told before the last part is done");
    }
    return told;
  }

  /** The provider's next reset; a provider that fails to say has none, rather than no report. */
  private @Nullable OffsetDateTime nextReset(Instant now) {
    if (!info.can(Capability.DAILY_RESET)) {
      return null;
    }
    try {
      return provider.nextReset(now);
    } catch (RuntimeException failure) {
      LOG.warn("{} could not tell its next reset: {}", info.id(), failure.getClass().getName());
      return null;
    }
  }

  private ProviderRequest request(Duration timeout) {
    return new ProviderRequest(
        query.key(), query.models(), query.baseUrl(), query.admin(), timeout);
  }

  private Duration timeLeftForOne() {
    Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
    return left.compareTo(settings.probeTimeout()) < 0 ? left : settings.probeTimeout();
  }
}

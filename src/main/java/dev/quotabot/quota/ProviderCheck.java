package dev.quotabot.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A query to a {@link BalanceProvider}: one check, then its balance and rows are told. */
final class ProviderCheck implements RunningQuery {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderCheck.class);

  private final BalanceProvider provider;
  private final QuotaQuery query;
  private final QueryListener listener;
  private final Duration timeout;
  private final Clock clock;
  private final CompletableFuture<QuotaReport> report = new CompletableFuture<>();
  private final AtomicBoolean told = new AtomicBoolean();
  private volatile CompletableFuture<ProviderResult> checking;

  ProviderCheck(
      BalanceProvider provider,
      QuotaQuery query,
      QueryListener listener,
      Duration timeout,
      Clock clock) {
    this.provider = provider;
    this.query = query;
    this.listener = listener;
    this.timeout = timeout;
    this.clock = clock;
  }

  ProviderCheck begin() {
    CompletableFuture<ProviderResult> started;
    try {
      started =
          provider.check(new ProviderRequest(query.key(), query.baseUrl(), query.admin(), timeout));
    } catch (RuntimeException failure) {
      started = CompletableFuture.failedFuture(failure);
    }
    checking = started;
    started
        .copy()
        .completeOnTimeout(
            failedResult(ProbeStatus.TIMEOUT, "No answer within " + timeout.toMillis() + " ms."),
            timeout.plus(QuotaService.OVERDUE_GRACE).toMillis(),
            TimeUnit.MILLISECONDS)
        .exceptionally(
            failure -> {
              Throwable cause =
                  failure instanceof CompletionException ? failure.getCause() : failure;
              if (!(cause instanceof CancellationException)) {
                LOG.warn(
                    "{} check failed unexpectedly: {}", provider.id(), cause.getClass().getName());
              }
              return failedResult(ProbeStatus.NETWORK_ERROR, "The balance could not be read.");
            })
        .thenAccept(result -> finish(onlyAsked(result)));
    return this;
  }

  /**
   * With models named, a relay's list becomes one row per asked model: listed (the key may use it)
   * or not. A list that could not be read says why, in those rows or, with none named, in the
   * account's note.
   */
  private ProviderResult onlyAsked(ProviderResult result) {
    String unread =
        result.listProblem() == null
            ? null
            : "The relay's model list could not be read: " + result.listProblem();
    if (query.models().isEmpty()) {
      return unread == null ? result : result.withAccount(result.account().withNoteAdded(unread));
    }
    Map<String, ModelQuota> listed = new HashMap<>();
    result.models().forEach(row -> listed.put(row.model().toLowerCase(Locale.ROOT), row));
    boolean none = result.models().isEmpty();
    ProbeStatus missing =
        !none
            ? ProbeStatus.MODEL_UNAVAILABLE
            : result.listFailure() != null ? result.listFailure() : ProbeStatus.UPSTREAM_ERROR;
    String why =
        !none
            ? "Not in the relay's list of models this key may use."
            : unread != null ? unread : "The relay did not list the models this key may use.";
    List<ModelQuota> rows =
        query.models().stream()
            .map(
                model -> {
                  ModelQuota row = listed.get(model.toLowerCase(Locale.ROOT));
                  return row != null ? row : ModelQuota.failed(model, missing, why, 0);
                })
            .toList();
    return new ProviderResult(result.account(), rows);
  }

  /** Tells the listener and completes the report once, whether the check or a cancel ends it. */
  private void finish(ProviderResult result) {
    if (!told.compareAndSet(false, true)) {
      return;
    }
    Listeners.safely(() -> listener.onAccount(result.account()));
    for (int i = 0; i < result.models().size(); i++) {
      int index = i;
      Listeners.safely(() -> listener.onModel(index, result.models().get(index)));
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

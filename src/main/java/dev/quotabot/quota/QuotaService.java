package dev.quotabot.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thing the doors call: probes every model of a query concurrently (at most {@link
 * QuotaSettings#maxConcurrentProbes()} at once) under one deadline and returns the report. Probes
 * are never retried: a retry could spend quota again.
 */
public final class QuotaService {
  /**
   * How long past its own timeout a probe may take before the service stops waiting for it. A
   * {@link ModelProbe} should never need it; it keeps the deadline promise if one misbehaves.
   */
  private static final Duration OVERDUE_GRACE = Duration.ofSeconds(1);

  private final ModelProbe probe;
  private final QuotaSettings settings;
  private final Clock clock;

  public QuotaService(ModelProbe probe, QuotaSettings settings, Clock clock) {
    this.probe = probe;
    this.settings = settings;
    this.clock = clock;
  }

  public QuotaSettings settings() {
    return settings;
  }

  /** Runs the query; the future always completes normally, by the query deadline. */
  public CompletableFuture<QuotaReport> query(QuotaQuery query) {
    long deadlineNanos = System.nanoTime() + settings.queryDeadline().toNanos();
    FanOut fanOut = new FanOut(query, deadlineNanos);
    return fanOut
        .start()
        .thenApply(rows -> new QuotaReport(query.key().fingerprint(), rows, clock.instant()));
  }

  /** Starts probes up to the concurrency cap and starts the next one whenever one finishes. */
  private final class FanOut {
    private final QuotaQuery query;
    private final long deadlineNanos;
    private final List<CompletableFuture<ModelQuota>> rows;
    private final AtomicInteger nextIndex = new AtomicInteger();

    FanOut(QuotaQuery query, long deadlineNanos) {
      this.query = query;
      this.deadlineNanos = deadlineNanos;
      this.rows =
          query.models().stream().map(model -> new CompletableFuture<ModelQuota>()).toList();
    }

    CompletableFuture<List<ModelQuota>> start() {
      int initial = Math.min(settings.maxConcurrentProbes(), rows.size());
      for (int i = 0; i < initial; i++) {
        launchNext();
      }
      return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new))
          .thenApply(done -> rows.stream().map(CompletableFuture::join).toList());
    }

    private void launchNext() {
      int index = nextIndex.getAndIncrement();
      if (index >= rows.size()) {
        return;
      }
      String model = query.models().get(index);
      CompletableFuture<ModelQuota> row = rows.get(index);
      Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        row.complete(
            ModelQuota.failed(
                model,
                ProbeStatus.TIMEOUT,
                "Not probed: the query deadline of "
                    + settings.queryDeadline().toMillis()
                    + " ms passed before its turn. Ask for fewer models at once.",
                0));
        launchNext();
        return;
      }
      Duration timeout =
          left.compareTo(settings.probeTimeout()) < 0 ? left : settings.probeTimeout();
      probeSafely(model, timeout)
          .copy()
          .completeOnTimeout(
              overdue(model, timeout),
              timeout.plus(OVERDUE_GRACE).toMillis(),
              TimeUnit.MILLISECONDS)
          .whenComplete(
              (result, neverThrown) -> {
                row.complete(result);
                launchNext();
              });
    }

    private CompletableFuture<ModelQuota> probeSafely(String model, Duration timeout) {
      try {
        return probe.probe(query.key(), model, timeout).exceptionally(failure -> unexpected(model));
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

    private ModelQuota unexpected(String model) {
      return ModelQuota.failed(
          model, ProbeStatus.NETWORK_ERROR, "The probe failed unexpectedly; try again.", 0);
    }
  }
}

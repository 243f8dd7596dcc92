package dev.quotabot.quota;

import dev.quotabot.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Probes whose results the test hands out one by one ({@code CoreDoubles.prober(this::probe…)}).
 */
final class ManualProbe {
  private final Map<String, CompletableFuture<ModelQuota>> pending = new ConcurrentHashMap<>();
  private final List<String> started = new CopyOnWriteArrayList<>();

  CompletableFuture<ModelQuota> probe(ProviderRequest request, String model) {
    started.add(model);
    return future(model);
  }

  CompletableFuture<ModelQuota> future(String model) {
    return pending.computeIfAbsent(model, m -> new CompletableFuture<>());
  }

  void finish(String model, ProbeStatus status) {
    future(model).complete(row(model, status));
  }

  List<String> started() {
    return new ArrayList<>(started);
  }

  void awaitStarted(String model, Duration timeout) {
    Await.until(model + " probed", timeout, () -> started.contains(model));
  }

  /** A row with this status and no numbers. */
  static ModelQuota row(String model, ProbeStatus status) {
    return new ModelQuota(model, RateLimits.UNKNOWN, status, null, null, 1);
  }
}

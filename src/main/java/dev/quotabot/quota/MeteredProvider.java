package dev.quotabot.quota;

import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A provider whose upstream work is measured ({@link UpstreamMeters}); everything else is the
 * provider's own. The run hands it only models it means to probe (never an unlisted one, never one
 * past the deadline), so each probe asked here is a call sent.
 */
final class MeteredProvider implements Provider {
  private final Provider provider;
  private final UpstreamMeters meters;
  private final String id;

  MeteredProvider(Provider provider, UpstreamMeters meters) {
    this.provider = provider;
    this.meters = meters;
    this.id = provider.info().id();
  }

  @Override
  public ProviderInfo info() {
    return provider.info();
  }

  @Override
  public CompletableFuture<ProviderResult> readAccount(ProviderRequest request) {
    return timed(provider.readAccount(request), "account");
  }

  @Override
  public CompletableFuture<ModelQuota> probe(ProviderRequest request, String model) {
    meters.probes(id).increment();
    return timed(provider.probe(request, model), "probe");
  }

  @Override
  public ModelQuota unlisted(String model) {
    return provider.unlisted(model);
  }

  @Override
  public ModelDirectory catalog() {
    return provider.catalog();
  }

  @Override
  public @Nullable OffsetDateTime nextReset(Instant now) {
    return provider.nextReset(now);
  }

  /**
   * The call's answer, handed on only once the clock has stopped (so whoever waits for the query
   * finds its time recorded); cancelling the answer cancels the call, which closes its connection.
   */
  private <T> CompletableFuture<T> timed(CompletableFuture<T> call, String kind) {
    if (call == null) {
      return call;
    }
    Timer.Sample started = Timer.start(meters.registry());
    CompletableFuture<T> answer = new CompletableFuture<>();
    call.whenComplete(
        (result, failure) -> {
          started.stop(meters.timer(id, kind));
          if (failure != null) {
            answer.completeExceptionally(failure);
          } else {
            answer.complete(result);
          }
        });
    answer.whenComplete(
        (result, failure) -> {
          if (answer.isCancelled()) {
            call.cancel(true);
          }
        });
    return answer;
  }
}

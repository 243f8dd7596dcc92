package dev.quotabot.quota;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One provider, ModelScope included: it declares what it can do ({@link #info()}) and does it. A
 * new provider is one class implementing this and one line in the registry. The query run ({@code
 * QueryRun}) owns the deadline, cancellation, the concurrency cap and the order in which listeners
 * hear things; a provider only talks to its upstream.
 *
 * <p>Every future a provider returns completes normally, within the request's timeout (plus
 * scheduling jitter): failures are values (an account or row with a failure status), never
 * exceptions. The run still guards against a provider that breaks that promise.
 */
public interface Provider {

  ProviderInfo info();

  /**
   * Reads the balances; a provider that {@link Capability#LISTS_KEY_MODELS lists the key's models}
   * also answers one row per model asked (or per model the key may use, when none was asked).
   */
  CompletableFuture<ProviderResult> readAccount(ProviderRequest request);

  /**
   * Probes one model ({@link Capability#PROBES_MODELS}): one tiny real call, closed as soon as its
   * status and headers are in. Never retried. A provider that probes nothing answers that it did
   * not (the run never asks it).
   */
  default CompletableFuture<ModelQuota> probe(ProviderRequest request, String model) {
    return CompletableFuture.completedFuture(
        ModelQuota.failed(
            model,
            ProbeStatus.UPSTREAM_ERROR,
            Text.of("quota.probes_no_model", "name", info().name()),
            0));
  }

  /** The row for a model its catalog does not list: it is not probed, so nothing is spent. */
  default ModelQuota unlisted(String model) {
    return ModelQuota.failed(
        model,
        ProbeStatus.MODEL_UNAVAILABLE,
        Text.of("quota.unlisted_not_probed", "name", info().name()),
        0);
  }

  /** The models it offers ({@link Capability#MODEL_CATALOG}); none for the others. */
  default ModelDirectory catalog() {
    return ModelDirectory.NONE;
  }

  /** When its daily quota resets next after {@code now} ({@link Capability#DAILY_RESET}). */
  default @Nullable OffsetDateTime nextReset(Instant now) {
    return null;
  }
}

package dev.quotabot.quota;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Asks one upstream how much quota one key has left for one model. */
public interface ModelProbe {

  /**
   * Starts a probe. The returned future always completes normally, within {@code timeout} (plus
   * scheduling jitter): failures become rows with a failure {@link ProbeStatus}.
   */
  CompletableFuture<ModelQuota> probe(ApiKey key, String model, Duration timeout);
}

package dev.quotabot.quota;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer for one model.
 *
 * @param model the model id as asked
 * @param limits quota numbers, unknown ones null
 * @param status what happened
 * @param error human explanation of a failure; null when the probe worked
 * @param note human explanation of unknown values when the probe worked; otherwise null
 * @param latencyMs time until the upstream's answer (or the failure) in milliseconds
 * @param windows the rate-limit windows the provider reported for this call (the seed's four
 *     numbers are ModelScope's {@code limits}; other providers report named windows here)
 */
public record ModelQuota(
    String model,
    RateLimits limits,
    ProbeStatus status,
    @Nullable String error,
    @Nullable String note,
    long latencyMs,
    List<RateWindow> windows) {

  public ModelQuota {
    windows = List.copyOf(windows);
  }

  /** A row without named windows. */
  public ModelQuota(
      String model,
      RateLimits limits,
      ProbeStatus status,
      @Nullable String error,
      @Nullable String note,
      long latencyMs) {
    this(model, limits, status, error, note, latencyMs, List.of());
  }

  public static ModelQuota failed(String model, ProbeStatus status, String error, long latencyMs) {
    return new ModelQuota(model, RateLimits.UNKNOWN, status, error, null, latencyMs);
  }

  public boolean isSuccess() {
    return status.isSuccess();
  }
}

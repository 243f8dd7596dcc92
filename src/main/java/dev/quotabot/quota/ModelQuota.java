package dev.quotabot.quota;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer for one model.
 *
 * @param model the model id as asked
 * @param limits quota numbers, unknown ones null
 * @param status what happened
 * @param errorText why the probe failed, for a person; null when it worked
 * @param noteText what explains unknown values when the probe worked, for a person; otherwise null
 * @param latencyMs time until the upstream's answer (or the failure) in milliseconds
 * @param windows the rate-limit windows the provider reported for this call (the seed's four
 *     numbers are ModelScope's {@code limits}; other providers report named windows here)
 */
public record ModelQuota(
    String model,
    RateLimits limits,
    ProbeStatus status,
    @Nullable Text errorText,
    @Nullable Text noteText,
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
      @Nullable Text errorText,
      @Nullable Text noteText,
      long latencyMs) {
    this(model, limits, status, errorText, noteText, latencyMs, List.of());
  }

  public static ModelQuota failed(String model, ProbeStatus status, Text error, long latencyMs) {
    return new ModelQuota(model, RateLimits.UNKNOWN, status, error, null, latencyMs);
  }

  /** Why the probe failed, in English (the JSON API's {@code error}); or null. */
  public @Nullable String error() {
    return errorText == null ? null : errorText.english();
  }

  /** What explains unknown values, in English (the JSON API's {@code note}); or null. */
  public @Nullable String note() {
    return noteText == null ? null : noteText.english();
  }

  public boolean isSuccess() {
    return status.isSuccess();
  }
}

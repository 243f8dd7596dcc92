package dev.quotabot.quota;

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
 */
public record ModelQuota(
    String model,
    RateLimits limits,
    ProbeStatus status,
    @Nullable String error,
    @Nullable String note,
    long latencyMs) {

  public static ModelQuota failed(String model, ProbeStatus status, String error, long latencyMs) {
    return new ModelQuota(model, RateLimits.UNKNOWN, status, error, null, latencyMs);
  }

  public boolean isSuccess() {
    return status.isSuccess();
  }
}

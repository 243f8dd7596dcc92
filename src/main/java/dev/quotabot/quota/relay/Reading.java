package dev.quotabot.quota.relay;

import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Text;
import org.jspecify.annotations.Nullable;

/**
 * What one of the relay's balance endpoints gave: figures, or why not.
 *
 * @param figures the amounts read; null on failure
 * @param failure why there are none ({@code INVALID_KEY}, {@code INSUFFICIENT_BALANCE}…); null when
 *     read
 * @param problem a human explanation of the failure, scrubbed of secrets
 * @param tryNext whether another endpoint might still answer (the route is missing or broken),
 *     unlike a refused key or a timeout
 * @param leaked what a refusal said is left ({@code token remain quota: ＄0.14}), or null
 */
record Reading(
    @Nullable Figures figures,
    @Nullable ProbeStatus failure,
    @Nullable Text problem,
    boolean tryNext,
    @Nullable Figures leaked) {

  static Reading of(Figures figures) {
    return new Reading(figures, null, null, false, null);
  }

  static Reading failed(ProbeStatus failure, Text problem) {
    return new Reading(null, failure, problem, false, null);
  }

  /** A refusal that still says what is left. */
  static Reading usedUp(Text problem, @Nullable Figures leaked) {
    return new Reading(null, ProbeStatus.INSUFFICIENT_BALANCE, problem, false, leaked);
  }

  /** The endpoint is missing or gave nothing usable: another one may answer. */
  static Reading unusable(Text problem) {
    return new Reading(null, ProbeStatus.UPSTREAM_ERROR, problem, true, null);
  }

  boolean read() {
    return figures != null;
  }
}

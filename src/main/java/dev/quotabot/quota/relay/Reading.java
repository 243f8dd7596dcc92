package dev.quotabot.quota.relay;

import dev.quotabot.quota.ProbeStatus;

/**
 * What one of the relay's balance endpoints gave: figures, or why not.
 *
 * @param figures the amounts read; null on failure
 * @param failure why there are none ({@code INVALID_KEY}, {@code INSUFFICIENT_BALANCE}…); null when
 *     read
 * @param problem a human explanation of the failure, scrubbed of secrets
 * @param tryNext whether another endpoint might still answer (the route is missing or broken),
 *     unlike a refused key or a timeout
 */
record Reading(Figures figures, ProbeStatus failure, String problem, boolean tryNext) {

  static Reading of(Figures figures) {
    return new Reading(figures, null, null, false);
  }

  static Reading failed(ProbeStatus failure, String problem) {
    return new Reading(null, failure, problem, false);
  }

  /** The endpoint is missing or gave nothing usable: another one may answer. */
  static Reading unusable(String problem) {
    return new Reading(null, ProbeStatus.UPSTREAM_ERROR, problem, true);
  }

  boolean read() {
    return figures != null;
  }
}

package dev.quotabot.quota.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When a watch is checked next. Never sooner than its interval (a check with probes spends the
 * user's quota, and they chose how often); checks are spread by a random delay of up to a tenth of
 * the interval so that watches made together, or a restart, do not fire at one instant.
 */
final class Pacing {
  /** The longest wait after failures: a broken key or upstream is still looked at daily. */
  static final Duration MAX_BACKOFF = Duration.ofHours(24);

  private static final int SPREAD_DIVISOR = 10;
  private static final int MAX_DOUBLINGS = 30;

  private final RandomGenerator random;

  Pacing(RandomGenerator random) {
    this.random = random;
  }

  /** After a check that worked: the interval and a random part of its tenth. */
  Instant next(Instant now, Duration interval) {
    long spreadMillis = interval.toMillis() / SPREAD_DIVISOR;
    long extra = spreadMillis <= 0 ? 0 : random.nextLong(spreadMillis + 1);
    return now.plus(interval).plusMillis(extra);
  }

  /**
   * After {@code failures} failed checks in a row (at least 1): the interval times 2^failures, at
   * most a day (or the interval itself when that is longer). Never a quick retry: a retry can spend
   * quota again.
   */
  static Instant backoff(Instant now, Duration interval, int failures) {
    Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
    int doublings = Math.min(Math.max(failures, 1), MAX_DOUBLINGS);
    Duration wait;
    try {
      wait = interval.multipliedBy(1L << doublings);
    } catch (ArithmeticException overflow) {
      wait = cap;
    }
    return now.plus(wait.compareTo(cap) > 0 ? cap : wait);
  }
}

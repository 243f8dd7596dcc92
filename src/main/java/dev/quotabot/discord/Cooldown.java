package dev.quotabot.discord;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One query per user per period. Only a user id and a start time are kept, and only until the
 * period is over.
 */
final class Cooldown {
  private final long periodNanos;
  private final LongSupplier nanoTime;
  private final Map<Long, Long> startedAt = new ConcurrentHashMap<>();

  Cooldown(Duration period, LongSupplier nanoTime) {
    this.periodNanos = period.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Starts the user's cooldown if none is running and returns {@link Duration#ZERO}; otherwise
   * returns how long is left and starts nothing.
   */
  Duration tryStart(long userId) {
    if (periodNanos <= 0) {
      return Duration.ZERO;
    }
    long now = nanoTime.getAsLong();
    forgetExpired(now);
    long[] left = {0};
    startedAt.compute(
        userId,
        (id, started) -> {
          if (started != null && now - started < periodNanos) {
            left[0] = periodNanos - (now - started);
            return started;
          }
          return now;
        });
    return Duration.ofNanos(left[0]);
  }

  /** Ends the user's cooldown early: the query it was started for never ran. */
  void release(long userId) {
    startedAt.remove(userId);
  }

  /** How long the user still has to wait (zero when free), without starting anything. */
  Duration remaining(long userId) {
    Long started = startedAt.get(userId);
    if (started == null || periodNanos <= 0) {
      return Duration.ZERO;
    }
    long elapsed = nanoTime.getAsLong() - started;
    return elapsed < periodNanos ? Duration.ofNanos(periodNanos - elapsed) : Duration.ZERO;
  }

  /** Whole seconds to show a person: 0.2 s left reads "1 s", never "0 s". */
  static long roundUpSeconds(Duration left) {
    long seconds = left.getSeconds();
    return left.getNano() > 0 ? seconds + 1 : seconds;
  }

  int tracked() {
    return startedAt.size();
  }

  private void forgetExpired(long now) {
    startedAt.values().removeIf(started -> now - started >= periodNanos);
  }
}

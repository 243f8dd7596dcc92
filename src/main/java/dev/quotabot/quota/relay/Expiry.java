package dev.quotabot.quota.relay;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A relay's expiry time: unix seconds, where 0 and -1 mean never. */
final class Expiry {
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;

  private Expiry() {}

  /** Null for never or unreadable; milliseconds are accepted too (values past year 5138). */
  static @Nullable Instant of(@Nullable BigDecimal value) {
    if (value == null || value.signum() <= 0) {
      return null;
    }
    try {
      long number = value.longValueExact();
      return number >= MILLIS_THRESHOLD
          ? Instant.ofEpochMilli(number)
          : Instant.ofEpochSecond(number);
    } catch (ArithmeticException | java.time.DateTimeException notATime) {
      return null;
    }
  }
}

package dev.quotabot.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

/** Tests only: comparing amounts by value, and measuring how long something took. */
public final class Numbers {
  private Numbers() {}

  /** {@code actual} is present and numerically equal to {@code expected} (scale ignored). */
  public static void assertAmount(String expected, BigDecimal actual) {
    assertTrue(
        actual != null && new BigDecimal(expected).compareTo(actual) == 0,
        "expected " + expected + " but was " + actual);
  }

  /** Milliseconds since {@code startedNanos}, a {@link System#nanoTime()} reading. */
  public static long elapsedMs(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }
}

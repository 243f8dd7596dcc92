package dev.quotabot.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Explicit waits with a deadline: polls a condition instead of sleeping a fixed time. */
public final class Await {
  public static final Duration DEFAULT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 10;

  private Await() {}

  /** Returns the first value {@code probe} yields before the deadline, or fails the test. */
  public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "Timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      pause();
    }
  }

  public static <T> T value(String what, Supplier<Optional<T>> probe) {
    return value(what, DEFAULT, probe);
  }

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
  }

  public static void until(String what, BooleanSupplier condition) {
    until(what, DEFAULT, condition);
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", interrupted);
    }
  }
}

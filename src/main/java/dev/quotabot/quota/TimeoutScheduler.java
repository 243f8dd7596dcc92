package dev.quotabot.quota;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that fires timeouts. Cancelled timeouts are removed at once, so thousands of
 * probes that finish early leave nothing behind.
 */
public final class TimeoutScheduler implements AutoCloseable {
  private final ScheduledThreadPoolExecutor executor;

  public TimeoutScheduler() {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "quota-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Runs {@code action} after {@code delay} unless the returned future is cancelled first. */
  public Future<?> after(Duration delay, Runnable action) {
    return executor.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}

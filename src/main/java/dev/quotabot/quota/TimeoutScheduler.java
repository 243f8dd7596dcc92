package dev.quotabot.quota;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One daemon thread that fires timeouts. Cancelled timeouts are removed at once, so thousands of
 * probes that finish early leave nothing behind.
 */
public final class TimeoutScheduler implements AutoCloseable {
  private final ScheduledThreadPoolExecutor executor;

  public TimeoutScheduler() {
    executor = new ScheduledThreadPoolExecutor(1, runnable -> daemon(runnable, "quota-timeouts"));
    executor.setRemoveOnCancelPolicy(true);
  }

  /**
   * Daemon threads named {@code prefix} and a running count, for the pools the product owns: none
   * of them keeps the process alive on its own.
   */
  public static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> daemon(runnable, prefix + count.incrementAndGet());
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
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

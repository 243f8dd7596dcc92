package dev.quotabot;

import java.util.concurrent.ForkJoinPool;

/**
 * Sizes the JVM's common pool before anything uses it. With one or two cores the JDK sizes it to
 * one thread, and then every {@code CompletableFuture} step without an executor, including the one
 * the JDK HttpClient adds to each {@code sendAsync}, runs on a brand-new thread: two thread starts
 * per upstream call, on exactly the small hosts this product is usually deployed on. Two threads
 * are enough to switch that off; an operator's own setting wins.
 */
final class AsyncPool {
  static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  /** Below this the JDK's CompletableFuture falls back to a thread per task. */
  static final int SMALLEST_SHARED = 2;

  private AsyncPool() {}

  /**
   * Must run before the first use of ForkJoinPool or CompletableFuture; later it changes nothing.
   */
  static void widenBeforeFirstUse() {
    if (System.getProperty(PARALLELISM) == null) {
      System.setProperty(
          PARALLELISM,
          Integer.toString(parallelismFor(Runtime.getRuntime().availableProcessors())));
    }
  }

  /** The JDK's own choice (one less than the cores) but never below {@link #SMALLEST_SHARED}. */
  static int parallelismFor(int cores) {
    return Math.max(SMALLEST_SHARED, cores - 1);
  }

  /** Whether CompletableFuture's default executor is the shared pool (true after widening). */
  static boolean shared() {
    return ForkJoinPool.getCommonPoolParallelism() >= SMALLEST_SHARED;
  }
}

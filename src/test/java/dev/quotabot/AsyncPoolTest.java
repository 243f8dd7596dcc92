package dev.quotabot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class AsyncPoolTest {
  @Test
  void smallHostsGetTwoThreadsSoCompletableFutureNeverFallsBackToAThreadPerTask() {
    assertEquals(2, AsyncPool.parallelismFor(1));
    assertEquals(2, AsyncPool.parallelismFor(2));
  }

  @Test
  void largerHostsKeepTheJdksOwnChoice() {
    assertEquals(2, AsyncPool.parallelismFor(3));
    assertEquals(7, AsyncPool.parallelismFor(8));
  }
}

package dev.quotabot.discord;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The answers still being worked on, so shutdown can let them reach the user first. */
final class PendingReplies {
  private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

  /** Remembers {@code answer} until it completes. */
  void track(CompletableFuture<?> answer) {
    pending.add(answer);
    answer.whenComplete((done, failure) -> pending.remove(answer));
  }

  /** Waits up to {@code timeout} for every answer in flight; true when all were delivered. */
  boolean awaitAll(Duration timeout) throws InterruptedException {
    CompletableFuture<?>[] now = pending.toArray(CompletableFuture[]::new);
    if (now.length == 0) {
      return true;
    }
    try {
      CompletableFuture.allOf(now).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException late) {
      return false;
    } catch (ExecutionException neverThrown) {
      return true;
    }
  }
}

package dev.quotabot.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.LogCapture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Shared limits falling back to local ones, on a fake clock and a shared store the test takes away
 * and brings back.
 */
final class FallbackLimitsTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicBoolean storeAway = new AtomicBoolean();
  private final AtomicInteger storeCalls = new AtomicInteger();
  private final FallbackLimits limits =
      new FallbackLimits(
          new AwayableStore(), localOnFakeClock(), new Circuit(Duration.ofSeconds(5), nanos::get));

  @Test
  void whileTheStoreIsAwayTheLocalLimitAnswersWithoutAskingTheStoreAgain() {
    // GIVEN 2 queries a minute, and the store gone
    ClientRateLimit perClient = limits.perClient(2);
    storeAway.set(true);

    // WHEN a client sends 3 queries within the retry period
    long[] waits = {perClient.acquire("a"), perClient.acquire("a"), perClient.acquire("a")};

    // THEN the local bucket answers them all (the third refused), the store asked only once
    assertEquals(0, waits[0]);
    assertEquals(0, waits[1]);
    assertTrue(waits[2] > 0);
    assertEquals(1, storeCalls.get());
    assertEquals("local_fallback", limits.health().check().status());
    assertTrue(limits.health().check().ready());
  }

  @Test
  void afterTheRetryPeriodTheStoreIsTriedAgainAndUsedOnceItAnswers() {
    // GIVEN a fallback because the store was away
    ClientRateLimit perClient = limits.perClient(2);
    storeAway.set(true);
    perClient.acquire("a");

    // WHEN it is back and the retry period has passed
    storeAway.set(false);
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(5));
    long wait = perClient.acquire("a");

    // THEN the store answered, and the limits say shared again
    assertEquals(-1, wait); // the stand-in store's answer
    assertEquals(2, storeCalls.get());
    assertEquals("shared", limits.health().check().status());
  }

  @Test
  void eachSwitchIsLoggedOnce() {
    try (LogCapture logs = LogCapture.open()) {
      // GIVEN the store away for several queries, then back
      ClientRateLimit perClient = limits.perClient(100);
      storeAway.set(true);
      for (int i = 0; i < 3; i++) {
        perClient.acquire("a");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(6));
      }
      storeAway.set(false);
      perClient.acquire("a");
      perClient.acquire("a");

      // THEN one line said it fell back, one that it is shared again
      assertEquals(1, logs.lines().stream().filter(l -> l.contains("unavailable")).count());
      assertEquals(1, logs.lines().stream().filter(l -> l.contains("available again")).count());
    }
  }

  @Test
  void theCooldownFallsBackToo() {
    // GIVEN the store away
    UserCooldowns cooldowns = limits.perUser(Duration.ofSeconds(30));
    storeAway.set(true);

    // WHEN a user starts a cooldown, and asks again
    Duration first = cooldowns.tryStart(42L);
    Duration second = cooldowns.tryStart(42L);

    // THEN the local cooldown holds
    assertEquals(Duration.ZERO, first);
    assertEquals(Duration.ofSeconds(30), second);
  }

  private Limits localOnFakeClock() {
    return new Limits() {
      @Override
      public ClientRateLimit perClient(int perMinute) {
        return new LocalRateLimit(perMinute, nanos::get);
      }

      @Override
      public UserCooldowns perUser(Duration period) {
        return new LocalCooldowns(period, nanos::get);
      }
    };
  }

  /** A shared store that fails while the test says it is away, and answers -1 otherwise. */
  private final class AwayableStore implements Limits {
    @Override
    public ClientRateLimit perClient(int perMinute) {
      return key -> {
        ask();
        return -1;
      };
    }

    @Override
    public UserCooldowns perUser(Duration period) {
      return new UserCooldowns() {
        @Override
        public Duration tryStart(long userId) {
          ask();
          return Duration.ofDays(1);
        }

        @Override
        public void release(long userId) {
          ask();
        }

        @Override
        public Duration remaining(long userId) {
          ask();
          return Duration.ofDays(1);
        }
      };
    }

    private void ask() {
      storeCalls.incrementAndGet();
      if (storeAway.get()) {
        throw new IllegalStateException("Connection refused");
      }
    }
  }
}

package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class CooldownTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Cooldown cooldown = new Cooldown(Duration.ofSeconds(5), nanos::get);

  @Test
  void letsTheFirstQueryThroughAndHoldsTheNextForThePeriod() {
    assertEquals(Duration.ZERO, cooldown.tryStart(1));

    advance(Duration.ofMillis(1200));

    assertEquals(Duration.ofMillis(3800), cooldown.tryStart(1));
    assertEquals(Duration.ofMillis(3800), cooldown.remaining(1));
  }

  @Test
  void aRefusedQueryDoesNotExtendTheCooldown() {
    cooldown.tryStart(1);
    advance(Duration.ofSeconds(4));
    cooldown.tryStart(1);

    advance(Duration.ofSeconds(1));

    assertEquals(Duration.ZERO, cooldown.tryStart(1));
  }

  @Test
  void keepsUsersApart() {
    cooldown.tryStart(1);

    assertEquals(Duration.ZERO, cooldown.tryStart(2));
    assertEquals(Duration.ZERO, cooldown.remaining(3));
  }

  @Test
  void forgetsUsersOnceTheirPeriodIsOver() {
    cooldown.tryStart(1);
    cooldown.tryStart(2);
    advance(Duration.ofSeconds(6));

    cooldown.tryStart(3);

    assertEquals(1, cooldown.tracked());
  }

  @Test
  void keepsNoMoreUsersThanItsBound() {
    Cooldown bounded = new Cooldown(Duration.ofSeconds(5), nanos::get, 2);

    for (long user = 1; user <= 50; user++) {
      bounded.tryStart(user);
    }

    assertTrue(bounded.tracked() <= 2, "tracked " + bounded.tracked());
  }

  @Test
  void aReleasedCooldownLetsTheUserStartAgainAtOnceAndOnlyThatUser() {
    cooldown.tryStart(1);
    cooldown.tryStart(2);

    cooldown.release(1);

    assertEquals(Duration.ZERO, cooldown.remaining(1));
    assertEquals(Duration.ZERO, cooldown.tryStart(1));
    assertTrue(cooldown.tryStart(2).compareTo(Duration.ZERO) > 0);
  }

  @Test
  void aZeroPeriodMeansNoCooldownAndNothingKept() {
    Cooldown off = new Cooldown(Duration.ZERO, nanos::get);

    assertEquals(Duration.ZERO, off.tryStart(1));
    assertEquals(Duration.ZERO, off.tryStart(1));
    assertEquals(0, off.tracked());
  }

  @Test
  void roundsWhatIsLeftUpToWholeSeconds() {
    assertEquals(1, Cooldown.roundUpSeconds(Duration.ofMillis(200)));
    assertEquals(4, Cooldown.roundUpSeconds(Duration.ofMillis(3800)));
    assertEquals(5, Cooldown.roundUpSeconds(Duration.ofSeconds(5)));
  }

  private void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }
}

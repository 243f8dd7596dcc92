package dev.quotabot.quota.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class PacingTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void nextCheckIsNeverBeforeTheIntervalNorLaterThanATenthMore() {
    Pacing pacing = new Pacing(new SplittableRandom(7));
    for (int i = 0; i < 1000; i++) {
      Instant next = pacing.next(NOW, HOUR);
      assertFalse(next.isBefore(NOW.plus(HOUR)), next.toString());
      assertFalse(next.isAfter(NOW.plus(HOUR).plus(Duration.ofMinutes(6))), next.toString());
    }
  }

  @Test
  void nextChecksAreSpreadRatherThanAllAtOneInstant() {
    Pacing pacing = new Pacing(new SplittableRandom(7));
    Set<Instant> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      seen.add(pacing.next(NOW, HOUR));
    }
    assertTrue(seen.size() > 40, "only " + seen.size() + " distinct times");
  }

  @Test
  void backoffDoublesTheIntervalWithEachFailure() {
    assertEquals(NOW.plus(Duration.ofHours(2)), Pacing.backoff(NOW, HOUR, 1));
    assertEquals(NOW.plus(Duration.ofHours(4)), Pacing.backoff(NOW, HOUR, 2));
    assertEquals(NOW.plus(Duration.ofHours(8)), Pacing.backoff(NOW, HOUR, 3));
  }

  @Test
  void backoffStopsGrowingAtADay() {
    assertEquals(NOW.plus(Duration.ofHours(24)), Pacing.backoff(NOW, HOUR, 5));
    assertEquals(NOW.plus(Duration.ofHours(24)), Pacing.backoff(NOW, HOUR, 500));
  }

  @Test
  void backoffOfAnIntervalLongerThanADayIsTheInterval() {
    Duration twoDays = Duration.ofDays(2);
    assertEquals(NOW.plus(twoDays), Pacing.backoff(NOW, twoDays, 3));
  }
}

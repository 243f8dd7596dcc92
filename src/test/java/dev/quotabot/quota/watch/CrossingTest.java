package dev.quotabot.quota.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class CrossingTest {
  private static final Thresholds LEVELS = Thresholds.parse("20%, 5%");

  @Test
  void aFirstCrossingAlertsWithItsLevel() {
    Crossing crossing = Crossing.of(LEVELS, -1, left("40", "250"));

    assertEquals(0, crossing.alertedLevel());
    assertEquals("20%", crossing.alert().toString());
  }

  @Test
  void crossingTwoLevelsAtOnceAlertsOnceWithTheLowest() {
    Crossing crossing = Crossing.of(LEVELS, -1, left("10", "250"));

    assertEquals(1, crossing.alertedLevel());
    assertEquals("5%", crossing.alert().toString());
  }

  @Test
  void aLevelAlreadyAlertedDoesNotAlertAgain() {
    Crossing crossing = Crossing.of(LEVELS, 0, left("45", "250"));

    assertEquals(0, crossing.alertedLevel());
    assertNull(crossing.alert());
  }

  @Test
  void recoveringLowersTheAlertedLevelWithoutAnAlert() {
    Crossing crossing = Crossing.of(LEVELS, 1, left("40", "250"));

    assertEquals(0, crossing.alertedLevel());
    assertNull(crossing.alert());
  }

  @Test
  void aReadingWithoutATotalLeavesPercentLevelsAsTheyWere() {
    Crossing crossing =
        Crossing.of(LEVELS, 0, new Reading(Instant.EPOCH, BigDecimal.ONE, null, "USD"));

    assertEquals(0, crossing.alertedLevel());
    assertNull(crossing.alert());
  }

  private static Reading left(String available, String total) {
    return new Reading(Instant.EPOCH, new BigDecimal(available), new BigDecimal(total), "魔粒");
  }
}

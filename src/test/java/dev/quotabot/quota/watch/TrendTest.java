package dev.quotabot.quota.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TrendTest {
  private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

  private static Reading at(double hours, String available, String unit) {
    return new Reading(
        START.plus(Duration.ofMinutes(Math.round(hours * 60))),
        new BigDecimal(available),
        null,
        unit);
  }

  private static Reading at(double hours, String available) {
    return at(hours, available, "USD");
  }

  @Test
  void noReadingsShowNothing() {
    Trend trend = Trend.of(List.of());

    assertFalse(trend.shown());
    assertEquals("", trend.sparkline());
  }

  @Test
  void twoReadingsAreNotEnoughForATrend() {
    Trend trend = Trend.of(List.of(at(0, "100"), at(12, "90")));

    assertFalse(trend.shown());
    assertNull(trend.burnPerDay());
    assertNull(trend.daysLeft());
    assertEquals("", trend.sparkline());
  }

  @Test
  void aSteadyFallGivesTheBurnPerDayAndTheDaysLeft() {
    // GIVEN 10 spent every 12 hours
    Trend trend = Trend.of(List.of(at(0, "100"), at(12, "90"), at(24, "80")));

    // THEN 20 a day, and 80 left lasts 4 days
    assertTrue(trend.shown());
    assertEquals(new BigDecimal("20"), trend.burnPerDay());
    assertEquals(new BigDecimal("4.0"), trend.daysLeft());
  }

  @Test
  void theSlopeIsTheLeastSquaresFitOfUnevenReadings() {
    // GIVEN readings off a straight line: 100, 96, 84, 80 at 0, 6, 18, 24 hours
    Trend trend = Trend.of(List.of(at(0, "100"), at(6, "96"), at(18, "84"), at(24, "80")));

    // THEN the fitted fall is 20.8 a day (slope -0.8667/hour), 80 left lasting 3.8 days
    assertEquals(new BigDecimal("20.8"), trend.burnPerDay());
    assertEquals(new BigDecimal("3.8"), trend.daysLeft());
  }

  @Test
  void theBurnHasThreeSignificantDigits() {
    // GIVEN 0.1 spent every 7 hours
    Trend trend = Trend.of(List.of(at(0, "100"), at(7, "99.9"), at(14, "99.8")));

    // THEN 0.343 a day (0.342857…), and 99.8 lasts 291.1 days
    assertEquals(new BigDecimal("0.343"), trend.burnPerDay());
    assertEquals(new BigDecimal("291.1"), trend.daysLeft());
  }

  @Test
  void aRiseStartsANewSeries() {
    // GIVEN a top-up after three falling readings
    List<Reading> readings =
        List.of(at(0, "100"), at(1, "80"), at(2, "60"), at(3, "200"), at(4, "199"), at(5, "198"));

    Trend trend = Trend.of(readings);

    // THEN only the readings from the top-up on count: 1 an hour
    assertEquals(readings.subList(3, 6), trend.points());
    assertEquals(new BigDecimal("24"), trend.burnPerDay());
  }

  @Test
  void aRiseJustNowLeavesTooFewReadings() {
    Trend trend = Trend.of(List.of(at(0, "100"), at(1, "80"), at(2, "60"), at(3, "500")));

    assertEquals(1, trend.points().size());
    assertFalse(trend.shown());
  }

  @Test
  void onlyTheNewestUnitCounts() {
    // GIVEN the watched amount changed unit (the provider now reports another balance first)
    List<Reading> readings =
        List.of(
            at(0, "5", "CNY"), at(1, "4", "CNY"), at(2, "300", "tokens"), at(3, "290", "tokens"));

    Trend trend = Trend.of(readings);

    assertEquals(readings.subList(2, 4), trend.points());
    assertFalse(trend.shown());
  }

  @Test
  void aFlatSeriesIsShownWithoutBurnOrDaysLeft() {
    Trend trend = Trend.of(List.of(at(0, "50"), at(1, "50"), at(2, "50")));

    assertTrue(trend.shown());
    assertNull(trend.burnPerDay());
    assertNull(trend.daysLeft());
  }

  @Test
  void readingsAllAtOneMomentHaveNoSlope() {
    Trend trend = Trend.of(List.of(at(0, "50"), at(0, "40"), at(0, "30")));

    assertNull(trend.burnPerDay());
  }

  @Test
  void nothingLeftMeansZeroDaysLeft() {
    Trend trend = Trend.of(List.of(at(0, "20"), at(24, "10"), at(48, "0")));

    assertEquals(new BigDecimal("10"), trend.burnPerDay());
    assertEquals(new BigDecimal("0.0"), trend.daysLeft());
  }

  @Test
  void theSparklineScalesFromTheLowestToTheHighestReading() {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      readings.add(at(i, String.valueOf(1070 - 10 * i)));
    }

    assertEquals("█▇▆▅▄▃▂▁", Trend.of(readings).sparkline());
  }

  @Test
  void theSparklineShowsTheNewestTwentyFourReadings() {
    // GIVEN 30 falling readings, the 6 oldest far higher than the rest
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      readings.add(at(i, String.valueOf(i < 6 ? 10_000 - i : 24 - (i - 6))));
    }

    String line = Trend.of(readings).sparkline();

    // THEN 24 characters, scaled on the newest alone: from the top bar to the bottom one
    assertEquals(24, line.length());
    assertEquals('█', line.charAt(0));
    assertEquals('▁', line.charAt(23));
  }

  @Test
  void aFlatSparklineIsOneLevelThroughout() {
    String line = Trend.of(List.of(at(0, "5"), at(1, "5"), at(2, "5"))).sparkline();

    assertEquals(3, line.length());
    assertEquals(1, line.chars().distinct().count());
  }
}

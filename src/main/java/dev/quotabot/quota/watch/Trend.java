package dev.quotabot.quota.watch;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a watch's value is going, from its recent readings: only those since the last rise (a
 * top-up or a daily reset starts a new series) and in the newest reading's unit.
 *
 * @param points the readings it is computed from, oldest first
 * @param burnPerDay how much is spent per day (positive: going down); null with fewer than {@link
 *     #MIN_POINTS} points or no fall
 * @param daysLeft at that rate, days until nothing is left; null when not falling
 */
public record Trend(
    List<Reading> points, @Nullable BigDecimal burnPerDay, @Nullable BigDecimal daysLeft) {
  public static final int MIN_POINTS = 3;

  /** The longest sparkline: the newest points only. */
  public static final int SPARKLINE_WIDTH = 24;

  private static final String BARS = "▁▂▃▄▅▆▇█";
  private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

  /** A burn rate is shown with 3 significant digits: more would be noise from a few points. */
  private static final MathContext SHOWN = new MathContext(3, RoundingMode.HALF_UP);

  public Trend {
    points = List.copyOf(points);
  }

  /** The trend of these readings (oldest first). */
  public static Trend of(List<Reading> readings) {
    List<Reading> series = currentSeries(readings);
    if (series.size() < MIN_POINTS) {
      return new Trend(series, null, null);
    }
    Double slope = slopePerDay(series);
    if (slope == null || slope >= 0) {
      return new Trend(series, null, null);
    }
    double burn = -slope;
    BigDecimal left = series.get(series.size() - 1).available();
    BigDecimal daysLeft =
        left.signum() <= 0
            ? BigDecimal.ZERO.setScale(1)
            : BigDecimal.valueOf(left.doubleValue() / burn).setScale(1, RoundingMode.HALF_UP);
    return new Trend(series, plain(BigDecimal.valueOf(burn).round(SHOWN)), daysLeft);
  }

  /** Whether there are enough points to show one. */
  public boolean shown() {
    return points.size() >= MIN_POINTS;
  }

  /**
   * A compact text sparkline of the newest points ({@code ▇▆▅▃▂}), scaled from their lowest to
   * their highest value, at most {@link #SPARKLINE_WIDTH} characters; "" when not shown.
   */
  public String sparkline() {
    if (!shown()) {
      return "";
    }
    List<Reading> newest =
        points.subList(Math.max(0, points.size() - SPARKLINE_WIDTH), points.size());
    BigDecimal min =
        newest.stream().map(Reading::available).min(BigDecimal::compareTo).orElseThrow();
    BigDecimal max =
        newest.stream().map(Reading::available).max(BigDecimal::compareTo).orElseThrow();
    double range = max.subtract(min).doubleValue();
    StringBuilder line = new StringBuilder(newest.size());
    for (Reading point : newest) {
      int bar =
          range == 0
              ? BARS.length() / 2
              : (int)
                  Math.round(
                      point.available().subtract(min).doubleValue() / range * (BARS.length() - 1));
      line.append(BARS.charAt(bar));
    }
    return line.toString();
  }

  /**
   * The readings since the last rise, in the newest reading's unit: walking back from the newest,
   * up to the first reading in another unit or one lower than the reading after it.
   */
  private static List<Reading> currentSeries(List<Reading> readings) {
    if (readings.isEmpty()) {
      return List.of();
    }
    List<Reading> series = new ArrayList<>();
    Reading newer = readings.get(readings.size() - 1);
    series.add(newer);
    for (int i = readings.size() - 2; i >= 0; i--) {
      Reading older = readings.get(i);
      if (!older.unit().equals(newer.unit())
          || older.available().compareTo(newer.available()) < 0) {
        break;
      }
      series.add(older);
      newer = older;
    }
    Collections.reverse(series);
    return series;
  }

  /** The least-squares slope of available over time, per day; null when all points share a time. */
  private static @Nullable Double slopePerDay(List<Reading> series) {
    long origin = series.get(0).at().getEpochSecond();
    double n = series.size();
    double sumX = 0;
    double sumY = 0;
    for (Reading point : series) {
      sumX += days(point, origin);
      sumY += point.available().doubleValue();
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double covariance = 0;
    double variance = 0;
    for (Reading point : series) {
      double dx = days(point, origin) - meanX;
      covariance += dx * (point.available().doubleValue() - meanY);
      variance += dx * dx;
    }
    return variance == 0 ? null : covariance / variance;
  }

  private static double days(Reading point, long originSecond) {
    return (point.at().getEpochSecond() - originSecond) / SECONDS_PER_DAY;
  }

  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}

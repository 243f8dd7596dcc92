package dev.quotabot.quota.plans;

import com.google.gson.JsonObject;
import dev.quotabot.quota.LenientJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The figures every plan's windows are made of, read tolerantly (numbers or strings, anything
 * malformed unknown, never 0), and the names of their periods. Shared because each plan reports the
 * same three things in its own words: a count or a share, and when the window refills.
 */
final class PlanFigures {
  private static final long MINUTES_PER_HOUR = 60;
  private static final long MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;
  private static final long MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

  /** Below this an epoch time is in seconds, from here on in milliseconds (year 2286 vs 1970). */
  private static final long MILLIS_FROM = 10_000_000_000L;

  /** A plan's or model's name fit to show or to be part of a window's name. */
  private static final Pattern LABEL = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

  /** A plan's level as a note may say it: words only, so no figure hides in prose. */
  private static final Pattern WORDS = Pattern.compile("[A-Za-z][A-Za-z _-]{0,39}");

  private PlanFigures() {}

  /** A whole, non-negative count; null when absent, fractional, negative or absurd. */
  static @Nullable Long count(@Nullable JsonObject object, String name) {
    BigDecimal amount = LenientJson.amount(object, name);
    if (amount == null || amount.signum() < 0) {
      return null;
    }
    try {
      return amount.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException notWhole) {
      return null;
    }
  }

  /** A share in percent as given (a plan may report more than 100 in a grace period). */
  static @Nullable BigDecimal percent(@Nullable JsonObject object, String name) {
    BigDecimal amount = LenientJson.amount(object, name);
    return amount == null || amount.signum() < 0 ? null : amount;
  }

  /** An epoch time in milliseconds (or seconds, for a small number); null when absent or 0. */
  static @Nullable Instant epoch(@Nullable JsonObject object, String name) {
    Long value = count(object, name);
    if (value == null || value == 0) {
      return null;
    }
    return value < MILLIS_FROM ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
  }

  /** What is left of {@code limit} once {@code used} is taken, when both are known. */
  static @Nullable Long left(@Nullable Long limit, @Nullable Long used) {
    return limit == null || used == null ? null : Math.max(0, limit - used);
  }

  /**
   * A period as a window's name ends: {@code 5h}, {@code daily}, {@code weekly}, {@code 2d}, {@code
   * 30min}; null for none.
   */
  static @Nullable String period(long minutes) {
    if (minutes <= 0) {
      return null;
    }
    if (minutes % MINUTES_PER_WEEK == 0) {
      long weeks = minutes / MINUTES_PER_WEEK;
      return weeks == 1 ? "weekly" : weeks + "w";
    }
    if (minutes % MINUTES_PER_DAY == 0) {
      long days = minutes / MINUTES_PER_DAY;
      return days == 1 ? "daily" : days + "d";
    }
    if (minutes % MINUTES_PER_HOUR == 0) {
      return minutes / MINUTES_PER_HOUR + "h";
    }
    return minutes + "min";
  }

  /** {@code what_period}, or {@code what} alone when the period is unknown. */
  static String windowName(String what, @Nullable String period) {
    return period == null ? what : what + "_" + period;
  }

  /** A short label from the upstream (a plan level, a model's name), or null if it is not one. */
  static @Nullable String label(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String stripped = raw.strip();
    return LABEL.matcher(stripped).matches() ? stripped : null;
  }

  /** A plan's level or title in words (no digits), or null if it is not one. */
  static @Nullable String words(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String stripped = raw.strip();
    return WORDS.matcher(stripped).matches() ? stripped : null;
  }
}

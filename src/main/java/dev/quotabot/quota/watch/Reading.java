package dev.quotabot.quota.watch;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One value of a watched key at one moment: what is left, of what total (when the upstream reports
 * one), in which unit. It is also one point of the watch's history.
 *
 * @param at when it was read
 * @param available what is left
 * @param total what the period or the key started with; null where the upstream reports none
 * @param unit the unit of both ({@code 魔粒}, {@code USD}, {@code requests}…)
 */
public record Reading(Instant at, BigDecimal available, @Nullable BigDecimal total, String unit) {

  /** What is left in percent of the total, or null where there is no (positive) total. */
  public @Nullable BigDecimal percent() {
    if (total == null || total.signum() <= 0) {
      return null;
    }
    return available.multiply(BigDecimal.valueOf(100)).divide(total, 2, RoundingMode.HALF_UP);
  }
}

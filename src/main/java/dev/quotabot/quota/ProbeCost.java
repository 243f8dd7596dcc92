package dev.quotabot.quota;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * What probing one model may cost the user at most, so a door can say it before anything is sent.
 *
 * @param perModel the most one probe costs, in {@code unit}
 * @param unit what it is counted in ({@code 魔粒}, {@code requests})
 * @param kind whether it spends money or points, or only counts against a rate limit
 */
public record ProbeCost(BigDecimal perModel, String unit, Kind kind) {

  /** How a probe costs. */
  public enum Kind {
    /** A probe that works spends money or points (ModelScope's 魔粒). */
    SPENDS,
    /** A probe counts against the key's rate limits (one request, a token or two). */
    COUNTS;

    /** The name on the wire: {@code spends}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The most probing {@code models} models costs. */
  public BigDecimal forModels(int models) {
    return perModel.multiply(BigDecimal.valueOf(models));
  }
}

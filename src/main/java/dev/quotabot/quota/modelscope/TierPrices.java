package dev.quotabot.quota.modelscope;

import dev.quotabot.quota.CallEstimate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one API-Inference call costs in 魔粒, per model tier. ModelScope's limits page
 * (https://modelscope.cn/docs/model-service/API-Inference/limits, source
 * model-service/API-Inference/limits/limits_CN.md) prices calls in three tiers: "轻量模型（0.5
 * 魔粒/次），主流模型（1 魔粒/次），旗舰模型（2 魔粒/次）". ModelScope's own transaction records name the tiers {@code
 * lite}, {@code standard} and {@code ultra}; the product calls them light, standard and flagship.
 * The prices are configuration, so a change on ModelScope's side needs no release.
 *
 * @param light a lightweight model's call (轻量模型)
 * @param standard a mainstream model's call (主流模型)
 * @param flagship a flagship model's call (旗舰模型): the most a call can cost
 */
public record TierPrices(BigDecimal light, BigDecimal standard, BigDecimal flagship) {
  /** Today's published prices. */
  public static final TierPrices PUBLISHED =
      new TierPrices(new BigDecimal("0.5"), BigDecimal.ONE, new BigDecimal("2"));

  public static final String LIGHT = "light";
  public static final String STANDARD = "standard";
  public static final String FLAGSHIP = "flagship";

  public TierPrices {
    for (BigDecimal price : new BigDecimal[] {light, standard, flagship}) {
      if (Objects.requireNonNull(price, "price").signum() <= 0) {
        throw new IllegalArgumentException("a price per call must be positive, got " + price);
      }
    }
  }

  /**
   * How many calls of each tier {@code available} 魔粒 pay for, rounded down: light, standard,
   * flagship. None when the amount is unknown (an estimate from nothing would look like a reading);
   * a debt pays for no call.
   */
  public List<CallEstimate> estimates(@Nullable BigDecimal available) {
    if (available == null) {
      return List.of();
    }
    return List.of(
        estimate(LIGHT, light, available),
        estimate(STANDARD, standard, available),
        estimate(FLAGSHIP, flagship, available));
  }

  private static CallEstimate estimate(String tier, BigDecimal price, BigDecimal available) {
    if (available.signum() <= 0) {
      return new CallEstimate(tier, price, 0);
    }
    BigDecimal calls = available.divide(price, 0, RoundingMode.DOWN);
    // more calls than a long holds is no balance ModelScope hands out; cap rather than wrap
    long count =
        calls.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
            ? Long.MAX_VALUE
            : calls.longValueExact();
    return new CallEstimate(tier, price, count);
  }
}

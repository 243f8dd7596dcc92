package dev.quotabot.quota;

import java.math.BigDecimal;

/**
 * An estimate, not a reading: how many calls of one price tier the available balance pays for.
 *
 * @param tier the provider's price tier ({@code light}, {@code standard}, {@code flagship})
 * @param price what one call of that tier costs, in the balance's unit (the price used)
 * @param calls the available balance divided by {@code price}, rounded down
 */
public record CallEstimate(String tier, BigDecimal price, long calls) {}

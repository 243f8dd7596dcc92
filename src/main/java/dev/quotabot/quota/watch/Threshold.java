package dev.quotabot.quota.watch;

import java.math.BigDecimal;

/**
 * One alert level: a share of the total ({@code 20%}) or an amount in the balance's unit ({@code
 * 5}). A reading has crossed it when what is left is at or below it.
 *
 * @param kind percent or amount
 * @param value the level (0–100 for a percent; positive for an amount)
 */
public record Threshold(Kind kind, BigDecimal value) {

  /** How a level is measured. */
  public enum Kind {
    PERCENT,
    AMOUNT
  }

  /** As a user types it: {@code 20%} or {@code 5}. */
  @Override
  public String toString() {
    return value.stripTrailingZeros().toPlainString() + (kind == Kind.PERCENT ? "%" : "");
  }
}

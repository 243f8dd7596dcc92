package dev.quotabot.quota.relay;

import dev.quotabot.quota.Balance;
import dev.quotabot.quota.Text;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Amounts read from one relay endpoint, already in {@code unit} and rounded. Unknown amounts are
 * null; when {@code unlimited} the remaining and total are null (never a sentinel or a negative
 * number).
 *
 * @param unit {@code USD}, {@code CNY}, {@code tokens}, a custom symbol, or a label for unconverted
 *     units
 * @param available what is left
 * @param total granted (left plus used)
 * @param used spent so far
 * @param unlimited the token has no limit of its own
 * @param expiresAt when the token expires; null for never or unknown
 * @param name the token's or user's name, scrubbed
 * @param requests how many requests the account made (the wallet only), or null
 * @param note how to read these numbers (unknown currency…), or null
 */
record Figures(
    String unit,
    @Nullable BigDecimal available,
    @Nullable BigDecimal total,
    @Nullable BigDecimal used,
    boolean unlimited,
    @Nullable Instant expiresAt,
    @Nullable String name,
    @Nullable Long requests,
    @Nullable Text note) {

  /** These figures as a balance entry of {@code scope}. */
  Balance toBalance(Balance.Scope scope) {
    return Balance.of(scope, unit)
        .available(available)
        .total(total)
        .used(used)
        .unlimited(unlimited)
        .expiresAt(expiresAt)
        .requests(requests)
        .build();
  }
}

package dev.quotabot.quota;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One rate-limit window a provider reported in a probe's response headers, named as the provider
 * defines it: {@code requests_per_day}, {@code tokens_per_minute}, {@code input_tokens_per_minute}…
 * Unknown numbers are null, never 0.
 *
 * @param name what the window counts and over what period
 * @param limit the most the window allows
 * @param remaining what is left of it now
 * @param resetsAt when it is full again (or next refills), when the provider says
 * @param usedPercent how much of it is used, in percent, for a provider that reports a share rather
 *     than counts (a coding plan); null otherwise
 */
public record RateWindow(
    String name,
    @Nullable Long limit,
    @Nullable Long remaining,
    @Nullable Instant resetsAt,
    @Nullable BigDecimal usedPercent) {

  /** A window reported in counts. */
  public RateWindow(
      String name, @Nullable Long limit, @Nullable Long remaining, @Nullable Instant resetsAt) {
    this(name, limit, remaining, resetsAt, null);
  }

  /** Whether the provider reported anything at all for this window. */
  public boolean known() {
    return limit != null || remaining != null || resetsAt != null || usedPercent != null;
  }
}

package dev.quotabot.quota;

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
 */
public record RateWindow(
    String name, @Nullable Long limit, @Nullable Long remaining, @Nullable Instant resetsAt) {

  /** Whether the provider reported anything at all for this window. */
  public boolean known() {
    return limit != null || remaining != null || resetsAt != null;
  }
}

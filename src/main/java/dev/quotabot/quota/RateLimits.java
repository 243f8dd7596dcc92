package dev.quotabot.quota;

import org.jspecify.annotations.Nullable;

/**
 * The four quota numbers an upstream may report for one call. Each is {@code null} when it was not
 * reported or not a number: unknown is never shown as 0.
 */
public record RateLimits(
    @Nullable Long requestLimit,
    @Nullable Long requestRemaining,
    @Nullable Long modelRequestLimit,
    @Nullable Long modelRequestRemaining) {

  public static final RateLimits UNKNOWN = new RateLimits(null, null, null, null);

  public boolean complete() {
    return requestLimit != null
        && requestRemaining != null
        && modelRequestLimit != null
        && modelRequestRemaining != null;
  }

  public boolean empty() {
    return requestLimit == null
        && requestRemaining == null
        && modelRequestLimit == null
        && modelRequestRemaining == null;
  }
}

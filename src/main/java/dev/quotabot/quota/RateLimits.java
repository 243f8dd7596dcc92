package dev.quotabot.quota;

/**
 * The four quota numbers an upstream may report for one call. Each is {@code null} when it was not
 * reported or not a number: unknown is never shown as 0.
 */
public record RateLimits(
    Long requestLimit, Long requestRemaining, Long modelRequestLimit, Long modelRequestRemaining) {

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

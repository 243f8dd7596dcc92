package dev.quotabot.limits;

/** A token bucket per client: how the web door decides whether a query may run now. */
@FunctionalInterface
public interface ClientRateLimit {
  /**
   * Takes one token from the client's bucket.
   *
   * @param clientKey whose bucket: {@link ClientKeys#of}
   * @return 0 if allowed, else the whole seconds (at least 1) until a token is available
   */
  long acquire(String clientKey);
}

package dev.quotabot.limits;

/** A token bucket per client: how the web door decides whether a query may run now. */
@FunctionalInterface
public interface ClientRateLimit {
  /**
   * Whether {@link #acquire} may wait on the network (a shared store): a caller on an event loop
   * must then call it from a worker thread. False for limits kept in memory.
   */
  default boolean blocks() {
    return false;
  }

  /**
   * Takes one token from the client's bucket.
   *
   * @param clientKey whose bucket: {@link ClientKeys#of}
   * @return 0 if allowed, else the whole seconds (at least 1) until a token is available
   */
  long acquire(String clientKey);
}

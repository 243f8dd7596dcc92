package dev.quotabot.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code perMinute} queries a minute, refilled continuously, bursts up
 * to the same number. Idle clients are forgotten once the table grows, so memory stays bounded.
 */
final class RateLimiter {
  private static final int FORGET_ABOVE = 10_000;
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final int perMinute;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(int perMinute, LongSupplier nanoTime) {
    this.perMinute = perMinute;
    this.nanoTime = nanoTime;
  }

  /** Takes one token; returns 0 if allowed, else the whole seconds until one is available. */
  long acquire(String client) {
    long now = nanoTime.getAsLong();
    if (buckets.size() > FORGET_ABOVE) {
      buckets.values().removeIf(bucket -> bucket.full(now));
    }
    return buckets.computeIfAbsent(client, c -> new Bucket(now)).take(now);
  }

  private final class Bucket {
    private double tokens = perMinute;
    private long updated;

    Bucket(long now) {
      updated = now;
    }

    synchronized long take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      double nanosPerToken = (double) MINUTE_NANOS / perMinute;
      return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken / 1e9));
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= perMinute;
    }

    private void refill(long now) {
      tokens = Math.min(perMinute, tokens + (now - updated) * (double) perMinute / MINUTE_NANOS);
      updated = now;
    }
  }
}

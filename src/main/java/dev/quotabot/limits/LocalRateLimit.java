package dev.quotabot.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket per client in this process's memory: {@code perMinute} queries a minute, refilled
 * continuously, bursts up to the same number; clients are keyed by {@link ClientKeys}. The buckets
 * live in a Caffeine cache: at most {@link #MAX_CLIENTS}, and a bucket idle for a minute (full
 * again by then, so no different from a new one) is dropped; nothing on a request's path scans the
 * table.
 */
public final class LocalRateLimit implements ClientRateLimit {
  static final long MAX_CLIENTS = 20_000;
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final long MINUTE_NANOS = MINUTE.toNanos();

  private final int perMinute;
  private final LongSupplier nanoTime;
  private final Cache<String, Bucket> buckets;

  public LocalRateLimit(int perMinute, LongSupplier nanoTime) {
    this.perMinute = perMinute;
    this.nanoTime = nanoTime;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(MAX_CLIENTS)
            .expireAfterAccess(MINUTE)
            .ticker(nanoTime::getAsLong)
            // the cache's upkeep is small and amortised: do it on the caller, not the common pool
            .executor(Runnable::run)
            .build();
  }

  @Override
  public long acquire(String clientKey) {
    long now = nanoTime.getAsLong();
    return buckets.get(clientKey, k -> new Bucket(now)).take(now);
  }

  /** How many clients are remembered right now (after pending expiry). */
  public long clients() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private final class Bucket {
    private double tokens = perMinute;
    private long updated;

    Bucket(long now) {
      updated = now;
    }

    synchronized long take(long now) {
      tokens = Math.min(perMinute, tokens + (now - updated) * (double) perMinute / MINUTE_NANOS);
      updated = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      double nanosPerToken = (double) MINUTE_NANOS / perMinute;
      return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken / 1e9));
    }
  }
}

package dev.quotabot.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A token bucket per client: {@code perMinute} queries a minute, refilled continuously, bursts up
 * to the same number. An IPv4 client is counted by its address, an IPv6 client by its /64 prefix
 * (one host usually holds a whole /64 and can rotate through it). The buckets live in a Caffeine
 * cache: at most {@link #MAX_CLIENTS}, and a bucket idle for a minute (full again by then, so no
 * different from a new one) is dropped; nothing on a request's path scans the table.
 */
final class RateLimiter {
  static final long MAX_CLIENTS = 20_000;
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final long MINUTE_NANOS = MINUTE.toNanos();
  private static final int IPV6_PREFIX_BYTES = 8;

  private final int perMinute;
  private final LongSupplier nanoTime;
  private final Cache<String, Bucket> buckets;

  RateLimiter(int perMinute, LongSupplier nanoTime) {
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

  /** Takes one token; returns 0 if allowed, else the whole seconds until one is available. */
  long acquire(@Nullable InetAddress client) {
    long now = nanoTime.getAsLong();
    return buckets.get(key(client), k -> new Bucket(now)).take(now);
  }

  /** How many clients are remembered right now (after pending expiry). */
  long clients() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  /** Whose bucket a request takes from: the IPv4 address, or the IPv6 /64 prefix. */
  static String key(@Nullable InetAddress client) {
    if (client == null) {
      return "unknown";
    }
    if (client instanceof Inet6Address) {
      byte[] prefix = new byte[IPV6_PREFIX_BYTES];
      System.arraycopy(client.getAddress(), 0, prefix, 0, IPV6_PREFIX_BYTES);
      return HexFormat.of().formatHex(prefix) + "/64";
    }
    return client.getHostAddress();
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

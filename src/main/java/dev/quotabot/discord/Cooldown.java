package dev.quotabot.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One query per user per period. Only a user id and a start time are kept, in a Caffeine cache that
 * forgets each entry once its period is over (a bounded amount of clean-up with each use, never a
 * scan of every user) and holds at most {@link #MAX_USERS} users: past that, Caffeine forgets some
 * early, which can only shorten a cooldown, never lengthen one.
 */
final class Cooldown {
  static final int MAX_USERS = 100_000;

  private final long periodNanos;
  private final LongSupplier nanoTime;
  private final @Nullable Cache<Long, Long> startedAt;
  private final Counter refusals;

  Cooldown(Duration period, LongSupplier nanoTime) {
    this(period, nanoTime, MAX_USERS);
  }

  /**
   * @param maxUsers how many users' start times are kept at most
   */
  Cooldown(Duration period, LongSupplier nanoTime, int maxUsers) {
    this(period, nanoTime, maxUsers, refusals(new CompositeMeterRegistry()));
  }

  /**
   * @param refusals counts each answer that makes a user wait: every caller refuses the interaction
   *     on it ({@link #refusals(MeterRegistry)})
   */
  Cooldown(Duration period, LongSupplier nanoTime, int maxUsers, Counter refusals) {
    this.refusals = refusals;
    this.periodNanos = period.toNanos();
    this.nanoTime = nanoTime;
    this.startedAt =
        periodNanos <= 0
            ? null
            : Caffeine.newBuilder()
                .expireAfterWrite(period)
                .maximumSize(maxUsers)
                .ticker(nanoTime::getAsLong)
                // clean-up runs on the caller's thread: a few entries per call, and no task on the
                // common pool
                .executor(Runnable::run)
                .build();
  }

  /**
   * Starts the user's cooldown if none is running and returns {@link Duration#ZERO}; otherwise
   * returns how long is left and starts nothing.
   */
  Duration tryStart(long userId) {
    if (startedAt == null) {
      return Duration.ZERO;
    }
    long now = nanoTime.getAsLong();
    long[] left = {0};
    startedAt
        .asMap()
        .compute(
            userId,
            (id, started) -> {
              if (started != null && now - started < periodNanos) {
                left[0] = periodNanos - (now - started);
                return started;
              }
              return now;
            });
    if (left[0] > 0) {
      refusals.increment();
    }
    return Duration.ofNanos(left[0]);
  }

  /** Interactions refused because the user's cooldown was running; no user label. */
  static Counter refusals(MeterRegistry registry) {
    return Counter.builder("quotabot.discord.cooldown_refusals")
        .description("Discord interactions refused because the user's cooldown was running")
        .register(registry);
  }

  /** Ends the user's cooldown early: the query it was started for never ran. */
  void release(long userId) {
    if (startedAt != null) {
      startedAt.invalidate(userId);
    }
  }

  /**
   * How long the user still has to wait (zero when free), without starting anything. A wait counts
   * as a refusal: each caller refuses the interaction on it.
   */
  Duration remaining(long userId) {
    Long started = startedAt == null ? null : startedAt.getIfPresent(userId);
    if (started == null) {
      return Duration.ZERO;
    }
    long elapsed = nanoTime.getAsLong() - started;
    if (elapsed >= periodNanos) {
      return Duration.ZERO;
    }
    refusals.increment();
    return Duration.ofNanos(periodNanos - elapsed);
  }

  /** Whole seconds to show a person: 0.2 s left reads "1 s", never "0 s". */
  static long roundUpSeconds(Duration left) {
    long seconds = left.getSeconds();
    return left.getNano() > 0 ? seconds + 1 : seconds;
  }

  /** How many users are kept right now, expired ones already forgotten. */
  long tracked() {
    if (startedAt == null) {
      return 0;
    }
    startedAt.cleanUp();
    return startedAt.estimatedSize();
  }
}

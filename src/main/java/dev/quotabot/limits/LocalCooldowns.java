package dev.quotabot.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One query per user per period, in this process's memory. Only a user id and a start time are
 * kept, in a Caffeine cache that forgets each entry once its period is over (a bounded amount of
 * clean-up with each use, never a scan of every user) and holds at most {@code maxUsers} users:
 * past that, Caffeine forgets some early, which can only shorten a cooldown, never lengthen one.
 */
public final class LocalCooldowns implements UserCooldowns {
  public static final int MAX_USERS = 100_000;

  private final long periodNanos;
  private final LongSupplier nanoTime;
  private final @Nullable Cache<Long, Long> startedAt;

  public LocalCooldowns(Duration period, LongSupplier nanoTime) {
    this(period, nanoTime, MAX_USERS);
  }

  public LocalCooldowns(Duration period, LongSupplier nanoTime, int maxUsers) {
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

  @Override
  public Duration tryStart(long userId) {
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
    return Duration.ofNanos(left[0]);
  }

  @Override
  public void release(long userId) {
    if (startedAt != null) {
      startedAt.invalidate(userId);
    }
  }

  @Override
  public Duration remaining(long userId) {
    Long started = startedAt == null ? null : startedAt.getIfPresent(userId);
    if (started == null) {
      return Duration.ZERO;
    }
    long elapsed = nanoTime.getAsLong() - started;
    return elapsed >= periodNanos ? Duration.ZERO : Duration.ofNanos(periodNanos - elapsed);
  }

  /** How many users are kept right now, expired ones already forgotten. */
  public long tracked() {
    if (startedAt == null) {
      return 0;
    }
    startedAt.cleanUp();
    return startedAt.estimatedSize();
  }
}

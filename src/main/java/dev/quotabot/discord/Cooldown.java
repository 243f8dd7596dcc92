package dev.quotabot.discord;

import dev.quotabot.limits.LocalCooldowns;
import dev.quotabot.limits.UserCooldowns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One query per user per period, as the bot's commands use it: the cooldowns themselves live in a
 * {@link UserCooldowns} (this process's memory, or shared by every replica); this counts each
 * answer that makes a user wait.
 */
final class Cooldown {
  static final int MAX_USERS = LocalCooldowns.MAX_USERS;

  private final UserCooldowns users;
  private final Counter refusals;

  Cooldown(Duration period, LongSupplier nanoTime) {
    this(period, nanoTime, MAX_USERS);
  }

  /**
   * @param maxUsers how many users' start times are kept at most
   */
  Cooldown(Duration period, LongSupplier nanoTime, int maxUsers) {
    this(new LocalCooldowns(period, nanoTime, maxUsers), refusals(new CompositeMeterRegistry()));
  }

  /**
   * @param refusals counts each answer that makes a user wait: every caller refuses the interaction
   *     on it ({@link #refusals(MeterRegistry)})
   */
  Cooldown(UserCooldowns users, Counter refusals) {
    this.users = users;
    this.refusals = refusals;
  }

  /**
   * Starts the user's cooldown if none is running and returns {@link Duration#ZERO}; otherwise
   * returns how long is left and starts nothing.
   */
  Duration tryStart(long userId) {
    return counted(users.tryStart(userId));
  }

  /** Interactions refused because the user's cooldown was running; no user label. */
  static Counter refusals(MeterRegistry registry) {
    return Counter.builder("quotabot.discord.cooldown_refusals")
        .description("Discord interactions refused because the user's cooldown was running")
        .register(registry);
  }

  /** Ends the user's cooldown early: the query it was started for never ran. */
  void release(long userId) {
    users.release(userId);
  }

  /**
   * How long the user still has to wait (zero when free), without starting anything. A wait counts
   * as a refusal: each caller refuses the interaction on it.
   */
  Duration remaining(long userId) {
    return counted(users.remaining(userId));
  }

  private Duration counted(Duration left) {
    if (!left.isZero() && !left.isNegative()) {
      refusals.increment();
    }
    return left;
  }

  /** Whole seconds to show a person: 0.2 s left reads "1 s", never "0 s". */
  static long roundUpSeconds(Duration left) {
    long seconds = left.getSeconds();
    return left.getNano() > 0 ? seconds + 1 : seconds;
  }

  /** How many users are kept in this process's memory right now (0 when shared). */
  long tracked() {
    return users instanceof LocalCooldowns local ? local.tracked() : 0;
  }
}

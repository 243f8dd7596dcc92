package dev.quotabot.limits;

import java.time.Duration;

/**
 * Where the limits live: this process's memory ({@link #local()}) or a store every replica shares.
 * The doors ask for their limit once, when they start.
 */
public interface Limits {
  /** A bucket per client of {@code perMinute} queries a minute, bursting up to as many. */
  ClientRateLimit perClient(int perMinute);

  /** A cooldown of {@code period} per user (zero: none). */
  UserCooldowns perUser(Duration period);

  /** The limits of one process, in memory (the default without a shared database). */
  static Limits local() {
    return new Limits() {
      @Override
      public ClientRateLimit perClient(int perMinute) {
        return new LocalRateLimit(perMinute, System::nanoTime);
      }

      @Override
      public UserCooldowns perUser(Duration period) {
        return new LocalCooldowns(period, System::nanoTime);
      }
    };
  }
}

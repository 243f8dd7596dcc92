package dev.quotabot.limits;

import java.time.Duration;

/** One query per user per period: how the Discord door decides whether a user may ask now. */
public interface UserCooldowns {
  /**
   * Starts the user's cooldown if none is running and returns {@link Duration#ZERO}; otherwise
   * returns how long is left and starts nothing.
   */
  Duration tryStart(long userId);

  /** Ends the user's cooldown early: the query it was started for never ran. */
  void release(long userId);

  /** How long the user still has to wait (zero when free), without starting anything. */
  Duration remaining(long userId);
}

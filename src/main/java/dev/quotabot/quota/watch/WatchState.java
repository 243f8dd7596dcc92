package dev.quotabot.quota.watch;

import java.util.Locale;

/** Whether a watch is being checked. */
public enum WatchState {
  /** Checked every interval. */
  ACTIVE,
  /** Paused by its owner. */
  PAUSED,
  /** Paused by the bot: the upstream rejected the key (the owner was told once). */
  KEY_REJECTED;

  /** The name stored and shown to code: {@code key_rejected}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.quotabot.config;

import dev.quotabot.quota.watch.WatchLimits;
import java.util.Optional;

/**
 * Watches: off unless {@code watch.encryption_key} is set (then the database is opened too).
 *
 * @param encryptionKey the 32-byte AES key that seals watched keys; empty: watches are off
 * @param previousKey an older key that still opens what it sealed (rotation); empty for none
 * @param database where watches live
 * @param limits the operator's bounds
 */
public record WatchConfig(
    Optional<byte[]> encryptionKey,
    Optional<byte[]> previousKey,
    DatabaseConfig database,
    WatchLimits limits) {

  public boolean enabled() {
    return encryptionKey.isPresent();
  }

  @Override
  public String toString() {
    return "WatchConfig[encryptionKey="
        + (enabled() ? "(set)" : "(none)")
        + ", previousKey="
        + (previousKey.isPresent() ? "(set)" : "(none)")
        + ", database="
        + database
        + ", limits="
        + limits
        + "]";
  }
}

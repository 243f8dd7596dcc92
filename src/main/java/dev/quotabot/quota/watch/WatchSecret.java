package dev.quotabot.quota.watch;

import dev.quotabot.quota.ApiKey;
import org.jspecify.annotations.Nullable;

/**
 * The part of a watch that is sealed before it is stored: the key, and a relay's address (it can
 * name a private site). {@link #toString()} shows neither.
 *
 * @param key the key
 * @param baseUrl a relay's address as the user gave it; null for a provider with a fixed address
 */
public record WatchSecret(ApiKey key, @Nullable String baseUrl) {

  @Override
  public String toString() {
    return "WatchSecret[key=" + key.fingerprint() + ", baseUrl=(sealed)]";
  }
}

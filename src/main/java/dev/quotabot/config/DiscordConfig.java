package dev.quotabot.config;

import java.net.URI;
import java.time.Duration;

/**
 * The Discord door.
 *
 * @param token bot token; empty means the bot is off
 * @param guildId a guild to register commands in too (instant updates); empty for none
 * @param apiBaseUrl Discord's REST API base
 * @param gatewayUrl Discord's gateway
 * @param cooldown how long one user waits between two queries (zero: no cooldown)
 * @param shards which gateway shards this process runs
 */
public record DiscordConfig(
    String token,
    String guildId,
    URI apiBaseUrl,
    URI gatewayUrl,
    Duration cooldown,
    DiscordShards shards) {

  /** Every shard, as many as Discord recommends: one process that runs the whole bot. */
  public DiscordConfig(
      String token, String guildId, URI apiBaseUrl, URI gatewayUrl, Duration cooldown) {
    this(token, guildId, apiBaseUrl, gatewayUrl, cooldown, DiscordShards.RECOMMENDED);
  }

  public boolean enabled() {
    return !token.isEmpty();
  }

  @Override
  public String toString() {
    return "DiscordConfig[token="
        + (enabled() ? "(set)" : "(none)")
        + ", guildId="
        + guildId
        + ", apiBaseUrl="
        + apiBaseUrl
        + ", gatewayUrl="
        + gatewayUrl
        + ", cooldown="
        + cooldown
        + ", shards="
        + shards
        + "]";
  }
}

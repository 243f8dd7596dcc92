package dev.quotabot.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * Tells JDA which gateway to connect to ({@code discord.gateway_url}): the one place the gateway is
 * chosen. The shard manager asks Discord ({@code GET /gateway/bot}) for the gateway, the
 * recommended shard count and {@code max_concurrency}; this keeps Discord's count and concurrency
 * but replaces the URL. Identifies are paced by the parent class: one worker per {@code
 * max_concurrency} bucket, each waiting 5 seconds between two shards, as Discord requires.
 */
final class GatewaySessionController extends ConcurrentSessionController {
  private final String gatewayUrl;

  GatewaySessionController(String gatewayUrl) {
    this.gatewayUrl = gatewayUrl;
  }

  @Override
  public String getGateway() {
    return gatewayUrl;
  }

  @Override
  public ShardedGateway getShardedGateway(JDA api) {
    ShardedGateway discords = super.getShardedGateway(api);
    return new ShardedGateway(gatewayUrl, discords.getShardTotal(), discords.getConcurrency());
  }
}

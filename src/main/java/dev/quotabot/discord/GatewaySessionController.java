package dev.quotabot.discord;

import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * Tells JDA which gateway to connect to ({@code discord.gateway_url}). A single-shard JDA takes the
 * URL from here instead of asking Discord, so this is the one place the gateway is chosen.
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
}

package dev.quotabot.support;

import dev.quotabot.config.DiscordConfig;
import dev.quotabot.discord.DiscordBot;
import dev.quotabot.quota.QuotaService;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The bot alone, without the app around it, over a {@link QuotaService} a test built from its own
 * providers, connected to a {@link FakeDiscord}: what an end-to-end test of the bot's answers
 * starts with when the providers are doubles (for the whole product, see {@link BotUnderTest}).
 */
public final class BotOverService implements AutoCloseable {
  private final FakeDiscord discord;
  private final DiscordBot bot;

  private BotOverService(FakeDiscord discord, DiscordBot bot) {
    this.discord = discord;
    this.bot = bot;
  }

  /** Starts Discord and the bot over {@code service}; waits until the commands are registered. */
  public static BotOverService start(QuotaService service) {
    FakeDiscord discord = FakeDiscord.start();
    Map<String, String> properties = discord.botProperties();
    DiscordBot bot;
    try {
      bot =
          DiscordBot.start(
              new DiscordConfig(
                  FakeDiscord.TOKEN,
                  "",
                  URI.create(properties.get("discord.api_base_url")),
                  URI.create(properties.get("discord.gateway_url")),
                  Duration.ZERO),
              service,
              Duration.ofSeconds(2));
    } catch (RuntimeException | Error failed) {
      discord.close();
      throw failed;
    }
    BotOverService started = new BotOverService(discord, bot);
    try {
      discord.awaitGlobalCommands();
      return started;
    } catch (RuntimeException | Error failed) {
      started.close();
      throw failed;
    }
  }

  public FakeDiscord discord() {
    return discord;
  }

  @Override
  public void close() {
    bot.close();
    discord.close();
  }
}

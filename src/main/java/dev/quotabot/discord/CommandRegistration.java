package dev.quotabot.discord;

import java.util.List;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.utils.MiscUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once connected, registers the commands globally (Discord may take a while to show changes
 * everywhere) and, when {@code discord.guild_id} is set, also in that server, where changes show at
 * once.
 *
 * <p>Each shard is told when it is ready, in whichever process runs it; registering is done once
 * all the same: the global list by shard 0, the server's by the shard that holds the server ({@code
 * (guild_id >> 22) % shards_total}, the only shard that knows it).
 */
final class CommandRegistration extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRegistration.class);

  private final List<CommandData> commands;
  private final String guildId;

  /**
   * @param command the command to register (its provider choices come from the registry, which is
   *     complete before the bot starts)
   * @param guildId a server to register in as well, or empty
   */
  CommandRegistration(CommandData command, String guildId) {
    this(List.of(command), guildId);
  }

  /**
   * @param commands the commands to register, {@code /quota} first
   * @param guildId a server to register in as well, or empty
   */
  CommandRegistration(List<CommandData> commands, String guildId) {
    this.commands = List.copyOf(commands);
    this.guildId = guildId;
  }

  /** {@code /quota}, or {@code /quota, /watch, /forget-me} for log lines. */
  private String names() {
    return commands.stream().map(c -> "/" + c.getName()).collect(Collectors.joining(", "));
  }

  @Override
  public void onReady(ReadyEvent event) {
    JDA jda = event.getJDA();
    JDA.ShardInfo shard = jda.getShardInfo();
    LOG.info(
        "Discord bot connected as {} (shard {} of {})",
        jda.getSelfUser().getName(),
        shard.getShardId(),
        shard.getShardTotal());
    if (shard.getShardId() == 0) {
      registerGlobally(jda);
    }
    if (!guildId.isEmpty()
        && MiscUtil.getShardForGuild(guildId, shard.getShardTotal()) == shard.getShardId()) {
      registerInGuild(jda);
    }
  }

  private void registerGlobally(JDA jda) {
    jda.updateCommands()
        .addCommands(commands)
        .queue(
            done -> LOG.info("{} registered globally", names()),
            failure ->
                LOG.warn(
                    "Could not register {} globally ({})", names(), Replies.describe(failure)));
  }

  private void registerInGuild(JDA jda) {
    Guild guild = jda.getGuildById(guildId);
    if (guild == null) {
      LOG.warn(
          "discord.guild_id {} is not a server the bot is in: invite the bot there (see the"
              + " README), or clear discord.guild_id",
          guildId);
      return;
    }
    guild
        .updateCommands()
        .addCommands(commands)
        .queue(
            done -> LOG.info("{} registered in server {}", names(), guildId),
            failure ->
                LOG.warn(
                    "Could not register {} in server {} ({})",
                    names(),
                    guildId,
                    Replies.describe(failure)));
  }
}

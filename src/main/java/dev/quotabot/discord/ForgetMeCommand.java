package dev.quotabot.discord;

import dev.quotabot.quota.watch.WatchService;
import java.util.Map;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * {@code /forget-me}: hard-deletes everything the bot keeps for the user (every watch with its
 * sealed key, history and kept alerts) and says how many watches that was. A user with none is told
 * that nothing was kept.
 */
final class ForgetMeCommand extends ListenerAdapter {
  static final String NAME = "forget-me";

  private final WatchService service;

  ForgetMeCommand(WatchService service) {
    this.service = service;
  }

  static SlashCommandData definition() {
    return Commands.slash(NAME, BotText.EN.say("forget-me.description"))
        .setContexts(
            InteractionContextType.GUILD,
            InteractionContextType.BOT_DM,
            InteractionContextType.PRIVATE_CHANNEL)
        .setIntegrationTypes(IntegrationType.GUILD_INSTALL, IntegrationType.USER_INSTALL)
        .setLocalizationFunction(new CommandLocalization(Map.of()));
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    if (!NAME.equals(event.getName())) {
      return;
    }
    BotText text = BotText.of(event.getUserLocale());
    Replies.guarded(
        event,
        text,
        "/forget-me",
        () -> {
          int removed = service.forget(event.getUser().getId());
          Replies.ephemeral(
              event,
              removed == 0
                  ? text.say("forget-me.none")
                  : text.say(
                      removed == 1 ? "forget-me.done.one" : "forget-me.done.other",
                      "count",
                      removed));
        });
  }
}

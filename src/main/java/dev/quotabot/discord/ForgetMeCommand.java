package dev.quotabot.discord;

import dev.quotabot.quota.watch.WatchService;
import java.util.Map;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
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
    return SlashCommands.anywhere(NAME, BotText.EN.say("forget-me.description"))
        .setLocalizationFunction(new CommandLocalization(Map.of()));
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    SlashCommands.handle(event, NAME, this::forget);
  }

  private void forget(SlashCommandInteractionEvent event, BotText text) {
    int removed = service.forget(event.getUser().getId());
    Replies.ephemeral(
        event,
        removed == 0
            ? text.say("forget-me.none")
            : text.say(
                removed == 1 ? "forget-me.done.one" : "forget-me.done.other", "count", removed));
  }
}

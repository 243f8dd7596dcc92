package dev.quotabot.discord;

import java.util.function.BiConsumer;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** What every command of the bot shares: where it may run, and how its handler is entered. */
final class SlashCommands {
  private SlashCommands() {}

  /**
   * A command installable in a server or by a person for themselves ("add to my apps"), usable in
   * servers, the bot's DM and group DMs: every answer is private, so it may run anywhere.
   */
  static SlashCommandData anywhere(String name, String description) {
    return Commands.slash(name, description)
        .setContexts(
            InteractionContextType.GUILD,
            InteractionContextType.BOT_DM,
            InteractionContextType.PRIVATE_CHANNEL)
        .setIntegrationTypes(IntegrationType.GUILD_INSTALL, IntegrationType.USER_INSTALL);
  }

  /**
   * Runs {@code handler} for the command named {@code name} (other commands pass by) in the user's
   * language, {@linkplain Replies#guarded guarded}.
   */
  static void handle(
      SlashCommandInteractionEvent event,
      String name,
      BiConsumer<SlashCommandInteractionEvent, BotText> handler) {
    if (!name.equals(event.getName())) {
      return;
    }
    BotText text = BotText.of(event.getUserLocale());
    Replies.guarded(event, text, "/" + name, () -> handler.accept(event, text));
  }
}

package dev.quotabot.discord;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import net.dv8tion.jda.api.events.interaction.GenericInteractionCreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.CommandInteractionPayload;
import net.dv8tion.jda.api.interactions.components.buttons.ButtonInteraction;

/**
 * Counts every interaction the bot receives ({@code quotabot_discord_interactions_total}) by kind
 * ({@code command}, {@code autocomplete}, {@code modal}, {@code button}, {@code component}) and the
 * command it belongs to. Bounded: a command name outside the bot's own commands is {@code other},
 * and a modal or button (whose custom id may carry a watch's number) is counted under {@code none}.
 * Never a user, a guild, a custom id or what was typed.
 */
final class InteractionMeters extends ListenerAdapter {
  static final String INTERACTIONS = "quotabot.discord.interactions";
  static final String NONE = "none";
  static final String OTHER = "other";

  private final MeterRegistry registry;
  private final Set<String> commands;

  /**
   * @param commands the names of the commands the bot registers
   */
  InteractionMeters(MeterRegistry registry, Set<String> commands) {
    this.registry = registry;
    this.commands = Set.copyOf(commands);
  }

  @Override
  public void onGenericInteractionCreate(GenericInteractionCreateEvent event) {
    Interaction interaction = event.getInteraction();
    Counter.builder(INTERACTIONS)
        .description("Discord interactions received, by kind and command")
        .tag("kind", kind(interaction))
        .tag("command", command(interaction))
        .register(registry)
        .increment();
  }

  private static String kind(Interaction interaction) {
    return switch (interaction.getType()) {
      case COMMAND -> "command";
      case COMMAND_AUTOCOMPLETE -> "autocomplete";
      case MODAL_SUBMIT -> "modal";
      case COMPONENT -> interaction instanceof ButtonInteraction ? "button" : "component";
      default -> OTHER;
    };
  }

  private String command(Interaction interaction) {
    if (interaction instanceof CommandInteractionPayload command) {
      return commands.contains(command.getName()) ? command.getName() : OTHER;
    }
    return NONE;
  }
}

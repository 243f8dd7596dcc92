package dev.quotabot.discord;

import dev.quotabot.quota.ApiKey;
import java.time.Duration;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /quota [models] [api_key] [balance_only]}: its definition as registered with Discord, and
 * its handler. With a key it answers at once (privately); without one it shows {@link QuotaModal}.
 * {@code balance_only} asks for the free 魔粒 balance check: no model is probed.
 */
final class QuotaCommand extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaCommand.class);

  static final String NAME = "quota";
  static final String MODELS_OPTION = "models";
  static final String KEY_OPTION = "api_key";
  static final String BALANCE_ONLY_OPTION = "balance_only";

  private final QuotaOptions options;
  private final Cooldown cooldown;
  private final QuotaModal modal;
  private final QuotaReply reply;

  QuotaCommand(QuotaOptions options, Cooldown cooldown, QuotaModal modal, QuotaReply reply) {
    this.options = options;
    this.cooldown = cooldown;
    this.modal = modal;
    this.reply = reply;
  }

  /** The command as Discord lists it: English by default, localized for zh-CN. */
  static SlashCommandData definition() {
    BotText en = BotText.EN;
    BotText zh = BotText.ZH;
    OptionData models =
        new OptionData(OptionType.STRING, MODELS_OPTION, en.modelsOptionDescription(), false, true)
            .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, zh.modelsOptionDescription())
            .setMaxLength(QuotaModal.MODELS_MAX_LENGTH);
    OptionData key =
        new OptionData(OptionType.STRING, KEY_OPTION, en.keyOptionDescription(), false, false)
            .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, zh.keyOptionDescription())
            .setMaxLength(ApiKey.MAX_LENGTH);
    OptionData balanceOnly =
        new OptionData(
                OptionType.BOOLEAN,
                BALANCE_ONLY_OPTION,
                en.balanceOnlyOptionDescription(),
                false,
                false)
            .setDescriptionLocalization(
                DiscordLocale.CHINESE_CHINA, zh.balanceOnlyOptionDescription());
    return Commands.slash(NAME, en.commandDescription())
        .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, zh.commandDescription())
        .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM)
        .setIntegrationTypes(IntegrationType.GUILD_INSTALL)
        .addOptions(models, key, balanceOnly);
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
        "/quota",
        () -> {
          String key = event.getOption(KEY_OPTION, OptionMapping::getAsString);
          String models = event.getOption(MODELS_OPTION, OptionMapping::getAsString);
          boolean balanceOnly =
              event.getOption(BALANCE_ONLY_OPTION, false, OptionMapping::getAsBoolean);
          reply.answer(
              event,
              options.parse(key, models, balanceOnly),
              text,
              () -> askForKey(event, text, models, balanceOnly));
        });
  }

  /** Shows the form, unless the user could not run a query yet anyway. */
  private void askForKey(
      SlashCommandInteractionEvent event, BotText text, String models, boolean balanceOnly) {
    Duration wait = cooldown.remaining(event.getUser().getIdLong());
    if (!wait.isZero()) {
      Replies.ephemeral(event, text.cooldown(Cooldown.roundUpSeconds(wait)));
      return;
    }
    event
        .replyModal(modal.build(text, models, balanceOnly))
        .queue(
            null,
            failure -> LOG.warn("Could not show the /quota form ({})", Replies.describe(failure)));
  }
}

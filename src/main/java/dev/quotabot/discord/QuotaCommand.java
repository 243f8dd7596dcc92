package dev.quotabot.discord;

import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QueryInput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /quota [models] [api_key] [balance_only] [provider] [base_url]}: its definition as
 * registered with Discord, and its handler. With a key it answers at once (privately); without one
 * it shows {@link QuotaModal}. {@code balance_only} asks for the free balance check: no model is
 * probed. {@code provider} picks whose balance to read; left out, the key's prefix picks it when
 * exactly one provider declares it (else the default provider); a provider anyone can host (a
 * relay) also needs {@code base_url}.
 */
final class QuotaCommand extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaCommand.class);

  static final String NAME = "quota";
  static final String MODELS_OPTION = "models";
  static final String KEY_OPTION = "api_key";
  static final String BALANCE_ONLY_OPTION = "balance_only";
  static final String PROVIDER_OPTION = "provider";
  static final String BASE_URL_OPTION = "base_url";

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

  /**
   * The command as Discord lists it: English by default, localized for zh-CN, zh-TW, ja and ko
   * ({@link CommandLocalization}); for both install types (a server, or a person's own apps) and
   * every context (servers, the bot's DM, group DMs). A person's own install also runs in servers
   * the bot is not in, where JDA gives detached entities: no handler reads the server, its channels
   * or its members. The {@code provider} choices are every provider, the default first, while they
   * fit in Discord's 25; beyond that the option suggests providers as the user types ({@link
   * ProviderChoices}).
   *
   * @param providers every provider, the default first
   */
  static SlashCommandData definition(List<ProviderInfo> providers) {
    BotText en = BotText.EN;
    OptionData models =
        new OptionData(OptionType.STRING, MODELS_OPTION, en.modelsOptionDescription(), false, true)
            .setMaxLength(QuotaModal.MODELS_MAX_LENGTH);
    OptionData key =
        new OptionData(OptionType.STRING, KEY_OPTION, en.keyOptionDescription(), false, false)
            .setMaxLength(QueryInput.MAX_KEY_LENGTH);
    OptionData balanceOnly =
        new OptionData(
            OptionType.BOOLEAN,
            BALANCE_ONLY_OPTION,
            en.balanceOnlyOptionDescription(),
            false,
            false);
    String defaultName =
        providers.isEmpty()
            ? "-"
            : QuotaEmbed.cut(providers.get(0).name(), QuotaEmbed.PROVIDER_NAME_MAX);
    boolean fixed = ProviderChoices.fit(providers);
    OptionData provider =
        new OptionData(
            OptionType.STRING,
            PROVIDER_OPTION,
            en.providerOptionDescription(defaultName),
            false,
            !fixed);
    if (fixed) {
      provider.addChoices(ProviderChoices.all(providers));
    }
    OptionData baseUrl =
        new OptionData(
                OptionType.STRING, BASE_URL_OPTION, en.baseUrlOptionDescription(), false, false)
            .setMaxLength(QuotaModal.BASE_URL_MAX_LENGTH);
    return SlashCommands.anywhere(NAME, en.commandDescription())
        .addOptions(models, key, balanceOnly, provider, baseUrl)
        // every language's description and option names, from the same bundles as the replies
        .setLocalizationFunction(new CommandLocalization(Map.of("provider", defaultName)));
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    SlashCommands.handle(event, NAME, this::used);
  }

  private void used(SlashCommandInteractionEvent event, BotText text) {
    String key;
    String models;
    Boolean balanceOnly;
    QuotaOptions.Target target;
    try {
      key = text(event.getOption(KEY_OPTION));
      models = text(event.getOption(MODELS_OPTION));
      balanceOnly = flag(event.getOption(BALANCE_ONLY_OPTION));
      target =
          QuotaOptions.Target.of(
              text(event.getOption(PROVIDER_OPTION)), text(event.getOption(BASE_URL_OPTION)));
    } catch (IllegalStateException unreadable) {
      // an option without a value, say: Discord sent another version of the command
      Replies.ephemeral(event, text.optionsOutdated());
      return;
    }
    if (balanceOnly == null) {
      Replies.ephemeral(event, Replies.refusal(text, text.balanceOnlyProblem()));
      return;
    }
    reply.answer(
        event,
        options.parse(key, models, balanceOnly, target),
        text,
        () -> askForKey(event, text, models, balanceOnly, target));
  }

  /**
   * An option's value as text, whatever type it came as: while Discord rolls out a changed command
   * (for up to an hour) it may still send an option with the type it had before.
   */
  private static @Nullable String text(@Nullable OptionMapping option) {
    return option == null ? null : option.getAsString();
  }

  /**
   * {@code balance_only}: false when left out; a boolean, or {@code true}/{@code false} sent as
   * text; null for anything else, which must not be guessed (false would spend quota).
   */
  static @Nullable Boolean flag(@Nullable OptionMapping option) {
    if (option == null) {
      return false;
    }
    if (option.getType() == OptionType.BOOLEAN) {
      return option.getAsBoolean();
    }
    String value = option.getAsString().strip();
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    return null;
  }

  /**
   * Shows the form, unless the user could not run a query yet anyway, or the other values already
   * cannot be used (then that is said, before any key is typed).
   */
  private void askForKey(
      SlashCommandInteractionEvent event,
      BotText text,
      @Nullable String models,
      boolean balanceOnly,
      QuotaOptions.Target target) {
    Duration wait = cooldown.remaining(event.getUser().getIdLong());
    if (!wait.isZero()) {
      Replies.ephemeral(event, text.cooldown(Cooldown.roundUpSeconds(wait)));
      return;
    }
    QuotaOptions.Invalid problem = options.problemBeforeForm(models, balanceOnly, target);
    if (problem != null) {
      Replies.ephemeral(event, Replies.refusal(text, problem.problem(text)));
      return;
    }
    // the checks above found the provider; an unknown one was refused there
    event
        .replyModal(modal.forCommand(text, target, models, balanceOnly))
        .queue(
            null,
            failure -> LOG.warn("Could not show the /quota form ({})", Replies.describe(failure)));
  }
}

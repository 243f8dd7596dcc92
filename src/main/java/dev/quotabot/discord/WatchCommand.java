package dev.quotabot.discord;

import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.watch.WatchLimits;
import dev.quotabot.quota.watch.WatchPlan;
import dev.quotabot.quota.watch.WatchRequest;
import dev.quotabot.quota.watch.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
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
 * {@code /watch [provider] [thresholds] [interval] [models] [midnight_reminder]}: the non-secret
 * part of a watch. Checked at once ({@link WatchService#plan}): what cannot be used is said before
 * any key is typed; otherwise {@link WatchModal} asks for the key. Its own command, so {@code
 * /quota} stays as it is.
 */
final class WatchCommand extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(WatchCommand.class);

  static final String NAME = "watch";
  static final String PROVIDER_OPTION = "provider";
  static final String THRESHOLDS_OPTION = "thresholds";
  static final String INTERVAL_OPTION = "interval";
  static final String MODELS_OPTION = "models";
  static final String MIDNIGHT_OPTION = "midnight_reminder";
  static final int THRESHOLDS_MAX_LENGTH = 100;

  /** The longest interval offered: a week (a watch lives 30 days by default). */
  static final long MAX_INTERVAL_MINUTES = Duration.ofDays(7).toMinutes();

  private final WatchService service;
  private final List<ProviderInfo> providers;
  private final Cooldown cooldown;
  private final WatchModal modal;

  WatchCommand(
      WatchService service, List<ProviderInfo> providers, Cooldown cooldown, WatchModal modal) {
    this.service = service;
    this.providers = List.copyOf(providers);
    this.cooldown = cooldown;
    this.modal = modal;
  }

  /**
   * The command as Discord lists it, installed and usable wherever {@code /quota} is, localized
   * from the same bundles.
   *
   * @param providers every provider, the default first
   */
  static SlashCommandData definition(List<ProviderInfo> providers, WatchLimits limits) {
    BotText en = BotText.EN;
    String defaultName =
        providers.isEmpty()
            ? "-"
            : QuotaEmbed.cut(providers.get(0).name(), QuotaEmbed.PROVIDER_NAME_MAX);
    Map<String, String> slots =
        Map.of(
            "provider",
            defaultName,
            "min",
            Long.toString(limits.minInterval().toMinutes()),
            "default",
            Long.toString(limits.defaultInterval().toMinutes()));
    boolean fixed = ProviderChoices.fit(providers);
    OptionData provider =
        new OptionData(
            OptionType.STRING,
            PROVIDER_OPTION,
            en.say("watch.options.provider.description", slots),
            false,
            !fixed);
    if (fixed) {
      provider.addChoices(ProviderChoices.all(providers));
    }
    OptionData thresholds =
        new OptionData(
                OptionType.STRING,
                THRESHOLDS_OPTION,
                en.say("watch.options.thresholds.description", slots),
                false,
                false)
            .setMaxLength(THRESHOLDS_MAX_LENGTH);
    OptionData interval =
        new OptionData(
                OptionType.INTEGER,
                INTERVAL_OPTION,
                en.say("watch.options.interval.description", slots),
                false,
                false)
            .setRequiredRange(
                Math.max(1, limits.minInterval().toMinutes()),
                Math.max(limits.minInterval().toMinutes(), MAX_INTERVAL_MINUTES));
    OptionData models =
        new OptionData(
                OptionType.STRING,
                MODELS_OPTION,
                en.say("watch.options.models.description", slots),
                false,
                false)
            .setMaxLength(QuotaModal.MODELS_MAX_LENGTH);
    OptionData midnight =
        new OptionData(
            OptionType.BOOLEAN,
            MIDNIGHT_OPTION,
            en.say("watch.options.midnight_reminder.description", slots),
            false,
            false);
    return SlashCommands.anywhere(NAME, en.say("watch.description", slots))
        .addOptions(provider, thresholds, interval, models, midnight)
        .setLocalizationFunction(new CommandLocalization(slots));
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    SlashCommands.handle(event, NAME, this::used);
  }

  private void used(SlashCommandInteractionEvent event, BotText text) {
    WatchRequest request;
    try {
      Boolean midnight = QuotaCommand.flag(event.getOption(MIDNIGHT_OPTION));
      if (midnight == null) {
        Replies.ephemeral(event, text.optionsOutdated());
        return;
      }
      request =
          new WatchRequest(
              text(event.getOption(PROVIDER_OPTION)),
              text(event.getOption(THRESHOLDS_OPTION)),
              minutes(event.getOption(INTERVAL_OPTION)),
              text(event.getOption(MODELS_OPTION)),
              midnight,
              event.getUserLocale().getLocale());
    } catch (IllegalStateException | NumberFormatException | ArithmeticException unreadable) {
      // an option of another type or without a value: Discord sent another version of the command
      Replies.ephemeral(event, text.optionsOutdated());
      return;
    }
    long ownerId = event.getUser().getIdLong();
    WatchPlan plan;
    try {
      plan = service.plan(Long.toUnsignedString(ownerId), request);
    } catch (InvalidQueryException refused) {
      String words = text.words(refused.text());
      Replies.ephemeral(event, Replies.refusal(text, words == null ? "" : words));
      return;
    }
    Duration wait = cooldown.remaining(ownerId);
    if (!wait.isZero()) {
      Replies.ephemeral(event, text.cooldown(Cooldown.roundUpSeconds(wait)));
      return;
    }
    event
        .replyModal(modal.build(text, ownerId, plan))
        .queue(
            null,
            failure -> LOG.warn("Could not show the /watch form ({})", Replies.describe(failure)));
  }

  /** Suggests providers as the user types, when they do not fit in a fixed list. */
  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    if (!NAME.equals(event.getName())
        || !PROVIDER_OPTION.equals(event.getFocusedOption().getName())) {
      return;
    }
    event
        .replyChoices(ProviderChoices.matching(providers, event.getFocusedOption().getValue()))
        .queue(
            null,
            failure ->
                LOG.warn("Could not suggest /watch providers ({})", Replies.describe(failure)));
  }

  private static @Nullable String text(@Nullable OptionMapping option) {
    return option == null ? null : option.getAsString();
  }

  /** The interval: an integer, or digits sent as text by an older version of the command. */
  private static @Nullable Integer minutes(@Nullable OptionMapping option) {
    if (option == null) {
      return null;
    }
    return Math.toIntExact(Long.parseLong(option.getAsString().strip()));
  }
}

package dev.quotabot.discord;

import dev.quotabot.quota.ModelDirectory;
import dev.quotabot.quota.ModelList;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.AutoCompleteQuery;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suggests model ids for {@code /quota models:}: the chosen provider's defaults first (the default
 * provider's while none is chosen), then its model list, those that start with what was typed
 * before those that merely contain it. In a comma-separated value only the last item is completed;
 * the items before it are kept. A provider with neither defaults nor a model list (a relay names
 * its models its own way; leave {@code models} empty to list those the key may use) gets no
 * suggestions. It also answers for {@code provider}, which suggests providers when there are more
 * than one fixed list of choices holds ({@link ProviderChoices}).
 */
final class ModelAutocomplete extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ModelAutocomplete.class);

  /** Discord drops an autocomplete answer after 3 s; answer with what is known before that. */
  static final Duration ANSWER_WITHIN = Duration.ofMillis(2_000);

  private final QuotaService service;

  ModelAutocomplete(QuotaService service) {
    this.service = service;
  }

  /**
   * Every request is answered, with no choices when there is nothing to suggest: an option other
   * than {@code models} and {@code provider} focused or {@code models} of another type (both
   * possible while Discord rolls out a changed command), or a provider without suggestions.
   */
  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    if (!QuotaCommand.NAME.equals(event.getName())) {
      return;
    }
    AutoCompleteQuery focused = event.getFocusedOption();
    if (QuotaCommand.PROVIDER_OPTION.equals(focused.getName())
        && focused.getType() == OptionType.STRING) {
      event
          .replyChoices(ProviderChoices.matching(service.providers(), focused.getValue()))
          .queue(null, ModelAutocomplete::notDelivered);
      return;
    }
    if (!QuotaCommand.MODELS_OPTION.equals(focused.getName())
        || focused.getType() != OptionType.STRING) {
      event.replyChoices(List.of()).queue(null, ModelAutocomplete::notDelivered);
      return;
    }
    suggestions(chosen(event), focused.getValue())
        .thenAccept(
            choices -> {
              try {
                event.replyChoices(choices).queue(null, ModelAutocomplete::notDelivered);
              } catch (RuntimeException failed) {
                LOG.warn("Autocomplete failed: {}", failed.getClass().getName());
              }
            });
  }

  /**
   * The suggestions for {@code typed} with {@code provider} chosen so far: none for an unknown
   * provider (null) or one that takes no models; else its defaults and its model list ({@link
   * #choices}), with what is known after {@link #ANSWER_WITHIN} if the list is slow. Never
   * completes exceptionally.
   */
  CompletableFuture<List<Command.Choice>> suggestions(
      @Nullable ProviderInfo provider, String typed) {
    if (provider == null || !provider.takesModels()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<String> defaults = provider.defaultModels();
    ModelDirectory catalog = service.models(provider.id());
    return catalog
        .snapshot()
        .completeOnTimeout(catalog.current(), ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(known -> choices(typed, defaults, known.ids()))
        .exceptionally(
            failed -> {
              LOG.warn("Autocomplete failed: {}", failed.getClass().getName());
              return List.of();
            });
  }

  /**
   * The provider chosen so far (the default one while none is); null for an unknown one, or an
   * option Discord sent without a value (suggest nothing rather than guess).
   */
  private @Nullable ProviderInfo chosen(CommandAutoCompleteInteractionEvent event) {
    try {
      return service
          .provider(event.getOption(QuotaCommand.PROVIDER_OPTION, OptionMapping::getAsString))
          .orElse(null);
    } catch (IllegalStateException unreadable) {
      return null;
    }
  }

  /** Usually the user typed on and Discord no longer wants this answer: not worth a warning. */
  private static void notDelivered(Throwable failure) {
    if (failure instanceof ErrorResponseException) {
      LOG.debug("Autocomplete answer not delivered ({})", Replies.describe(failure));
    } else {
      LOG.warn("Autocomplete answer not delivered ({})", Replies.describe(failure));
    }
  }

  /**
   * At most 25 choices whose value is what was typed with its last item completed. Values longer
   * than Discord's 100 characters cannot be offered and are left out. Nothing is suggested while
   * the value holds what looks like a key.
   */
  static List<Command.Choice> choices(String typed, List<String> defaults, List<String> catalog) {
    if (ModelList.holdsKeyShapedItem(typed)) {
      // a key pasted into models: never offer it back as part of a suggestion
      return List.of();
    }
    // everything up to and including the last separator: the items already chosen
    String head = typed.substring(0, ModelList.lastItemStart(typed));
    String needle = typed.substring(head.length()).strip().toLowerCase(Locale.ROOT);
    Set<String> alreadyListed = new LinkedHashSet<>();
    for (String item : ModelList.items(head)) {
      alreadyListed.add(item.toLowerCase(Locale.ROOT));
    }
    Set<String> candidates = new LinkedHashSet<>(defaults);
    candidates.addAll(catalog);
    candidates.removeIf(id -> alreadyListed.contains(id.toLowerCase(Locale.ROOT)));

    List<String> starting = new ArrayList<>();
    List<String> containing = new ArrayList<>();
    for (String id : candidates) {
      String lower = id.toLowerCase(Locale.ROOT);
      String name = lower.substring(lower.indexOf('/') + 1);
      if (lower.startsWith(needle) || name.startsWith(needle)) {
        starting.add(id);
      } else if (lower.contains(needle)) {
        containing.add(id);
      }
    }
    starting.addAll(containing);

    List<Command.Choice> choices = new ArrayList<>();
    for (String id : starting) {
      String value = head + id;
      if (value.length() <= OptionData.MAX_CHOICE_VALUE_LENGTH) {
        choices.add(new Command.Choice(value, value));
        if (choices.size() == OptionData.MAX_CHOICES) {
          break;
        }
      }
    }
    return choices;
  }
}

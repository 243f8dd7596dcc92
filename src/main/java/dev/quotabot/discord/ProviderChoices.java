package dev.quotabot.discord;

import dev.quotabot.quota.ProviderInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/**
 * The {@code provider} option's values: a fixed list of choices while every provider fits in one
 * (Discord allows {@value OptionData#MAX_CHOICES}); beyond that, suggestions as the user types, so
 * no provider becomes unreachable (a fixed list refuses any value it does not hold). What is typed
 * is matched against each provider's name and id, those that start with it first, in the registry's
 * order (the default provider first).
 */
final class ProviderChoices {
  private ProviderChoices() {}

  /** Whether every provider fits in Discord's fixed list of choices. */
  static boolean fit(List<ProviderInfo> providers) {
    return providers.size() <= OptionData.MAX_CHOICES;
  }

  /** The fixed list: each provider's name (cut to fit) for its id. */
  static List<Command.Choice> all(List<ProviderInfo> providers) {
    return providers.stream().limit(OptionData.MAX_CHOICES).map(ProviderChoices::choice).toList();
  }

  /**
   * At most {@value OptionData#MAX_CHOICES} providers matching {@code typed}: those whose name or
   * id starts with it, then those that contain it; every provider (the first ones) for nothing
   * typed.
   */
  static List<Command.Choice> matching(List<ProviderInfo> providers, String typed) {
    String needle = typed.strip().toLowerCase(Locale.ROOT);
    List<ProviderInfo> starting = new ArrayList<>();
    List<ProviderInfo> containing = new ArrayList<>();
    for (ProviderInfo provider : providers) {
      String id = provider.id().toLowerCase(Locale.ROOT);
      String name = provider.name().toLowerCase(Locale.ROOT);
      if (id.startsWith(needle) || name.startsWith(needle)) {
        starting.add(provider);
      } else if (id.contains(needle) || name.contains(needle)) {
        containing.add(provider);
      }
    }
    starting.addAll(containing);
    return all(starting);
  }

  private static Command.Choice choice(ProviderInfo provider) {
    return new Command.Choice(
        QuotaEmbed.cut(provider.name(), OptionData.MAX_CHOICE_NAME_LENGTH), provider.id());
  }
}

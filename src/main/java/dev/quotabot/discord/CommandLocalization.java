package dev.quotabot.discord;

import java.util.HashMap;
import java.util.Map;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.localization.LocalizationFunction;

/**
 * Localizes a command for Discord (its description, its options' names and descriptions) from the
 * bot's own bundles, whose keys are the ones JDA forms: {@code quota.description}, {@code
 * quota.options.provider.name}. Not JDA's {@code ResourceBundleLocalizationFunction}: that loads
 * bundles with the default control, which falls back to the JVM's locale, and fills no slots.
 */
final class CommandLocalization implements LocalizationFunction {
  private final Map<String, String> slots;

  /**
   * @param slots the values of the texts' slots ({@code provider}: the default provider's name)
   */
  CommandLocalization(Map<String, String> slots) {
    this.slots = Map.copyOf(slots);
  }

  /**
   * Every language's text for the key; none for a key no bundle has, and none for a language whose
   * text is English's (English is the default Discord shows anyway).
   */
  @Override
  public Map<DiscordLocale, String> apply(String localizationKey) {
    Map<DiscordLocale, String> localized = new HashMap<>();
    if (!BotText.EN.has(localizationKey)) {
      return localized;
    }
    String english = BotText.EN.say(localizationKey, slots);
    for (BotText text : BotText.values()) {
      DiscordLocale locale = text.discordLocale();
      String said = text.say(localizationKey, slots);
      if (locale != null && !said.equals(english)) {
        localized.put(locale, said);
      }
    }
    return localized;
  }
}

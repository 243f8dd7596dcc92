package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProviderInfo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import org.junit.jupiter.api.Test;

/** The {@code provider} option: a fixed list while it fits, suggestions beyond. */
final class ProviderChoicesTest {
  private static final List<ProviderInfo> FEW =
      List.of(
          provider("modelscope", "ModelScope"),
          provider("deepseek", "DeepSeek"),
          provider("console", "Console Cloud"));

  @Test
  void offersAFixedListOfEveryProviderWhileTheyFit() {
    OptionData option = providerOption(FEW);

    assertFalse(option.isAutoComplete());
    assertEquals(
        List.of("modelscope", "deepseek", "console"),
        option.getChoices().stream().map(Command.Choice::getAsString).toList());
  }

  @Test
  void suggestsProvidersAsTheUserTypesWhenThereAreMoreThanAListHolds() {
    List<ProviderInfo> many = many(30);

    OptionData option = providerOption(many);

    assertTrue(option.isAutoComplete());
    assertTrue(option.getChoices().isEmpty());
    assertEquals(
        List.of("p29"),
        values(ProviderChoices.matching(many, "Provider 29")),
        "the last provider is reachable");
  }

  @Test
  void suggestsThoseStartingWithWhatWasTypedFirstByNameOrId() {
    List<ProviderInfo> providers =
        List.of(
            provider("modelscope", "ModelScope"),
            provider("openai", "OpenAI"),
            provider("openrouter", "OpenRouter"),
            provider("zai", "Z.ai (Open Platform)"));

    assertEquals(
        List.of("openai", "openrouter", "zai"),
        values(ProviderChoices.matching(providers, "Open")));
    assertEquals(List.of("openrouter"), values(ProviderChoices.matching(providers, " ROUTER ")));
    assertEquals(List.of(), values(ProviderChoices.matching(providers, "nothing")));
  }

  @Test
  void suggestsTheFirstProvidersDefaultFirstWhenNothingIsTypedAndNeverMoreThanDiscordTakes() {
    List<Command.Choice> choices = ProviderChoices.matching(many(40), "");

    assertEquals(OptionData.MAX_CHOICES, choices.size());
    assertEquals("p0", choices.get(0).getAsString());
    assertEquals("Provider 0", choices.get(0).getName());
  }

  @Test
  void cutsANameLongerThanAChoiceTakes() {
    Command.Choice choice = ProviderChoices.all(List.of(provider("long", "L".repeat(150)))).get(0);

    assertEquals(OptionData.MAX_CHOICE_NAME_LENGTH, choice.getName().length());
    assertEquals("long", choice.getAsString());
  }

  private static OptionData providerOption(List<ProviderInfo> providers) {
    return QuotaCommand.definition(providers).getOptions().stream()
        .filter(option -> option.getName().equals(QuotaCommand.PROVIDER_OPTION))
        .findFirst()
        .orElseThrow();
  }

  private static List<ProviderInfo> many(int count) {
    List<ProviderInfo> providers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      providers.add(provider("p" + i, "Provider " + i));
    }
    return providers;
  }

  private static List<String> values(List<Command.Choice> choices) {
    return choices.stream().map(Command.Choice::getAsString).toList();
  }

  private static ProviderInfo provider(String id, String name) {
    return new ProviderInfo(id, name, EnumSet.noneOf(Capability.class), null, List.of(), "k-…");
  }
}

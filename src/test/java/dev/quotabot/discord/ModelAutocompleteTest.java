package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.support.CoreDoubles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.interactions.commands.Command;
import org.junit.jupiter.api.Test;

final class ModelAutocompleteTest {
  private static final List<String> DEFAULTS =
      List.of("Qwen/Qwen3-Coder-480B-A35B-Instruct", "deepseek-ai/DeepSeek-V3.1");
  private static final List<String> CATALOG =
      List.of(
          "Qwen/Qwen3-32B",
          "deepseek-ai/DeepSeek-R1",
          "deepseek-ai/DeepSeek-V3.1",
          "ZhipuAI/GLM-4.6",
          "moonshotai/Kimi-K2-Instruct");

  @Test
  void suggestsOnlyForAProviderThatTakesModelsFromItsDefaultsAndItsList() {
    QuotaService service =
        TestProviders.service(
            new QuotaSettings(DEFAULTS, 10, Duration.ofSeconds(1), Duration.ofSeconds(2), 2),
            CoreDoubles.catalog(CATALOG));
    ModelAutocomplete autocomplete = new ModelAutocomplete(service);

    List<Command.Choice> prober = autocomplete.suggestions(service.defaultProvider(), "glm").join();
    List<Command.Choice> relay =
        autocomplete.suggestions(service.provider("newapi").orElseThrow(), "").join();
    List<Command.Choice> balanceOnly =
        autocomplete.suggestions(service.provider("deepseek").orElseThrow(), "").join();
    List<Command.Choice> unknown = autocomplete.suggestions(null, "").join();
    List<Command.Choice> consoleOnly =
        autocomplete.suggestions(service.provider("console").orElseThrow(), "g").join();

    assertEquals(
        List.of("ZhipuAI/GLM-4.6"), prober.stream().map(Command.Choice::getAsString).toList());
    assertEquals(List.of(), relay);
    assertEquals(List.of(), balanceOnly);
    assertEquals(List.of(), unknown);
    assertEquals(List.of(), consoleOnly);
  }

  @Test
  void suggestsTheDefaultsFirstThenTheCatalogWhenNothingIsTyped() {
    assertEquals(
        List.of(
            "Qwen/Qwen3-Coder-480B-A35B-Instruct",
            "deepseek-ai/DeepSeek-V3.1",
            "Qwen/Qwen3-32B",
            "deepseek-ai/DeepSeek-R1",
            "ZhipuAI/GLM-4.6",
            "moonshotai/Kimi-K2-Instruct"),
        values(""));
  }

  @Test
  void matchesCaseInsensitivelyAndPutsPrefixMatchesFirst() {
    assertEquals(
        List.of("deepseek-ai/DeepSeek-V3.1", "deepseek-ai/DeepSeek-R1"), values("DEEPSEEK"));
    assertEquals(List.of("ZhipuAI/GLM-4.6"), values("glm"));
    assertEquals(
        List.of("Qwen/Qwen3-Coder-480B-A35B-Instruct", "moonshotai/Kimi-K2-Instruct"),
        values("instruct"));
  }

  @Test
  void completesOnlyTheLastItemOfACommaSeparatedValue() {
    assertEquals(
        List.of(
            "ZhipuAI/GLM-4.6,Qwen/Qwen3-Coder-480B-A35B-Instruct",
            "ZhipuAI/GLM-4.6,Qwen/Qwen3-32B"),
        values("ZhipuAI/GLM-4.6,qwen"));
    assertEquals(List.of("a/b， deepseek-ai/DeepSeek-R1"), values("a/b， deepseek-ai/DeepSeek-R"));
  }

  @Test
  void completesTheLastItemAfterEverySeparatorTheQueryHonours() {
    // an ideographic space (Chinese input), a no-break space and a zero-width space each end an
    // item for the query, so they do for the suggestions too
    for (String separator : List.of("\u3000", "\u00A0", "\u200B")) {
      assertEquals(
          List.of("ZhipuAI/GLM-4.6" + separator + "Qwen/Qwen3-32B"),
          values("ZhipuAI/GLM-4.6" + separator + "Qwen/Qwen3-3"),
          "separator U+" + Integer.toHexString(separator.charAt(0)));
      assertEquals(
          List.of("deepseek-ai/DeepSeek-V3.1" + separator + "deepseek-ai/DeepSeek-R1"),
          values("deepseek-ai/DeepSeek-V3.1" + separator + "deepseek"),
          "separator U+" + Integer.toHexString(separator.charAt(0)));
    }
  }

  @Test
  void leavesOutModelsAlreadyInTheList() {
    List<String> suggested = values("deepseek-ai/DeepSeek-V3.1,deepseek");

    assertEquals(List.of("deepseek-ai/DeepSeek-V3.1,deepseek-ai/DeepSeek-R1"), suggested);
  }

  @Test
  void offersAtMostTwentyFiveChoicesOfAtMostOneHundredCharacters() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add("org/model-" + i);
    }
    String longHead = "x/" + "y".repeat(85) + ",";

    List<Command.Choice> choices = ModelAutocomplete.choices("", List.of(), many);
    List<Command.Choice> longOnes = ModelAutocomplete.choices(longHead + "org", List.of(), many);

    assertEquals(25, choices.size());
    assertTrue(longOnes.stream().allMatch(choice -> choice.getAsString().length() <= 100));
    assertTrue(longOnes.stream().allMatch(choice -> choice.getName().length() <= 100));
    assertEquals(List.of(), ModelAutocomplete.choices("z".repeat(99) + ",", List.of(), many));
  }

  @Test
  void namesEachChoiceByTheValueItPuts() {
    Command.Choice choice = ModelAutocomplete.choices("glm", DEFAULTS, CATALOG).get(0);

    assertEquals(choice.getAsString(), choice.getName());
  }

  private static List<String> values(String typed) {
    return ModelAutocomplete.choices(typed, DEFAULTS, CATALOG).stream()
        .map(Command.Choice::getAsString)
        .toList();
  }

  @Test
  void neverOffersAPastedKeyBackInASuggestion() {
    String pasted = "ms-5ec7e7a1-0c0e-4b5e-9d3c-c0de5ec7e7a1";

    assertEquals(List.of(), ModelAutocomplete.choices(pasted + ",qw", DEFAULTS, CATALOG));
    assertEquals(List.of(), ModelAutocomplete.choices(pasted, DEFAULTS, CATALOG));
    assertFalse(ModelAutocomplete.choices("sk-abc,qw", DEFAULTS, CATALOG).isEmpty());
  }
}

package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class QuotaOptionsTest {
  private static final String KEY = "ms-0123456789abcdef-a1b2";
  private static final List<String> DEFAULTS = List.of("Qwen/Qwen3-32B", "ZhipuAI/GLM-4.6");
  private final QuotaOptions options =
      new QuotaOptions(
          new QuotaSettings(DEFAULTS, 3, Duration.ofSeconds(10), Duration.ofSeconds(20), 10));

  @Test
  void probesTheDefaultModelsWhenModelsIsLeftOut() {
    QuotaQuery query = ready(options.parse(KEY, null, false));

    assertEquals(DEFAULTS, query.models());
    assertEquals(KEY, query.key().reveal());
  }

  @Test
  void treatsAModelsValueOfOnlySeparatorsAsLeftOut() {
    assertEquals(DEFAULTS, ready(options.parse(KEY, " , ，\n", false)).models());
    assertEquals(DEFAULTS, ready(options.parse(KEY, "", false)).models());
  }

  @Test
  void splitsTrimsAndDeduplicatesTheModelsTyped() {
    QuotaQuery query =
        ready(
            options.parse(
                KEY,
                " deepseek-ai/DeepSeek-V3.1, Qwen/Qwen3-32B，deepseek-ai/DeepSeek-V3.1\n",
                false));

    assertEquals(List.of("deepseek-ai/DeepSeek-V3.1", "Qwen/Qwen3-32B"), query.models());
  }

  @Test
  void trimsTheKey() {
    assertEquals(KEY, ready(options.parse("  " + KEY + " \n", "a/b", false)).key().reveal());
  }

  @Test
  void asksForTheKeyWhenItIsLeftOutOrBlank() {
    assertInstanceOf(QuotaOptions.NeedsKey.class, options.parse(null, "Qwen/Qwen3-32B", false));
    assertInstanceOf(QuotaOptions.NeedsKey.class, options.parse("   ", null, false));
  }

  @Test
  void explainsUnusableValuesWithoutRepeatingTheKey() {
    String badKey = "ms-has a-space-inside-1234";

    QuotaOptions.Invalid invalid =
        assertInstanceOf(QuotaOptions.Invalid.class, options.parse(badKey, null, false));

    assertTrue(invalid.problem().contains("spaces"), invalid.problem());
    assertFalse(invalid.problem().contains("a-space-inside"), invalid.problem());
  }

  @Test
  void refusesMoreModelsThanAllowed() {
    QuotaOptions.Invalid invalid =
        assertInstanceOf(QuotaOptions.Invalid.class, options.parse(KEY, "a/1,a/2,a/3,a/4", false));

    assertTrue(invalid.problem().contains("Too many models"), invalid.problem());
  }

  @Test
  void readsTheBalanceOnlyWhenBalanceOnlyIsSetAndSaysTheModelsWereIgnored() {
    QuotaOptions.Ready withModels =
        assertInstanceOf(QuotaOptions.Ready.class, options.parse(KEY, "Qwen/Qwen3-32B", true));
    QuotaOptions.Ready withoutModels =
        assertInstanceOf(QuotaOptions.Ready.class, options.parse(KEY, null, true));

    assertEquals(List.of(), withModels.query().models());
    assertTrue(withModels.modelsIgnored());
    assertEquals(List.of(), withoutModels.query().models());
    assertFalse(withoutModels.modelsIgnored());
    assertFalse(
        assertInstanceOf(QuotaOptions.Ready.class, options.parse(KEY, " ，", true)).modelsIgnored());
  }

  @Test
  void ignoresEvenTooManyModelsWhenOnlyTheBalanceIsAskedFor() {
    assertEquals(List.of(), ready(options.parse(KEY, "a/1,a/2,a/3,a/4", true)).models());
  }

  @Test
  void probesTheModelsTypedWhenBalanceOnlyIsFalse() {
    QuotaOptions.Ready ready =
        assertInstanceOf(QuotaOptions.Ready.class, options.parse(KEY, "a/b", false));

    assertEquals(List.of("a/b"), ready.query().models());
    assertFalse(ready.modelsIgnored());
  }

  @Test
  void readsTheBalanceOnlyWhenTheFormsModelsFieldIsEmptied() {
    assertEquals(List.of(), ready(options.parseForm(KEY, "")).models());
    assertEquals(List.of(), ready(options.parseForm(KEY, null)).models());
    assertEquals(List.of(), ready(options.parseForm(KEY, " \n，\u3000")).models());
    assertFalse(
        assertInstanceOf(QuotaOptions.Ready.class, options.parseForm(KEY, "")).modelsIgnored());
    assertEquals(DEFAULTS, ready(options.parseForm(KEY, String.join("\n", DEFAULTS))).models());
    assertInstanceOf(QuotaOptions.NeedsKey.class, options.parseForm(" ", ""));
  }

  @Test
  void treatsUnicodeSpacesAloneAsNoModelsLikeTheCoreDoes() {
    assertEquals(DEFAULTS, ready(options.parse(KEY, "\u3000\u00A0\u200B", false)).models());
  }

  private static QuotaQuery ready(QuotaOptions.Parsed parsed) {
    return assertInstanceOf(QuotaOptions.Ready.class, parsed).query();
  }
}

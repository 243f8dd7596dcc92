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
    QuotaQuery query = ready(options.parse(KEY, null));

    assertEquals(DEFAULTS, query.models());
    assertEquals(KEY, query.key().reveal());
  }

  @Test
  void treatsAModelsValueOfOnlySeparatorsAsLeftOut() {
    assertEquals(DEFAULTS, ready(options.parse(KEY, " , ，\n")).models());
    assertEquals(DEFAULTS, ready(options.parse(KEY, "")).models());
  }

  @Test
  void splitsTrimsAndDeduplicatesTheModelsTyped() {
    QuotaQuery query =
        ready(
            options.parse(
                KEY, " deepseek-ai/DeepSeek-V3.1, Qwen/Qwen3-32B，deepseek-ai/DeepSeek-V3.1\n"));

    assertEquals(List.of("deepseek-ai/DeepSeek-V3.1", "Qwen/Qwen3-32B"), query.models());
  }

  @Test
  void trimsTheKey() {
    assertEquals(KEY, ready(options.parse("  " + KEY + " \n", "a/b")).key().reveal());
  }

  @Test
  void asksForTheKeyWhenItIsLeftOutOrBlank() {
    assertInstanceOf(QuotaOptions.NeedsKey.class, options.parse(null, "Qwen/Qwen3-32B"));
    assertInstanceOf(QuotaOptions.NeedsKey.class, options.parse("   ", null));
  }

  @Test
  void explainsUnusableValuesWithoutRepeatingTheKey() {
    String badKey = "ms-has a-space-inside-1234";

    QuotaOptions.Invalid invalid =
        assertInstanceOf(QuotaOptions.Invalid.class, options.parse(badKey, null));

    assertTrue(invalid.problem().contains("spaces"), invalid.problem());
    assertFalse(invalid.problem().contains("a-space-inside"), invalid.problem());
  }

  @Test
  void refusesMoreModelsThanAllowed() {
    QuotaOptions.Invalid invalid =
        assertInstanceOf(QuotaOptions.Invalid.class, options.parse(KEY, "a/1,a/2,a/3,a/4"));

    assertTrue(invalid.problem().contains("Too many models"), invalid.problem());
  }

  private static QuotaQuery ready(QuotaOptions.Parsed parsed) {
    return assertInstanceOf(QuotaOptions.Ready.class, parsed).query();
  }
}

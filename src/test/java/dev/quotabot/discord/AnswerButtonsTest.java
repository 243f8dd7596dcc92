package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ProbeCost;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AnswerButtonsTest {
  private static final String TOKEN = "AbCdEfGh12345678";

  @Test
  void readsBackTheCustomIdItMakes() {
    for (AnswerButtons.Action action : AnswerButtons.Action.values()) {
      // GIVEN a button's custom id
      String id = AnswerButtons.customId(action, TOKEN);

      // WHEN it is read back
      // THEN the same action and token, within Discord's 100 characters
      assertEquals(new AnswerButtons.Click(action, TOKEN), AnswerButtons.parse(id).orElseThrow());
      assertTrue(id.length() <= 100, id);
    }
  }

  @Test
  void refusesACustomIdItNeverMade() {
    for (String id :
        List.of(
            "",
            "quota",
            "quota:again",
            "quota:again:",
            "quota:again:short",
            "quota:again:AbCdEfGh1234567/",
            "quota:AGAIN:" + TOKEN,
            "quota:modelscope",
            "other:again:" + TOKEN)) {
      assertTrue(AnswerButtons.parse(id).isEmpty(), id);
    }
  }

  @Test
  void saysWhatProbingTheModelsMayCostInTheProbeLabel() {
    ProbeCost spends = new ProbeCost(new BigDecimal("2"), "魔粒", ProbeCost.Kind.SPENDS);
    ProbeCost counts = new ProbeCost(BigDecimal.ONE, "requests", ProbeCost.Kind.COUNTS);

    assertEquals(
        "Probe 3 models (≤ 6 魔粒)", AnswerButtons.probeLabel(BotText.EN, spends, "a\nb\nc"));
    assertEquals("Probe 1 model (≤ 1 request)", AnswerButtons.probeLabel(BotText.EN, counts, "a"));
    assertEquals(
        "Probe 2 models (≤ 2 requests)", AnswerButtons.probeLabel(BotText.EN, counts, "a,b"));
    assertEquals("检测 2 个模型（≤ 2 次请求）", AnswerButtons.probeLabel(BotText.ZH, counts, "a,b"));
    assertEquals("Probe 2 models", AnswerButtons.probeLabel(BotText.EN, null, "a\nb"));
    assertEquals("Probe models", AnswerButtons.probeLabel(BotText.EN, spends, ""));
    assertEquals("检测 2 个模型（≤ 4 魔粒）", AnswerButtons.probeLabel(BotText.ZH, spends, "a,b,a"));
  }
}

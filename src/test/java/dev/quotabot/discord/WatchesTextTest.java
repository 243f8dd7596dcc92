package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class WatchesTextTest {
  private final WatchesText english = WatchesText.of(BotText.EN);

  @Test
  void saysAnIntervalAsPeopleDo() {
    assertEquals("15 min", english.interval(Duration.ofMinutes(15)));
    assertEquals("1 h", english.interval(Duration.ofHours(1)));
    assertEquals("1 h 30 min", english.interval(Duration.ofMinutes(90)));
    assertEquals("2 d", english.interval(Duration.ofDays(2)));
    assertEquals("1 d 1 h 1 min", english.interval(Duration.ofMinutes(24 * 60 + 61)));
    assertEquals("1 小时 30 分钟", WatchesText.of(BotText.ZH).interval(Duration.ofMinutes(90)));
  }

  @Test
  void wordsAStatusOfTheReportsVocabularyAndKeepsAnyOther() {
    assertEquals("Invalid key", english.status("invalid_key", "DeepSeek"));
    assertEquals("DeepSeek error", english.status("upstream_error", "DeepSeek"));
    assertEquals("密钥无效", WatchesText.of(BotText.ZH).status("invalid_key", "DeepSeek"));
    assertEquals("vault failed", english.status("vault_failed", "DeepSeek"));
  }

  @Test
  void countsDaysLeftInTheTrendLine() {
    assertEquals(
        "📉 ▇▅▂ spends 2 CNY a day: runs out in ≈ 1 day", english.trend("▇▅▂", "2 CNY", 1));
    assertEquals(
        "📉 ▇▅▂ spends 2 CNY a day: runs out in ≈ 3 days", english.trend("▇▅▂", "2 CNY", 3));
  }
}

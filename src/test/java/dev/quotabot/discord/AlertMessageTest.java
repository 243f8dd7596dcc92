package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.watch.Alert;
import dev.quotabot.quota.watch.Reading;
import dev.quotabot.quota.watch.Threshold;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import net.dv8tion.jda.api.entities.Message;
import org.junit.jupiter.api.Test;

final class AlertMessageTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private final AlertMessage message =
      new AlertMessage(
          id -> Map.of("deepseek", "DeepSeek", "modelscope", "ModelScope").getOrDefault(id, id));

  private static Alert alert(
      Alert.Kind kind, String locale, Threshold level, Reading reading, Instant expiresAt) {
    return new Alert(
        0, 7, "42", kind, "sk-…a1b2", "deepseek", locale, level, reading, expiresAt, NOW);
  }

  private static Threshold amount(String value) {
    return new Threshold(Threshold.Kind.AMOUNT, new BigDecimal(value));
  }

  @Test
  void anAmountLevelNamesTheKeyTheProviderWhatIsLeftAndTheLevelWithItsUnit() {
    String text =
        message.render(
            alert(
                Alert.Kind.THRESHOLD,
                "en-US",
                amount("5"),
                new Reading(NOW, new BigDecimal("4.2"), null, "CNY"),
                null));

    assertTrue(text.contains("`sk-…a1b2` on DeepSeek has 4.20 CNY left"), text);
    assertTrue(text.contains("your 5 CNY level"), text);
    assertTrue(text.contains("/forget-me"), text);
  }

  @Test
  void aReadingWithATotalIsShownAsAShareOfIt() {
    String text =
        message.render(
            alert(
                Alert.Kind.THRESHOLD,
                "en-US",
                new Threshold(Threshold.Kind.PERCENT, new BigDecimal("20")),
                new Reading(NOW, new BigDecimal("150"), new BigDecimal("1000"), "魔粒"),
                null));

    assertTrue(text.contains("has 150 魔粒 of 1000 魔粒 left (15%)"), text);
    assertTrue(text.contains("your 20% level"), text);
  }

  @Test
  void anAlertIsWordedInTheLanguageItWasMadeIn() {
    String text = message.render(alert(Alert.Kind.KEY_REJECTED, "zh-CN", null, null, null));

    assertTrue(text.contains("DeepSeek 现在拒绝了 `sk-…a1b2`"), text);
    assertTrue(text.contains("/watches"), text);
  }

  @Test
  void anUnknownLanguageGetsEnglish() {
    String text = message.render(alert(Alert.Kind.KEY_REJECTED, "fr", null, null, null));

    assertTrue(text.startsWith("⛔ DeepSeek rejects `sk-…a1b2` now"), text);
  }

  @Test
  void theMidnightReminderSaysWhenTheCreditExpiresInTheReadersOwnTime() {
    Instant midnight = Instant.parse("2026-12-02T16:00:00Z");
    String text =
        message.render(
            alert(
                Alert.Kind.EXPIRES_TONIGHT,
                "ja",
                null,
                new Reading(NOW, new BigDecimal("300"), null, "魔粒"),
                midnight));

    assertTrue(text.contains("300 魔粒"), text);
    assertTrue(text.contains("<t:" + midnight.getEpochSecond() + ":R>"), text);
  }

  @Test
  void aProviderNameIsShownInertAndTheMessageFitsDiscordsLimit() {
    AlertMessage odd = new AlertMessage(id -> "**[x](https://evil.example)**".repeat(50));

    String text =
        odd.render(
            alert(
                Alert.Kind.THRESHOLD,
                "en-US",
                amount("5"),
                new Reading(NOW, new BigDecimal("1"), null, "`u`".repeat(30)),
                null));

    // every bracket is escaped: no link can form
    assertFalse(text.matches("(?s).*(?<!\\\\)\\]\\(.*"), text);
    assertTrue(text.length() <= Message.MAX_CONTENT_LENGTH, text);
  }

  @Test
  void everyLanguageHasEveryAlertText() {
    for (String tag : new String[] {"en-US", "zh-CN", "zh-TW", "ja", "ko"}) {
      for (Alert.Kind kind : Alert.Kind.values()) {
        String text =
            message.render(
                alert(
                    kind,
                    tag,
                    amount("5"),
                    new Reading(NOW, new BigDecimal("4"), null, "CNY"),
                    NOW.plusSeconds(60)));
        assertFalse(text.contains("{"), tag + " " + kind + ": " + text);
      }
    }
    assertEquals(BotText.ZH, AlertMessage.textFor("zh-CN"));
  }
}

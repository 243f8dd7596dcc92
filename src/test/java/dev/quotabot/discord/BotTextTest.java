package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ProbeStatus;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.modals.Modal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class BotTextTest {
  /** A bundle in the test resources whose Japanese lacks a text and which has Chinese. */
  private static final String FALLBACK = "dev.quotabot.discord.fallback";

  @Test
  void answersInTheUsersLanguageAndInEnglishForAnyOther() {
    assertEquals(BotText.ZH, BotText.of(DiscordLocale.CHINESE_CHINA));
    assertEquals(BotText.ZH_TW, BotText.of(DiscordLocale.CHINESE_TAIWAN));
    assertEquals(BotText.JA, BotText.of(DiscordLocale.JAPANESE));
    assertEquals(BotText.KO, BotText.of(DiscordLocale.KOREAN));
    assertEquals(BotText.EN, BotText.of(DiscordLocale.ENGLISH_US));
    assertEquals(BotText.EN, BotText.of(DiscordLocale.ENGLISH_UK));
    assertEquals(BotText.EN, BotText.of(DiscordLocale.FRENCH));
    assertEquals(BotText.EN, BotText.of(DiscordLocale.UNKNOWN));
    assertEquals(BotText.EN, BotText.of(null));
  }

  @Test
  void speaksEachLanguageInItsOwnWords() {
    assertEquals("⏳ Please wait 5 s before checking again.", BotText.EN.cooldown(5));
    assertEquals("⏳ 请等待 5 秒后再查询。", BotText.ZH.cooldown(5));
    assertEquals("⏳ 請等待 5 秒後再查詢。", BotText.ZH_TW.cooldown(5));
    assertEquals("⏳ もう一度確認するまで 5 秒お待ちください。", BotText.JA.cooldown(5));
    assertEquals("⏳ 다시 확인하려면 5초 기다려 주세요.", BotText.KO.cooldown(5));
  }

  @Test
  void fillsASlotOnceEvenWhenItsValueLooksLikeASlot() {
    // a provider's name is the operator's; a model name the user's: neither is read as a slot
    assertEquals("Check {hint} quota", BotText.EN.modalTitle("{hint}"));
    assertEquals("Key `it's {unit}`", BotText.EN.keyLine("it's {unit}"));
  }

  @ParameterizedTest
  @MethodSource("windowsInEachLanguage")
  void wordsWindowsInEachLanguage(BotText text, String window, String worded) {
    assertEquals(worded, text.windowName(window));
  }

  static List<Arguments> windowsInEachLanguage() {
    return List.of(
        Arguments.of(BotText.EN, "tokens_5h", "tokens/5 hours"),
        Arguments.of(BotText.ZH, "tokens_5h", "Token/5 小时"),
        Arguments.of(BotText.ZH_TW, "tokens_weekly", "Token/週"),
        Arguments.of(BotText.JA, "requests_per_day", "リクエスト/日"),
        Arguments.of(BotText.KO, "input_tokens_per_minute", "입력 토큰/분"),
        Arguments.of(BotText.JA, "odd_thing_per_fortnight", "odd thing/fortnight"));
  }

  @ParameterizedTest
  @MethodSource("windowsOfEveryKind")
  void namesWindowsOfEveryKindTheProvidersDefine(BotText text, String window, String worded) {
    assertEquals(worded, text.windowName(window));
  }

  static List<Arguments> windowsOfEveryKind() {
    return List.of(
        Arguments.of(BotText.EN, "input_tokens_per_minute", "input tokens/minute"),
        Arguments.of(BotText.ZH, "output_tokens_per_minute", "输出 Token/分钟"),
        Arguments.of(BotText.EN, "model_requests_per_day", "model requests/day"),
        Arguments.of(BotText.ZH, "requests_per_hour", "请求/小时"),
        Arguments.of(BotText.EN, "requests", "requests"),
        Arguments.of(BotText.ZH, "tokens", "Token"),
        Arguments.of(BotText.EN, "images_per_fortnight", "images/fortnight"));
  }

  @Test
  void fallsBackToEnglishForATextALanguageLacks() {
    ResourceBundle japanese = BotText.bundle(FALLBACK, Locale.JAPANESE);

    assertEquals("こんにちは {name}", japanese.getString("greeting"));
    assertEquals("Goodbye", japanese.getString("farewell"));
  }

  @Test
  void neverAnswersInTheJvmsLanguageALanguageWithoutTexts() {
    // GIVEN a server whose default locale is Chinese
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
    try {
      // WHEN a French user's texts are loaded
      ResourceBundle french = BotText.bundle(FALLBACK, Locale.FRENCH);

      // THEN they are English, not Chinese
      assertEquals("Hello {name}", french.getString("greeting"));
      assertEquals("Goodbye", french.getString("farewell"));
    } finally {
      Locale.setDefault(before);
    }
  }

  @ParameterizedTest
  @MethodSource("languages")
  void fitsDiscordsLengthLimits(BotText text) {
    String name = "A provider named at the limit".repeat(2).substring(0, 40);
    String unit = "u".repeat(QuotaEmbed.UNIT_MAX);
    assertTrue(text.commandDescription().length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.modelsOptionDescription().length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.keyOptionDescription().length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.balanceOnlyOptionDescription().length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.providerOptionDescription(name).length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.baseUrlOptionDescription().length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.providerOptionName().matches("[-_\\p{L}\\p{N}]{1,32}"));
    assertTrue(text.baseUrlOptionName().matches("[-_\\p{L}\\p{N}]{1,32}"));
    // a form's title is cut to fit whatever the name; a usual one fits whole
    String usual = "Relay (new-api, sub2api…)";
    assertTrue(text.modalTitle(usual).length() <= Modal.MAX_TITLE_LENGTH);
    assertTrue(text.modalBalanceTitle(usual).length() <= Modal.MAX_TITLE_LENGTH);
    assertTrue(text.modalAccountTitle(usual).length() <= Modal.MAX_TITLE_LENGTH);
    assertTrue(text.spendFieldName().length() <= MessageEmbed.TITLE_MAX_LENGTH);
    for (String label :
        List.of(
            text.modalKeyLabel(),
            text.modalModelsLabel(),
            text.modalBaseUrlLabel(),
            text.modalUserIdLabel(),
            text.modalAccessTokenLabel())) {
      assertTrue(label.length() <= Label.LABEL_MAX_LENGTH, label);
    }
    for (String description :
        List.of(
            text.modalModelsDescription(unit),
            text.modalBaseUrlDescription(),
            text.modalKeyModelsDescription(),
            text.modalUserIdDescription(),
            text.modalAccessTokenDescription())) {
      assertTrue(description.length() <= Label.DESCRIPTION_MAX_LENGTH, description);
    }
    for (String placeholder :
        List.of(text.modalModelsPlaceholder(unit), text.modalKeyModelsPlaceholder())) {
      assertTrue(placeholder.length() <= TextInput.MAX_PLACEHOLDER_LENGTH, placeholder);
    }
    for (ProbeStatus status : ProbeStatus.values()) {
      assertTrue(!text.status(status, name).isBlank());
    }
  }

  static List<BotText> languages() {
    return BotText.values();
  }

  @Test
  void namesNoProviderOrUnitOfItsOwn() {
    for (BotText text : BotText.values()) {
      for (String said :
          List.of(
              text.balanceOnlyOptionDescription(),
              text.keyOptionDescription(),
              text.providerOptionDescription("Acme"),
              text.baseUrlOptionDescription(),
              text.freeCheckTitle("Acme", null),
              text.balanceOnlyLine(null),
              text.probedFooter(null, null, null),
              text.freeCheckFooter(null),
              text.unknownNumbersNote("Acme", null),
              text.keyMissing("Acme", "ac-…"),
              text.accountTitle("Acme"),
              text.limitsTitle("Acme"),
              text.nothingCalledFooter(),
              text.spendFieldName(),
              text.spendMore(3),
              text.siteLine("Acme", "acme-api v1"))) {
        for (String provider : List.of("ModelScope", "魔粒", "newapi", "DeepSeek", "UTC+8")) {
          assertFalse(said.contains(provider), said);
        }
      }
    }
  }
}

package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ProbeStatus;
import java.util.List;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.modals.Modal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class BotTextTest {

  @Test
  void answersInChineseForEveryChineseLocaleAndInEnglishOtherwise() {
    assertEquals(BotText.ZH, BotText.of(DiscordLocale.CHINESE_CHINA));
    assertEquals(BotText.ZH, BotText.of(DiscordLocale.CHINESE_TAIWAN));
    assertEquals(BotText.EN, BotText.of(DiscordLocale.ENGLISH_US));
    assertEquals(BotText.EN, BotText.of(DiscordLocale.JAPANESE));
    assertEquals(BotText.EN, BotText.of(DiscordLocale.UNKNOWN));
    assertEquals(BotText.EN, BotText.of(null));
  }

  @ParameterizedTest
  @EnumSource(BotText.class)
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

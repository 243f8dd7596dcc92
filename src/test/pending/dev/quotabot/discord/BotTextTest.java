package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ProbeStatus;
import java.util.List;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
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
    assertTrue(text.commandDescription().length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.modelsOptionDescription().length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.keyOptionDescription().length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.balanceOnlyOptionDescription().length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.modalTitle().length() <= Modal.MAX_TITLE_LENGTH);
    assertTrue(text.modalKeyLabel().length() <= Label.LABEL_MAX_LENGTH);
    assertTrue(text.modalModelsLabel().length() <= Label.LABEL_MAX_LENGTH);
    assertTrue(text.modalKeyDescription().length() <= Label.DESCRIPTION_MAX_LENGTH);
    assertTrue(text.modalModelsDescription().length() <= Label.DESCRIPTION_MAX_LENGTH);
    assertTrue(text.modalModelsPlaceholder().length() <= TextInput.MAX_PLACEHOLDER_LENGTH);
    assertTrue(text.providerOptionDescription().length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.baseUrlOptionDescription().length() <= OptionData.MAX_DESCRIPTION_LENGTH);
    assertTrue(text.providerOptionName().matches("[-_\\p{L}\\p{N}]{1,32}"));
    assertTrue(text.baseUrlOptionName().matches("[-_\\p{L}\\p{N}]{1,32}"));
    for (String label :
        List.of(text.modalBaseUrlLabel(), text.modalUserIdLabel(), text.modalAccessTokenLabel())) {
      assertTrue(label.length() <= Label.LABEL_MAX_LENGTH, label);
    }
    for (String description :
        List.of(
            text.modalProviderKeyDescription("A provider with a long name"),
            text.modalBaseUrlDescription(),
            text.modalRelayModelsDescription(),
            text.modalUserIdDescription(),
            text.modalAccessTokenDescription())) {
      assertTrue(description.length() <= Label.DESCRIPTION_MAX_LENGTH, description);
    }
    assertTrue(text.modalRelayModelsPlaceholder().length() <= TextInput.MAX_PLACEHOLDER_LENGTH);
    for (ProbeStatus status : ProbeStatus.values()) {
      assertTrue(!text.status(status).isBlank());
    }
  }
}

package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.watch.Thresholds;
import dev.quotabot.quota.watch.WatchPlan;
import dev.quotabot.quota.watch.WatchSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

final class WatchModalTest {
  private static final Duration LIFETIME = Duration.ofDays(30);

  private static final ProviderInfo MODELSCOPE =
      new ProviderInfo(
              "modelscope",
              "ModelScope",
              EnumSet.of(Capability.BALANCES, Capability.PROBES_MODELS),
              "魔粒",
              List.of(),
              "ms-…")
          .withProbeCost(TestProviders.SPENDS);

  private static final ProviderInfo GROQ = TestProviders.headerProber();

  private static final ProviderInfo RELAY =
      new ProviderInfo(
          "newapi",
          "New API relay",
          EnumSet.of(Capability.BALANCES, Capability.NEEDS_BASE_URL),
          null,
          List.of(),
          "sk-…");

  private static WatchPlan plan(ProviderInfo provider, List<String> models) {
    return new WatchPlan(
        new WatchSettings(
            provider.id(), models, Thresholds.parse("5"), Duration.ofHours(1), false, "en-US"),
        provider);
  }

  @Test
  void aCheckWithoutModelsIsFree() {
    assertEquals(
        "free (only the balance is read)",
        WatchModal.costOfCheck(BotText.EN, plan(MODELSCOPE, List.of())));
  }

  @Test
  void aCheckWithModelsCostsTheProbeCostTimesTheModels() {
    assertEquals(
        "at most 4 魔粒 (2 per model × 2)",
        WatchModal.costOfCheck(BotText.EN, plan(MODELSCOPE, List.of("a", "b"))));
    assertEquals(
        "1 requests of your rate limits (1 per model × 1)",
        WatchModal.costOfCheck(BotText.EN, plan(GROQ, List.of("m"))));
  }

  @Test
  void theFormOfABalanceProviderAsksOnlyForTheKeyAndItsIdHoldsOnlyTheToken() {
    Modal form = WatchModal.form(BotText.EN, plan(MODELSCOPE, List.of()), "Tok3n", LIFETIME);

    assertEquals("watch:Tok3n", form.getId());
    String shown = form.toData().toString();
    assertTrue(shown.contains("\"custom_id\":\"api_key\""), shown);
    assertTrue(!shown.contains("base_url"), shown);
    assertTrue(shown.contains("30 days") && shown.contains("AES-256-GCM"), shown);
  }

  @Test
  void theFormOfARelayAlsoAsksForItsAddress() {
    Modal form = WatchModal.form(BotText.EN, plan(RELAY, List.of()), "Tok3n", LIFETIME);

    assertTrue(form.toData().toString().contains("\"custom_id\":\"base_url\""));
  }

  @Test
  void everyLanguagesFormFitsDiscordsLimitsWithoutBeingCut() {
    for (BotText text : BotText.values()) {
      for (ProviderInfo provider : List.of(MODELSCOPE, GROQ, RELAY)) {
        String description =
            text.say(
                "watch.modal.key.description",
                "provider",
                provider.name(),
                "hint",
                provider.keyHint());
        assertTrue(description.length() <= Label.DESCRIPTION_MAX_LENGTH, text + ": " + description);
        assertTrue(
            text.say("watch.modal.title", "provider", provider.name()).length()
                <= Modal.MAX_TITLE_LENGTH);
        // Discord refuses a form it cannot show: building it checks every limit
        DataObject form =
            WatchModal.form(text, plan(provider, List.of("a")), "T", LIFETIME).toData();
        assertTrue(form.toString().contains("watch:T"));
      }
      for (String key : List.of("watch.modal.key.label", "watch.modal.base_url.label")) {
        assertTrue(text.say(key).length() <= Label.LABEL_MAX_LENGTH, text + ": " + key);
      }
      assertTrue(
          text.say("watch.modal.base_url.description").length() <= Label.DESCRIPTION_MAX_LENGTH,
          text.toString());
    }
  }

  @Test
  void everyLanguagesCommandDescriptionsFitDiscordsHundredCharacters() {
    for (BotText text : BotText.values()) {
      for (String key :
          List.of(
              "watch.description",
              "watch.options.provider.description",
              "watch.options.thresholds.description",
              "watch.options.interval.description",
              "watch.options.models.description",
              "watch.options.midnight_reminder.description",
              "forget-me.description")) {
        String said =
            text.say(
                key,
                "provider",
                "x".repeat(QuotaEmbed.PROVIDER_NAME_MAX),
                "min",
                "15",
                "default",
                "60");
        assertTrue(said.length() <= 100, text + ": " + key + " is " + said.length());
      }
    }
  }
}

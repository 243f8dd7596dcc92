package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.modals.Modal;
import org.junit.jupiter.api.Test;

final class QuotaModalTest {
  private static final List<String> DEFAULTS = List.of("Qwen/Qwen3-32B", "ZhipuAI/GLM-4.6");
  private static final QuotaSettings SETTINGS =
      new QuotaSettings(DEFAULTS, 10, Duration.ofSeconds(1), Duration.ofSeconds(2), 2);
  private static final QuotaService SERVICE = TestProviders.service(SETTINGS);
  private static final ProviderInfo PROBER = SERVICE.defaultProvider();
  private static final ProviderInfo RELAY = SERVICE.provider("newapi").orElseThrow();
  private static final ProviderInfo BALANCE_ONLY = SERVICE.provider("deepseek").orElseThrow();
  private final QuotaModal modal = TestProviders.modal(SETTINGS);

  @Test
  void startsWithTheDefaultListSoAnUntouchedFormChecksWhatTheCommandWould() {
    TextInput models = modelsInput(modal.build(BotText.EN, PROBER, null, false, null));

    assertEquals("Qwen/Qwen3-32B\nZhipuAI/GLM-4.6", models.getValue());
    assertFalse(models.isRequired());
  }

  @Test
  void startsWithTheModelsTyped() {
    assertEquals(
        "a/b, c/d",
        modelsInput(modal.build(BotText.EN, PROBER, "a/b, c/d", false, null)).getValue());
  }

  @Test
  void startsEmptyWhenOnlyTheBalanceWasAskedFor() {
    TextInput models = modelsInput(modal.build(BotText.EN, PROBER, "a/b", true, null));

    assertNull(models.getValue());
  }

  @Test
  void saysThatAnEmptyModelsFieldChecksOnlyTheFreeBalance() {
    Modal zh = modal.build(BotText.ZH, PROBER, null, false, null);
    Modal en = modal.build(BotText.EN, PROBER, null, false, null);

    assertTrue(modelsInput(en).getPlaceHolder().contains("魔粒 balance (free"));
    assertTrue(label(en).getDescription().contains("Leave empty to check only the 魔粒 balance"));
    assertTrue(label(zh).getDescription().contains("留空则只查询魔粒余额（免费）"));
  }

  @Test
  void prefillsOnlyWholeModelIdsThatFitTheField() {
    String id = "org/" + "m".repeat(95);
    List<String> many = Collections.nCopies(50, id);

    String prefill = QuotaModal.prefill(many);

    assertTrue(prefill.length() <= TextInput.MAX_VALUE_LENGTH, "" + prefill.length());
    for (String line : prefill.split("\n")) {
      assertEquals(id, line);
    }
    assertEquals("", QuotaModal.prefill(List.of()));
  }

  @Test
  void namesTheProviderInEveryFormsIdAndNothingElse() {
    assertEquals("quota:modelscope", modal.build(BotText.EN, PROBER, "a/b", false, null).getId());
    assertEquals(
        "quota:newapi",
        modal.build(BotText.EN, RELAY, "a/b", false, "https://relay.example").getId());
  }

  @Test
  void readsTheProviderFromAFormIdAndAnUnknownOneAsNone() {
    // the bare "quota" of forms left open from older versions: QuotaCommandEndToEndTest
    assertEquals(Optional.of(RELAY), modal.providerOf("quota:newapi"));
    assertEquals(Optional.of(BALANCE_ONLY), modal.providerOf("quota:DeepSeek"));
    assertEquals(Optional.empty(), modal.providerOf("quota:openai"));
    assertEquals(Optional.empty(), modal.providerOf("quota:"));
    assertEquals(Optional.empty(), modal.providerOf("quota: "));
    assertEquals(Optional.empty(), modal.providerOf("quota:newapi:x"));
    assertEquals(Optional.empty(), modal.providerOf("other"));
    assertEquals(Optional.empty(), modal.providerOf(null));
  }

  @Test
  void asksABalanceOnlyProviderForTheKeyAlone() {
    Modal form = modal.build(BotText.EN, BALANCE_ONLY, null, false, null);

    assertEquals("Check DeepSeek balance", form.getTitle());
    assertEquals(List.of(QuotaModal.KEY_INPUT), inputIds(form));
    assertEquals(
        "DeepSeek API key (sk-…). Used for this check only, never stored.",
        form.getComponents().get(0).asLabel().getDescription());
  }

  @Test
  void asksARelayForItsAddressModelsAndOptionalAdminAccessInFiveInputs() {
    Modal form = modal.build(BotText.ZH, RELAY, "gpt-4o", false, "https://relay.example");

    assertEquals(
        List.of("api_key", "base_url", "models", "user_id", "access_token"), inputIds(form));
    assertEquals(Modal.MAX_COMPONENTS, form.getComponents().size());
    assertEquals("https://relay.example", input(form, 1).getValue());
    assertTrue(input(form, 1).isRequired());
    assertEquals("gpt-4o", input(form, 2).getValue());
    assertFalse(input(form, 3).isRequired());
    assertFalse(input(form, 4).isRequired());
    assertNull(input(form, 4).getValue());
    assertTrue(form.getTitle().contains("New API relay"), form.getTitle());
  }

  @Test
  void neverPrefillsAnotherProvidersDefaultsIntoARelaysForm() {
    Modal form = modal.build(BotText.EN, RELAY, null, false, null);

    assertNull(input(form, 1).getValue());
    assertNull(input(form, 2).getValue());
    assertTrue(input(form, 2).getPlaceHolder().contains("models this key may use"));
  }

  @Test
  void readsARelaysFormFromItsFieldsAndTheProbersWithoutTheRelayFields() {
    Map<String, String> fields =
        Map.of(
            "api_key", "sk-relay-key-0123",
            "base_url", "https://relay.example",
            "models", "gpt-4o",
            "user_id", "42",
            "access_token", "admin-token-0123");

    QuotaQuery relay = ready(modal.parse(RELAY, fields::get));
    Map<String, String> proberFields = Map.of("api_key", "ms-prober-key-0123", "models", "a/b");
    QuotaQuery prober = ready(modal.parse(PROBER, proberFields::get));

    assertEquals("newapi", relay.provider());
    assertEquals("42", relay.admin().userId());
    assertEquals(List.of("gpt-4o"), relay.models());
    assertEquals("modelscope", prober.provider());
    assertNull(prober.admin());
    assertInstanceOf(QuotaOptions.NeedsKey.class, modal.parse(PROBER, id -> null));
  }

  @Test
  void ignoresFieldsTheProvidersFormDoesNotHold() {
    Map<String, String> fields =
        Map.of(
            "api_key", "sk-balance-key-0123",
            "base_url", "https://relay.example",
            "models", "deepseek-chat",
            "user_id", "42",
            "access_token", "admin-token-0123");

    QuotaQuery query = ready(modal.parse(BALANCE_ONLY, fields::get));

    assertEquals("deepseek", query.provider());
    assertNull(query.baseUrl());
    assertNull(query.admin());
    assertEquals(List.of(), query.models());
  }

  private static QuotaQuery ready(QuotaOptions.Parsed parsed) {
    return assertInstanceOf(QuotaOptions.Ready.class, parsed).query();
  }

  private static List<String> inputIds(Modal modal) {
    return modal.getComponents().stream()
        .map(component -> component.asLabel().getChild().asTextInput().getCustomId())
        .toList();
  }

  private static TextInput input(Modal modal, int index) {
    return modal.getComponents().get(index).asLabel().getChild().asTextInput();
  }

  private static Label label(Modal modal) {
    return modal.getComponents().get(1).asLabel();
  }

  private static TextInput modelsInput(Modal modal) {
    return label(modal).getChild().asTextInput();
  }
}

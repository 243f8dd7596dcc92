package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.modals.Modal;
import org.junit.jupiter.api.Test;

final class QuotaModalTest {
  private static final List<String> DEFAULTS = List.of("Qwen/Qwen3-32B", "ZhipuAI/GLM-4.6");
  private static final QuotaOptions.Target MODELSCOPE = QuotaOptions.Target.MODELSCOPE;
  private final QuotaModal modal =
      new QuotaModal(
          TestProviders.options(
              new QuotaSettings(DEFAULTS, 10, Duration.ofSeconds(1), Duration.ofSeconds(2), 2)),
          null,
          TestProviders.REGISTRY,
          DEFAULTS);

  @Test
  void startsWithTheDefaultListSoAnUntouchedFormChecksWhatTheCommandWould() {
    TextInput models = modelsInput(modal.build(BotText.EN, null, false, MODELSCOPE));

    assertEquals("Qwen/Qwen3-32B\nZhipuAI/GLM-4.6", models.getValue());
    assertFalse(models.isRequired());
  }

  @Test
  void startsWithTheModelsTyped() {
    assertEquals(
        "a/b, c/d", modelsInput(modal.build(BotText.EN, "a/b, c/d", false, MODELSCOPE)).getValue());
  }

  @Test
  void startsEmptyWhenOnlyTheBalanceWasAskedFor() {
    TextInput models = modelsInput(modal.build(BotText.EN, "a/b", true, MODELSCOPE));

    assertNull(models.getValue());
  }

  @Test
  void saysThatAnEmptyModelsFieldChecksOnlyTheFreeBalance() {
    Modal zh = modal.build(BotText.ZH, null, false, MODELSCOPE);
    Modal en = modal.build(BotText.EN, null, false, MODELSCOPE);

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
  void keepsModelScopesFormIdSoFormsAlreadyOpenStillWork() {
    assertEquals(QuotaModal.ID, modal.build(BotText.EN, null, false, MODELSCOPE).getId());
    assertEquals("", QuotaModal.providerOf("quota"));
    assertEquals("newapi", QuotaModal.providerOf("quota:newapi"));
    assertNull(QuotaModal.providerOf("quota:"));
    assertNull(QuotaModal.providerOf("other"));
  }

  @Test
  void asksABalanceOnlyProviderForTheKeyAlone() {
    Modal form = modal.build(BotText.EN, null, false, QuotaOptions.Target.of("deepseek", null));

    assertEquals("quota:deepseek", form.getId());
    assertEquals("Check DeepSeek balance", form.getTitle());
    assertEquals(List.of(QuotaModal.KEY_INPUT), inputIds(form));
  }

  @Test
  void asksARelayForItsAddressModelsAndOptionalAdminAccessInFiveInputs() {
    Modal form =
        modal.build(
            BotText.ZH, "gpt-4o", false, QuotaOptions.Target.of("newapi", "https://relay.example"));

    assertEquals("quota:newapi", form.getId());
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
  void neverPrefillsModelScopesDefaultsIntoARelaysForm() {
    Modal form = modal.build(BotText.EN, null, false, QuotaOptions.Target.of("newapi", null));

    assertNull(input(form, 1).getValue());
    assertNull(input(form, 2).getValue());
    assertTrue(input(form, 2).getPlaceHolder().contains("models this key may use"));
  }

  @Test
  void readsARelaysFormFromItsFieldsAndModelScopesWithoutTheRelayFields() {
    Map<String, String> fields =
        Map.of(
            "api_key", "sk-relay-key-0123",
            "base_url", "https://relay.example",
            "models", "gpt-4o",
            "user_id", "42",
            "access_token", "admin-token-0123");

    QuotaQuery relay = ready(modal.parse("newapi", fields::get));
    QuotaQuery modelScope = ready(modal.parse("", fields::get));

    assertEquals("newapi", relay.provider());
    assertEquals("42", relay.admin().userId());
    assertEquals(List.of("gpt-4o"), relay.models());
    assertTrue(modelScope.isModelScope());
    assertNull(modelScope.admin());
    assertInstanceOf(QuotaOptions.NeedsKey.class, modal.parse("", id -> null));
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

package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.components.Component;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
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
  private static final ProviderInfo HEADER_PROBER = SERVICE.provider("groq").orElseThrow();
  private static final String GROQ_KEY = "gsk_groq0test0key0do0not0log0a1b2";
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
    assertTrue(label(en).getDescription().endsWith("Empty: free 魔粒 balance check."));
    assertTrue(label(zh).getDescription().endsWith("留空则只免费查询魔粒余额。"));
  }

  @Test
  void saysWhatCheckingTheModelsCostsAtMostBeforeAnythingIsSent() {
    // GIVEN a provider whose probe spends up to 2 魔粒, and the two default models
    // WHEN its form is shown in English and Chinese
    Modal en = modal.build(BotText.EN, PROBER, null, false, null);
    Modal zh = modal.build(BotText.ZH, PROBER, null, false, null);

    // THEN the models field says the worst case, per model and for the models it holds
    assertEquals(
        "Each model checked costs at most 2 魔粒 (2 models: 4). Empty: free 魔粒 balance check.",
        label(en).getDescription());
    assertEquals("每查询一个模型最多消耗 2 魔粒（2 个模型：4）。留空则只免费查询魔粒余额。", label(zh).getDescription());
  }

  @Test
  void countsTheModelsTheFieldStartsWithOnceEach() {
    String three =
        label(modal.build(BotText.EN, PROBER, "a/b, c/d，a/b\ne/f", false, null)).getDescription();
    String one = label(modal.build(BotText.EN, PROBER, "a/b", false, null)).getDescription();
    String none = label(modal.build(BotText.EN, PROBER, "a/b", true, null)).getDescription();

    assertTrue(three.startsWith("Each model checked costs at most 2 魔粒 (3 models: 6)."), three);
    assertTrue(one.startsWith("Each model checked costs at most 2 魔粒. Empty"), one);
    assertTrue(none.startsWith("Each model checked costs at most 2 魔粒. Empty"), none);
  }

  @Test
  void saysAProbeThatCountsAgainstRateLimitsUsesOneRequestAndRequiresAModelInItsOwnForm() {
    // GIVEN a provider without balances whose probe counts one request
    // WHEN its form is shown
    Modal en = modal.build(BotText.EN, HEADER_PROBER, null, false, null);
    Modal zh = modal.build(BotText.ZH, HEADER_PROBER, null, false, null);

    // THEN the field says so, offers no free balance check and starts with its own model; it is
    // optional beside the picker (another provider may be picked; the core asks for a model)
    assertEquals(
        "Each model checked uses 1 request of your rate limits.", label(en).getDescription());
    assertEquals("每查询一个模型占用你速率限额中的 1 次请求。", label(zh).getDescription());
    assertEquals("Models", label(en).getLabel());
    TextInput models = modelsInput(en);
    assertFalse(models.isRequired());
    assertEquals(TestProviders.GROQ_MODEL, models.getValue());
    assertFalse(models.getPlaceHolder().contains("balance"), models.getPlaceHolder());
    assertEquals(List.of("groq"), preselected(en));
  }

  @Test
  void keepsEveryLabelDescriptionAndPlaceholderWithinDiscordsLimits() {
    // GIVEN an absurd cost (a huge price, a long unit) and a field full of models
    ProviderInfo costly =
        PROBER.withProbeCost(
            new ProbeCost(
                new BigDecimal("1234567.891234567891234"), "u".repeat(80), ProbeCost.Kind.SPENDS));
    String many = DiscordInputCorpus.names(300);
    List<Modal> forms = new ArrayList<>();
    for (BotText text : BotText.values()) {
      forms.add(modal.build(text, costly, many, false, null));
      for (ProviderInfo provider : SERVICE.providers()) {
        forms.add(modal.build(text, provider, null, false, "https://relay.example"));
      }
      forms.add(modal.forCommand(text, QuotaOptions.Target.DEFAULT, null, false));
    }

    // WHEN they are built THEN every text fits, and the cost is still said first
    for (Modal form : forms) {
      assertTrue(form.getComponents().size() <= Modal.MAX_COMPONENTS);
      for (var component : form.getComponents()) {
        Label label = component.asLabel();
        assertTrue(label.getLabel().length() <= Label.LABEL_MAX_LENGTH, label.getLabel());
        String description = label.getDescription();
        assertTrue(
            description == null || description.length() <= Label.DESCRIPTION_MAX_LENGTH,
            description);
        if (label.getChild().getType() != Component.Type.TEXT_INPUT) {
          continue;
        }
        String placeholder = label.getChild().asTextInput().getPlaceHolder();
        assertTrue(
            placeholder == null || placeholder.length() <= TextInput.MAX_PLACEHOLDER_LENGTH,
            placeholder);
      }
    }
    assertTrue(
        label(forms.get(0))
            .getDescription()
            .startsWith("Each model checked costs at most 1234567.891234567891234 uuu"));
  }

  @Test
  void showsThePickerWithDetectPreselectedUnderTheBareIdWhenNoProviderWasChosen() {
    Modal unchosen = modal.forCommand(BotText.EN, QuotaOptions.Target.DEFAULT, null, false);
    Modal chosen =
        modal.forCommand(BotText.EN, QuotaOptions.Target.of("modelscope", null), null, false);

    assertEquals(QuotaModal.ID, unchosen.getId());
    assertEquals(List.of("api_key", "base_url", "models"), inputIds(unchosen));
    assertEquals(List.of(ProviderPicker.DETECT), preselected(unchosen));
    assertEquals("Qwen/Qwen3-32B\nZhipuAI/GLM-4.6", modelsInput(unchosen).getValue());
    assertEquals("quota:modelscope", chosen.getId());
    assertEquals(List.of("modelscope"), preselected(chosen));
  }

  @Test
  void checksAKeyInTheBareFormWithTheProviderItsPrefixNamesAndThatProvidersOwnModels() {
    // GIVEN the bare form, submitted with a Groq key and the models it started with
    Map<String, String> fields =
        Map.of("api_key", GROQ_KEY, "models", "Qwen/Qwen3-32B\nZhipuAI/GLM-4.6");

    // WHEN it is read
    QuotaOptions.Ready ready = readyOf(modal.parse(QuotaModal.ID, fields::get));

    // THEN Groq is asked for its own default model, never ModelScope for its models
    assertEquals("groq", ready.query().provider());
    assertEquals(List.of(TestProviders.GROQ_MODEL), ready.query().models());
    assertTrue(ready.providerFromKey());
  }

  @Test
  void checksTheModelsTypedIntoTheBareFormWithTheKeysProvider() {
    Map<String, String> fields = Map.of("api_key", GROQ_KEY, "models", "llama-3.3-70b-versatile");

    QuotaQuery query = ready(modal.parse(QuotaModal.ID, fields::get).orElseThrow());

    assertEquals("groq", query.provider());
    assertEquals(List.of("llama-3.3-70b-versatile"), query.models());
  }

  @Test
  void
      refusesInTheBareFormAKeyWhosePrefixSeveralProvidersShareOrAnEmptiedFieldForAProviderWithoutBalances() {
    Map<String, String> shared = Map.of("api_key", "sk-shared-prefix-0123456789", "models", "");
    Map<String, String> emptied = Map.of("api_key", GROQ_KEY, "models", "");

    String sharedProblem = problem(modal.parse(QuotaModal.ID, shared::get).orElseThrow());
    String emptiedProblem = problem(modal.parse(QuotaModal.ID, emptied::get).orElseThrow());

    assertTrue(sharedProblem.contains("belong to several providers"), sharedProblem);
    assertTrue(emptiedProblem.contains("name at least one model"), emptiedProblem);
    assertFalse(sharedProblem.contains("0123456789"), sharedProblem);
  }

  @Test
  void checksAKeyWithoutAKnownPrefixInTheBareFormWithTheDefaultProviderAsBefore() {
    Map<String, String> fields = Map.of("api_key", "custom-key-0123456789", "models", "a/b");

    QuotaOptions.Ready ready = readyOf(modal.parse(QuotaModal.ID, fields::get));

    assertEquals("modelscope", ready.query().provider());
    assertEquals(List.of("a/b"), ready.query().models());
    assertFalse(ready.providerFromKey());
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
  void showsABalanceOnlyProviderPreselectedInThePickerWithAGenericKeyField() {
    Modal form = modal.build(BotText.EN, BALANCE_ONLY, null, false, null);

    assertEquals("Check an API key", form.getTitle());
    assertEquals("quota:deepseek", form.getId());
    assertEquals(List.of("deepseek"), preselected(form));
    assertEquals(List.of("api_key", "base_url", "models"), inputIds(form));
    assertEquals(
        "The API key of the provider picked above. Used for this check only, never stored.",
        labelOf(form, QuotaModal.KEY_INPUT).getDescription());
    assertEquals("sk-…", input(form, 0).getPlaceHolder());
    assertNull(modelsInput(form).getValue());
    assertFalse(modelsInput(form).isRequired());
  }

  @Test
  void checksAProviderThatDeclaresNothingWithoutModelsFromItsPickerForm() {
    ProviderInfo console = SERVICE.provider("console").orElseThrow();

    Modal zh = modal.build(BotText.ZH, console, null, true, null);
    QuotaOptions.Parsed submitted =
        modal.parse(
            console,
            Map.of(QuotaModal.KEY_INPUT, "co-form0key0a1b2", QuotaModal.MODELS_INPUT, "x")::get);

    assertEquals("查询 API Key", zh.getTitle());
    assertEquals(List.of("console"), preselected(zh));
    QuotaQuery query = assertInstanceOf(QuotaOptions.Ready.class, submitted).query();
    assertEquals("console", query.provider());
    assertEquals(List.of(), query.models());
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
            "models", "deepseek-chat",
            "user_id", "42",
            "access_token", "admin-token-0123");

    QuotaQuery query = ready(modal.parse(BALANCE_ONLY, fields::get));

    assertEquals("deepseek", query.provider());
    assertNull(query.baseUrl());
    assertNull(query.admin());
    assertEquals(List.of(), query.models());
  }

  @Test
  void letsTheCoreRefuseABaseUrlTypedForAProviderThatTakesNone() {
    Map<String, String> fields =
        Map.of("api_key", "sk-balance-key-0123", "base_url", "https://relay.example");

    String problem = problem(modal.parse(BALANCE_ONLY, fields::get));

    assertTrue(problem.contains("base_url is only for relays"), problem);
    assertFalse(problem.contains("sk-balance-key"), problem);
  }

  @Test
  void runsTheProviderPickedInTheSelectWithItsOwnDefaultsWhenTheModelsAreUntouched() {
    // GIVEN the bare form (Detect pre-selected, ModelScope's defaults in the models field)
    Map<String, String> fields =
        Map.of("api_key", "gsk_picked0key0a1b2", "models", "Qwen/Qwen3-32B\nZhipuAI/GLM-4.6");

    // WHEN it is submitted with Groq picked
    QuotaOptions.Ready ready = readyOf(submitted(QuotaModal.ID, fields, "groq"));

    // THEN Groq is asked for its own default model, as chosen (not recognised from the key)
    assertEquals("groq", ready.query().provider());
    assertEquals(List.of(TestProviders.GROQ_MODEL), ready.query().models());
    assertFalse(ready.providerFromKey());
  }

  @Test
  void keepsAnEmptyModelsFieldTheFreeBalanceCheckWhenAProberIsPickedInstead() {
    // GIVEN DeepSeek's form (no default models: the field starts empty)
    Map<String, String> fields = Map.of("api_key", "ms-picked0key0a1b2", "models", "");

    // WHEN it is submitted with ModelScope picked, the field left empty
    QuotaOptions.Ready ready = readyOf(submitted("quota:deepseek", fields, "modelscope"));

    // THEN ModelScope's balance alone is read: no model probed, nothing spent
    assertEquals("modelscope", ready.query().provider());
    assertEquals(List.of(), ready.query().models());
  }

  @Test
  void checksTheModelsTypedWithTheProviderPickedInsteadOfThePreselected() {
    Map<String, String> fields = Map.of("api_key", "gsk_picked0key0a1b2", "models", "x/y");

    QuotaQuery query = ready(submitted("quota:modelscope", fields, "groq").orElseThrow());

    assertEquals("groq", query.provider());
    assertEquals(List.of("x/y"), query.models());
  }

  @Test
  void keepsThePreselectedProviderWhenTheSelectIsLeftAlone() {
    Map<String, String> fields = Map.of("api_key", "sk-kept0key0a1b2");

    QuotaQuery query = ready(submitted("quota:moonshot", fields, "moonshot").orElseThrow());

    assertEquals("moonshot", query.provider());
  }

  @Test
  void answersAPickedValueNamingNoKnownProviderAsOutOfDate() {
    Map<String, String> fields = Map.of("api_key", "sk-any0key0a1b2");

    assertTrue(submitted(QuotaModal.ID, fields, "openai").isEmpty());
  }

  @Test
  void refusesTwoChangedSelectsNamingBothPicks() {
    Map<String, String> fields = Map.of("api_key", "sk-any0key0a1b2");

    String problem =
        problem(
            submitted("quota:modelscope", fields, List.of("deepseek"), List.of("groq"))
                .orElseThrow());

    assertEquals(
        "two providers were picked (DeepSeek and Groq): run /quota again and pick one.", problem);
  }

  @Test
  void keepsTheRelaysOwnFormWithoutPickerForAProviderWithAdminAccess() {
    Modal form = modal.build(BotText.EN, RELAY, null, false, null);
    Map<String, String> fields =
        Map.of(
            "api_key", "sk-relay-key-0123",
            "base_url", "https://relay.example",
            "user_id", "7",
            "access_token", "admin-token-0123");

    QuotaQuery query = ready(submitted("quota:newapi", fields, "groq").orElseThrow());

    assertTrue(selects(form).isEmpty());
    assertEquals("newapi", query.provider());
    assertEquals("7", query.admin().userId());
  }

  /** The select(s)' values as a submitted form carries them. */
  private static Function<String, List<String>> selected(List<String> first, List<String> more) {
    return id ->
        ProviderPicker.SELECT.equals(id)
            ? first
            : ProviderPicker.MORE_SELECT.equals(id) ? more : List.of();
  }

  /** The form {@code formId} submitted in English with {@code picked} in the first select. */
  private Optional<QuotaOptions.Parsed> submitted(
      String formId, Map<String, String> fields, String picked) {
    return submitted(formId, fields, List.of(picked), List.of());
  }

  /** The form {@code formId} submitted in English with these picks in the two selects. */
  private Optional<QuotaOptions.Parsed> submitted(
      String formId, Map<String, String> fields, List<String> first, List<String> more) {
    return modal.parse(BotText.EN, formId, fields::get, selected(first, more));
  }

  private static QuotaQuery ready(QuotaOptions.Parsed parsed) {
    return assertInstanceOf(QuotaOptions.Ready.class, parsed).query();
  }

  private static QuotaOptions.Ready readyOf(Optional<QuotaOptions.Parsed> parsed) {
    return assertInstanceOf(QuotaOptions.Ready.class, parsed.orElseThrow());
  }

  private static String problem(QuotaOptions.Parsed parsed) {
    return assertInstanceOf(QuotaOptions.Invalid.class, parsed).problem();
  }

  /** The text inputs' ids, in order; the select(s) left out. */
  private static List<String> inputIds(Modal modal) {
    return modal.getComponents().stream()
        .map(component -> component.asLabel().getChild())
        .filter(child -> child.getType() == Component.Type.TEXT_INPUT)
        .map(child -> child.asTextInput().getCustomId())
        .toList();
  }

  /** The {@code index}th text input, the select(s) left out. */
  private static TextInput input(Modal modal, int index) {
    return modal.getComponents().stream()
        .map(component -> component.asLabel().getChild())
        .filter(child -> child.getType() == Component.Type.TEXT_INPUT)
        .map(child -> child.asTextInput())
        .toList()
        .get(index);
  }

  /** The Label around the models field. */
  private static Label label(Modal modal) {
    return labelOf(modal, QuotaModal.MODELS_INPUT);
  }

  private static Label labelOf(Modal modal, String customId) {
    return modal.getComponents().stream()
        .map(component -> component.asLabel())
        .filter(
            label ->
                label.getChild().getType() == Component.Type.TEXT_INPUT
                    && label.getChild().asTextInput().getCustomId().equals(customId))
        .findFirst()
        .orElseThrow();
  }

  private static TextInput modelsInput(Modal modal) {
    return label(modal).getChild().asTextInput();
  }

  /** The select(s), in order. */
  private static List<StringSelectMenu> selects(Modal modal) {
    return modal.getComponents().stream()
        .map(component -> component.asLabel().getChild())
        .filter(child -> child.getType() == Component.Type.STRING_SELECT)
        .map(child -> child.asStringSelectMenu())
        .toList();
  }

  /** The values marked as chosen in the select(s). */
  private static List<String> preselected(Modal modal) {
    return selects(modal).stream()
        .flatMap(select -> select.getOptions().stream())
        .filter(SelectOption::isDefault)
        .map(SelectOption::getValue)
        .toList();
  }
}

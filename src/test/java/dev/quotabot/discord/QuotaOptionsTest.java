package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class QuotaOptionsTest {
  private static final String KEY = "ms-0123456789abcdef-a1b2";
  private static final String GROQ_KEY = "gsk_0123456789abcdefGROQ";
  private static final String CONSOLE_KEY = "co-0123456789abcdefCONSOLE";
  private static final List<String> DEFAULTS = List.of("Qwen/Qwen3-32B", "ZhipuAI/GLM-4.6");
  private static final String RELAY = "https://relay.example/v1/";
  private static final QuotaOptions.Target DEFAULT = QuotaOptions.Target.DEFAULT;
  private final QuotaOptions options =
      TestProviders.options(
          new QuotaSettings(DEFAULTS, 3, Duration.ofSeconds(10), Duration.ofSeconds(20), 10));

  @Test
  void probesTheDefaultModelsWhenModelsIsLeftOut() {
    QuotaQuery query = ready(options.parse(KEY, null, false, DEFAULT));

    assertEquals(DEFAULTS, query.models());
    assertEquals(KEY, query.key().reveal());
  }

  @Test
  void treatsAModelsValueOfOnlySeparatorsAsLeftOut() {
    assertEquals(DEFAULTS, ready(options.parse(KEY, " , ，\n", false, DEFAULT)).models());
    assertEquals(DEFAULTS, ready(options.parse(KEY, "", false, DEFAULT)).models());
  }

  @Test
  void splitsTrimsAndDeduplicatesTheModelsTyped() {
    QuotaQuery query =
        ready(
            options.parse(
                KEY,
                " deepseek-ai/DeepSeek-V3.1, Qwen/Qwen3-32B，deepseek-ai/DeepSeek-V3.1\n",
                false,
                DEFAULT));

    assertEquals(List.of("deepseek-ai/DeepSeek-V3.1", "Qwen/Qwen3-32B"), query.models());
  }

  @Test
  void trimsTheKey() {
    assertEquals(
        KEY, ready(options.parse("  " + KEY + " \n", "a/b", false, DEFAULT)).key().reveal());
  }

  @Test
  void asksForTheKeyWhenItIsLeftOutOrBlank() {
    assertInstanceOf(
        QuotaOptions.NeedsKey.class, options.parse(null, "Qwen/Qwen3-32B", false, DEFAULT));
    assertInstanceOf(QuotaOptions.NeedsKey.class, options.parse("   ", null, false, DEFAULT));
    assertInstanceOf(QuotaOptions.NeedsKey.class, options.parse("\u200B", null, false, DEFAULT));
    assertInstanceOf(
        QuotaOptions.NeedsKey.class, options.parse("\uFEFF\u00A0", null, false, DEFAULT));
  }

  @Test
  void explainsUnusableValuesWithoutRepeatingTheKey() {
    String badKey = "ms-has a-space-inside-1234";

    QuotaOptions.Invalid invalid =
        assertInstanceOf(QuotaOptions.Invalid.class, options.parse(badKey, null, false, DEFAULT));

    assertTrue(invalid.problem().contains("spaces"), invalid.problem());
    assertFalse(invalid.problem().contains("a-space-inside"), invalid.problem());
  }

  @Test
  void refusesAKeyPastedIntoModelsWithoutEverShowingItBack() {
    String pasted = "ms-5ec7e7a1-0c0e-4b5e-9d3c-c0de5ec7e7a1";
    String sk = "sk-0123456789abcdefABCDEF0123";
    List<QuotaOptions.Parsed> answers =
        List.of(
            options.parse(null, pasted, false, DEFAULT),
            options.parse(null, "Qwen/Qwen3-32B\n" + pasted, false, DEFAULT),
            options.parse(null, pasted + "x".repeat(300), false, DEFAULT),
            options.parse(KEY, pasted.toUpperCase(), false, DEFAULT),
            options.parse(KEY, pasted, true, DEFAULT),
            options.parseForm(KEY, "a/b, " + pasted, DEFAULT),
            options.parse(null, sk, false, QuotaOptions.Target.of("newapi", null)),
            options.parse(KEY, "gpt-4o," + sk, false, QuotaOptions.Target.of("newapi", RELAY)));

    for (QuotaOptions.Parsed answer : answers) {
      QuotaOptions.Invalid invalid = assertInstanceOf(QuotaOptions.Invalid.class, answer);
      assertEquals(BotText.EN.keyInModelsProblem(), invalid.problem());
      assertFalse(invalid.problem().contains("5ec7e7a1"), invalid.problem());
    }
  }

  @Test
  void keepsModelIdsThatOnlyBeginLikeAKey() {
    for (String model :
        List.of("sk-abc", "cross-encoder/ms-marco-MiniLM-L-6-v2", "ms-swift", "sk-model-v2")) {
      assertInstanceOf(QuotaOptions.Ready.class, options.parse(KEY, model, false, DEFAULT), model);
    }
  }

  @Test
  void refusesMoreModelsThanAllowed() {
    QuotaOptions.Invalid invalid =
        assertInstanceOf(
            QuotaOptions.Invalid.class, options.parse(KEY, "a/1,a/2,a/3,a/4", false, DEFAULT));

    assertTrue(invalid.problem().contains("Too many models"), invalid.problem());
  }

  @Test
  void readsTheBalanceOnlyWhenBalanceOnlyIsSetAndSaysTheModelsWereIgnored() {
    QuotaOptions.Ready withModels =
        assertInstanceOf(
            QuotaOptions.Ready.class, options.parse(KEY, "Qwen/Qwen3-32B", true, DEFAULT));
    QuotaOptions.Ready withoutModels =
        assertInstanceOf(QuotaOptions.Ready.class, options.parse(KEY, null, true, DEFAULT));

    assertEquals(List.of(), withModels.query().models());
    assertTrue(withModels.modelsIgnored());
    assertEquals(List.of(), withoutModels.query().models());
    assertFalse(withoutModels.modelsIgnored());
    assertFalse(
        assertInstanceOf(QuotaOptions.Ready.class, options.parse(KEY, " ，", true, DEFAULT))
            .modelsIgnored());
  }

  @Test
  void ignoresEvenTooManyModelsWhenOnlyTheBalanceIsAskedFor() {
    assertEquals(List.of(), ready(options.parse(KEY, "a/1,a/2,a/3,a/4", true, DEFAULT)).models());
  }

  @Test
  void probesTheModelsTypedWhenBalanceOnlyIsFalse() {
    QuotaOptions.Ready ready =
        assertInstanceOf(QuotaOptions.Ready.class, options.parse(KEY, "a/b", false, DEFAULT));

    assertEquals(List.of("a/b"), ready.query().models());
    assertFalse(ready.modelsIgnored());
  }

  @Test
  void readsTheBalanceOnlyWhenTheFormsModelsFieldIsEmptied() {
    assertEquals(List.of(), ready(options.parseForm(KEY, "", DEFAULT)).models());
    assertEquals(List.of(), ready(options.parseForm(KEY, null, DEFAULT)).models());
    assertEquals(List.of(), ready(options.parseForm(KEY, " \n，\u3000", DEFAULT)).models());
    assertFalse(
        assertInstanceOf(QuotaOptions.Ready.class, options.parseForm(KEY, "", DEFAULT))
            .modelsIgnored());
    assertEquals(
        DEFAULTS, ready(options.parseForm(KEY, String.join("\n", DEFAULTS), DEFAULT)).models());
    assertInstanceOf(QuotaOptions.NeedsKey.class, options.parseForm(" ", "", DEFAULT));
  }

  @Test
  void treatsUnicodeSpacesAloneAsNoModelsLikeTheCoreDoes() {
    assertEquals(
        DEFAULTS, ready(options.parse(KEY, "\u3000\u00A0\u200B", false, DEFAULT)).models());
  }

  @Test
  void asksTheChosenProviderWithItsOwnDefaultModelsNotTheDefaultProviders() {
    QuotaQuery query =
        ready(options.parse(KEY, null, false, QuotaOptions.Target.of("DeepSeek ", null)));

    assertEquals("deepseek", query.provider());
    assertEquals(List.of(), query.models());
    assertNull(query.baseUrl());
  }

  @Test
  void treatsALeftOutOrBlankProviderAsTheDefaultProvider() {
    assertEquals(
        "modelscope",
        ready(options.parse(KEY, null, false, QuotaOptions.Target.of(null, null))).provider());
    assertEquals(
        "modelscope",
        ready(options.parse(KEY, null, false, QuotaOptions.Target.of(" ", null))).provider());
    assertEquals(DEFAULTS, ready(options.parse(KEY, null, false, DEFAULT)).models());
  }

  @Test
  void normalizesARelaysAddressAndLooksForTheModelsTyped() {
    QuotaQuery query =
        ready(
            options.parse(KEY, "gpt-4o, claude-3", false, QuotaOptions.Target.of("newapi", RELAY)));

    assertEquals("newapi", query.provider());
    assertEquals(URI.create("https://relay.example"), query.baseUrl());
    assertEquals(List.of("gpt-4o", "claude-3"), query.models());
    assertNull(query.admin());
  }

  @Test
  void carriesTheRelaysAdminAccessFromTheForm() {
    QuotaQuery query =
        ready(
            options.parseForm(
                KEY,
                "",
                new QuotaOptions.Target("newapi", RELAY, " 42 ", "admin-token-0123456789")));

    assertEquals("42", query.admin().userId());
    assertEquals("admin-token-0123456789", query.admin().accessToken().reveal());
    assertEquals(List.of(), query.models());
  }

  @Test
  void treatsEmptyAdminFieldsOfTheFormAsLeftOut() {
    assertNull(
        ready(options.parseForm(KEY, "", new QuotaOptions.Target("newapi", RELAY, "", " ")))
            .admin());
  }

  @Test
  void explainsTheCoresProviderRulesWithoutRepeatingASecret() {
    String token = "admin-secret-token-0123456789";

    assertTrue(
        problem(options.parse(KEY, null, false, QuotaOptions.Target.of("newapi", null)))
            .contains("needs base_url"));
    assertTrue(
        problem(options.parse(KEY, "a/b", false, QuotaOptions.Target.of("deepseek", null)))
            .contains("leave \"models\" empty"));
    assertTrue(
        problem(options.parse(KEY, null, false, QuotaOptions.Target.of("modelscope", RELAY)))
            .contains("base_url is only for relays"));
    assertTrue(
        problem(
                options.parse(
                    KEY, null, false, QuotaOptions.Target.of("newapi", "http://relay.example")))
            .contains("https://"));
    assertTrue(
        problem(options.parse(KEY, null, false, QuotaOptions.Target.of("nobody", null)))
            .contains("Unknown provider"));
    String adminProblem =
        problem(options.parseForm(KEY, "", new QuotaOptions.Target("newapi", RELAY, null, token)));
    assertTrue(adminProblem.contains("both user_id and access_token"), adminProblem);
    assertFalse(adminProblem.contains(token));
  }

  @Test
  void readsOnlyTheBalanceOfABalanceOnlyProviderWhenBalanceOnlyIsSet() {
    QuotaOptions.Ready ready =
        assertInstanceOf(
            QuotaOptions.Ready.class,
            options.parse(KEY, "a/b", true, QuotaOptions.Target.of("deepseek", null)));

    assertEquals(List.of(), ready.query().models());
    assertTrue(ready.modelsIgnored());
  }

  @Test
  void checksEverythingButTheKeyBeforeTheFormIsShown() {
    assertNull(options.problemBeforeForm(null, false, DEFAULT));
    assertNull(options.problemBeforeForm("a/b", false, QuotaOptions.Target.of("newapi", null)));
    assertNull(options.problemBeforeForm(null, false, QuotaOptions.Target.of("deepseek", null)));
    assertTrue(
        options
            .problemBeforeForm("a/b", false, QuotaOptions.Target.of("deepseek", null))
            .problem()
            .contains("balance only"));
    assertTrue(
        options
            .problemBeforeForm(null, false, QuotaOptions.Target.of("newapi", "ftp://relay"))
            .problem()
            .contains("https://"));
    assertTrue(
        options
            .problemBeforeForm(null, false, QuotaOptions.Target.of("deepseek", RELAY))
            .problem()
            .contains("only for relays"));
    assertTrue(
        options
            .problemBeforeForm("a/1,a/2,a/3,a/4", false, DEFAULT)
            .problem()
            .contains("Too many models"));
  }

  // ------------------------------------------------------------ the provider from the key

  @Test
  void asksTheProviderTheKeysPrefixNamesWithItsOwnDefaultModelsWhenNoneIsChosen() {
    // GIVEN a Groq key, no provider and no models
    // WHEN the options are read
    QuotaOptions.Ready ready =
        assertInstanceOf(QuotaOptions.Ready.class, options.parse(GROQ_KEY, null, false, DEFAULT));

    // THEN Groq is asked, for its own default model, and the answer will say why Groq
    assertEquals("groq", ready.query().provider());
    assertEquals(List.of(TestProviders.GROQ_MODEL), ready.query().models());
    assertTrue(ready.providerFromKey());
  }

  @Test
  void recognisesAPrefixBehindTheInvisibleCharactersACopyBringsAlong() {
    QuotaQuery query = ready(options.parse("\u200B " + GROQ_KEY, null, false, DEFAULT));

    assertEquals("groq", query.provider());
    assertEquals(List.of(TestProviders.GROQ_MODEL), query.models());
  }

  @Test
  void refusesAPrefixSeveralProvidersShareAndSaysToChooseOne() {
    String problem = problem(options.parse("sk-0123456789abcdefABCDEF", null, false, DEFAULT));

    assertTrue(problem.contains("Keys that start with sk- belong to several providers"), problem);
    assertTrue(problem.contains("deepseek, moonshot"), problem);
    assertFalse(problem.contains("0123456789abcdef"), problem);
  }

  @Test
  void asksTheChosenProviderWhateverTheKeysPrefixSays() {
    QuotaOptions.Ready ready =
        assertInstanceOf(
            QuotaOptions.Ready.class,
            options.parse(
                "sk-0123456789abcdef", null, false, QuotaOptions.Target.of("moonshot", null)));

    assertEquals("moonshot", ready.query().provider());
    assertFalse(ready.providerFromKey());
  }

  @Test
  void asksTheDefaultProviderForAKeyWithoutAKnownPrefixAsBefore() {
    QuotaOptions.Ready ready =
        assertInstanceOf(
            QuotaOptions.Ready.class, options.parse("custom-0123456789", null, false, DEFAULT));

    assertEquals("modelscope", ready.query().provider());
    assertEquals(DEFAULTS, ready.query().models());
    assertFalse(ready.providerFromKey());
  }

  // ------------------------------------------------------------ a provider without balances

  @Test
  void checksAProviderWithoutBalancesWithItsDefaultModelsWhenNoneAreTyped() {
    QuotaQuery query =
        ready(options.parse(GROQ_KEY, null, false, QuotaOptions.Target.of("groq", null)));

    assertEquals(List.of(TestProviders.GROQ_MODEL), query.models());
  }

  @Test
  void refusesBalanceOnlyForAProviderWithoutBalancesSayingWhatToDoInstead() {
    // GIVEN balance_only for Groq: chosen, picked by the key, or before the form
    List<String> problems =
        List.of(
            problem(options.parse(GROQ_KEY, null, true, QuotaOptions.Target.of("groq", null))),
            problem(options.parse(GROQ_KEY, "llama-3.3-70b", true, DEFAULT)),
            options.problemBeforeForm(null, true, QuotaOptions.Target.of("groq", null)).problem());

    // THEN each refusal says why, what to do, and where the balance is shown
    for (String problem : problems) {
      assertTrue(problem.startsWith("Groq has no balance an API key can read"), problem);
      assertTrue(problem.contains("Leave balance_only off"), problem);
      assertTrue(problem.contains(TestProviders.GROQ_CONSOLE), problem);
    }
  }

  // ------------------------------------------------------------ a provider with nothing to probe

  @Test
  void wordsItsOwnProblemsInTheUsersLanguage() {
    // GIVEN balance_only for Groq, which reads no balance
    QuotaOptions.Invalid invalid =
        assertInstanceOf(
            QuotaOptions.Invalid.class,
            options.parse(GROQ_KEY, null, true, QuotaOptions.Target.of("groq", null)));

    // THEN each language says it in its own words, with the console address
    for (BotText text : BotText.values()) {
      String problem = invalid.problem(text);
      assertTrue(problem.startsWith("Groq"), problem);
      assertTrue(problem.contains(TestProviders.GROQ_CONSOLE), problem);
    }
    assertTrue(invalid.problem(BotText.JA).contains("balance_only は指定しないでください"));
    assertTrue(invalid.problem(BotText.ZH).contains("没有可用 API Key 读取的余额"));
    assertFalse(invalid.problem(BotText.KO).contains("Leave balance_only off"));
  }

  @Test
  void checksAProviderThatDeclaresNothingWithoutAnyModel() {
    for (QuotaOptions.Parsed parsed :
        List.of(
            options.parse(CONSOLE_KEY, null, false, QuotaOptions.Target.of("console", null)),
            options.parse(CONSOLE_KEY, null, false, DEFAULT),
            options.parseForm(CONSOLE_KEY, null, QuotaOptions.Target.of("console", null)))) {
      QuotaQuery query = ready(parsed);
      assertEquals("console", query.provider());
      assertEquals(List.of(), query.models());
    }
  }

  @Test
  void takesBalanceOnlyForAProviderThatCallsNoModelAnyway() {
    QuotaOptions.Parsed parsed =
        options.parse(CONSOLE_KEY, null, true, QuotaOptions.Target.of("console", null));

    assertEquals(List.of(), ready(parsed).models());
    assertNull(options.problemBeforeForm(null, true, QuotaOptions.Target.of("console", null)));
  }

  @Test
  void refusesModelsForAProviderThatDeclaresNothingBeforeTheFormIsShown() {
    String problem =
        options
            .problemBeforeForm("gpt-4o", false, QuotaOptions.Target.of("console", null))
            .problem();

    assertTrue(problem.contains("leave \"models\" empty"), problem);
  }

  @Test
  void neverShowsTheAccessTokenInATargetsText() {
    String token = "admin-secret-token-0123456789";

    assertFalse(new QuotaOptions.Target("newapi", RELAY, "42", token).toString().contains(token));
  }

  private static String problem(QuotaOptions.Parsed parsed) {
    return assertInstanceOf(QuotaOptions.Invalid.class, parsed).problem();
  }

  private static QuotaQuery ready(QuotaOptions.Parsed parsed) {
    return assertInstanceOf(QuotaOptions.Ready.class, parsed).query();
  }
}

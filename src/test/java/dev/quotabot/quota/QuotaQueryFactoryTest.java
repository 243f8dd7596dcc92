package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.ProductionProviders;
import dev.quotabot.quota.net.BaseUrlRules;
import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.support.CoreDoubles;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a door's input becomes: the key and models checked, and which fields a provider takes,
 * decided by what it declares it can do. Three providers: a prober (the default, like ModelScope),
 * a balance-only one (like DeepSeek) and a relay.
 */
final class QuotaQueryFactoryTest {
  private static final String KEY = "ms-TESTKEY-1234567890abcdef";
  private static final String TOKEN = "access-token-0123456789abcdef";
  private static final String RELAY = "https://relay.example";

  private static final QuotaQueryFactory FACTORY =
      new QuotaQueryFactory(
          new QuotaSettings(
              List.of("Qwen/Qwen3-32B"), 3, Duration.ofSeconds(10), Duration.ofSeconds(20), 50),
          new ProviderRegistry(
              List.of(
                  CoreDoubles.prober(
                      (request, model) -> new CompletableFuture<>(),
                      CoreDoubles.ACCOUNT,
                      CoreDoubles.NO_CATALOG),
                  CoreDoubles.provider(
                      "deepseek", "DeepSeek", false, request -> new CompletableFuture<>()),
                  CoreDoubles.provider(
                      "newapi", "New API relay", true, request -> new CompletableFuture<>()))),
          new BaseUrlRules(false));

  // ---------------------------------------------------------------- key and models

  @Test
  void buildsAQueryForTheDefaultProviderFromAKeyAndModelPieces() {
    // GIVEN a key with whitespace around it, a comma-separated list and a repeat, no provider
    // WHEN a query is created
    QuotaQuery query = create(" " + KEY + " ", List.of("a/1, b/2", "a/1"));

    // THEN it asks the default provider, with the exact key and clean models, and nothing else
    assertEquals("modelscope", query.provider());
    assertEquals(KEY, query.key().reveal());
    assertEquals(List.of("a/1", "b/2"), query.models());
    assertNull(query.baseUrl());
    assertNull(query.admin());
  }

  @Test
  void noModelsAtAllIsTheFreeBalanceOnlyCheck() {
    // GIVEN a door that passes no collection, or one with only a null item
    // WHEN queries are created
    // THEN they ask for the balance only
    assertTrue(create(KEY, null).models().isEmpty());
    assertTrue(create(KEY, Arrays.asList((String) null)).models().isEmpty());
  }

  @Test
  void usesTheConfiguredMostModelsPerQuery() {
    // GIVEN a maximum of 3 in the settings, and 4 models
    // WHEN a query is created
    InvalidQueryException tooMany =
        assertThrows(InvalidQueryException.class, () -> create(KEY, List.of("a b c d")));

    // THEN it is refused with that limit
    assertEquals(
        "Too many models: 4 given, at most 3 per query. Split the list into smaller queries.",
        tooMany.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {KEY, "ms-testkey-1234567890ABCDEF"})
  void refusesTheKeyPastedAsAModelWithoutEchoingIt(String pasted) {
    // GIVEN the key typed into the models field as well (in any letter case)
    // WHEN a query is created
    String message = refusal(KEY, "a/1, " + pasted);

    // THEN it is refused (the model name would be shown and sent upstream) without the key
    assertEquals(KEY_IN_MODELS, message);
  }

  @Test
  void refusesTheKeyInsideATooLongModelNameWithoutQuotingIt() {
    // GIVEN the key pasted into the models field, glued to more text past the name limit
    String glued = KEY + "-".repeat(ModelList.MAX_NAME_LENGTH);

    // WHEN a query is created
    // THEN the message says where the key goes instead of quoting the name's start (the key)
    assertEquals(KEY_IN_MODELS, refusal(KEY, glued));
  }

  @Test
  void spotsTheKeyInTheModelsEvenWhenItCameWithInvisibleCharactersAround() {
    // GIVEN a key pasted with a zero-width space and a byte-order mark, and the bare key glued
    // into a too-long model name (its start would otherwise be quoted back)
    String plainKey = "Zq8vT3kLm9Xw2RbN4cYd7HfJ";
    String glued = plainKey + "-".repeat(ModelList.MAX_NAME_LENGTH);

    // WHEN a query is created
    String message = refusal("\u200B" + plainKey + "\uFEFF", glued);

    // THEN it is refused as the key in the models list, and the key is not quoted
    assertEquals(KEY_IN_MODELS, message);
  }

  // ---------------------------------------------------------------- which provider

  @Test
  void acceptsAProviderInAnyCaseWithSpacesAround() {
    assertEquals("deepseek", create(" DeepSeek ", null, null, null).provider());
  }

  @Test
  void namesTheKnownProvidersWhenOneIsUnknown() {
    assertEquals(
        "Unknown provider: use one of modelscope, deepseek, newapi.",
        refusal("openai", null, null, null));
  }

  // ---------------------------------------------------------------- fields by capability

  @Test
  void aProviderThatTakesNoModelsRefusesThem() {
    assertEquals(
        "DeepSeek reports the account balance only: leave \"models\" empty for provider deepseek.",
        refusal("deepseek", null, null, null, "deepseek-chat"));
  }

  @Test
  void aProviderThatListsTheKeysModelsTakesModels() {
    assertEquals(List.of("gpt-4o"), create("newapi", RELAY, null, null, "gpt-4o").models());
  }

  @Test
  void aProviderWithAConfiguredAddressRefusesABaseUrl() {
    // GIVEN a base URL for the balance-only provider and for the default (a prober)
    // WHEN / THEN both are refused, naming the providers that take one
    assertEquals(
        "base_url is only for relays (provider newapi); provider deepseek uses its configured"
            + " address.",
        refusal("deepseek", "https://evil.example", null, null));
    assertEquals(
        "base_url is only for relays (provider newapi); provider modelscope uses its configured"
            + " address.",
        refusal(null, "https://evil.example", null, null));
  }

  @Test
  void aBlankBaseUrlIsNoBaseUrl() {
    assertNull(create("deepseek", "  ", null, null).baseUrl());
  }

  @Test
  void aProviderWithoutAdminAccessRefusesUserIdAndAccessToken() {
    String expected = "user_id and access_token are only for relays (provider newapi).";

    assertEquals(expected, refusal("deepseek", null, "42", TOKEN));
    assertEquals(expected, refusal(null, null, null, TOKEN));
  }

  @Test
  void aRelayNeedsItsAddressAndNormalizesIt() {
    // GIVEN a relay query without an address, and one with "/v1/" at the end
    // WHEN they are created
    // THEN the first is refused saying what to add; the second's address is the site root
    assertEquals(
        "provider newapi needs base_url: the relay's address, such as https://relay.example.",
        refusal("newapi", " ", null, null));
    QuotaQuery query = create("newapi", RELAY + "/v1/", null, null);
    assertEquals(RELAY, String.valueOf(query.baseUrl()));
    assertNull(query.admin());
  }

  @Test
  void aRelayAddressIsCheckedByTheBaseUrlRules() {
    // GIVEN a plain-http relay address, refused by rules that allow https only
    // WHEN / THEN the query is refused with the rules' reason
    assertEquals(
        "base_url must start with https:// (plain http is not allowed on this server).",
        refusal("newapi", "http://relay.example", null, null));
  }

  @Test
  void theAdminBalanceNeedsBothUserIdAndAccessToken() {
    String both =
        "The admin balance needs both user_id and access_token (from the relay's personal"
            + " settings page).";
    assertEquals(both, refusal("newapi", RELAY, "42", null));
    assertEquals(both, refusal("newapi", RELAY, " ", TOKEN));

    QuotaQuery query = create("newapi", RELAY, " 42 ", TOKEN);

    assertEquals("42", query.admin().userId());
    assertEquals(TOKEN, query.admin().accessToken().reveal());
    assertFalse(query.toString().contains(TOKEN));
    assertFalse(query.admin().toString().contains(TOKEN));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "٤٢", "４２", "4٢", "-1", "1e9", "111111111111111111111"})
  void aUserIdIsAtMostTwentyAsciiDigits(String userId) {
    // Discord's form is free text: Arabic-Indic or full-width digits count as digits in Java, but
    // cannot be sent in the New-Api-User header
    assertEquals(
        "user_id must be the relay's numeric user id.", refusal("newapi", RELAY, userId, TOKEN));
  }

  @Test
  void anAccessTokenIsCheckedLikeAKeyAndNeverEchoed() {
    String message = refusal("newapi", RELAY, "42", TOKEN + "\nX: y");

    assertTrue(message.startsWith("access_token contains control characters"), message);
    assertFalse(message.contains(TOKEN), message);
  }

  // ---------------------------------------------------------------- helpers

  private static final String KEY_IN_MODELS =
      "The API key was also typed into the models list: put it only in \"api_key\", and list"
          + " model ids such as \"Qwen/Qwen3-32B\" in \"models\".";

  /** A query as the doors ask for the default provider: no provider, base URL or admin fields. */
  // ---------------------------------------------------------------- the key's prefix

  /** Every provider as the application registers them: only what they declare is used here. */
  private static final UpstreamClients CLIENTS = UpstreamClients.create(false);

  private static final QuotaQueryFactory PRODUCTION =
      new QuotaQueryFactory(
          new QuotaSettings(
              List.of("Qwen/Qwen3-32B"), 3, Duration.ofSeconds(10), Duration.ofSeconds(20), 50),
          new ProviderRegistry(ProductionProviders.all(CLIENTS)),
          new BaseUrlRules(false));

  @AfterAll
  static void closeClients() {
    CLIENTS.close();
  }

  @ParameterizedTest
  @CsvSource({
    "ms-0123abcd-4567-89ef-0123-456789abcdef, modelscope, ''",
    "sk-or-v1-0123456789abcdef0123456789abcdef, openrouter, ''",
    "sk-kimi-0123456789abcdef0123456789abcdef, kimicode, ''",
    "sk-ant-api03-0123456789abcdefghijklmnop, anthropic, claude-haiku-4-5",
    "gsk_0123456789abcdefghijklmnopqrstuv, groq, llama-3.1-8b-instant",
    "csk-0123456789abcdefghijklmnopqrstuv, cerebras, llama3.1-8b",
    "sk-proj-0123456789abcdefghijklmnopqr, openai, gpt-4o-mini",
    "sk-svcacct-0123456789abcdefghijklmno, openai, gpt-4o-mini",
    "AIzaSy0123456789abcdefghijkl, gemini, ''",
    "fw_0123456789abcdefghijklmnop, fireworks, ''",
    "bce-v3/ALTAK-0123456789/abcdef0123456789, qianfan, ''"
  })
  void aKeysPrefixPicksTheOneProviderThatDeclaresItWhenTheQueryNamesNone(
      String key, String provider, String model) {
    // GIVEN a query without a provider, its key starting with one provider's own prefix
    List<String> models = model.isEmpty() ? List.of() : List.of(model);

    // WHEN it is checked against the providers the application registers
    QuotaQuery query = PRODUCTION.create(new QueryInput(key, models, null, null, null, null));

    // THEN it asks that provider
    assertEquals(provider, query.provider());
  }

  @Test
  void aPlainSkKeyMustSayItsProviderForSeveralHandOutSuchKeys() {
    // GIVEN a key that starts with sk- and nothing longer anyone declares
    String key = "sk-0123456789abcdef0123456789abcdef";

    // WHEN it is checked without a provider
    String message =
        assertThrows(
                InvalidQueryException.class,
                () -> PRODUCTION.create(new QueryInput(key, List.of(), null, null, null, null)))
            .getMessage();

    // THEN it is refused with the providers to choose from (no guess: the key is sent nowhere)
    assertEquals(
        "Keys that start with sk- belong to several providers (newapi, deepseek, siliconflow,"
            + " moonshot, openai): say which one with \"provider\".",
        message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"xai-0123456789abcdefghijklmnop", "0123456789ab"})
  void aKeyNoProviderClaimsStaysWithTheDefaultProvider(String key) {
    assertEquals(
        "modelscope",
        PRODUCTION.create(new QueryInput(key, List.of(), null, null, null, null)).provider());
  }

  private static QuotaQuery create(
      @Nullable String rawKey, @Nullable Collection<@Nullable String> modelPieces) {
    return FACTORY.create(new QueryInput(rawKey, modelPieces, null, null, null, null));
  }

  private static String refusal(String rawKey, String models) {
    return assertThrows(InvalidQueryException.class, () -> create(rawKey, List.of(models)))
        .getMessage();
  }

  private static QuotaQuery create(
      @Nullable String provider,
      @Nullable String baseUrl,
      @Nullable String userId,
      @Nullable String token,
      String... models) {
    return FACTORY.create(new QueryInput(KEY, List.of(models), provider, baseUrl, userId, token));
  }

  private static String refusal(
      @Nullable String provider,
      @Nullable String baseUrl,
      @Nullable String userId,
      @Nullable String token,
      String... models) {
    return assertThrows(
            InvalidQueryException.class, () -> create(provider, baseUrl, userId, token, models))
        .getMessage();
  }
}

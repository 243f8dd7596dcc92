package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.net.BaseUrlRules;
import dev.quotabot.support.CoreDoubles;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Queries for providers other than ModelScope: which fields each needs, and what is refused. */
final class ProviderQueryTest {
  private static final String KEY = "sk-providerquery-0123456789";
  private static final String TOKEN = "access-token-0123456789abcdef";

  private static final QuotaQueryFactory FACTORY =
      new QuotaQueryFactory(
          new QuotaSettings(List.of(), 50, Duration.ofSeconds(5), Duration.ofSeconds(10), 5),
          new ProviderRegistry(List.of(provider("deepseek", false), provider("newapi", true))),
          new BaseUrlRules(false));

  private static BalanceProvider provider(String id, boolean needsBaseUrl) {
    return CoreDoubles.provider(id, id, needsBaseUrl, request -> new CompletableFuture<>());
  }

  private static QuotaQuery create(
      String provider, String baseUrl, String userId, String token, String... models) {
    return FACTORY.create(new QueryInput(KEY, List.of(models), provider, baseUrl, userId, token));
  }

  private static String refusal(
      String provider, String baseUrl, String userId, String token, String... models) {
    return assertThrows(
            InvalidQueryException.class, () -> create(provider, baseUrl, userId, token, models))
        .getMessage();
  }

  @Test
  void defaultsToModelScope() {
    QuotaQuery query = create(null, null, null, null, "Qwen/Qwen3-32B");

    assertTrue(query.isModelScope());
    assertNull(query.baseUrl());
  }

  @Test
  void namesTheKnownProvidersWhenOneIsUnknown() {
    String message = refusal("openai", null, null, null);

    assertTrue(message.contains("modelscope, deepseek, newapi"), message);
  }

  @Test
  void acceptsAProviderInAnyCase() {
    assertEquals("deepseek", create(" DeepSeek ", null, null, null).provider());
  }

  @Test
  void aRelayNeedsItsAddressAndNormalizesIt() {
    assertTrue(refusal("newapi", null, null, null).contains("needs base_url"));

    QuotaQuery query = create("newapi", "https://relay.example/v1/", null, null);

    assertEquals("https://relay.example", query.baseUrl().toString());
    assertNull(query.admin());
  }

  @Test
  void aProviderWithAConfiguredAddressRefusesOne() {
    assertTrue(refusal("deepseek", "https://evil.example", null, null).contains("only for relays"));
    assertTrue(refusal(null, "https://evil.example", null, null).contains("only for relays"));
  }

  @Test
  void aBalanceOnlyProviderRefusesModels() {
    assertTrue(refusal("deepseek", null, null, null, "deepseek-chat").contains("balance only"));
  }

  @Test
  void theAdminBalanceNeedsBothUserIdAndAccessToken() {
    assertTrue(refusal("newapi", "https://relay.example", "42", null).contains("both"));
    assertTrue(refusal("newapi", "https://relay.example", null, TOKEN).contains("both"));
    assertTrue(refusal("newapi", "https://relay.example", "abc", TOKEN).contains("numeric"));

    QuotaQuery query = create("newapi", "https://relay.example", " 42 ", TOKEN);

    assertEquals("42", query.admin().userId());
    assertEquals(TOKEN, query.admin().accessToken().reveal());
    assertFalse(query.toString().contains(TOKEN));
    assertFalse(query.admin().toString().contains(TOKEN));
  }

  @Test
  void aUserIdIsAsciiDigitsOnlyNotDigitsOfAnotherScript() {
    // Discord's form is free text: Arabic-Indic or full-width digits count as digits in Java, but
    // cannot be sent in the New-Api-User header
    for (String userId : new String[] {"٤٢", "４２", "4٢", "-1", "1e9", "1".repeat(21)}) {
      assertTrue(
          refusal("newapi", "https://relay.example", userId, TOKEN).contains("numeric"), userId);
    }
  }

  @Test
  void anAccessTokenWithALineBreakIsRefusedWithoutEchoingIt() {
    String message = refusal("newapi", "https://relay.example", "42", TOKEN + "\nX: y");

    assertTrue(message.contains("access_token"), message);
    assertFalse(message.contains(TOKEN), message);
  }

  @Test
  void adminAccessIsOnlyForRelays() {
    assertTrue(refusal("deepseek", null, "42", TOKEN).contains("only for relays"));
  }
}

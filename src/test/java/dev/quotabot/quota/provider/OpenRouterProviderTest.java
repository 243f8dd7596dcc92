package dev.quotabot.quota.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.AccountChecks.account;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.Fixtures;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenRouter's {@code GET /api/v1/key} against a WireMock stand-in, over real HTTP. */
final class OpenRouterProviderTest extends BalanceEndpointContractTest {
  private static final String KEY_INFO = "/api/v1/key";
  private static final String KEY = "sk-or-v1-TESTKEY-1234567890abcdef";

  @Test
  void aKeyWithoutALimitIsUnlimitedWithTheAccountCreditsUnknown() {
    // GIVEN OpenRouter answers limit:null for the key
    upstream.stubFor(
        get(urlPathEqualTo(KEY_INFO)).willReturn(response(200, "openrouter/key-unlimited.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN one key balance: unlimited, nothing claimed as available or as a limit, usage read;
    // the note says where the credits are; only /api/v1/key was asked (never /credits), with the
    // key as a Bearer token
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("openrouter", account.provider());
    assertEquals(
        List.of(
            Balance.of(Balance.Scope.KEY, "USD")
                .used(new BigDecimal("7.5"))
                .unlimited(true)
                .build()),
        account.balances());
    assertEquals(
        "This key has no spending limit: it draws on the account's credits, which only a"
            + " management key can read",
        account.note());
    assertNull(account.error());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(KEY_INFO))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
    upstream.verify(exactly(1), getRequestedFor(anyUrl()));
  }

  @Test
  void aKeyWithALimitShowsWhatIsLeftOfIt() {
    // GIVEN a key limited to 20 credits a month, 12.5 left, usage as a string, an expiry
    upstream.stubFor(
        get(urlPathEqualTo(KEY_INFO)).willReturn(response(200, "openrouter/key-with-limit.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN one key balance with what is left, the limit, the usage and the expiry; the note says
    // when the limit resets
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(
        List.of(
            Balance.of(Balance.Scope.KEY, "USD")
                .available(new BigDecimal("12.5"))
                .total(new BigDecimal("20"))
                .used(new BigDecimal("7.5"))
                .unlimited(false)
                .expiresAt(Instant.parse("2026-12-01T00:00:00Z"))
                .build()),
        account.balances());
    assertEquals("the limit resets monthly", account.note());
  }

  @Test
  void aFreeTierKeyIsNotedAndAnUnreadableExpiryIsUnknown() {
    // GIVEN a free-tier key with an expires_at that is not a time
    upstream.stubFor(
        get(urlPathEqualTo(KEY_INFO)).willReturn(response(200, "openrouter/key-free-tier.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN the free tier is noted and the expiry is unknown, not made up
    assertEquals(ProbeStatus.OK, account.status());
    assertTrue(account.note().endsWith("; free tier (no credits bought)"), account.note());
    assertEquals(
        List.of(
            Balance.of(Balance.Scope.KEY, "USD").used(new BigDecimal("0")).unlimited(true).build()),
        account.balances());
  }

  @Test
  void neverShowsTheLabelWhichHoldsPartOfTheKey() {
    // GIVEN answers whose label is the key's own shortened form
    upstream.stubFor(
        get(urlPathEqualTo(KEY_INFO)).willReturn(response(200, "openrouter/key-with-limit.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN the label is nowhere in the account
    assertEquals(ProbeStatus.OK, account.status());
    assertFalse(account.toString().contains("TESTKEY"), account.toString());
    assertNull(account.user());
  }

  @Test
  void theUsualApiBaseReachesTheSameEndpoint() {
    // GIVEN the operator configured OpenRouter's OpenAI-style base, …/api/v1
    upstream.stubFor(
        get(urlPathEqualTo(KEY_INFO)).willReturn(response(200, "openrouter/key-with-limit.json")));
    OpenRouterProvider provider =
        new OpenRouterProvider(harness.http(), URI.create(upstream.baseUrl() + "/api/v1"));

    // WHEN the key is checked
    Account account = account(provider, KEY);

    // THEN /api/v1/key was asked
    assertEquals(ProbeStatus.OK, account.status());
    upstream.verify(exactly(1), getRequestedFor(urlPathEqualTo(KEY_INFO)));
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    // GIVEN answers that echo the key wherever they can, the label included
    String[] bodies = {
      Fixtures.read("openrouter/401-echoes-key.json"),
      "{\"error\":{\"message\":\"Authorization: Bearer " + KEY + "\",\"code\":500}}",
      "<html>Bearer " + KEY + "</html>",
      "{\"data\":{\"label\":\"" + KEY + "\",\"limit\":null,\"usage\":1}}",
    };
    int[] statuses = {401, 500, 502, 200};
    // WHEN the key is checked against each
    String all = resultsFor(statuses, bodies);

    // THEN the upstream's words are there, but nowhere the key
    assertTrue(all.contains("User not found"), all);
    assertFalse(all.contains("1234567890abcdef"), all);
  }

  @Override
  Endpoint endpoint() {
    return new Endpoint(
        KEY_INFO,
        "openrouter",
        "openrouter/key-with-limit.json",
        "Internal Server Error",
        "openrouter/401-echoes-key.json",
        "User not found",
        List.of(
            "{\"data\":{\"limit\":null,",
            "{\"data\":null}",
            "{\"data\":{\"usage\":7.5}}",
            "{\"data\":{\"limit\":\"lots\",\"limit_remaining\":1}}",
            "{\"data\":{\"limit\":{\"usd\":20}}}"),
        "openrouter",
        "OpenRouter",
        KEY);
  }

  @Override
  OpenRouterProvider provider() {
    return new OpenRouterProvider(harness.http(), URI.create(upstream.baseUrl()));
  }
}

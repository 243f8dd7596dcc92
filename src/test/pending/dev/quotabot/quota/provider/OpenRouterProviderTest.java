package dev.quotabot.quota.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.provider.ProviderHarness.account;
import static dev.quotabot.support.Fixtures.response;
import static dev.quotabot.support.Numbers.assertAmount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.Fixtures;
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
    AccountBalance account = account(provider(), KEY);

    // THEN unlimited, nothing claimed as available, usage read, the note says where the credits
    // are; only /api/v1/key was asked (never /credits), with the key as a Bearer token
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("openrouter", account.provider());
    assertEquals("USD", account.unit());
    assertEquals(Boolean.TRUE, account.unlimited());
    assertNull(account.availableBalance());
    assertNull(account.totalBalance());
    assertAmount("7.5", account.used());
    assertNull(account.expiresAt());
    assertTrue(account.note().contains("no spending limit"), account.note());
    assertTrue(account.note().contains("management key"), account.note());
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
    AccountBalance account = account(provider(), KEY);

    // THEN limit, remaining, usage and expiry are read
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(Boolean.FALSE, account.unlimited());
    assertAmount("12.5", account.availableBalance());
    assertAmount("20", account.totalBalance());
    assertAmount("7.5", account.used());
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), account.expiresAt());
    assertEquals("the limit resets monthly", account.note());
  }

  @Test
  void aFreeTierKeyIsNotedAndAnUnreadableExpiryIsUnknown() {
    // GIVEN a free-tier key with an expires_at that is not a time
    upstream.stubFor(
        get(urlPathEqualTo(KEY_INFO)).willReturn(response(200, "openrouter/key-free-tier.json")));

    // WHEN the key is checked
    AccountBalance account = account(provider(), KEY);

    // THEN the free tier is noted and the expiry is unknown, not made up
    assertEquals(ProbeStatus.OK, account.status());
    assertTrue(account.note().contains("free tier"), account.note());
    assertNull(account.expiresAt());
    assertAmount("0", account.used());
  }

  @Test
  void neverShowsTheLabelWhichHoldsPartOfTheKey() {
    // GIVEN answers whose label is the key's own shortened form
    upstream.stubFor(
        get(urlPathEqualTo(KEY_INFO)).willReturn(response(200, "openrouter/key-with-limit.json")));

    // WHEN the key is checked
    AccountBalance account = account(provider(), KEY);

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
    AccountBalance account = account(provider, KEY);

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

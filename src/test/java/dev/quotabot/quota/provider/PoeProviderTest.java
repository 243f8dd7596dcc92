package dev.quotabot.quota.provider;

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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Poe's {@code GET /usage/current_balance} against a WireMock stand-in, over real HTTP. The shape
 * is Poe's documented one (https://creator.poe.com/api-reference/getCurrentBalance: {@code
 * current_point_balance}, an integer; 401 {@code authentication_error} "Invalid API key"); CodexBar
 * reads the same endpoint (steipete/CodexBar {@code docs/poe.md}). Fixtures: {@code
 * poe/balance.json} (the documented field), {@code balance-as-string.json} (a number as a string,
 * read leniently), {@code balance-zero.json}, {@code 401-echoes-key.json} (the refusal in the
 * OpenAI-style error object, echoing the key).
 */
final class PoeProviderTest extends BalanceEndpointContractTest {
  private static final String BALANCE = "/usage/current_balance";
  private static final String KEY = "poe-TESTKEY-1234567890abcdef";

  @Test
  void readsThePointBalanceWithTheBearerKey() {
    // GIVEN Poe answers the documented balance
    upstream.stubFor(get(urlPathEqualTo(BALANCE)).willReturn(response(200, "poe/balance.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN one account balance in points, exact; no note; the key went as a Bearer token
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("poe", account.provider());
    assertEquals("points", account.unit());
    assertEquals(List.of(points("1250000")), account.balances());
    assertNull(account.note());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(BALANCE))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void readsAPointBalanceSentAsAString() {
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "poe/balance-as-string.json")));

    assertEquals(List.of(points("5000")), account(provider(), KEY).balances());
  }

  @Test
  void noPointsLeftIsStillAReadWithANoteThatCallsAreRefused() {
    // GIVEN Poe reports 0 points
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "poe/balance-zero.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN 0 is shown as read (a real 0, not an unknown) and the note says calls fail with 402
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(List.of(points("0")), account.balances());
    assertTrue(account.note().contains("HTTP 402"), account.note());
  }

  @Test
  void theOpenAiStyleBaseIsTheSameAddress() {
    upstream.stubFor(get(urlPathEqualTo(BALANCE)).willReturn(response(200, "poe/balance.json")));

    Account account =
        account(new PoeProvider(harness.http(), URI.create(upstream.baseUrl() + "/v1/")), KEY);

    assertEquals(ProbeStatus.OK, account.status());
    upstream.verify(exactly(1), getRequestedFor(urlPathEqualTo(BALANCE)));
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    String[] bodies = {
      Fixtures.read("poe/401-echoes-key.json"),
      "{\"error\":{\"message\":\"Authorization: Bearer " + KEY + "\"}}",
      "<html>Bearer " + KEY + "</html>",
    };
    int[] statuses = {401, 500, 502};

    String all = resultsFor(statuses, bodies);

    assertTrue(all.contains("Invalid API key"), all);
    assertFalse(all.contains("1234567890abcdef"), all);
  }

  private static Balance points(String available) {
    return Balance.of(Balance.Scope.ACCOUNT, "points").available(new BigDecimal(available)).build();
  }

  @Override
  Endpoint endpoint() {
    return new Endpoint(
        BALANCE,
        "poe",
        "poe/balance.json",
        "internal error, try again",
        "poe/401-echoes-key.json",
        "Invalid API key",
        List.of(
            "{\"current_point_balance\":",
            "{}",
            "{\"current_point_balance\":null}",
            "{\"current_point_balance\":\"lots\"}",
            "{\"current_point_balance\":[1]}"),
        "poe",
        "Poe",
        KEY);
  }

  @Override
  PoeProvider provider() {
    return new PoeProvider(harness.http(), URI.create(upstream.baseUrl()));
  }
}

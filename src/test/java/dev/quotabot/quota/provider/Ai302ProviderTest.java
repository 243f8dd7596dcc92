package dev.quotabot.quota.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.AccountChecks.account;
import static dev.quotabot.support.AccountChecks.assertFailedWithoutNumbers;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 302.AI's {@code GET /dashboard/balance} against a WireMock stand-in, over real HTTP.
 *
 * <p>Shape: DeepChat's 302.AI client (ThinkInAIXYZ/deepchat,
 * src/main/presenter/llmProviderPresenter/providers/_302AIProvider.ts) reads {@code data.balance}
 * as a string and shows it in dollars (balance-string.json); a public 302.AI dashboard client's
 * test serves {@code {"code":0,"data":{"balance":12.3}}} (balance-number-with-code.json). That the
 * key needs the balance permission: ../shared/notes/relays.md §2b and a public balance checker's
 * 302.AI preset ("Key 需要开启余额查询权限"). 302.AI documents no refusal body, so refusals are tested by
 * status with stand-in bodies.
 */
final class Ai302ProviderTest extends BalanceEndpointContractTest {
  private static final String BALANCE = "/dashboard/balance";
  private static final String KEY = "sk-TESTKEY-1234567890abcdef";

  @Test
  void readsTheBalanceStringInUsdWithTheBearerKey() {
    // GIVEN 302.AI answers the balance as a string
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "302ai/balance-string.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN one account balance of 12.3456 USD, exactly, no note; the key went as a Bearer token
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("302ai", account.provider());
    assertEquals("USD", account.unit());
    assertEquals(List.of(usd("12.3456")), account.balances());
    assertNull(account.note());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(BALANCE))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void readsABalanceSentAsANumberBesideCodeZero() {
    // GIVEN the balance as a number, with code 0
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "302ai/balance-number-with-code.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN 12.3 USD
    assertEquals(List.of(usd("12.3")), account.balances());
  }

  @Test
  void anEmptyBalanceIsAKnownZeroWithANote() {
    // GIVEN nothing left
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "302ai/balance-zero.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN 0 USD, and the note says to top up
    assertEquals(List.of(usd("0")), account.balances());
    assertTrue(account.note().startsWith("nothing left to spend"), account.note());
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void aRefusalSaysTheKeyMayLackTheBalancePermission(int status) {
    // GIVEN 302.AI refuses the key (a body it does not document: the status decides)
    upstream.stubFor(get(urlPathEqualTo(BALANCE)).willReturn(aResponse().withStatus(status)));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN invalid_key, and the error says plainly that the key needs the balance permission
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertTrue(account.error().contains("lacks the balance permission"), account.error());
    assertTrue(account.error().contains("302.AI dashboard"), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void aNonZeroCodeInA200IsUpstreamErrorWithTheWords() {
    // GIVEN a 200 whose code is not 0
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"code\":-1,\"message\":\"something failed\",\"data\":null}")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN upstream_error with the words, nothing made up
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("something failed"), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    // GIVEN answers that echo the key wherever they can
    String[] bodies = {
      "{\"code\":-1,\"message\":\"key " + KEY + " is invalid\"}",
      "{\"message\":\"Authorization: Bearer " + KEY + "\"}",
      "<html>Bearer " + KEY + "</html>",
      "{\"code\":-1,\"message\":\"token " + KEY + " is invalid\"}",
    };
    int[] statuses = {401, 500, 502, 200};

    // WHEN the key is checked against each
    String all = resultsFor(statuses, bodies);

    // THEN the upstream's words are there, but nowhere the key
    assertTrue(all.contains("is invalid"), all);
    assertFalse(all.contains("1234567890abcdef"), all);
  }

  private static Balance usd(String available) {
    return Balance.of(Balance.Scope.ACCOUNT, "USD").available(new BigDecimal(available)).build();
  }

  @Override
  Endpoint endpoint() {
    return new Endpoint(
        BALANCE,
        "302ai",
        "302ai/balance-string.json",
        "internal server error",
        "302ai/401-echoes-key.json",
        "invalid token",
        List.of(
            "{\"data\":{\"balance\":\"12",
            "{\"data\":null}",
            "{\"data\":{\"balance\":\"lots\"}}",
            "{\"balance\":\"12.34\"}"),
        "302ai",
        "302.AI",
        KEY);
  }

  @Override
  Ai302Provider provider() {
    return new Ai302Provider(harness.http(), URI.create(upstream.baseUrl()));
  }
}

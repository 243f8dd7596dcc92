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

/** DeepSeek's {@code GET /user/balance} against a WireMock stand-in, over real HTTP. */
final class DeepSeekProviderTest extends BalanceEndpointContractTest {
  private static final String BALANCE = "/user/balance";
  private static final String KEY = "sk-TESTKEY-1234567890abcdef";

  @Test
  void readsEachCurrencyAsItsOwnBalanceWithItsSplit() {
    // GIVEN DeepSeek answers a CNY and a USD balance, amounts as strings
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "deepseek/balance-cny-and-usd.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN one account balance per currency in DeepSeek's order, each with what is left to spend
    // (DeepSeek reports no total ever held) and its split, exactly as written; no note; the call
    // carried the key as a Bearer token
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("deepseek", account.provider());
    assertEquals("CNY", account.unit());
    assertEquals(
        List.of(
            deepSeek("CNY", "110.00", "10.00", "100.00"), deepSeek("USD", "1.20", "0.00", "1.20")),
        account.balances());
    assertNull(account.note());
    assertNull(account.error());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(BALANCE))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void putsTheFundedCurrencyFirstWhenAnEmptyOneIsListedFirst() {
    // GIVEN an empty CNY entry before a funded USD one, amounts as JSON numbers
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "deepseek/balance-usd-funded-cny-empty.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN the USD money comes first, the empty CNY balance second, both with their split
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("USD", account.unit());
    assertEquals(
        List.of(deepSeek("USD", "5.5", "0.5", "5"), deepSeek("CNY", "0", "0", "0")),
        account.balances());
    assertNull(account.note());
  }

  @Test
  void saysWhenDeepSeekFindsTheBalanceNotEnoughForCalls() {
    // GIVEN is_available:false with an empty balance
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "deepseek/balance-not-available.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN the balance is still read (ok), and the note says calls will be refused
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(List.of(deepSeek("CNY", "0.00", "0.00", "0.00")), account.balances());
    assertEquals("DeepSeek says the balance is not enough for API calls.", account.note());
  }

  @Test
  void anAnswerWithoutABalanceThatIsNotAvailableSaysBoth() {
    // GIVEN is_available:false and no balance entry
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"is_available\":false,\"balance_infos\":[]}")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN upstream_error: no balance in the answer, and DeepSeek's verdict on calls
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertEquals(
        "DeepSeek's balance answer had no balance in it. DeepSeek says the balance is not enough"
            + " for API calls.",
        account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void anAnswerWithoutABalanceIsUpstreamErrorNeverZero() {
    // GIVEN an empty balance_infos list
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "deepseek/balance-no-infos.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN upstream_error, nothing made up
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void aBaseUrlEndingInV1ReachesTheSameEndpoint() {
    // GIVEN the operator configured the OpenAI-style base with /v1/
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "deepseek/balance-cny-and-usd.json")));
    DeepSeekProvider provider =
        new DeepSeekProvider(harness.http(), URI.create(upstream.baseUrl() + "/v1/"));

    // WHEN the key is checked
    Account account = account(provider, KEY);

    // THEN /user/balance was asked
    assertEquals(ProbeStatus.OK, account.status());
    upstream.verify(exactly(1), getRequestedFor(urlPathEqualTo(BALANCE)));
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    // GIVEN answers that echo the key wherever they can
    String[] bodies = {
      "{\"error\":{\"message\":\"key " + KEY + " is invalid\"}}",
      "{\"error\":\"Authorization: Bearer " + KEY + "\"}",
      "<html>Bearer " + KEY + "</html>",
      "no such key " + KEY,
      "{\"is_available\":true,\"balance_infos\":[{\"currency\":\"" + KEY + "\"}]}",
    };
    int[] statuses = {401, 500, 502, 403, 200};
    // WHEN the key is checked against each
    String all = resultsFor(statuses, bodies);

    // THEN the upstream's words are there, but no result and no log line holds the key
    assertTrue(all.contains("is invalid"), all);
    assertTrue(all.contains("no such key"), all);
    assertFalse(all.contains("1234567890abcdef"), all);
  }

  /** A DeepSeek balance: what is left to spend in {@code currency}, and its split. */
  private static Balance deepSeek(
      String currency, String available, String granted, String toppedUp) {
    return Balance.of(Balance.Scope.ACCOUNT, currency)
        .available(new BigDecimal(available))
        .part("granted", new BigDecimal(granted))
        .part("topped_up", new BigDecimal(toppedUp))
        .build();
  }

  @Override
  Endpoint endpoint() {
    return new Endpoint(
        BALANCE,
        "deepseek",
        "deepseek/balance-cny-and-usd.json",
        "internal error, please retry",
        "deepseek/401-echoes-key.json",
        "Authentication Fails",
        List.of(
            "{\"is_available\":true,\"balance_infos\":[{\"currency\":\"CNY\",",
            "{\"is_available\":true,\"balance_infos\":{\"currency\":\"CNY\"}}",
            "{\"balance_infos\":[{\"currency\":\"CNY\",\"total_balance\":\"lots\"}]}",
            "{\"balance_infos\":[{\"currency\":\"CNY\",\"total_balance\":true}]}",
            "{\"balance_infos\":[{\"currency\":{\"c\":1},\"total_balance\":\"1.00\"}]}",
            "{\"balance_infos\":[{\"currency\":\"CNY\",\"total_balance\":\"1e999999999\"}]}"),
        "deepseek",
        "DeepSeek",
        KEY);
  }

  @Override
  DeepSeekProvider provider() {
    return new DeepSeekProvider(harness.http(), URI.create(upstream.baseUrl()));
  }
}

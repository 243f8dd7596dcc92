package dev.quotabot.quota.provider;

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

import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.support.Fixtures;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Moonshot's {@code GET /v1/users/me/balance} against a WireMock stand-in, over real HTTP. */
final class MoonshotProviderTest extends BalanceEndpointContractTest {
  private static final String BALANCE = "/v1/users/me/balance";
  private static final String KEY = "sk-TESTKEY-1234567890abcdef";

  @Test
  void readsTheAvailableBalanceAndTheSplitWithTheBearerKey() {
    // GIVEN Moonshot answers the documented balance, amounts as JSON numbers
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "moonshot/balance-positive.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN one account balance in CNY (a host outside moonshot.ai): the exact available balance
    // and its split into vouchers and cash; no note; the call carried the key as a Bearer token
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("moonshot", account.provider());
    assertEquals("CNY", account.unit());
    assertEquals(List.of(moonshot("CNY", "49.58894", "46.58893", "3.00001")), account.balances());
    assertNull(account.note());
    assertNull(account.error());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(BALANCE))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void aNegativeCashBalanceStaysNegativeAndIsWarnedAboutAsADebtAndNothingToSpend() {
    // GIVEN the account owes 1.5 in cash and has no vouchers (amounts as strings)
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "moonshot/balance-negative-cash.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN the balance is as Moonshot reports it, the debt is a negative cash part, and the note
    // says it is owed and that calls are refused
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(List.of(moonshot("CNY", "-1.5", "0", "-1.5")), account.balances());
    assertEquals(
        "the account owes money (its cash balance is negative); nothing left to spend: Moonshot"
            + " refuses API calls until the account is topped up",
        account.note());
  }

  @Test
  void aDebtCoveredByVouchersIsStillWarnedAbout() {
    // GIVEN cash -3 next to 10 in vouchers: 7 available
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "moonshot/balance-negative-cash-covered-by-vouchers.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN 7 is available, the debt is the negative cash part and is noted, without saying calls
    // are refused
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(List.of(moonshot("CNY", "7", "10", "-3")), account.balances());
    assertEquals("the account owes money (its cash balance is negative)", account.note());
  }

  @Test
  void theInternationalHostReportsUsd() {
    // GIVEN Moonshot's two hosts, both answering the documented balance (names resolved to the
    // stand-in by the guarded client's resolver)
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "moonshot/balance-positive.json")));
    int port = upstream.getPort();
    try (UpstreamClient named = ProviderHarness.resolvingEveryHostToLoopback()) {
      UpstreamHttp http = named.clients().guarded(OfficialProviders.MAX_BODY_BYTES);

      // WHEN keys are checked on the international host and on the Chinese one (with /v1)
      Account ai =
          account(new MoonshotProvider(http, URI.create("http://api.moonshot.ai:" + port)), KEY);
      Account cn =
          account(
              new MoonshotProvider(http, URI.create("http://api.moonshot.cn:" + port + "/v1")),
              KEY);

      // THEN moonshot.ai amounts are USD, moonshot.cn ones CNY, both asked at the documented path
      assertEquals(List.of(moonshot("USD", "49.58894", "46.58893", "3.00001")), ai.balances());
      assertEquals("CNY", cn.unit());
      assertEquals(
          "USD", new MoonshotProvider(http, URI.create("https://moonshot.ai")).info().unit());
      upstream.verify(
          exactly(1),
          getRequestedFor(urlPathEqualTo(BALANCE))
              .withHeader("Host", equalTo("api.moonshot.ai:" + port)));
      upstream.verify(
          exactly(1),
          getRequestedFor(urlPathEqualTo(BALANCE))
              .withHeader("Host", equalTo("api.moonshot.cn:" + port)));
    }
  }

  @Test
  void aUnitGivenByTheOperatorWins() {
    // GIVEN a provider told its account is in USD, on a host that says nothing
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "moonshot/balance-positive.json")));
    MoonshotProvider provider =
        new MoonshotProvider(harness.http(), URI.create(upstream.baseUrl()), "USD");

    // WHEN the key is checked
    Account account = account(provider, KEY);

    // THEN its balance and its declared unit are USD
    assertEquals("USD", account.unit());
    assertEquals("USD", provider.info().unit());
  }

  @Test
  void aDeclaredFailureIsUpstreamError() {
    // GIVEN a 200 with a non-zero code and status false
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "moonshot/balance-declared-failure.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN upstream_error with Moonshot's words
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("account suspended"), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    // GIVEN answers that echo the key wherever they can
    String[] bodies = {
      Fixtures.read("moonshot/401-echoes-key.json"),
      "{\"error\":{\"message\":\"Authorization: Bearer " + KEY + "\"}}",
      "<html>Bearer " + KEY + "</html>",
      "{\"code\":3,\"status\":false,\"error\":\"quota of " + KEY + " exhausted\"}",
    };
    int[] statuses = {401, 500, 502, 200};
    // WHEN the key is checked against each
    String all = resultsFor(statuses, bodies);

    // THEN the upstream's words are there, but nowhere the key
    assertTrue(all.contains("Invalid Authentication"), all);
    assertTrue(all.contains("exhausted"), all);
    assertFalse(all.contains("1234567890abcdef"), all);
  }

  /** A Moonshot balance: what is left to spend, and its split into vouchers and cash. */
  private static Balance moonshot(String unit, String available, String voucher, String cash) {
    return Balance.of(Balance.Scope.ACCOUNT, unit)
        .available(new BigDecimal(available))
        .part("voucher", new BigDecimal(voucher))
        .part("cash", new BigDecimal(cash))
        .build();
  }

  @Override
  Endpoint endpoint() {
    return new Endpoint(
        BALANCE,
        "moonshot",
        "moonshot/balance-positive.json",
        "server is busy",
        "moonshot/401-echoes-key.json",
        "Invalid Authentication",
        List.of(
            "{\"code\":0,\"data\":{\"available_balance\":49.5",
            "{\"code\":0,\"status\":true}",
            "{\"code\":0,\"status\":true,\"data\":{\"voucher_balance\":1,\"cash_balance\":2}}",
            "{\"code\":0,\"status\":true,\"data\":{\"available_balance\":\"NaN\"}}",
            "{\"code\":0,\"status\":true,\"data\":{\"available_balance\":[1]}}"),
        "moonshot",
        "Moonshot",
        KEY);
  }

  @Override
  MoonshotProvider provider() {
    return new MoonshotProvider(harness.http(), URI.create(upstream.baseUrl()));
  }
}

package dev.quotabot.quota.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.provider.ProviderHarness.account;
import static dev.quotabot.quota.provider.ProviderHarness.assertFailedWithoutNumbers;
import static dev.quotabot.support.Fixtures.response;
import static dev.quotabot.support.Numbers.assertAmount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.net.UpstreamResponse;
import dev.quotabot.support.Fixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    AccountBalance account = account(provider(), KEY);

    // THEN the exact available balance in CNY (a host outside moonshot.ai), the split in the
    // note, and the call carried the key as a Bearer token
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("moonshot", account.provider());
    assertEquals("CNY", account.unit());
    assertAmount("49.58894", account.availableBalance());
    assertEquals("vouchers 46.58893 + cash 3.00001", account.note());
    assertNull(account.totalBalance());
    assertNull(account.error());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(BALANCE))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void aNegativeCashBalanceIsShownAsADebtAndNothingToSpend() {
    // GIVEN the account owes 1.5 in cash and has no vouchers (amounts as strings)
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "moonshot/balance-negative-cash.json")));

    // WHEN the key is checked
    AccountBalance account = account(provider(), KEY);

    // THEN the balance is as Moonshot reports it, and the note says it is owed and unspendable
    assertEquals(ProbeStatus.OK, account.status());
    assertAmount("-1.5", account.availableBalance());
    assertTrue(account.note().contains("the account owes 1.5 CNY"), account.note());
    assertTrue(account.note().contains("refuses API calls"), account.note());
  }

  @Test
  void aDebtCoveredByVouchersIsStillWarnedAbout() {
    // GIVEN cash -3 next to 10 in vouchers: 7 available
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "moonshot/balance-negative-cash-covered-by-vouchers.json")));

    // WHEN the key is checked
    AccountBalance account = account(provider(), KEY);

    // THEN 7 is available and the debt is noted, without saying calls are refused
    assertEquals(ProbeStatus.OK, account.status());
    assertAmount("7", account.availableBalance());
    assertEquals(
        "vouchers 10 + cash -3; the account owes 3 CNY (negative cash balance)", account.note());
  }

  @Test
  void theInternationalHostReportsUsd() throws Exception {
    // GIVEN the international platform's base, answering the documented balance
    List<URI> asked = new ArrayList<>();
    UpstreamHttp international =
        (url, headers, timeout, name) -> {
          asked.add(url);
          return CompletableFuture.completedFuture(
              new UpstreamResponse(
                  200,
                  Fixtures.read("moonshot/balance-positive.json").getBytes(StandardCharsets.UTF_8),
                  null,
                  null));
        };

    // WHEN keys are checked there and on the Chinese host
    AccountBalance ai =
        account(new MoonshotProvider(international, URI.create("https://api.moonshot.ai")), KEY);
    AccountBalance cn =
        account(new MoonshotProvider(international, URI.create("https://api.moonshot.cn/v1")), KEY);

    // THEN moonshot.ai amounts are USD, moonshot.cn ones CNY, both at the documented path
    assertEquals("USD", ai.unit());
    assertEquals("CNY", cn.unit());
    assertEquals(
        List.of(
            URI.create("https://api.moonshot.ai/v1/users/me/balance"),
            URI.create("https://api.moonshot.cn/v1/users/me/balance")),
        asked);
  }

  @Test
  void aUnitGivenByTheOperatorWins() {
    // GIVEN a provider told its account is in USD, on a host that says nothing
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "moonshot/balance-positive.json")));
    MoonshotProvider provider =
        new MoonshotProvider(harness.http(), URI.create(upstream.baseUrl()), "USD");

    // WHEN the key is checked
    AccountBalance account = account(provider, KEY);

    // THEN USD
    assertEquals("USD", account.unit());
  }

  @Test
  void aDeclaredFailureIsUpstreamError() {
    // GIVEN a 200 with a non-zero code and status false
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "moonshot/balance-declared-failure.json")));

    // WHEN the key is checked
    AccountBalance account = account(provider(), KEY);

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

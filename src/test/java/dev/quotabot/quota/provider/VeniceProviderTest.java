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
 * Venice's {@code GET /api/v1/billing/balance} against a WireMock stand-in, over real HTTP. The
 * shape is Venice's documented one (https://docs.venice.ai/api-reference/endpoint/billing/balance:
 * {@code canConsume}, {@code consumptionCurrency} USD | VCU | DIEM | BUNDLED_CREDITS | null, {@code
 * balances{diem,usd}}, {@code diemEpochAllocation}; {@code venice/balance-diem.json} is its
 * example). Errors are {@code {"error":"…"}} with 401 "Authentication failed"
 * (https://docs.venice.ai/api-reference/error-codes); an inference key gets 401 here, only an admin
 * key reads the balance (https://skills.sh/veniceai/skills/venice-billing). {@code
 * balance-usd-strings.json} sends numbers as strings; {@code balance-bundled-credits.json} and
 * {@code balance-cannot-consume.json} are the documented enum value and flag.
 */
final class VeniceProviderTest extends BalanceEndpointContractTest {
  private static final String BALANCE = "/api/v1/billing/balance";
  private static final String KEY = "venice-TESTKEY-1234567890abcdef";

  @Test
  void readsDiemWithItsEpochAllocationFirstAndUsdBesideIt() {
    // GIVEN Venice's documented example: spending DIEM, 90.5 of 100 left, 25 USD
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "venice/balance-diem.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN two balances, DIEM (the currency spent now) first with the allocation as total, then
    // USD; the key went as a Bearer token; no note
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("venice", account.provider());
    assertEquals(List.of(diem("90.5", "100"), usd("25")), account.balances());
    assertEquals("DIEM", account.unit());
    assertNull(account.note());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(BALANCE))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void usdComesFirstWhenVeniceSpendsUsd() {
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "venice/balance-usd-strings.json")));

    Account account = account(provider(), KEY);

    assertEquals(List.of(usd("12.34"), diem("0", "0")), account.balances());
    assertEquals("USD", account.unit());
  }

  @Test
  void bundledCreditsInUseAreNamedAsUnreported() {
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "venice/balance-bundled-credits.json")));

    Account account = account(provider(), KEY);

    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(VeniceProvider.BUNDLED.english(), account.note());
  }

  @Test
  void nothingToConsumeIsAReadWithANote() {
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "venice/balance-cannot-consume.json")));

    Account account = account(provider(), KEY);

    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(List.of(diem("0", "0"), usd("0")), account.balances());
    assertEquals(VeniceProvider.CANNOT_CONSUME.english(), account.note());
  }

  @Test
  void aRefusedKeyIsToldThatOnlyAnAdminKeyReadsTheBalance() {
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(401, "venice/401-echoes-key.json")));

    Account account = account(provider(), KEY);

    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertTrue(account.error().contains("Authentication failed"), account.error());
    assertTrue(account.error().endsWith(VeniceProvider.ADMIN_KEY_ONLY.english()), account.error());
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    String[] bodies = {
      Fixtures.read("venice/401-echoes-key.json"),
      "{\"error\":\"Bearer " + KEY + " is not allowed\"}",
      "<html>Bearer " + KEY + "</html>",
    };
    int[] statuses = {401, 500, 502};

    String all = resultsFor(statuses, bodies);

    assertTrue(all.contains("Authentication failed"), all);
    assertFalse(all.contains("1234567890abcdef"), all);
  }

  private static Balance diem(String available, String allocation) {
    return Balance.of(Balance.Scope.ACCOUNT, "DIEM")
        .available(new BigDecimal(available))
        .total(new BigDecimal(allocation))
        .build();
  }

  private static Balance usd(String available) {
    return Balance.of(Balance.Scope.ACCOUNT, "USD").available(new BigDecimal(available)).build();
  }

  @Override
  Endpoint endpoint() {
    return new Endpoint(
        BALANCE,
        "venice",
        "venice/balance-diem.json",
        "Internal server error",
        "venice/401-echoes-key.json",
        "Authentication failed",
        List.of(
            "{\"canConsume\":true,\"balances\":{\"diem\":",
            "{\"canConsume\":true}",
            "{\"balances\":{}}",
            "{\"balances\":{\"diem\":\"NaN\",\"usd\":null}}",
            "{\"balances\":[1,2]}"),
        "venice",
        "Venice",
        KEY);
  }

  @Override
  VeniceProvider provider() {
    return new VeniceProvider(harness.http(), URI.create(upstream.baseUrl()));
  }
}

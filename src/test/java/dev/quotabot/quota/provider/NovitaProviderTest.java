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
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Novita's {@code GET /openapi/v1/billing/balance/detail} against a WireMock stand-in, over real
 * HTTP.
 *
 * <p>Shape: novita.ai/docs/api-reference/basic-get-user-balance.md (every amount a string in
 * 1/10000 USD: {@code availableBalance} "the user's credit balance", {@code cashBalance} "the
 * remaining balance of your top-up", {@code creditLimit} "the maximum amount you can owe", {@code
 * pendingCharges}, {@code outstandingInvoices} "the amount you currently owe");
 * balance-detail-documented.json is that page's example, balance-detail-without-pending.json the
 * older revision of the page (novitaai.mintlify.dev, no {@code pendingCharges}). The error bodies
 * (401, 500) are stand-ins: Novita documents none for this endpoint.
 */
final class NovitaProviderTest extends BalanceEndpointContractTest {
  private static final String DETAIL = "/openapi/v1/billing/balance/detail";
  private static final String KEY = "sk_TESTKEY-1234567890abcdef";

  @Test
  void convertsTheDocumentedExampleExactlyAndShowsCashAndCreditApart() {
    // GIVEN Novita answers its documented example: 1000000 available, 800000 cash, 200000 credit
    upstream.stubFor(
        get(urlPathEqualTo(DETAIL))
            .willReturn(response(200, "novita/balance-detail-documented.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN 100 USD available (credit included), of which 80 cash and a 20 credit limit, exactly;
    // nothing owed; the note says the available balance includes the credit; Bearer key
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("novita", account.provider());
    assertEquals("USD", account.unit());
    Balance balance = account.balances().get(0);
    assertEquals(new BigDecimal("100.0000"), balance.available());
    assertEquals(new BigDecimal("80.0000"), balance.parts().get("cash"));
    assertEquals(new BigDecimal("20.0000"), balance.parts().get("credit_limit"));
    assertEquals(new BigDecimal("0.0000"), balance.parts().get("outstanding_invoices"));
    assertEquals(new BigDecimal("0.0000"), balance.parts().get("pending_charges"));
    assertNull(balance.total());
    assertTrue(account.note().contains("includes the credit limit"), account.note());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(DETAIL))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void keepsEveryDigitOfATenThousandthUnit() {
    // GIVEN 123456 units (12.3456 USD), no credit, the older shape without pendingCharges
    upstream.stubFor(
        get(urlPathEqualTo(DETAIL))
            .willReturn(response(200, "novita/balance-detail-without-pending.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN 12.3456 exactly, no pending charges (unknown, not 0), and no note about credit
    Balance balance = account.balances().get(0);
    assertEquals(new BigDecimal("12.3456"), balance.available());
    assertEquals(new BigDecimal("12.3456"), balance.parts().get("cash"));
    assertFalse(balance.parts().containsKey("pending_charges"));
    assertNull(account.note());
  }

  @Test
  void anAccountRunningOnCreditShowsWhatItOwes() {
    // GIVEN no cash, 5 USD of invoices outstanding, 15 USD left of a 20 USD credit limit
    upstream.stubFor(
        get(urlPathEqualTo(DETAIL)).willReturn(response(200, "novita/balance-detail-owing.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN 15 available, cash 0, what is owed as its own part
    Balance balance = account.balances().get(0);
    assertEquals(new BigDecimal("15.0000"), balance.available());
    assertEquals(new BigDecimal("0.0000"), balance.parts().get("cash"));
    assertEquals(new BigDecimal("5.0000"), balance.parts().get("outstanding_invoices"));
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    // GIVEN answers that echo the key wherever they can
    String[] bodies = {
      "{\"message\":\"key " + KEY + " is invalid\"}",
      "{\"message\":\"Authorization: Bearer " + KEY + "\"}",
      "<html>Bearer " + KEY + "</html>",
    };
    int[] statuses = {401, 500, 502};

    // WHEN the key is checked against each
    String all = resultsFor(statuses, bodies);

    // THEN the upstream's words are there, but nowhere the key
    assertTrue(all.contains("is invalid"), all);
    assertFalse(all.contains("1234567890abcdef"), all);
  }

  @Override
  Endpoint endpoint() {
    return new Endpoint(
        DETAIL,
        "novita",
        "novita/balance-detail-documented.json",
        "internal server error",
        "novita/401-echoes-key.json",
        "invalid api key",
        List.of(
            "{\"availableBalance\":\"100",
            "{\"availableBalance\":null,\"cashBalance\":\"1\"}",
            "{\"availableBalance\":\"lots\"}",
            "{\"cashBalance\":\"800000\",\"creditLimit\":\"200000\"}"),
        "novita",
        "Novita",
        KEY);
  }

  @Override
  NovitaProvider provider() {
    return new NovitaProvider(harness.http(), URI.create(upstream.baseUrl()));
  }
}

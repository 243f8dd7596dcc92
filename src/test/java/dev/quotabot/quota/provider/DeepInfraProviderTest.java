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
 * DeepInfra's {@code GET /payment/checklist?compute_owed=true} against a WireMock stand-in, over
 * real HTTP. DeepInfra documents the endpoint in its OpenAPI spec; the fields and their meaning are
 * taken from open-source clients that read it with an API key: CodexBar's DeepInfra provider as
 * ported to Rust ({@code stripe_balance}, {@code recent}, {@code limit}, {@code suspended}, {@code
 * suspend_reason}; "DeepInfra keeps prepaid funds as a negative balance; unbilled recent spend is
 * added back"; "Checklist amounts are dollars"; its test: stripe -20.5 and recent 0.5 leave 20
 * available, stripe 3 and recent 12 owe 15), quotamon's {@code deepinfra} package ("negative is
 * funds ready to spend, positive is money owed, zero means no prepaid funds"; headroom "-Stripe -
 * Recent") and tokenops' DeepInfra reader ("A negative stripe_balance is prepaid credit"). Error
 * bodies are OpenAI-style objects ({@code {"error":{"message":"Not authenticated","type":
 * "invalid_request_error",…}}}, xtekky/gpt4free#3446).
 *
 * <p>Fixtures: {@code checklist-prepaid.json} (the clients' first case, with an address that must
 * never be shown), {@code checklist-owes-suspended-with-limit.json} (their second case), {@code
 * checklist-spent-out-strings.json} (numbers as strings, nothing left), {@code
 * checklist-no-recent.json} (no unbilled usage reported).
 */
final class DeepInfraProviderTest extends BalanceEndpointContractTest {
  private static final String CHECKLIST = "/payment/checklist";
  private static final String KEY = "di-TESTKEY-1234567890abcdef";

  @Test
  void prepaidFundsLessUnbilledUsageAreWhatIsLeft() {
    // GIVEN 20.5 USD prepaid (stripe_balance -20.5) and 0.5 not yet invoiced
    upstream.stubFor(
        get(urlPathEqualTo(CHECKLIST))
            .willReturn(response(200, "deepinfra/checklist-prepaid.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN 20.0 USD is left, the split is the prepaid funds and the unbilled usage; no note, no
    // address; asked with compute_owed=true and the key as a Bearer token
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("deepinfra", account.provider());
    assertEquals(List.of(left("20.0", "20.5", "0.5")), account.balances());
    assertNull(account.note());
    assertFalse(account.toString().contains("Example Street"), account.toString());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(CHECKLIST))
            .withQueryParam("compute_owed", equalTo("true"))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void aPositiveStripeBalanceIsADebtTheSpendingLimitAndTheSuspensionAreShown() {
    // GIVEN 3 USD owed, 12 unbilled, a 50 USD spending limit, the account suspended
    upstream.stubFor(
        get(urlPathEqualTo(CHECKLIST))
            .willReturn(response(200, "deepinfra/checklist-owes-suspended-with-limit.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN -15 is left (owed), the limit is a second balance (38 of 50 left), and the note says
    // the account owes money, names the limit and DeepInfra's reason for the suspension
    assertEquals(ProbeStatus.OK, account.status());
    Balance limit =
        Balance.of(Balance.Scope.ACCOUNT, "USD")
            .available(new BigDecimal("38"))
            .total(new BigDecimal("50"))
            .used(new BigDecimal("12"))
            .build();
    assertEquals(List.of(left("-15", "-3", "12"), limit), account.balances());
    assertEquals(
        DeepInfraProvider.OWES.english()
            + "; "
            + DeepInfraProvider.LIMIT.english()
            + "; DeepInfra has suspended the account: unpaid invoice",
        account.note());
  }

  @Test
  void nothingLeftIsSaidAndAZeroLimitIsNoLimit() {
    upstream.stubFor(
        get(urlPathEqualTo(CHECKLIST))
            .willReturn(response(200, "deepinfra/checklist-spent-out-strings.json")));

    Account account = account(provider(), KEY);

    assertEquals(List.of(left("0.00", "4.25", "4.25")), account.balances());
    assertEquals(DeepInfraProvider.NOTHING_LEFT.english(), account.note());
  }

  @Test
  void withoutUnbilledUsageThePrepaidFundsAreWhatIsLeft() {
    upstream.stubFor(
        get(urlPathEqualTo(CHECKLIST))
            .willReturn(response(200, "deepinfra/checklist-no-recent.json")));

    Account account = account(provider(), KEY);

    Balance prepaid =
        Balance.of(Balance.Scope.ACCOUNT, "USD")
            .available(new BigDecimal("7.5"))
            .part("prepaid", new BigDecimal("7.5"))
            .build();
    assertEquals(List.of(prepaid), account.balances());
  }

  @Test
  void theOpenAiStyleBaseIsTheSameAddress() {
    upstream.stubFor(
        get(urlPathEqualTo(CHECKLIST))
            .willReturn(response(200, "deepinfra/checklist-prepaid.json")));

    Account account =
        account(
            new DeepInfraProvider(harness.http(), URI.create(upstream.baseUrl() + "/v1/openai")),
            KEY);

    assertEquals(ProbeStatus.OK, account.status());
    upstream.verify(exactly(1), getRequestedFor(urlPathEqualTo(CHECKLIST)));
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    String[] bodies = {
      Fixtures.read("deepinfra/401-echoes-key.json"),
      "{\"stripe_balance\":-1,\"recent\":0,\"suspended\":true,\"suspend_reason\":\"key "
          + KEY
          + "\"}",
      "<html>Bearer " + KEY + "</html>",
    };
    int[] statuses = {401, 200, 502};

    String all = resultsFor(statuses, bodies);

    assertTrue(all.contains("Not authenticated"), all);
    assertTrue(all.contains("suspended"), all);
    assertFalse(all.contains("1234567890abcdef"), all);
  }

  private static Balance left(String available, String prepaid, String unbilled) {
    return Balance.of(Balance.Scope.ACCOUNT, "USD")
        .available(new BigDecimal(available))
        .part("prepaid", new BigDecimal(prepaid))
        .part("unbilled_usage", new BigDecimal(unbilled))
        .build();
  }

  @Override
  Endpoint endpoint() {
    return new Endpoint(
        CHECKLIST,
        "deepinfra",
        "deepinfra/checklist-prepaid.json",
        "internal server error",
        "deepinfra/401-echoes-key.json",
        "Not authenticated",
        List.of(
            "{\"stripe_balance\":-20",
            "{\"recent\":1}",
            "{\"stripe_balance\":null,\"recent\":1}",
            "{\"stripe_balance\":\"Infinity\"}",
            "{\"stripe_balance\":{\"amount\":1}}"),
        "deepinfra",
        "DeepInfra",
        KEY);
  }

  @Override
  DeepInfraProvider provider() {
    return new DeepInfraProvider(harness.http(), URI.create(upstream.baseUrl()));
  }
}

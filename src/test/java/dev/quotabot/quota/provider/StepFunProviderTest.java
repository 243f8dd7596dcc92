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
 * StepFun's {@code GET /v1/accounts} against a WireMock stand-in, over real HTTP.
 *
 * <p>Shape: platform.stepfun.com/docs/zh/api-reference/accounts/get ({@code object}, {@code type}
 * prepaid/postpaid, {@code balance} 可用余额, {@code total_cash_balance} 总充值金额, {@code
 * total_voucher_balance} 总赠送金额, floats, CNY); accounts-documented.json is the page's example.
 * Amounts as strings: cc-switch's StepFun reader accepts both (its balance.rs, as a public port
 * notes). The error bodies (401, 500) are stand-ins in the OpenAI-compatible error shape: StepFun
 * documents none, so only the status and the message field are relied on.
 */
final class StepFunProviderTest extends BalanceEndpointContractTest {
  private static final String ACCOUNTS = "/v1/accounts";
  private static final String KEY = "sk-TESTKEY-1234567890abcdef";

  @Test
  void readsWhatIsLeftAndLabelsTheLifetimeTotalsAsSuchWithTheBearerKey() {
    // GIVEN StepFun answers a prepaid account: 150 left, 200 ever topped up, 50 ever granted
    upstream.stubFor(
        get(urlPathEqualTo(ACCOUNTS)).willReturn(response(200, "stepfun/accounts-prepaid.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN 150 CNY available; the lifetime totals are parts named so, never available or total;
    // the note says what they are; the key went as a Bearer token
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("stepfun", account.provider());
    assertEquals("CNY", account.unit());
    assertEquals(List.of(stepFun("150.00", "200.00", "50.00")), account.balances());
    assertNull(account.balances().get(0).total());
    assertTrue(account.note().contains("not what is left"), account.note());
    assertNull(account.error());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(ACCOUNTS))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void theDocumentedExampleIsAnEmptyBalanceNotAnError() {
    // GIVEN the documentation's example: nothing left, 26 granted over the account's life
    upstream.stubFor(
        get(urlPathEqualTo(ACCOUNTS))
            .willReturn(response(200, "stepfun/accounts-documented.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN 0 available (a known zero, not unknown), and the note says nothing is left
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(List.of(stepFun("0.00", "0.00", "26.00")), account.balances());
    assertTrue(account.note().startsWith("nothing left to spend"), account.note());
  }

  @Test
  void readsAmountsSentAsStrings() {
    // GIVEN the amounts as strings
    upstream.stubFor(
        get(urlPathEqualTo(ACCOUNTS)).willReturn(response(200, "stepfun/accounts-strings.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN the same exact amounts
    assertEquals(List.of(stepFun("13.77", "0.00", "13.77")), account.balances());
  }

  @Test
  void aPostpaidAccountSaysSoInTheNote() {
    // GIVEN a postpaid account
    upstream.stubFor(
        get(urlPathEqualTo(ACCOUNTS)).willReturn(response(200, "stepfun/accounts-postpaid.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN its balance, and a note that it is billed afterwards
    assertEquals(List.of(stepFun("5.00", "100.00", "0.00")), account.balances());
    assertTrue(account.note().startsWith("postpaid account"), account.note());
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    // GIVEN answers that echo the key wherever they can
    String[] bodies = {
      "{\"error\":{\"message\":\"key " + KEY + " is invalid\"}}",
      "{\"error\":{\"message\":\"Authorization: Bearer " + KEY + "\"}}",
      "<html>Bearer " + KEY + "</html>",
    };
    int[] statuses = {401, 500, 502};

    // WHEN the key is checked against each
    String all = resultsFor(statuses, bodies);

    // THEN the upstream's words are there, but nowhere the key
    assertTrue(all.contains("is invalid"), all);
    assertFalse(all.contains("1234567890abcdef"), all);
  }

  /** A StepFun balance in CNY: what is left, and the lifetime totals as parts. */
  private static Balance stepFun(String available, String toppedUp, String granted) {
    return Balance.of(Balance.Scope.ACCOUNT, "CNY")
        .available(new BigDecimal(available))
        .part("lifetime_topped_up", new BigDecimal(toppedUp))
        .part("lifetime_granted", new BigDecimal(granted))
        .build();
  }

  @Override
  Endpoint endpoint() {
    return new Endpoint(
        ACCOUNTS,
        "stepfun",
        "stepfun/accounts-prepaid.json",
        "internal server error",
        "stepfun/401-echoes-key.json",
        "Incorrect API key provided",
        List.of(
            "{\"object\":\"account\",\"balance\":",
            "{\"object\":\"account\",\"type\":\"prepaid\"}",
            "{\"object\":\"account\",\"balance\":\"lots\"}",
            "{\"object\":\"account\",\"balance\":null,\"total_cash_balance\":1}"),
        "stepfun",
        "StepFun",
        KEY);
  }

  @Override
  StepFunProvider provider() {
    return new StepFunProvider(harness.http(), URI.create(upstream.baseUrl()));
  }
}

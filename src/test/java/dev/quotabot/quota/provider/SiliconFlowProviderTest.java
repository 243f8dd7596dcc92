package dev.quotabot.quota.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.provider.ProviderHarness.account;
import static dev.quotabot.quota.provider.ProviderHarness.assertFailedWithoutNumbers;
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

/** SiliconFlow's {@code GET /v1/user/info} against a WireMock stand-in, over real HTTP. */
final class SiliconFlowProviderTest extends BalanceEndpointContractTest {
  private static final String INFO = "/v1/user/info";
  private static final String KEY = "sk-TESTKEY-1234567890abcdef";

  @Test
  void readsTheTotalBalanceTheSplitAndTheNameWithTheBearerKey() {
    // GIVEN SiliconFlow answers the documented user info, amounts as strings
    upstream.stubFor(
        get(urlPathEqualTo(INFO)).willReturn(response(200, "siliconflow/user-info-strings.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN one account balance: 88.88 CNY to spend, split into granted and charged; the name is
    // shown (not the e-mail), no note; the call carried the key as a Bearer token
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("siliconflow", account.provider());
    assertEquals("CNY", account.unit());
    assertEquals(List.of(siliconFlow("88.88", "0.88", "88.00")), account.balances());
    assertNull(account.note());
    assertEquals("tester", account.user());
    assertFalse(account.toString().contains("tester@example.invalid"), account.toString());
    assertNull(account.error());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(INFO))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void addsTheTwoPartsWhenTheTotalIsMissing() {
    // GIVEN no totalBalance, the parts as a number and a string, and an empty name
    upstream.stubFor(
        get(urlPathEqualTo(INFO))
            .willReturn(response(200, "siliconflow/user-info-without-total.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN the available balance is their sum, the parts are as sent, and the name is unknown
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(List.of(siliconFlow("14.5", "14", "0.5")), account.balances());
    assertNull(account.user());
  }

  @Test
  void aDeclaredFailureIsUpstreamErrorWithSiliconFlowsWords() {
    // GIVEN a 200 whose code is not 20000 and whose status is false
    upstream.stubFor(
        get(urlPathEqualTo(INFO))
            .willReturn(response(200, "siliconflow/user-info-declared-failure.json")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN upstream_error with the message, nothing made up
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("account is disabled"), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void aKeyRejectedInPlainTextIsInvalidKeyWithSiliconFlowsWords() {
    // GIVEN SiliconFlow rejects the key in plain text, not JSON
    upstream.stubFor(
        get(urlPathEqualTo(INFO)).willReturn(response(401, "siliconflow/401-invalid-token.txt")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN invalid_key with the status and SiliconFlow's words
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertTrue(account.error().contains("HTTP 401"), account.error());
    assertTrue(account.error().contains("Invalid token"), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    // GIVEN answers that echo the key wherever they can, the account name included
    String[] bodies = {
      "{\"code\":20003,\"message\":\"token " + KEY + " is invalid\"}",
      "{\"code\":50000,\"message\":\"Authorization: Bearer " + KEY + "\"}",
      "<html>Bearer " + KEY + "</html>",
      "{\"code\":20000,\"status\":true,\"data\":{\"name\":\"user "
          + KEY
          + "\",\"totalBalance\":\"1.00\"}}",
    };
    int[] statuses = {401, 500, 502, 200};
    // WHEN the key is checked against each
    String all = resultsFor(statuses, bodies);

    // THEN the upstream's words and the name are there, but nowhere the key
    assertTrue(all.contains("is invalid"), all);
    assertTrue(all.contains("user="), all);
    assertFalse(all.contains("1234567890abcdef"), all);
  }

  /** A SiliconFlow balance in CNY: what can be spent, and its split. */
  private static Balance siliconFlow(String available, String granted, String charged) {
    return Balance.of(Balance.Scope.ACCOUNT, "CNY")
        .available(new BigDecimal(available))
        .part("granted", new BigDecimal(granted))
        .part("charged", new BigDecimal(charged))
        .build();
  }

  @Override
  Endpoint endpoint() {
    return new Endpoint(
        INFO,
        "siliconflow",
        "siliconflow/user-info-strings.json",
        "internal server error",
        "siliconflow/401-echoes-key.json",
        "Invalid token",
        List.of(
            "{\"code\":20000,\"data\":{\"totalBalance\":\"88.88\"",
            "{\"code\":20000,\"status\":true,\"data\":null}",
            "{\"code\":20000,\"status\":true,\"data\":{\"totalBalance\":\"lots\"}}",
            "{\"code\":20000,\"status\":true,\"data\":{\"balance\":\"1\"}}"),
        "siliconflow",
        "SiliconFlow",
        KEY);
  }

  @Override
  SiliconFlowProvider provider() {
    return new SiliconFlowProvider(harness.http(), URI.create(upstream.baseUrl()));
  }
}

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

import dev.quotabot.UpstreamClient;
import dev.quotabot.config.ConfigKey;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.net.UpstreamHttp;
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
  void theChinaHostsRetiredEndpointSaysSoAndNamesTheInternationalHost() {
    // GIVEN the endpoint answers 410, as the China host's has since SiliconFlow retired it on
    // 2026-08-14 (rikkahub/rikkahub#1811 "硅基流动查询余额返回 410", citing SiliconFlow's release
    // notes "userinfo 接口将停止服务"; the body is not quoted there, so the status alone decides)
    upstream.stubFor(get(urlPathEqualTo(INFO)).willReturn(aResponse().withStatus(410)));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN upstream_error naming the change and the setting, never a generic failure
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(
        account.error().startsWith("SiliconFlow's balance endpoint is gone"), account.error());
    assertTrue(account.error().contains("retired this balance endpoint"), account.error());
    assertTrue(
        account
            .error()
            .contains("set provider.siliconflow.base_url to https://api.siliconflow.com"),
        account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void aDeclaredFailureSayingTheEndpointIsRetiredIsTheSameGoneEndpoint() {
    // GIVEN a 200 in SiliconFlow's envelope whose words say the endpoint is taken offline (the
    // product's rule for such words; SiliconFlow's own wording is not published)
    upstream.stubFor(
        get(urlPathEqualTo(INFO))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"code\":50010,\"message\":\"该接口已下线\",\"status\":false,"
                            + "\"data\":null}")));

    // WHEN the key is checked
    Account account = account(provider(), KEY);

    // THEN the same plain message, with SiliconFlow's words
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("该接口已下线"), account.error());
    assertTrue(account.error().contains("https://api.siliconflow.com"), account.error());
  }

  @Test
  void theDefaultIsTheInternationalHostWhichReportsUsd() {
    // GIVEN the configured default, and the international host answering (resolved to the
    // stand-in); international amounts are USD (docs.siliconflow.com/en/api-reference/userinfo;
    // public clients read api.siliconflow.com as USD and api.siliconflow.cn as CNY)
    upstream.stubFor(
        get(urlPathEqualTo(INFO)).willReturn(response(200, "siliconflow/user-info-strings.json")));
    URI configured = URI.create(ConfigKey.PROVIDER_SILICONFLOW_BASE_URL.defaultValue());
    int port = upstream.getPort();
    try (UpstreamClient named = ProviderHarness.resolvingEveryHostToLoopback()) {
      UpstreamHttp http = named.clients().guarded(OfficialProviders.MAX_BODY_BYTES);

      // WHEN keys are checked on the international host and on the China one (with /v1)
      Account com =
          account(
              new SiliconFlowProvider(http, URI.create("http://api.siliconflow.com:" + port)), KEY);
      Account cn =
          account(
              new SiliconFlowProvider(
                  http, URI.create("http://api.siliconflow.cn:" + port + "/v1")),
              KEY);

      // THEN the default is api.siliconflow.com; its amounts are USD, the China host's CNY
      assertEquals("api.siliconflow.com", configured.getHost());
      assertEquals("USD", new SiliconFlowProvider(http, configured).info().unit());
      assertEquals("USD", com.unit());
      assertEquals("USD", com.balances().get(0).unit());
      assertEquals("CNY", cn.unit());
      upstream.verify(
          exactly(1),
          getRequestedFor(urlPathEqualTo(INFO))
              .withHeader("Host", equalTo("api.siliconflow.com:" + port)));
    }
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

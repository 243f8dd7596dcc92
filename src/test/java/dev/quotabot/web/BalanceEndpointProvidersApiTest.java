package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonObject;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.RunningApp;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * StepFun, Novita, 302.AI and SiliconFlow through {@code POST /api/balance} over real HTTP, each
 * {@code provider.<id>.base_url} pointed at its own path of one WireMock. The shapes and their
 * sources are those of the providers' own tests (StepFunProviderTest, NovitaProviderTest,
 * Ai302ProviderTest, SiliconFlowProviderTest).
 */
final class BalanceEndpointProvidersApiTest {
  private static final String KEY = "sk-endpointapi-0123456789abcdefWXYZ";
  private static WireMockServer upstream;
  private static RunningApp app;

  @BeforeAll
  static void start() {
    upstream = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    upstream.start();
    app =
        RunningApp.start(
            Map.of(
                "provider.stepfun.base_url", upstream.baseUrl() + "/stepfun",
                "provider.novita.base_url", upstream.baseUrl() + "/novita",
                "provider.302ai.base_url", upstream.baseUrl() + "/ai302",
                "provider.siliconflow.base_url", upstream.baseUrl() + "/siliconflow"));
  }

  @AfterAll
  static void stop() {
    app.close();
    upstream.stop();
  }

  @BeforeEach
  void reset() {
    upstream.resetAll();
  }

  @Test
  void stepFunsLifetimeTotalsArePartsNamedSoNeverTheBalance() {
    // GIVEN StepFun answers a prepaid account: 150 CNY left, 200 topped up and 50 granted ever
    serve("/stepfun/v1/accounts", 200, "stepfun/accounts-prepaid.json");

    // WHEN its key is checked through the API
    JsonObject account = account("stepfun");

    // THEN 150 CNY available, no total, the lifetime totals as parts named so
    assertEquals("ok", account.get("status").getAsString());
    assertEquals("CNY", account.get("unit").getAsString());
    JsonObject balance = account.getAsJsonArray("balances").get(0).getAsJsonObject();
    assertEquals(new BigDecimal("150.00"), balance.get("available").getAsBigDecimal());
    assertTrue(balance.get("total").isJsonNull(), balance.toString());
    JsonObject parts = balance.getAsJsonObject("parts");
    assertEquals(new BigDecimal("200.00"), parts.get("lifetime_topped_up").getAsBigDecimal());
    assertEquals(new BigDecimal("50.00"), parts.get("lifetime_granted").getAsBigDecimal());
    upstream.verify(
        getRequestedFor(urlPathEqualTo("/stepfun/v1/accounts"))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void novitasTenThousandthsAreDollarsWithCashAndCreditApart() {
    // GIVEN Novita's documented example in 1/10000 USD
    serve(
        "/novita/openapi/v1/billing/balance/detail", 200, "novita/balance-detail-documented.json");

    // WHEN its key is checked through the API
    JsonObject account = account("novita");

    // THEN 100 USD available, of which 80 cash and a 20 credit limit, written exactly
    assertEquals("ok", account.get("status").getAsString());
    assertEquals("USD", account.get("unit").getAsString());
    JsonObject balance = account.getAsJsonArray("balances").get(0).getAsJsonObject();
    assertEquals(new BigDecimal("100.0000"), balance.get("available").getAsBigDecimal());
    JsonObject parts = balance.getAsJsonObject("parts");
    assertEquals(new BigDecimal("80.0000"), parts.get("cash").getAsBigDecimal());
    assertEquals(new BigDecimal("20.0000"), parts.get("credit_limit").getAsBigDecimal());
    assertTrue(account.get("note").getAsString().contains("credit limit"), account.toString());
  }

  @Test
  void a302AiKeyWithoutTheBalancePermissionIsToldSo() {
    // GIVEN 302.AI refuses the key with 403 (its refusal body is not documented)
    upstream.stubFor(
        get(urlPathEqualTo("/ai302/dashboard/balance")).willReturn(aResponse().withStatus(403)));

    // WHEN its key is checked through the API
    JsonObject account = account("302ai");

    // THEN invalid_key, the error naming the balance permission, no amount
    assertEquals("invalid_key", account.get("status").getAsString());
    assertTrue(
        account.get("error").getAsString().contains("lacks the balance permission"),
        account.toString());
    assertEquals(0, account.getAsJsonArray("balances").size(), account.toString());
  }

  @Test
  void a302AiBalanceIsReadInUsd() {
    // GIVEN 302.AI answers the balance as a string
    serve("/ai302/dashboard/balance", 200, "302ai/balance-string.json");

    // WHEN its key is checked through the API
    JsonObject account = account("302ai");

    // THEN 12.3456 USD
    assertEquals("ok", account.get("status").getAsString());
    assertEquals("USD", account.get("unit").getAsString());
    assertEquals(new BigDecimal("12.3456"), account.get("available_balance").getAsBigDecimal());
  }

  @Test
  void siliconFlowsRetiredEndpointIsNamedWithTheSettingToChange() {
    // GIVEN SiliconFlow's endpoint answers 410 Gone, as the China host's does since 2026-08-14
    upstream.stubFor(
        get(urlPathEqualTo("/siliconflow/v1/user/info")).willReturn(aResponse().withStatus(410)));

    // WHEN its key is checked through the API
    JsonObject account = account("siliconflow");

    // THEN upstream_error naming the change and the base_url to set, never a generic failure
    assertEquals("upstream_error", account.get("status").getAsString());
    String error = account.get("error").getAsString();
    assertTrue(error.contains("retired this balance endpoint"), error);
    assertTrue(
        error.contains("set provider.siliconflow.base_url to https://api.siliconflow.com"), error);
  }

  /** Serves the fixture at the path with the status. */
  private static void serve(String path, int status, String fixture) {
    upstream.stubFor(get(urlPathEqualTo(path)).willReturn(Fixtures.response(status, fixture)));
  }

  /**
   * Checks {@link #KEY} with the provider through the API, asserting the query ran and that the key
   * is neither in the answer nor in any log line; returns the answer's account.
   */
  private static JsonObject account(String provider) {
    try (LogCapture logs = LogCapture.open()) {
      HttpResponse<String> response =
          HttpCalls.postJson(
              app.uri("/api/balance"),
              "{\"provider\":\"" + provider + "\",\"api_key\":\"" + KEY + "\"}");
      assertEquals(200, response.statusCode(), response.body());
      assertFalse(response.body().contains(KEY), response.body());
      assertFalse(response.body().contains("0123456789abcdef"), response.body());
      assertFalse(logs.text().contains(KEY), logs.text());
      JsonObject account = HttpCalls.json(response).getAsJsonObject("account");
      assertEquals(provider, account.get("provider").getAsString());
      return account;
    }
  }
}

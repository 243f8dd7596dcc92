package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.RunningApp;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new-api relay through the real API and the guarded client: the money in the site's unit, the
 * models the key may use, and the address rules for a base_url that comes from the asker.
 */
final class RelayApiTest {
  private static final String KEY = "sk-relayapi-0123456789abcdef";
  private static WireMockServer relay;
  private static RunningApp permissive;
  private static RunningApp strict;

  @BeforeAll
  static void start() {
    relay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    relay.start();
    relay.stubFor(
        get(urlPathEqualTo("/api/status"))
            .willReturn(
                okJson(
                    "{\"success\":true,\"data\":{\"quota_per_unit\":500000,"
                        + "\"quota_display_type\":\"USD\"}}")));
    relay.stubFor(
        get(urlPathEqualTo("/api/usage/token/"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .willReturn(
                okJson(
                    "{\"code\":true,\"data\":{\"object\":\"token_usage\",\"name\":\"my-token\","
                        + "\"total_granted\":5000000,\"total_used\":1000000,"
                        + "\"total_available\":4000000,\"unlimited_quota\":false,"
                        + "\"expires_at\":0}}")));
    relay.stubFor(
        get(urlPathEqualTo("/v1/models"))
            .willReturn(
                okJson(
                    "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\"},"
                        + "{\"id\":\"claude-sonnet\",\"object\":\"model\"}]}")));
    permissive =
        RunningApp.start(
            Map.of(
                "upstream.allow_http", "true",
                "upstream.allow_private_addresses", "true"));
    strict = RunningApp.start(Map.of());
  }

  @AfterAll
  static void stop() {
    permissive.close();
    strict.close();
    relay.stop();
  }

  private static HttpResponse<String> check(RunningApp app, String baseUrl, String extra) {
    return HttpCalls.postJson(
        app.uri("/api/balance"),
        "{\"provider\":\"newapi\",\"base_url\":\""
            + baseUrl
            + "\",\"api_key\":\""
            + KEY
            + "\""
            + extra
            + "}");
  }

  @Test
  void readsARelayKeysQuotaInTheSitesUnitAndItsModels() {
    // WHEN a relay key is checked (the address pasted with /v1)
    HttpResponse<String> response = check(permissive, relay.baseUrl() + "/v1/", "");

    // THEN 4000000 quota units at 500000 per dollar are $8 left of $10, and both models are listed
    assertEquals(200, response.statusCode(), response.body());
    JsonObject body = HttpCalls.json(response);
    JsonObject account = body.getAsJsonObject("account");
    assertEquals("newapi", account.get("provider").getAsString());
    assertEquals("USD", account.get("currency").getAsString());
    assertEquals(
        0, account.get("remaining").getAsBigDecimal().compareTo(new java.math.BigDecimal("8")));
    assertEquals(
        0, account.get("total").getAsBigDecimal().compareTo(new java.math.BigDecimal("10")));
    assertEquals(0, account.get("used").getAsBigDecimal().compareTo(new java.math.BigDecimal("2")));
    assertEquals("my-token", account.get("user").getAsString());
    JsonArray data = body.getAsJsonArray("data");
    assertEquals(2, data.size());
    assertEquals("gpt-4o", data.get(0).getAsJsonObject().get("model").getAsString());
    assertTrue(body.get("success").getAsBoolean());
  }

  @Test
  void saysForEachNamedModelWhetherTheKeyMayUseIt() {
    JsonArray data =
        HttpCalls.json(check(permissive, relay.baseUrl(), ",\"models\":\"gpt-4o, gemini-pro\""))
            .getAsJsonArray("data");

    assertEquals("ok", data.get(0).getAsJsonObject().get("status").getAsString());
    assertEquals("model_unavailable", data.get(1).getAsJsonObject().get("status").getAsString());
  }

  @Test
  void refusesPlainHttpUnlessAllowed() {
    HttpResponse<String> response = check(strict, relay.baseUrl(), "");

    assertEquals(400, response.statusCode());
    assertTrue(HttpCalls.json(response).get("message").getAsString().contains("https://"));
  }

  @Test
  void neverConnectsToALoopbackRelayUnlessAllowed() {
    // GIVEN the default rules, and an https address whose name is loopback
    int before = relay.getAllServeEvents().size();
    try (LogCapture logs = LogCapture.open()) {
      // WHEN it is checked
      HttpResponse<String> response =
          check(strict, "https://localhost:" + relay.port() + "/v1", "");

      // THEN the query ran, the account says why it was refused, and nothing was sent there
      assertEquals(200, response.statusCode(), response.body());
      JsonObject account = HttpCalls.json(response).getAsJsonObject("account");
      assertFalse(account.get("status").getAsString().equals("ok"));
      assertTrue(account.get("error").getAsString().contains("loopback"), account.toString());
      assertFalse(logs.text().contains(KEY));
    }
    assertEquals(before, relay.getAllServeEvents().size());
  }

  @Test
  void refusesCredentialsInTheAddress() {
    HttpResponse<String> response = check(permissive, "https://user:pw@relay.example", "");

    assertEquals(400, response.statusCode());
    assertTrue(HttpCalls.json(response).get("message").getAsString().contains("password"));
  }

  @Test
  void sendsBothAdminHeadersForTheWallet() {
    relay.stubFor(
        get(urlPathEqualTo("/api/user/self"))
            .willReturn(
                okJson(
                    "{\"success\":true,\"data\":{\"id\":42,\"username\":\"alice\","
                        + "\"quota\":2500000,\"used_quota\":500000,\"request_count\":7}}")));

    HttpResponse<String> response =
        check(
            permissive,
            relay.baseUrl(),
            ",\"user_id\":42,\"access_token\":\"admin-token-0123456789\"");

    assertEquals(200, response.statusCode(), response.body());
    assertFalse(response.body().contains("admin-token-0123456789"));
    relay.verify(
        getRequestedFor(urlPathEqualTo("/api/user/self"))
            .withHeader("Authorization", equalTo("Bearer admin-token-0123456789"))
            .withHeader("New-Api-User", equalTo("42")));
  }
}

package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
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
 * Each relay flavour through the real API and the guarded client: the software and the operator's
 * name in {@code account.flavour} and {@code account.site}, sub2api's shapes, and the key's recent
 * spend per model; the key never in a URL, the answer or the logs. The fixtures and their sources
 * are those of the relay package's tests (RelaySiteTest, Sub2ApiUsageTest, TokenLogTest).
 */
final class RelayFlavoursApiTest {
  private static final String KEY = "sk-flavours-0123456789abcdef";
  private static WireMockServer relay;
  private static RunningApp app;

  @BeforeAll
  static void start() {
    relay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    relay.start();
    app =
        RunningApp.start(
            Map.of(
                "upstream.allow_http", "true",
                "upstream.allow_private_addresses", "true"));
  }

  @AfterAll
  static void stop() {
    app.close();
    relay.stop();
  }

  @BeforeEach
  void reset() {
    relay.resetAll();
  }

  private static void serve(String path, int status, String fixture) {
    relay.stubFor(
        get(urlPathEqualTo(path)).willReturn(Fixtures.response(status, "newapi/" + fixture)));
  }

  /** A new-api-family site with {@code statusFixture}, a limited token and the model list. */
  private static void newApiFamily(String statusFixture) {
    serve("/api/status", 200, statusFixture);
    relay.stubFor(
        get(urlPathEqualTo("/api/usage/token/"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .willReturn(Fixtures.response(200, "newapi/usage-token-limited.json")));
    serve("/v1/models", 200, "models.json");
  }

  /** A hub or one-api: no /api/usage/token/, the billing endpoints answer. */
  private static void billingOnly(String statusFixture) {
    serve("/api/status", 200, statusFixture);
    serve("/api/usage/token/", 404, "404-not-found.json");
    serve("/v1/dashboard/billing/subscription", 200, "billing-subscription.json");
    serve("/v1/dashboard/billing/usage", 200, "billing-usage.json");
    serve("/v1/models", 200, "models.json");
  }

  /** Checks {@link #KEY} and returns the answer's account, asserting the key went nowhere. */
  private static JsonObject account() {
    try (LogCapture logs = LogCapture.open()) {
      HttpResponse<String> response =
          HttpCalls.postJson(
              app.uri("/api/balance"),
              "{\"provider\":\"newapi\",\"base_url\":\""
                  + relay.baseUrl()
                  + "\",\"api_key\":\""
                  + KEY
                  + "\"}");
      assertEquals(200, response.statusCode(), response.body());
      assertFalse(response.body().contains(KEY), response.body());
      assertFalse(logs.text().contains(KEY));
      for (LoggedRequest request : relay.findAll(anyRequestedFor(anyUrl()))) {
        assertFalse(request.getUrl().contains(KEY.substring(3)), request.getUrl());
      }
      return HttpCalls.json(response).getAsJsonObject("account");
    }
  }

  private static void assertSite(JsonObject account, String flavour, String software, String name) {
    assertEquals(flavour, account.get("flavour").getAsString(), account.toString());
    JsonObject site = account.getAsJsonObject("site");
    assertEquals(software, site.get("software").getAsString());
    assertEquals(name, site.get("name").getAsString());
  }

  private static void assertAmount(String expected, com.google.gson.JsonElement actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(actual.getAsBigDecimal()), "" + actual);
  }

  @Test
  void newApiNamesItsVersionAndShowsTheKeysRecentSpendPerModel() {
    // GIVEN new-api whose operator named it "One API", with the key's log
    newApiFamily("status-newapi-v0.9.json");
    relay.stubFor(
        get(urlPathEqualTo("/api/log/token"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .willReturn(Fixtures.response(200, "newapi/log-token-mixed.json")));

    // WHEN
    JsonObject account = account();

    // THEN the software from its fields, the name the operator's, the spend in dollars, most first
    assertSite(account, "new-api v0.9.0-alpha.8", "new-api", "One API");
    JsonArray spend = account.getAsJsonArray("spend");
    assertEquals(2, spend.size(), spend.toString());
    JsonObject first = spend.get(0).getAsJsonObject();
    assertEquals("deepseek-chat", first.get("model").getAsString());
    assertAmount("2", first.get("amount"));
    assertEquals("USD", first.get("unit").getAsString());
    assertEquals(1, first.get("calls").getAsLong());
    assertTrue(account.get("note").getAsString().contains("recent"), account.toString());
  }

  @Test
  void anAnyRouterSiteRunsNewApiUnderItsOwnName() {
    newApiFamily("status-anyrouter.json");

    JsonObject account = account();

    assertSite(account, "new-api v0.8.5", "new-api", "AnyRouter");
  }

  @Test
  void oneApiIsToldByItsOwnFieldsAndHasNoLog() {
    // GIVEN one-api named "New API", without /api/usage/token/ or /api/log/token
    billingOnly("status-oneapi-v0.6.json");

    JsonObject account = account();

    assertSite(account, "one-api v0.6.10", "one-api", "New API");
    assertEquals("ok", account.get("status").getAsString());
    assertEquals(0, account.getAsJsonArray("spend").size());
  }

  @Test
  void oneHubIsToldByItsOwnFields() {
    billingOnly("status-onehub.json");

    JsonObject account = account();

    assertSite(account, "one-hub v1.0.0", "one-hub", "My Hub");
    assertAmount("15.375", account.get("available_balance"));
    // and the note says what one-hub's billing endpoints show for an unlimited token
    assertTrue(account.get("note").getAsString().contains("On one-hub"), account.toString());
  }

  @Test
  void doneHubIsToldByItsOwnFields() {
    billingOnly("status-donehub.json");

    JsonObject account = account();

    assertSite(account, "done-hub v1.3.0", "done-hub", "Done Hub");
  }

  @Test
  void veloeraIsToldByItsOwnFields() {
    // GIVEN Veloera, whose routes (Veloera/Veloera router at 8117f30) have the billing endpoints
    // but neither /api/usage/token/ nor /api/log/token
    billingOnly("status-veloera.json");

    JsonObject account = account();

    assertSite(account, "Veloera v0.4.1", "Veloera", "Veloera");
    assertAmount("15.375", account.get("available_balance"));
  }

  @Test
  void sub2apiIsToldByItsUsageRouteAndShowsAPlansWindows() {
    // GIVEN sub2api: no /api/status, a subscription plan on /v1/usage
    serve("/api/status", 404, "404-not-found.json");
    relay.stubFor(
        get(urlPathEqualTo("/v1/usage"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .willReturn(Fixtures.response(200, "newapi/sub2api-subscription.json")));
    serve("/v1/models", 200, "models.json");

    // WHEN
    JsonObject account = account();

    // THEN sub2api, the plan's remaining, its capped periods as windows, its models' spend
    assertEquals("sub2api", account.get("flavour").getAsString(), account.toString());
    assertAmount("3.5", account.get("available_balance"));
    JsonArray limits = account.getAsJsonArray("limits");
    assertEquals(2, limits.size(), limits.toString());
    JsonObject weekly = limits.get(1).getAsJsonObject();
    assertEquals("usd_per_week", weekly.get("name").getAsString());
    assertAmount("40", weekly.get("used_percent"));
    assertEquals("2026-08-20T16:00:00Z", weekly.get("resets_at").getAsString());
    assertEquals(
        "claude-sonnet-4-5",
        account.getAsJsonArray("spend").get(0).getAsJsonObject().get("model").getAsString());
  }
}

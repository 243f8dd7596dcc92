package dev.quotabot.quota.plans;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.LoopbackWireMock;
import dev.quotabot.support.RunningApp;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real product over real HTTP with each coding plan's quota endpoint standing in on its own
 * WireMock (fixtures and their sources: the provider tests of this package): {@code POST
 * /api/balance} with the plan's id answers {@code account.limits} (name, limit, remaining,
 * resets_at, used_percent), no balance, status ok; the key reaches only its plan, and appears
 * neither in the answer nor in the logs.
 */
final class CodingPlansEndToEndTest {
  private static final String GLM_KEY = "0123456789abcdef0123456789abcdef.E2ESECRETabcdef";
  private static final String MINIMAX_KEY = "sk-cp-E2EKEY-1234567890abcdefghijkl";
  private static final String KIMI_KEY = "sk-kimi-E2EKEY-1234567890abcdefghijklmnopqrstuvwxyz";

  @RegisterExtension static final WireMockExtension zhipu = LoopbackWireMock.extension();
  @RegisterExtension static final WireMockExtension zai = LoopbackWireMock.extension();
  @RegisterExtension static final WireMockExtension minimax = LoopbackWireMock.extension();
  @RegisterExtension static final WireMockExtension kimi = LoopbackWireMock.extension();

  private RunningApp app;

  @BeforeEach
  void start() {
    zhipu.stubFor(
        get(urlPathEqualTo("/api/monitor/usage/quota/limit"))
            .willReturn(response(200, "glm/limits-percent-only.json")));
    zai.stubFor(
        get(urlPathEqualTo("/api/monitor/usage/quota/limit"))
            .willReturn(response(200, "glm/200-authorization-missing.json")));
    minimax.stubFor(
        get(urlPathEqualTo("/v1/api/openplatform/coding_plan/remains"))
            .willReturn(response(200, "minimax/remains-one-model.json")));
    kimi.stubFor(
        get(urlPathEqualTo("/coding/v1/usages"))
            .willReturn(response(200, "kimicode/usages-5h-and-weekly.json")));
    app =
        RunningApp.start(
            Map.of(
                "provider.zhipu.base_url", zhipu.baseUrl(),
                "provider.zai.base_url", zai.baseUrl(),
                "provider.minimax.base_url", minimax.baseUrl(),
                "provider.kimicode.base_url", kimi.baseUrl()));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void zhipuAnswersItsWindowsAsAccountLimitsWithTheShareUsed() {
    try (LogCapture logs = LogCapture.open()) {
      HttpResponse<String> response = balance("zhipu", GLM_KEY);

      JsonObject account = readAccount(response, "zhipu");
      JsonArray limits = account.getAsJsonArray("limits");
      assertEquals(2, limits.size(), limits.toString());
      assertWindow(limits.get(0), "mcp_monthly", 100L, 72L, "2027-01-01T00:00:00Z", "28");
      assertWindow(limits.get(1), "tokens_5h", null, null, "2026-12-31T12:00:00Z", "1");
      zhipu.verify(
          exactly(1),
          getRequestedFor(urlPathEqualTo("/api/monitor/usage/quota/limit"))
              .withHeader("Authorization", equalTo(GLM_KEY)));
      assertKeyAbsent(response, logs, GLM_KEY);
    }
    zai.verify(exactly(0), anyRequestedFor(anyUrl()));
  }

  @Test
  void zaiSaysAnHttp200FailureIsAnInvalidKeyInItsOwnWords() {
    try (LogCapture logs = LogCapture.open()) {
      HttpResponse<String> response = balance("zai", GLM_KEY);

      assertEquals(200, response.statusCode(), response.body());
      JsonObject account = HttpCalls.json(response).getAsJsonObject("account");
      assertEquals("zai", account.get("provider").getAsString());
      assertEquals("invalid_key", account.get("status").getAsString());
      assertTrue(
          account.get("error").getAsString().startsWith("Z.ai rejected the key: Header中未收到"),
          account.toString());
      assertEquals(0, account.getAsJsonArray("limits").size());
      assertKeyAbsent(response, logs, GLM_KEY);
    }
    zhipu.verify(exactly(0), anyRequestedFor(anyUrl()));
  }

  @Test
  void miniMaxAnswersTheModelsWindowInCounts() {
    try (LogCapture logs = LogCapture.open()) {
      HttpResponse<String> response = balance("minimax", MINIMAX_KEY);

      JsonArray limits = readAccount(response, "minimax").getAsJsonArray("limits");
      assertEquals(1, limits.size(), limits.toString());
      assertWindow(limits.get(0), "MiniMax-M2_5h", 300L, 180L, "2026-12-31T12:00:00Z", null);
      minimax.verify(
          exactly(1),
          getRequestedFor(urlPathEqualTo("/v1/api/openplatform/coding_plan/remains"))
              .withHeader("Authorization", equalTo("Bearer " + MINIMAX_KEY)));
      assertKeyAbsent(response, logs, MINIMAX_KEY);
    }
  }

  @Test
  void aKimiCodeKeyGoesToKimiCodeByItsPrefixAndAnswersTheWeekAndTheFiveHours() {
    try (LogCapture logs = LogCapture.open()) {
      // WHEN an sk-kimi- key is checked without naming a provider
      HttpResponse<String> response =
          HttpCalls.postJson(app.uri("/api/balance"), "{\"api_key\":\"" + KIMI_KEY + "\"}");

      JsonArray limits = readAccount(response, "kimicode").getAsJsonArray("limits");
      assertEquals(2, limits.size(), limits.toString());
      assertWindow(limits.get(0), "requests_weekly", 100L, 60L, "2027-01-04T15:30:57Z", null);
      assertWindow(limits.get(1), "requests_5h", 100L, 88L, "2026-12-31T10:30:57Z", null);
      kimi.verify(
          exactly(1),
          getRequestedFor(urlPathEqualTo("/coding/v1/usages"))
              .withHeader("Authorization", equalTo("Bearer " + KIMI_KEY)));
      assertKeyAbsent(response, logs, KIMI_KEY);
    }
  }

  private HttpResponse<String> balance(String provider, String key) {
    return HttpCalls.postJson(
        app.uri("/api/balance"), "{\"provider\":\"" + provider + "\",\"api_key\":\"" + key + "\"}");
  }

  /** The read account of a plan: status ok, no balance at all, no model row. */
  private static JsonObject readAccount(HttpResponse<String> response, String provider) {
    assertEquals(200, response.statusCode(), response.body());
    JsonObject body = HttpCalls.json(response);
    assertTrue(body.get("success").getAsBoolean(), body.toString());
    assertEquals(0, body.getAsJsonArray("data").size());
    JsonObject account = body.getAsJsonObject("account");
    assertEquals(provider, account.get("provider").getAsString());
    assertEquals("ok", account.get("status").getAsString(), account.toString());
    assertEquals(0, account.getAsJsonArray("balances").size(), account.toString());
    return account;
  }

  private static void assertWindow(
      JsonElement element,
      String name,
      Long limit,
      Long remaining,
      String resetsAt,
      String usedPercent) {
    JsonObject window = element.getAsJsonObject();
    assertEquals(name, window.get("name").getAsString());
    assertEquals(limit, window.get("limit").isJsonNull() ? null : window.get("limit").getAsLong());
    assertEquals(
        remaining,
        window.get("remaining").isJsonNull() ? null : window.get("remaining").getAsLong());
    assertEquals(resetsAt, window.get("resets_at").getAsString());
    if (usedPercent == null) {
      assertTrue(window.get("used_percent").isJsonNull(), window.toString());
    } else {
      assertEquals(new BigDecimal(usedPercent), window.get("used_percent").getAsBigDecimal());
    }
  }

  private static void assertKeyAbsent(HttpResponse<String> response, LogCapture logs, String key) {
    String secret = key.substring(3, key.length() - 4);
    assertFalse(response.body().contains(secret), response.body());
    assertFalse(logs.text().contains(secret), "the key reached the logs");
  }
}

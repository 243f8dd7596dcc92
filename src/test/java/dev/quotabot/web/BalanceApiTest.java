package dev.quotabot.web;

import static dev.quotabot.support.FakeModelScope.error;
import static dev.quotabot.support.FakeModelScope.withQuota;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.ModelList;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.RunningApp;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/balance over real HTTP against the real server: the seed's contract and beyond. */
final class BalanceApiTest {
  private static final String KEY = "ms-APITEST-0123456789abcdefWXYZ";

  private static FakeModelScope modelScope;
  private static RunningApp app;

  @BeforeAll
  static void start() {
    modelScope = FakeModelScope.start(0);
    modelScope
        .model("Qwen/Qwen3-32B", withQuota(2000, 1500, 500, 20))
        .model("deepseek-ai/DeepSeek-V3.1", aResponseWithoutHeaders())
        .model(
            "nobody/NoSuchModel",
            error(
                400,
                "{\"errors\":{\"message\":\"Model id : nobody/NoSuchModel , has no provider supported\"}}"));
    app = RunningApp.start(modelScope.properties());
  }

  @AfterAll
  static void stop() {
    app.close();
    modelScope.close();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder
      aResponseWithoutHeaders() {
    return WireMock.aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody("data: {}\n\n");
  }

  private static HttpResponse<String> balance(String json, String... headers) {
    return HttpCalls.postJson(app.uri("/api/balance"), json, headers);
  }

  @Test
  void answersTheSeedContractWithStatusAndLatency() {
    // WHEN two models are queried, one with all headers and one without any
    HttpResponse<String> response =
        balance(
            "{\"models\":[\"Qwen/Qwen3-32B\",\"deepseek-ai/DeepSeek-V3.1\"],\"api_key\":\""
                + KEY
                + "\"}");

    // THEN both are successes, numbers are exact and unknown ones are null (never 0)
    assertEquals(200, response.statusCode());
    assertEquals(
        "application/json; charset=utf-8",
        response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    JsonObject body = HttpCalls.json(response);
    assertTrue(body.get("success").getAsBoolean());
    assertEquals("成功查询 2 个模型的余额信息", body.get("message").getAsString());
    assertEquals("ms-…WXYZ", body.get("key_fingerprint").getAsString());
    assertFalse(response.body().contains(KEY), "the key is named only by its fingerprint");
    JsonArray data = body.getAsJsonArray("data");
    assertEquals(2, data.size());

    JsonObject known = data.get(0).getAsJsonObject();
    assertEquals("Qwen/Qwen3-32B", known.get("model").getAsString());
    assertEquals(2000, known.get("request_limit").getAsLong());
    assertEquals(1500, known.get("request_remaining").getAsLong());
    assertEquals(500, known.get("model_request_limit").getAsLong());
    assertEquals(20, known.get("model_request_remaining").getAsLong());
    assertTrue(known.get("error").isJsonNull());
    assertEquals("ok", known.get("status").getAsString());
    assertTrue(known.get("latency_ms").getAsLong() >= 0);

    JsonObject unknown = data.get(1).getAsJsonObject();
    assertEquals("no_quota_headers", unknown.get("status").getAsString());
    for (String field :
        List.of(
            "request_limit",
            "request_remaining",
            "model_request_limit",
            "model_request_remaining",
            "error")) {
      assertTrue(
          unknown.has(field) && unknown.get(field).isJsonNull(),
          field + " must be present and null");
    }
    assertFalse(unknown.get("note").getAsString().isBlank());
  }

  @Test
  void reportsPartialFailureWithHttp200AndCount() {
    // WHEN one of two models has no provider
    HttpResponse<String> response =
        balance("{\"models\":\"Qwen/Qwen3-32B, nobody/NoSuchModel\",\"api_key\":\"" + KEY + "\"}");

    // THEN the query ran (200), success is false and the message counts the successes
    assertEquals(200, response.statusCode());
    JsonObject body = HttpCalls.json(response);
    assertFalse(body.get("success").getAsBoolean());
    assertEquals("成功查询 1/2 个模型的余额信息", body.get("message").getAsString());
    assertEquals(2, body.get("models_total").getAsInt());
    assertEquals(1, body.get("models_succeeded").getAsInt());
    JsonObject failed = body.getAsJsonArray("data").get(1).getAsJsonObject();
    assertEquals("model_unavailable", failed.get("status").getAsString());
    assertTrue(failed.get("error").getAsString().contains("no provider"));
  }

  @Test
  void acceptsTheKeyAsBearerHeaderAndModelsAsOneString() {
    // WHEN the key comes in the Authorization header and models as one messy string
    HttpResponse<String> response =
        balance(
            "{\"models\":\" Qwen/Qwen3-32B，\\nQwen/Qwen3-32B  deepseek-ai/DeepSeek-V3.1 ,\"}",
            "Authorization",
            "Bearer " + KEY);

    // THEN the models are split, trimmed and de-duplicated in order, and the key reached upstream
    assertEquals(200, response.statusCode());
    JsonArray data = HttpCalls.json(response).getAsJsonArray("data");
    assertEquals(2, data.size());
    assertEquals("Qwen/Qwen3-32B", data.get(0).getAsJsonObject().get("model").getAsString());
    assertEquals(
        "deepseek-ai/DeepSeek-V3.1", data.get(1).getAsJsonObject().get("model").getAsString());
    modelScope
        .server()
        .verify(
            WireMock.postRequestedFor(WireMock.urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + KEY)));
  }

  @Test
  void neverLogsTheKeyTheBodyOrTheQueryString() {
    try (LogCapture logs = LogCapture.open()) {
      // WHEN the key is sent in the body, in a header, and (wrongly) in the URL
      balance(
          "{\"models\":[\"Qwen/Qwen3-32B\",\"nobody/NoSuchModel\"],\"api_key\":\"" + KEY + "\"}");
      balance("{\"models\":[\"Qwen/Qwen3-32B\"]}", "Authorization", "Bearer " + KEY);
      HttpResponse<String> inUrl =
          HttpCalls.postJson(app.uri("/api/balance?api_key=" + KEY), "{\"models\":[\"a\"]}");
      balance("{\"models\":[\"Qwen/Qwen3-32B\"],\"api_key\":\"" + KEY + "\r\n\"}");

      // THEN the URL key is refused, and no log line holds the key (the access log has run)
      assertEquals(400, inUrl.statusCode());
      assertFalse(HttpCalls.json(inUrl).get("message").getAsString().contains(KEY));
      assertTrue(logs.text().contains("/api/balance"), "access log lines were captured");
      assertFalse(logs.text().contains(KEY), "the key reached a log line");
      assertFalse(logs.text().contains("APITEST"), "part of the key reached a log line");
    }
  }

  @Test
  void servesHealthInTheSeedShape() {
    HttpResponse<String> response = HttpCalls.get(app.uri("/health"));

    assertEquals(200, response.statusCode());
    JsonObject body = HttpCalls.json(response);
    assertEquals("healthy", body.get("status").getAsString());
    assertEquals("ModelScope Balance Query", body.get("service").getAsString());
  }

  @Test
  void givesThePageItsDefaults() {
    JsonObject settings = HttpCalls.json(HttpCalls.get(app.uri("/api/config")));

    assertTrue(settings.getAsJsonArray("default_models").size() > 0);
    assertEquals(50, settings.get("max_models").getAsInt());
    // the server's own separators, which the page splits the models field with
    assertEquals(ModelList.SEPARATOR_CLASS, settings.get("model_separator").getAsString());
  }
}

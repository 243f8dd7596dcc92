package dev.quotabot.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * ModelScope API-Inference on loopback: per-model answers to the probe ({@code POST
 * /v1/chat/completions}) and the model list ({@code GET /v1/models}). Unknown models get the 400
 * "no provider" answer, so WireMock never logs an unmatched request (which would print its headers,
 * key included).
 */
public final class FakeModelScope implements AutoCloseable {
  private static final String CHAT = "/v1/chat/completions";
  private static final String BALANCE = "/openapi/v1/magicubes/balance";
  private static final String USER = "/openapi/v1/users/me";

  /** ModelScope's answer for an account with 250 魔粒 and nothing frozen. */
  public static final String BALANCE_250 =
      "{\"success\":true,\"request_id\":\"r-1\",\"data\":{\"total_balance\":250,"
          + "\"available_balance\":250,\"frozen_amount\":0}}";

  private final WireMockServer server;

  private FakeModelScope(WireMockServer server) {
    this.server = server;
  }

  /**
   * @param delayMs how long every probe answer takes
   */
  public static FakeModelScope start(int delayMs) {
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    FakeModelScope fake = new FakeModelScope(server);
    server.stubFor(
        post(urlPathEqualTo(CHAT))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withFixedDelay(delayMs)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"errors\":{\"message\":\"Model id : unknown , has no provider"
                            + " supported\",\"request_id\":\"r-1\"}}")));
    server.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(modelList(List.of()))));
    fake.balance(okJson(BALANCE_250));
    server.stubFor(
        get(urlPathEqualTo(USER))
            .willReturn(okJson("{\"success\":true,\"data\":{\"name\":\"tester\"}}")));
    return fake;
  }

  public String apiBaseUrl() {
    return "http://127.0.0.1:" + server.port() + "/v1";
  }

  /** The value for {@code modelscope.openapi_base_url}. */
  public String openApiBaseUrl() {
    return "http://127.0.0.1:" + server.port() + "/openapi/v1";
  }

  /** Both ModelScope base URLs, as bot.properties entries. */
  public java.util.Map<String, String> properties() {
    return java.util.Map.of(
        "modelscope.api_base_url", apiBaseUrl(), "modelscope.openapi_base_url", openApiBaseUrl());
  }

  /** The balance endpoint gives this answer. */
  public void balance(ResponseDefinitionBuilder answer) {
    server.stubFor(get(urlPathEqualTo(BALANCE)).willReturn(answer));
  }

  public WireMockServer server() {
    return server;
  }

  /** The model answers 200 with all four quota headers. */
  public void quota(
      String model, long limit, long remaining, long modelLimit, long modelRemaining, int delayMs) {
    model(model, withQuota(limit, remaining, modelLimit, modelRemaining).withFixedDelay(delayMs));
  }

  /** The model answers 200 without quota headers (the numbers are unknown). */
  public void noHeaders(String model, int delayMs) {
    model(model, streamed(200, delayMs));
  }

  /** The model answers 429: its daily limit is used up. */
  public void limitReached(String model, int delayMs) {
    model(
        model,
        aResponse()
            .withStatus(429)
            .withFixedDelay(delayMs)
            .withHeader("Content-Type", "application/json")
            .withHeader("modelscope-ratelimit-requests-limit", "2000")
            .withHeader("modelscope-ratelimit-requests-remaining", "1500")
            .withHeader("modelscope-ratelimit-model-requests-limit", "500")
            .withHeader("modelscope-ratelimit-model-requests-remaining", "0")
            .withBody(
                "{\"error\":{\"code\":\"too_many_requests\",\"message\":\"今日该模型"
                    + "达到使用量上限\",\"type\":\"rate_limit_error\"}}"));
  }

  /** The model gets this answer, whatever it is. */
  public FakeModelScope model(String model, ResponseDefinitionBuilder response) {
    server.stubFor(
        post(urlPathEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
            .willReturn(response));
    return this;
  }

  /** A 200 answer with all four quota headers. */
  public static ResponseDefinitionBuilder withQuota(
      long limit, long remaining, long modelLimit, long modelRemaining) {
    return streamed(200, 0)
        .withHeader("modelscope-ratelimit-requests-limit", Long.toString(limit))
        .withHeader("modelscope-ratelimit-requests-remaining", Long.toString(remaining))
        .withHeader("modelscope-ratelimit-model-requests-limit", Long.toString(modelLimit))
        .withHeader("modelscope-ratelimit-model-requests-remaining", Long.toString(modelRemaining));
  }

  /** An error answer with a JSON body. */
  public static ResponseDefinitionBuilder error(int status, String jsonBody) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(jsonBody);
  }

  /** {@code GET /v1/models} lists these ids. */
  public void models(List<String> ids) {
    server.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(modelList(ids))));
  }

  public List<LoggedRequest> probes() {
    return server.getAllServeEvents().stream()
        .map(event -> event.getRequest())
        .filter(request -> request.getUrl().startsWith(CHAT))
        .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
        .toList();
  }

  /** How many probes were sent with this key. */
  public int probesWith(String key) {
    return server
        .findAll(
            postRequestedFor(urlPathEqualTo(CHAT))
                .withHeader("Authorization", equalTo("Bearer " + key)))
        .size();
  }

  public List<LoggedRequest> modelListRequests() {
    return server.getAllServeEvents().stream()
        .map(event -> event.getRequest())
        .filter(request -> request.getUrl().startsWith("/v1/models"))
        .toList();
  }

  private static ResponseDefinitionBuilder streamed(int status, int delayMs) {
    return aResponse()
        .withStatus(status)
        .withFixedDelay(delayMs)
        .withHeader("Content-Type", "text/event-stream")
        .withBody("data: {\"choices\":[{\"delta\":{\"content\":\"h\"}}]}\n\ndata: [DONE]\n\n");
  }

  private static String modelList(List<String> ids) {
    JsonArray data = new JsonArray();
    for (String id : ids) {
      JsonObject model = new JsonObject();
      model.addProperty("id", id);
      model.addProperty("object", "model");
      model.addProperty("owned_by", id.substring(0, Math.max(0, id.indexOf('/'))));
      data.add(model);
    }
    JsonObject body = new JsonObject();
    body.addProperty("object", "list");
    body.add("data", data);
    return body.toString();
  }

  @Override
  public void close() {
    server.stop();
  }
}

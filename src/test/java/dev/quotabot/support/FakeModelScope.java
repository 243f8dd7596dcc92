package dev.quotabot.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** WireMock playing ModelScope API-Inference: one stub per model on the chat endpoint. */
public final class FakeModelScope implements AutoCloseable {
  private final WireMockServer server = new WireMockServer(options().dynamicPort());

  public FakeModelScope() {
    server.start();
  }

  public WireMockServer server() {
    return server;
  }

  /** The value for {@code modelscope.api_base_url}. */
  public String apiBaseUrl() {
    return server.baseUrl() + "/v1";
  }

  /** Answers probes of {@code model} with {@code response}. */
  public FakeModelScope model(String model, ResponseDefinitionBuilder response) {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(
                matchingJsonPath(
                    "$.model", com.github.tomakehurst.wiremock.client.WireMock.equalTo(model)))
            .willReturn(response));
    return this;
  }

  /** A 200 with all four quota headers. */
  public static ResponseDefinitionBuilder quota(
      long limit, long remaining, long modelLimit, long modelRemaining) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withHeader("modelscope-ratelimit-requests-limit", Long.toString(limit))
        .withHeader("modelscope-ratelimit-requests-remaining", Long.toString(remaining))
        .withHeader("modelscope-ratelimit-model-requests-limit", Long.toString(modelLimit))
        .withHeader("modelscope-ratelimit-model-requests-remaining", Long.toString(modelRemaining))
        .withBody("data: {\"choices\":[{\"delta\":{\"content\":\"H\"}}]}\n\n");
  }

  public static ResponseDefinitionBuilder status(int status, String jsonBody) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(jsonBody);
  }

  @Override
  public void close() {
    server.stop();
  }
}

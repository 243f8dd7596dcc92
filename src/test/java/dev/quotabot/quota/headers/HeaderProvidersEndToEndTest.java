package dev.quotabot.quota.headers;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.headers.HeaderHarness.streamed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.LoopbackWireMock;
import dev.quotabot.support.RunningApp;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real product over real HTTP with two header providers standing in on two WireMocks (Groq and
 * Anthropic): a key goes to the one provider chosen, or the one its prefix belongs to, and never to
 * a second host; a key whose prefix several providers share goes nowhere until the asker says
 * which.
 */
final class HeaderProvidersEndToEndTest {
  private static final String GROQ_KEY = "gsk_E2EKEY0123456789abcdefghijklmnopqrstuvwxyzABCD";
  private static final String ANTHROPIC_KEY = "sk-ant-api03-E2EKEY0123456789abcdefghijklmnop-AA";
  private static final String SHARED_KEY = "sk-e2ekey0123456789abcdef0123456789";

  @RegisterExtension static final WireMockExtension groq = LoopbackWireMock.extension();
  @RegisterExtension static final WireMockExtension anthropic = LoopbackWireMock.extension();

  private RunningApp app;

  @BeforeEach
  void start() {
    groq.stubFor(
        post(urlPathEqualTo("/openai/v1/chat/completions"))
            .willReturn(streamed("groq/headers-documented.headers")));
    anthropic.stubFor(
        post(urlPathEqualTo("/v1/messages"))
            .willReturn(streamed("anthropic/headers-recorded.headers")));
    app =
        RunningApp.start(
            Map.of(
                "provider.groq.base_url",
                groq.baseUrl() + "/openai",
                "provider.anthropic.base_url",
                anthropic.baseUrl()));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void aGroqKeyWithoutAProviderGoesToGroqOnlyAndItsRowCarriesTheWindows() {
    // WHEN a Groq key is checked without naming a provider
    HttpResponse<String> response =
        balance("{\"models\":[\"llama-3.1-8b-instant\"],\"api_key\":\"" + GROQ_KEY + "\"}");

    // THEN Groq answered it, with the day's requests and the minute's tokens as limits
    assertEquals(200, response.statusCode(), response.body());
    JsonObject body = HttpCalls.json(response);
    assertEquals("groq", body.getAsJsonObject("account").get("provider").getAsString());
    JsonObject row = body.getAsJsonArray("data").get(0).getAsJsonObject();
    assertEquals("ok", row.get("status").getAsString());
    JsonArray limits = row.getAsJsonArray("limits");
    assertEquals(2, limits.size());
    assertWindow(limits.get(0).getAsJsonObject(), "requests_per_day", 14_400, 14_370);
    assertWindow(limits.get(1).getAsJsonObject(), "tokens_per_minute", 18_000, 17_997);
    // and the key went to Groq once, as a Bearer token, and never to the other host
    groq.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer " + GROQ_KEY)));
    anthropic.verify(exactly(0), anyRequestedFor(anyUrl()));
  }

  @Test
  void anAnthropicKeyWithoutAProviderGoesToAnthropicOnly() {
    HttpResponse<String> response =
        balance("{\"models\":[\"claude-haiku-4-5\"],\"api_key\":\"" + ANTHROPIC_KEY + "\"}");

    assertEquals(200, response.statusCode(), response.body());
    JsonObject row = HttpCalls.json(response).getAsJsonArray("data").get(0).getAsJsonObject();
    assertEquals(4, row.getAsJsonArray("limits").size());
    anthropic.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/v1/messages"))
            .withHeader("x-api-key", equalTo(ANTHROPIC_KEY)));
    groq.verify(exactly(0), anyRequestedFor(anyUrl()));
  }

  @Test
  void aNamedProviderGetsTheKeyWhateverItsPrefixSays() {
    // WHEN a gsk_ key is sent with provider anthropic, the asker's choice
    HttpResponse<String> response =
        balance(
            "{\"provider\":\"anthropic\",\"models\":[\"claude-haiku-4-5\"],\"api_key\":\""
                + GROQ_KEY
                + "\"}");

    // THEN only Anthropic saw it
    assertEquals(200, response.statusCode(), response.body());
    anthropic.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/messages")));
    groq.verify(exactly(0), anyRequestedFor(anyUrl()));
  }

  @Test
  void aKeyWhosePrefixSeveralProvidersShareIsSentNowhere() {
    try (LogCapture logs = LogCapture.open()) {
      // WHEN a plain sk- key is checked without a provider
      HttpResponse<String> response =
          balance("{\"models\":[\"gpt-4o-mini\"],\"api_key\":\"" + SHARED_KEY + "\"}");

      // THEN 400, saying which providers to choose from, and no host heard of the key
      assertEquals(400, response.statusCode());
      assertEquals(
          "Keys that start with sk- belong to several providers (newapi, deepseek, siliconflow,"
              + " moonshot, openai): say which one with \"provider\".",
          HttpCalls.json(response).get("message").getAsString());
      assertFalse(response.body().contains(SHARED_KEY));
      assertFalse(logs.text().contains(SHARED_KEY));
    }
    groq.verify(exactly(0), anyRequestedFor(anyUrl()));
    anthropic.verify(exactly(0), anyRequestedFor(anyUrl()));
  }

  /** A window as the API writes it; its reset is a time after the check. */
  private static void assertWindow(JsonObject window, String name, long limit, long remaining) {
    assertEquals(name, window.get("name").getAsString());
    assertEquals(limit, window.get("limit").getAsLong());
    assertEquals(remaining, window.get("remaining").getAsLong());
    assertTrue(Instant.parse(window.get("resets_at").getAsString()).isAfter(Instant.now()));
  }

  private HttpResponse<String> balance(String json) {
    return HttpCalls.postJson(app.uri("/api/balance"), json);
  }
}

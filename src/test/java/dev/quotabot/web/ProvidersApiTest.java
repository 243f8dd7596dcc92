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
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Providers other than ModelScope through the real API, with WireMock as the provider. */
final class ProvidersApiTest {
  private static final String KEY = "sk-providersapi-0123456789abcdef";
  private static WireMockServer deepseek;
  private static RunningApp app;

  @BeforeAll
  static void start() {
    deepseek = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    deepseek.start();
    deepseek.stubFor(
        get(urlPathEqualTo("/user/balance"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .willReturn(
                okJson(
                    "{\"is_available\":true,\"balance_infos\":[{\"currency\":\"CNY\","
                        + "\"total_balance\":\"110.00\",\"granted_balance\":\"10.00\","
                        + "\"topped_up_balance\":\"100.00\"}]}")));
    app = RunningApp.start(Map.of("provider.deepseek.base_url", deepseek.baseUrl()));
  }

  @AfterAll
  static void stop() {
    app.close();
    deepseek.stop();
  }

  @Test
  void readsADeepSeekBalanceThroughTheSameApi() {
    // WHEN a DeepSeek key is checked
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance"), "{\"provider\":\"deepseek\",\"api_key\":\"" + KEY + "\"}");

    // THEN the account is DeepSeek's, in its currency, in both vocabularies
    assertEquals(200, response.statusCode(), response.body());
    JsonObject body = HttpCalls.json(response);
    assertTrue(body.get("success").getAsBoolean());
    assertEquals(0, body.getAsJsonArray("data").size());
    JsonObject account = body.getAsJsonObject("account");
    assertEquals("deepseek", account.get("provider").getAsString());
    assertEquals("CNY", account.get("currency").getAsString());
    assertEquals("110.00", account.get("remaining").getAsString());
    assertEquals("110.00", account.get("available_balance").getAsString());
    assertTrue(account.get("note").getAsString().contains("topped up 100.00"));
    assertEquals("ok", account.get("status").getAsString());
    assertFalse(response.body().contains(KEY));
    deepseek.verify(getRequestedFor(urlPathEqualTo("/user/balance")));
  }

  @Test
  void streamsAProviderBalanceAsAccountThenSummary() {
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance/stream"),
            "{\"provider\":\"deepseek\",\"api_key\":\"" + KEY + "\"}");

    List<String> types = new ArrayList<>();
    response
        .body()
        .lines()
        .map(JsonParser::parseString)
        .map(JsonElement::getAsJsonObject)
        .map(line -> line.get("type").getAsString())
        .filter(type -> !type.equals("ping"))
        .forEach(types::add);
    assertEquals(List.of("account", "summary"), types);
  }

  @Test
  void refusesModelsForABalanceOnlyProvider() {
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance"),
            "{\"provider\":\"deepseek\",\"models\":[\"deepseek-chat\"],\"api_key\":\""
                + KEY
                + "\"}");

    assertEquals(400, response.statusCode());
    assertTrue(HttpCalls.json(response).get("message").getAsString().contains("balance only"));
  }

  @Test
  void namesTheProvidersWhenOneIsUnknown() {
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance"), "{\"provider\":\"openai\",\"api_key\":\"" + KEY + "\"}");

    assertEquals(400, response.statusCode());
    String message = HttpCalls.json(response).get("message").getAsString();
    assertTrue(message.contains("deepseek") && message.contains("moonshot"), message);
  }

  @Test
  void refusesATypeMismatchInTheNewFields() {
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance"), "{\"provider\":42,\"api_key\":\"" + KEY + "\"}");

    assertEquals(400, response.statusCode());
    assertTrue(HttpCalls.json(response).get("message").getAsString().contains("provider"));
  }

  @Test
  void listsTheProvidersForThePage() {
    JsonArray providers =
        HttpCalls.json(HttpCalls.get(app.uri("/api/config"))).getAsJsonArray("providers");

    List<String> ids = new ArrayList<>();
    providers.forEach(provider -> ids.add(provider.getAsJsonObject().get("id").getAsString()));
    assertTrue(
        ids.containsAll(List.of("modelscope", "deepseek", "siliconflow", "openrouter", "moonshot")),
        ids.toString());
    assertEquals("modelscope", ids.get(0));
  }
}

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
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/providers}, and providers other than ModelScope through the real API, with
 * WireMock as the provider.
 */
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
            .willReturn(okJson(Fixtures.read("deepseek/balance-cny-and-usd.json"))));
    app = RunningApp.start(Map.of("provider.deepseek.base_url", deepseek.baseUrl()));
  }

  @AfterAll
  static void stop() {
    app.close();
    deepseek.stop();
  }

  @Test
  void readsEachDeepSeekCurrencyAsItsOwnBalanceWithItsParts() {
    // GIVEN a DeepSeek account with a CNY and a USD balance
    // WHEN its key is checked
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance"), "{\"provider\":\"deepseek\",\"api_key\":\"" + KEY + "\"}");

    // THEN the query ran, balance only, with no daily reset
    assertEquals(200, response.statusCode(), response.body());
    JsonObject body = HttpCalls.json(response);
    assertTrue(body.get("success").getAsBoolean());
    assertEquals(0, body.getAsJsonArray("data").size());
    assertTrue(body.has("resets_at") && body.get("resets_at").isJsonNull(), body.toString());
    // and the account's flat fields are the first balance's, without the old aliases
    JsonObject account = body.getAsJsonObject("account");
    assertEquals("deepseek", account.get("provider").getAsString());
    assertEquals("ok", account.get("status").getAsString());
    assertEquals("CNY", account.get("unit").getAsString());
    assertEquals(new BigDecimal("110.00"), account.get("available_balance").getAsBigDecimal());
    assertTrue(account.get("total_balance").isJsonNull(), "DeepSeek reports no total");
    for (String alias : List.of("currency", "remaining", "total")) {
      assertFalse(account.has(alias), alias + " is gone: " + account);
    }
    // and each currency is a balance entry of its own, with DeepSeek's split in parts
    JsonArray balances = account.getAsJsonArray("balances");
    assertEquals(2, balances.size(), balances.toString());
    assertBalance(balances.get(0).getAsJsonObject(), "CNY", "110.00", "10.00", "100.00");
    assertBalance(balances.get(1).getAsJsonObject(), "USD", "1.20", "0.00", "1.20");
    // and no note repeats the numbers
    assertTrue(account.get("note").isJsonNull(), account.toString());
    assertFalse(response.body().contains(KEY));
    deepseek.verify(getRequestedFor(urlPathEqualTo("/user/balance")));
  }

  private static void assertBalance(
      JsonObject balance, String unit, String available, String granted, String toppedUp) {
    assertEquals("account", balance.get("scope").getAsString());
    assertEquals(unit, balance.get("unit").getAsString());
    assertEquals(new BigDecimal(available), balance.get("available").getAsBigDecimal());
    JsonObject parts = balance.getAsJsonObject("parts");
    assertEquals(new BigDecimal(granted), parts.get("granted").getAsBigDecimal());
    assertEquals(new BigDecimal(toppedUp), parts.get("topped_up").getAsBigDecimal());
    for (String unknown :
        List.of("total", "used", "frozen", "unlimited", "expires_at", "requests")) {
      assertTrue(
          balance.has(unknown) && balance.get(unknown).isJsonNull(), unknown + " " + balance);
    }
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
            app.uri("/api/balance"),
            "{\"provider\":\"no-such-provider\",\"api_key\":\"" + KEY + "\"}");

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
  void describesEveryProviderSoThatAClientNeverNeedsToKnowOne() {
    // WHEN a client asks which providers there are
    HttpResponse<String> response = HttpCalls.get(app.uri("/api/providers"));

    // THEN every built-in provider is there, the default first and named as the default
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    JsonObject body = HttpCalls.json(response);
    assertEquals("modelscope", body.get("default").getAsString());
    Map<String, JsonObject> byId = new LinkedHashMap<>();
    body.getAsJsonArray("providers")
        .forEach(p -> byId.put(p.getAsJsonObject().get("id").getAsString(), p.getAsJsonObject()));
    assertEquals(
        List.of(
            "modelscope",
            "newapi",
            "deepseek",
            "siliconflow",
            "openrouter",
            "moonshot",
            "stepfun",
            "novita",
            "302ai",
            "poe",
            "venice",
            "deepinfra",
            "zhipu",
            "zai",
            "minimax",
            "kimicode",
            "groq",
            "cerebras",
            "openai",
            "anthropic",
            "gemini",
            "mistral",
            "dashscope",
            "volcengine",
            "qianfan",
            "fireworks",
            "together"),
        List.copyOf(byId.keySet()));
    // and each says what it is, what it can do and which request fields it takes
    for (JsonObject provider : byId.values()) {
      assertFalse(provider.get("name").getAsString().isBlank(), provider.toString());
      assertTrue(provider.get("needs_base_url").getAsJsonPrimitive().isBoolean());
      List<String> capabilities = strings(provider.getAsJsonArray("capabilities"));
      // (one that can do neither names the console page that shows its balance)
      assertTrue(
          capabilities.contains("balances")
              || capabilities.contains("probes_models")
              || provider.get("console_url").getAsString().startsWith("https://"),
          provider.toString());
      assertEquals("api_key", strings(provider.getAsJsonArray("fields")).get(0));
      assertTrue(provider.has("unit"), provider.toString());
      assertTrue(provider.get("default_models").isJsonArray(), provider.toString());
      assertFalse(provider.get("key_hint").getAsString().isBlank(), provider.toString());
    }
    JsonObject modelScope = byId.get("modelscope");
    assertEquals(
        List.of("balances", "probes_models", "model_catalog", "daily_reset"),
        strings(modelScope.getAsJsonArray("capabilities")));
    assertEquals(List.of("api_key", "models"), strings(modelScope.getAsJsonArray("fields")));
    assertEquals("魔粒", modelScope.get("unit").getAsString());
    assertFalse(modelScope.getAsJsonArray("default_models").isEmpty());
    OffsetDateTime reset = OffsetDateTime.parse(modelScope.get("resets_at").getAsString());
    assertEquals(ZoneOffset.ofHours(8), reset.getOffset(), "ModelScope resets at 00:00 UTC+8");
    assertEquals(LocalTime.MIDNIGHT, reset.toLocalTime());
    assertTrue(reset.toInstant().isAfter(Instant.now()), reset.toString());
    JsonObject relay = byId.get("newapi");
    assertTrue(relay.get("needs_base_url").getAsBoolean());
    assertEquals(
        List.of("api_key", "base_url", "models", "user_id", "access_token"),
        strings(relay.getAsJsonArray("fields")));
    assertTrue(relay.get("unit").isJsonNull(), "a relay's unit depends on the site");
    JsonObject deepSeek = byId.get("deepseek");
    assertEquals(List.of("balances"), strings(deepSeek.getAsJsonArray("capabilities")));
    assertEquals(List.of("api_key"), strings(deepSeek.getAsJsonArray("fields")));
    assertFalse(deepSeek.get("needs_base_url").getAsBoolean());
    assertTrue(deepSeek.getAsJsonArray("default_models").isEmpty());
    assertTrue(deepSeek.get("resets_at").isJsonNull(), "DeepSeek has no daily reset");
  }

  @Test
  void saysWhatAProbeCostsAndWhichKeysAreWhose() {
    // WHEN a client asks which providers there are
    Map<String, JsonObject> byId = new LinkedHashMap<>();
    HttpCalls.json(HttpCalls.get(app.uri("/api/providers")))
        .getAsJsonArray("providers")
        .forEach(p -> byId.put(p.getAsJsonObject().get("id").getAsString(), p.getAsJsonObject()));

    // THEN ModelScope says a probe spends at most a flagship call's 魔粒, and its keys start ms-
    JsonObject modelScope = byId.get("modelscope");
    JsonObject cost = modelScope.getAsJsonObject("probe_cost");
    assertEquals(0, new BigDecimal("2").compareTo(cost.get("per_model").getAsBigDecimal()));
    assertEquals("魔粒", cost.get("unit").getAsString());
    assertEquals("spends", cost.get("kind").getAsString());
    assertEquals(List.of("ms-"), strings(modelScope.getAsJsonArray("key_prefixes")));
    // and a provider that reads limits from headers counts one request, and names its console
    JsonObject groq = byId.get("groq");
    JsonObject counts = groq.getAsJsonObject("probe_cost");
    assertEquals(1, counts.get("per_model").getAsInt());
    assertEquals("requests", counts.get("unit").getAsString());
    assertEquals("counts", counts.get("kind").getAsString());
    assertEquals(List.of("gsk_"), strings(groq.getAsJsonArray("key_prefixes")));
    assertTrue(groq.get("console_url").getAsString().startsWith("https://"), groq.toString());
    assertEquals(List.of("probes_models"), strings(groq.getAsJsonArray("capabilities")));
    // and a balance-only provider probes nothing, so costs nothing
    JsonObject deepSeek = byId.get("deepseek");
    assertTrue(deepSeek.get("probe_cost").isJsonNull(), deepSeek.toString());
    assertEquals(List.of("sk-"), strings(deepSeek.getAsJsonArray("key_prefixes")));
  }

  @Test
  void givesThePageTheSameProvidersAsTheProviderList() {
    // WHEN the page asks for its settings
    JsonObject settings = HttpCalls.json(HttpCalls.get(app.uri("/api/config")));

    // THEN they list the providers exactly as GET /api/providers does
    assertEquals(
        HttpCalls.json(HttpCalls.get(app.uri("/api/providers"))).getAsJsonArray("providers"),
        settings.getAsJsonArray("providers"));
  }

  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.getAsString()));
    return values;
  }
}

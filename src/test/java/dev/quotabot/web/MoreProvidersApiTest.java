package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.RunningApp;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Poe, Venice and DeepInfra (balances), and the providers whose balance only their console shows
 * (Gemini, Mistral, DashScope, Volcengine Ark, Qianfan, Fireworks, Together), each through the real
 * HTTP API ({@code POST /api/balance}) with one WireMock standing in for all of them: each
 * provider's {@code provider.<id>.base_url} is the fake's {@code /<id>}. The fixtures and their
 * sources are the providers' own tests' ({@code quota/provider}, {@code quota/console}).
 */
final class MoreProvidersApiTest {
  private static final String KEY = "sk-moreapi-TESTKEY-0123456789abcdef";
  private static final String SECRET = KEY.substring(3, KEY.length() - 4);

  /** Each key-check provider's checked path under its base, and its working-key fixture. */
  private static final Map<String, String[]> KEY_CHECKS =
      Map.of(
          "gemini", new String[] {"/v1beta/models", "gemini/models.json"},
          "mistral", new String[] {"/v1/models", "mistral/models.json"},
          "dashscope", new String[] {"/compatible-mode/v1/models", "dashscope/models.json"},
          "volcengine", new String[] {"/api/v3/models", "volcengine/models.json"},
          "qianfan", new String[] {"/v2/models", "qianfan/models.json"},
          "fireworks", new String[] {"/v1/accounts", "fireworks/accounts.json"},
          "together", new String[] {"/v1/models", "together/models.json"});

  private static WireMockServer fake;
  private static RunningApp app;

  @BeforeAll
  static void start() {
    fake = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    fake.start();
    Map<String, String> properties = new HashMap<>();
    for (String id : List.of("poe", "venice", "deepinfra")) {
      properties.put("provider." + id + ".base_url", fake.baseUrl() + "/" + id);
    }
    bearer("/poe/usage/current_balance", "poe/balance.json");
    bearer("/venice/api/v1/billing/balance", "venice/balance-diem.json");
    bearer("/deepinfra/payment/checklist", "deepinfra/checklist-prepaid.json");
    KEY_CHECKS.forEach(
        (id, check) -> {
          properties.put("provider." + id + ".base_url", fake.baseUrl() + "/" + id);
          if (id.equals("gemini")) {
            fake.stubFor(
                get(urlPathEqualTo("/gemini" + check[0]))
                    .withHeader("x-goog-api-key", equalTo(KEY))
                    .willReturn(response(200, check[1])));
          } else {
            bearer("/" + id + check[0], check[1]);
          }
        });
    app = RunningApp.start(properties);
  }

  private static void bearer(String path, String fixture) {
    fake.stubFor(
        get(urlPathEqualTo(path))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .willReturn(response(200, fixture)));
  }

  @AfterAll
  static void stop() {
    app.close();
    fake.stop();
  }

  /** POSTs the query, and asserts that neither the answer nor any log line holds the key. */
  private static JsonObject balance(String json) {
    try (LogCapture logs = LogCapture.open()) {
      HttpResponse<String> response = HttpCalls.postJson(app.uri("/api/balance"), json);
      assertEquals(200, response.statusCode(), response.body());
      assertFalse(response.body().contains(SECRET), response.body());
      assertFalse(logs.text().contains(SECRET), logs.text());
      return HttpCalls.json(response);
    }
  }

  private static JsonObject account(String provider) {
    return balance("{\"provider\":\"" + provider + "\",\"api_key\":\"" + KEY + "\"}")
        .getAsJsonObject("account");
  }

  @ParameterizedTest
  @CsvSource({"poe, points, 1250000", "venice, DIEM, 90.5", "deepinfra, USD, 20.0"})
  void readsTheBalanceOfEachNewBalanceProvider(String id, String unit, String available) {
    // GIVEN the provider answers its documented balance
    // WHEN its key is checked through the API
    JsonObject account = account(id);

    // THEN the first balance is read exactly, in the provider's unit
    assertEquals(id, account.get("provider").getAsString());
    assertEquals("ok", account.get("status").getAsString(), account.toString());
    JsonObject first = account.getAsJsonArray("balances").get(0).getAsJsonObject();
    assertEquals(unit, first.get("unit").getAsString());
    assertEquals(0, new BigDecimal(available).compareTo(first.get("available").getAsBigDecimal()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gemini",
        "mistral",
        "dashscope",
        "volcengine",
        "qianfan",
        "fireworks",
        "together"
      })
  void aKeyCheckProviderAnswersOkWithNoBalanceAndItsConsole(String id) {
    // GIVEN the provider accepts the key on its free key check
    // WHEN the key is checked through the API
    JsonObject body = balance("{\"provider\":\"" + id + "\",\"api_key\":\"" + KEY + "\"}");

    // THEN the query succeeded; the account is ok with no balance and every amount null (never
    // 0), and the note sends to the console page the provider lists
    assertTrue(body.get("success").getAsBoolean(), body.toString());
    assertEquals(0, body.getAsJsonArray("data").size());
    JsonObject account = body.getAsJsonObject("account");
    assertEquals(id, account.get("provider").getAsString());
    assertEquals("ok", account.get("status").getAsString(), account.toString());
    assertTrue(account.get("error").isJsonNull(), account.toString());
    assertEquals(new JsonArray(), account.getAsJsonArray("balances"));
    for (String amount : List.of("available_balance", "total_balance", "unit")) {
      assertTrue(account.get(amount).isJsonNull(), amount + " " + account);
    }
    String console = provider(id).get("console_url").getAsString();
    assertTrue(console.startsWith("https://"), console);
    String note = account.get("note").getAsString();
    assertTrue(note.contains("does not let an API key read the balance: see " + console), note);
    fake.verify(getRequestedFor(urlPathEqualTo("/" + id + KEY_CHECKS.get(id)[0])));
  }

  @Test
  void aKeyCheckProviderListsNoCapabilityAndTakesOnlyTheKey() {
    JsonObject gemini = provider("gemini");

    assertEquals(new JsonArray(), gemini.getAsJsonArray("capabilities"));
    assertEquals("api_key", gemini.getAsJsonArray("fields").get(0).getAsString());
    assertEquals(1, gemini.getAsJsonArray("fields").size(), gemini.toString());
    assertTrue(gemini.get("probe_cost").isJsonNull(), gemini.toString());
    assertEquals("AIza", gemini.getAsJsonArray("key_prefixes").get(0).getAsString());
  }

  @Test
  void aRefusedKeyIsInvalidKeyWithGooglesWords() {
    // GIVEN Gemini refuses another key with its 400 API_KEY_INVALID
    String wrong = "AIzaSyWRONGKEY-0123456789abcdefghijklm";
    fake.stubFor(
        get(urlPathEqualTo("/gemini/v1beta/models"))
            .withHeader("x-goog-api-key", equalTo(wrong))
            .willReturn(response(400, "gemini/400-api-key-invalid.json")));

    // WHEN that key is checked without naming the provider (its prefix names Gemini)
    HttpResponse<String> response =
        HttpCalls.postJson(app.uri("/api/balance"), "{\"api_key\":\"" + wrong + "\"}");

    // THEN the query failed on the key, in Google's words, and the key is not in the answer
    JsonObject body = HttpCalls.json(response);
    assertFalse(body.get("success").getAsBoolean(), body.toString());
    JsonObject account = body.getAsJsonObject("account");
    assertEquals("gemini", account.get("provider").getAsString());
    assertEquals("invalid_key", account.get("status").getAsString());
    assertTrue(
        account.get("error").getAsString().contains("API key not valid"), account.toString());
    assertFalse(response.body().contains("WRONGKEY-0123456789"), response.body());
  }

  @Test
  void aProviderThatDropsTheConnectionIsANetworkError() {
    // GIVEN Together's host resets the connection for this key
    String other = "sk-moreapi-OTHERKEY-0123456789abcdef";
    fake.stubFor(
        get(urlPathEqualTo("/together/v1/models"))
            .withHeader("Authorization", equalTo("Bearer " + other))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    // WHEN the key is checked
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance"), "{\"provider\":\"together\",\"api_key\":\"" + other + "\"}");

    // THEN network_error with a sentence, never a made-up number
    JsonObject account = HttpCalls.json(response).getAsJsonObject("account");
    assertEquals("network_error", account.get("status").getAsString(), account.toString());
    assertFalse(account.get("error").getAsString().isBlank());
    assertEquals(new JsonArray(), account.getAsJsonArray("balances"));
  }

  @Test
  void modelsAreRefusedForAKeyCheckProvider() {
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance"),
            "{\"provider\":\"mistral\",\"models\":[\"mistral-small-latest\"],\"api_key\":\""
                + KEY
                + "\"}");

    assertEquals(400, response.statusCode());
    String message = HttpCalls.json(response).get("message").getAsString();
    assertTrue(message.contains("Mistral reads nothing per model"), message);
  }

  private static JsonObject provider(String id) {
    for (var entry :
        HttpCalls.json(HttpCalls.get(app.uri("/api/providers"))).getAsJsonArray("providers")) {
      if (entry.getAsJsonObject().get("id").getAsString().equals(id)) {
        return entry.getAsJsonObject();
      }
    }
    throw new AssertionError("no provider " + id);
  }
}

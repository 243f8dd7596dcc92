package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.FakeModelScope.withQuota;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.support.Await;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 魔粒 balance, the reset time, balance-only checks and the model catalog, through {@code POST
 * /api/balance} and {@code GET /api/models} over real HTTP, with WireMock as ModelScope.
 */
final class BalanceAccountApiTest {
  private static final String KEY = "ms-ACCOUNTAPI-0123456789abcdefWXYZ";
  private static final String LISTED = "Qwen/Qwen3-32B";
  private static final String MISSING = "Org/Missing-Model";
  private static final String CHAT = "/v1/chat/completions";
  private static final String BALANCE = "/openapi/v1/magicubes/balance";

  private static FakeModelScope modelScope;
  private static RunningApp app;

  @BeforeAll
  static void start() {
    modelScope = FakeModelScope.start(0);
    modelScope.models(List.of(LISTED, "deepseek-ai/DeepSeek-V3.1"));
    modelScope.model(LISTED, withQuota(2000, 1500, 500, 20));
    modelScope.model("qwen/qwen3-32b", withQuota(2000, 1499, 500, 19));
    app = RunningApp.start(properties(modelScope, Map.of()));
  }

  @AfterAll
  static void stop() {
    app.close();
    modelScope.close();
  }

  @BeforeEach
  void resetUpstream() {
    modelScope.balance(okJson(FakeModelScope.BALANCE_250));
    modelScope.server().resetRequests();
  }

  // ---------------------------------------------------------------- account and resets_at

  @Test
  void answersTheAccountAndTheResetTimeBesideTheRows() {
    // WHEN one model is queried
    Instant before = Instant.now();
    HttpResponse<String> response =
        balance("{\"models\":[\"" + LISTED + "\"],\"api_key\":\"" + KEY + "\"}");

    // THEN the rows are as before, and the account says what the balance endpoint said
    assertEquals(200, response.statusCode());
    JsonObject body = HttpCalls.json(response);
    assertTrue(body.get("success").getAsBoolean());
    assertEquals(1, body.getAsJsonArray("data").size());
    JsonObject account = body.getAsJsonObject("account");
    assertEquals("modelscope", account.get("provider").getAsString());
    assertEquals("魔粒", account.get("unit").getAsString());
    assertEquals(
        0, new BigDecimal("250").compareTo(account.get("available_balance").getAsBigDecimal()));
    assertEquals(
        0, new BigDecimal("250").compareTo(account.get("total_balance").getAsBigDecimal()));
    assertEquals(0, BigDecimal.ZERO.compareTo(account.get("frozen_amount").getAsBigDecimal()));
    assertTrue(account.get("available_balance").getAsJsonPrimitive().isNumber());
    assertEquals("tester", account.get("user").getAsString());
    assertTrue(account.get("error").isJsonNull());
    assertEquals("ok", account.get("status").getAsString());
    // and the 魔粒 are the account's one balance entry, the same figures as the flat fields
    JsonArray balances = account.getAsJsonArray("balances");
    assertEquals(1, balances.size(), balances.toString());
    JsonObject balance = balances.get(0).getAsJsonObject();
    assertEquals("account", balance.get("scope").getAsString());
    assertEquals("魔粒", balance.get("unit").getAsString());
    assertEquals(account.get("available_balance"), balance.get("available"));
    assertEquals(account.get("total_balance"), balance.get("total"));
    assertEquals(account.get("frozen_amount"), balance.get("frozen"));
    assertTrue(balance.get("requests").isJsonNull());
    // and the calls 250 魔粒 pay for are estimated at the published tier prices
    JsonArray estimates = account.getAsJsonArray("estimated_calls");
    assertEquals(3, estimates.size(), estimates.toString());
    List<String> tiers = new ArrayList<>();
    for (var estimate : estimates) {
      JsonObject each = estimate.getAsJsonObject();
      tiers.add(
          each.get("tier").getAsString()
              + " "
              + each.get("price").getAsBigDecimal().stripTrailingZeros().toPlainString()
              + " "
              + each.get("calls").getAsLong());
    }
    assertEquals(List.of("light 0.5 500", "standard 1 250", "flagship 2 125"), tiers);
    // and the balance was asked for with the key as a bearer token
    modelScope
        .server()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo(BALANCE))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));

    // and resets_at is the next Shanghai midnight, written with its +08:00 offset
    String resetsAt = body.get("resets_at").getAsString();
    assertTrue(resetsAt.matches("\\d{4}-\\d{2}-\\d{2}T00:00:00\\+08:00"), resetsAt);
    OffsetDateTime reset = OffsetDateTime.parse(resetsAt);
    assertEquals(ZoneOffset.ofHours(8), reset.getOffset());
    assertTrue(reset.toInstant().isAfter(before), resetsAt);
    assertFalse(reset.toInstant().isAfter(before.plus(Duration.ofHours(24))), resetsAt);
  }

  @Test
  void writesAmountsSentAsStringsAsExactNumbers() {
    // GIVEN a balance with string and decimal amounts
    modelScope.balance(okJson(Fixtures.read("modelscope/balance-200-strings.json")));

    // WHEN the balance is queried
    JsonObject account =
        HttpCalls.json(balance("{\"api_key\":\"" + KEY + "\"}")).getAsJsonObject("account");

    // THEN the amounts are JSON numbers with their exact values
    assertTrue(account.get("available_balance").getAsJsonPrimitive().isNumber());
    assertEquals(
        0, new BigDecimal("248.5").compareTo(account.get("available_balance").getAsBigDecimal()));
    assertEquals(
        0, new BigDecimal("1.5").compareTo(account.get("frozen_amount").getAsBigDecimal()));
  }

  @Test
  void aRejectedKeyForTheBalanceIsInvalidKeyAndTheModelsAreStillProbed() {
    // GIVEN a balance endpoint that answers 401
    modelScope.balance(
        aResponse()
            .withStatus(401)
            .withHeader("Content-Type", "application/json")
            .withBody(
                Fixtures.read("modelscope/balance-401-echoes-key.json")
                    .replace("ms-TESTKEY-1234567890abcdef", KEY)));

    // WHEN a model is queried
    JsonObject body =
        HttpCalls.json(balance("{\"models\":[\"" + LISTED + "\"],\"api_key\":\"" + KEY + "\"}"));

    // THEN the account says invalid_key with an error, every amount is null (never 0), and the
    // model was probed anyway
    JsonObject account = body.getAsJsonObject("account");
    assertEquals("invalid_key", account.get("status").getAsString());
    assertTrue(account.get("error").getAsString().contains("401"), account.toString());
    for (String amount : List.of("available_balance", "total_balance", "frozen_amount", "user")) {
      assertTrue(account.has(amount) && account.get(amount).isJsonNull(), amount);
    }
    assertEquals(new JsonArray(), account.getAsJsonArray("balances"));
    assertFalse(body.toString().contains(KEY), "the key came back in the answer");
    assertEquals("ok", row(body, 0).get("status").getAsString());
    modelScope.server().verify(1, postRequestedFor(urlPathEqualTo(CHAT)));
  }

  @Test
  void anUnreadableBalanceIsUpstreamErrorWithNullAmounts() {
    // GIVEN a balance endpoint that answers an HTML error page
    modelScope.balance(
        aResponse()
            .withStatus(502)
            .withHeader("Content-Type", "text/html")
            .withBody(Fixtures.read("modelscope/502-bad-gateway.html")));

    // WHEN the balance is queried
    JsonObject account =
        HttpCalls.json(balance("{\"api_key\":\"" + KEY + "\"}")).getAsJsonObject("account");

    // THEN upstream_error, no HTML, and unknown amounts are null
    assertEquals("upstream_error", account.get("status").getAsString());
    assertFalse(account.get("error").getAsString().contains("<"), account.toString());
    assertTrue(account.get("available_balance").isJsonNull());
  }

  // ---------------------------------------------------------------- balance only

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"api_key\":\"%s\"}",
        "{\"api_key\":\"%s\",\"models\":null}",
        "{\"api_key\":\"%s\",\"models\":[]}",
        "{\"api_key\":\"%s\",\"models\":\"\"}",
        "{\"api_key\":\"%s\",\"models\":\"  \\n \"}",
        "{\"api_key\":\"%s\",\"models\":\" , ，\"}",
        "{\"api_key\":\"%s\",\"models\":[\"\",\" \"]}",
      })
  void aQueryWithoutModelsIsAFreeBalanceOnlyCheck(String template) {
    // WHEN the balance is queried with models omitted, empty or blank
    HttpResponse<String> response = balance(String.format(template, KEY));

    // THEN 200 with no rows, the account, and the balance-only message
    assertEquals(200, response.statusCode(), response.body());
    JsonObject body = HttpCalls.json(response);
    assertTrue(body.get("success").getAsBoolean());
    assertEquals(new JsonArray(), body.getAsJsonArray("data"));
    assertEquals("成功查询账户余额", body.get("message").getAsString());
    assertEquals("ok", body.getAsJsonObject("account").get("status").getAsString());
    assertTrue(body.has("resets_at"));
    // and nothing was spent: no chat call reached ModelScope (nor was the model list needed)
    modelScope.server().verify(0, postRequestedFor(urlPathEqualTo(CHAT)));
    modelScope.server().verify(0, getRequestedFor(urlPathEqualTo("/v1/models")));
    modelScope.server().verify(1, getRequestedFor(urlPathEqualTo(BALANCE)));
  }

  @Test
  void aBalanceOnlyCheckThatCannotReadTheBalanceSaysSo() {
    // GIVEN a balance endpoint that rejects the key
    modelScope.balance(
        aResponse()
            .withStatus(401)
            .withBody("{\"success\":false,\"code\":\"Unauthorized\",\"message\":\"bad token\"}"));

    // WHEN only the balance is queried
    HttpResponse<String> response = balance("{\"models\":[],\"api_key\":\"" + KEY + "\"}");

    // THEN the query ran (200) but failed, and says the balance could not be read
    assertEquals(200, response.statusCode());
    JsonObject body = HttpCalls.json(response);
    assertFalse(body.get("success").getAsBoolean());
    assertEquals("账户余额查询失败", body.get("message").getAsString());
    assertEquals("invalid_key", body.getAsJsonObject("account").get("status").getAsString());
    modelScope.server().verify(0, postRequestedFor(urlPathEqualTo(CHAT)));
  }

  @Test
  void aBalanceOnlyCheckStillNeedsAKey() {
    // WHEN neither models nor a key are sent
    HttpResponse<String> response = balance("{}");

    // THEN the usual 400, and nothing reached ModelScope
    assertEquals(400, response.statusCode());
    assertTrue(HttpCalls.json(response).get("message").getAsString().contains("api_key"));
    assertEquals(0, modelScope.server().getAllServeEvents().size());
  }

  // ---------------------------------------------------------------- the catalog

  @Test
  void aModelMissingFromTheCatalogIsReportedUnavailableWithoutAProbe() {
    // WHEN a listed model (in another letter case) and an unlisted one are queried
    JsonObject body =
        HttpCalls.json(
            balance(
                "{\"models\":[\"qwen/qwen3-32b\",\""
                    + MISSING
                    + "\"],\"api_key\":\""
                    + KEY
                    + "\"}"));

    // THEN the unlisted one is model_unavailable, and only the listed one cost a chat call
    assertEquals("ok", row(body, 0).get("status").getAsString());
    JsonObject missing = row(body, 1);
    assertEquals(MISSING, missing.get("model").getAsString());
    assertEquals("model_unavailable", missing.get("status").getAsString());
    assertTrue(missing.get("error").getAsString().contains("model list"), missing.toString());
    modelScope.server().verify(1, postRequestedFor(urlPathEqualTo(CHAT)));
    modelScope
        .server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo(CHAT))
                .withRequestBody(WireMock.matchingJsonPath("$.model", equalTo(MISSING))));
    assertEquals("成功查询 1/2 个模型的余额信息", body.get("message").getAsString(), body.toString());
  }

  @Test
  void listsTheCatalogsModels() {
    // WHEN the model list is asked for
    HttpResponse<String> response = HttpCalls.get(app.uri("/api/models"));

    // THEN it is ModelScope's list, fresh, with the time it was fetched
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    JsonObject body = HttpCalls.json(response);
    assertTrue(body.get("success").getAsBoolean());
    assertEquals(
        List.of(LISTED, "deepseek-ai/DeepSeek-V3.1"), strings(body.getAsJsonArray("models")));
    assertFalse(body.get("stale").getAsBoolean());
    Instant.parse(body.get("fetched_at").getAsString());
    assertTrue(body.get("note").isJsonNull());
  }

  @Test
  void listsTheModelsOfTheProviderNamedInTheQueryString() {
    // WHEN the list is asked for by provider id
    HttpResponse<String> named = HttpCalls.get(app.uri("/api/models?provider=modelscope"));

    // THEN it is that provider's list
    assertEquals(200, named.statusCode(), named.body());
    assertEquals(
        List.of(LISTED, "deepseek-ai/DeepSeek-V3.1"),
        strings(HttpCalls.json(named).getAsJsonArray("models")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"deepseek", "newapi"})
  void aProviderWithoutAModelListIs404(String provider) {
    // WHEN the list of a provider that has none is asked for
    HttpResponse<String> response = HttpCalls.get(app.uri("/api/models?provider=" + provider));

    // THEN 404 with the usual JSON error, saying so
    assertEquals(404, response.statusCode(), response.body());
    JsonObject problem = HttpCalls.json(response);
    assertFalse(problem.get("success").getAsBoolean());
    assertTrue(problem.get("message").getAsString().contains("no model list"), problem.toString());
  }

  @Test
  void anUnknownProviderIs404NamingTheProviderList() {
    // WHEN the list of a provider that does not exist is asked for
    HttpResponse<String> response = HttpCalls.get(app.uri("/api/models?provider=no-such-provider"));

    // THEN 404, pointing at the list of providers
    assertEquals(404, response.statusCode(), response.body());
    assertTrue(
        HttpCalls.json(response).get("message").getAsString().contains("/api/providers"),
        response.body());
  }

  @Test
  void fetchesTheCatalogOnceForManyQueries() throws Exception {
    // GIVEN a fresh app, whose catalog has never been fetched
    try (FakeModelScope fake = FakeModelScope.start(0);
        RunningApp fresh = RunningApp.start(properties(fake, Map.of()))) {
      fake.models(List.of(LISTED));
      fake.model(LISTED, withQuota(2000, 1500, 500, 20));
      String query = "{\"models\":[\"" + LISTED + "\"],\"api_key\":\"" + KEY + "\"}";

      // WHEN 8 queries arrive at once, then 4 more one by one, and the page asks for the list
      List<CompletableFuture<HttpResponse<String>>> together = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        together.add(
            CompletableFuture.supplyAsync(
                () -> HttpCalls.postJson(fresh.uri("/api/balance"), query)));
      }
      for (CompletableFuture<HttpResponse<String>> response : together) {
        assertEquals(200, response.get().statusCode());
      }
      for (int i = 0; i < 4; i++) {
        assertEquals(200, HttpCalls.postJson(fresh.uri("/api/balance"), query).statusCode());
      }
      assertEquals(200, HttpCalls.get(fresh.uri("/api/models")).statusCode());

      // THEN ModelScope's model list was fetched exactly once
      fake.server().verify(1, getRequestedFor(urlPathEqualTo("/v1/models")));
      fake.server().verify(12, postRequestedFor(urlPathEqualTo(CHAT)));
    }
  }

  @Test
  void aCatalogThatNeverLoadedIs503AndFlagsNothing() {
    // GIVEN ModelScope's model list is down from the start
    try (FakeModelScope fake = FakeModelScope.start(0);
        RunningApp fresh = RunningApp.start(properties(fake, Map.of()))) {
      fake.server()
          .stubFor(
              WireMock.get(urlPathEqualTo("/v1/models"))
                  .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"down\"}")));

      // WHEN the list is asked for
      HttpResponse<String> models = HttpCalls.get(fresh.uri("/api/models"));

      // THEN 503 with the usual JSON error shape
      assertEquals(503, models.statusCode());
      JsonObject problem = HttpCalls.json(models);
      assertFalse(problem.get("success").getAsBoolean());
      assertTrue(problem.get("message").getAsString().contains("model list"), problem.toString());

      // and a query is not held up: every model is probed, none flagged
      JsonObject body =
          HttpCalls.json(
              HttpCalls.postJson(
                  fresh.uri("/api/balance"),
                  "{\"models\":[\"" + MISSING + "\"],\"api_key\":\"" + KEY + "\"}"));
      assertEquals(MISSING, row(body, 0).get("model").getAsString());
      fake.server().verify(1, postRequestedFor(urlPathEqualTo(CHAT)));
    }
  }

  @Test
  void servesTheLastListWithANoteWhenARefreshFails() {
    // GIVEN a catalog cached for 1 s, loaded once
    try (FakeModelScope fake = FakeModelScope.start(0);
        RunningApp fresh =
            RunningApp.start(properties(fake, Map.of("modelscope.catalog_ttl_s", "1")))) {
      fake.models(List.of(LISTED));
      JsonObject loaded = HttpCalls.json(HttpCalls.get(fresh.uri("/api/models")));
      assertFalse(loaded.get("stale").getAsBoolean());

      // WHEN ModelScope's list goes down, and the list is asked for until the cache has expired
      fake.server()
          .stubFor(
              WireMock.get(urlPathEqualTo("/v1/models")).willReturn(aResponse().withStatus(500)));
      JsonObject stale =
          Await.value(
              "the list to be served stale",
              Duration.ofSeconds(10),
              () -> {
                HttpResponse<String> response = HttpCalls.get(fresh.uri("/api/models"));
                JsonObject body = HttpCalls.json(response);
                return response.statusCode() == 200 && body.get("stale").getAsBoolean()
                    ? Optional.of(body)
                    : Optional.empty();
              });

      // THEN the last list is served, marked stale, with its fetch time and a note
      assertEquals(List.of(LISTED), strings(stale.getAsJsonArray("models")));
      assertEquals(loaded.get("fetched_at"), stale.get("fetched_at"));
      assertFalse(stale.get("note").getAsString().isBlank());
      // and the stale list still saves the probe of an unlisted model
      JsonObject body =
          HttpCalls.json(
              HttpCalls.postJson(
                  fresh.uri("/api/balance"),
                  "{\"models\":[\"" + MISSING + "\"],\"api_key\":\"" + KEY + "\"}"));
      assertEquals("model_unavailable", row(body, 0).get("status").getAsString());
      fake.server().verify(0, postRequestedFor(urlPathEqualTo(CHAT)));
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, String> properties(FakeModelScope fake, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(fake.properties());
    all.putAll(more);
    return all;
  }

  private static HttpResponse<String> balance(String json) {
    return HttpCalls.postJson(app.uri("/api/balance"), json);
  }

  private static JsonObject row(JsonObject body, int index) {
    return body.getAsJsonArray("data").get(index).getAsJsonObject();
  }

  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    for (JsonElement element : array) {
      values.add(element.getAsString());
    }
    return values;
  }
}

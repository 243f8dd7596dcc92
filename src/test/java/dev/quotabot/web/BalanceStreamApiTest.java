package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.FakeModelScope.withQuota;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/balance/stream} over real HTTP, read line by line as it arrives: the account
 * first, each model as its probe finishes, pings while waiting, the summary last.
 */
final class BalanceStreamApiTest {
  private static final String KEY = "ms-STREAMAPI-0123456789abcdefWXYZ";
  private static final String FAST = "Fast/Model";
  private static final String SLOW = "Slow/Model";
  private static final String LIMITED = "Limited/Model";
  private static final String MISSING = "Org/Missing-Model";
  private static final int SLOW_MS = 2_500;
  private static final String CHAT = "/v1/chat/completions";

  private static FakeModelScope modelScope;
  private static RunningApp app;

  @BeforeAll
  static void start() {
    modelScope = FakeModelScope.start(0);
    modelScope.models(List.of(FAST, SLOW, LIMITED));
    modelScope.model(FAST, withQuota(2000, 1500, 500, 20).withFixedDelay(50));
    modelScope.model(SLOW, withQuota(2000, 1400, 200, 10).withFixedDelay(SLOW_MS));
    modelScope.limitReached(LIMITED, 0);
    app = RunningApp.start(modelScope.properties());
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

  @Test
  void streamsTheAccountFirstThenEachModelAsItFinishesWithPingsWhileWaiting() throws Exception {
    // WHEN a slow model and a fast one are queried (slow asked first)
    Streamed streamed = stream(app, query(SLOW, FAST));

    // THEN it is NDJSON, one JSON object per line
    assertEquals(200, streamed.status);
    assertEquals("application/x-ndjson; charset=utf-8", streamed.contentType);
    List<String> types = streamed.types();
    // the account comes first and the summary last, once each
    assertEquals("account", types.get(0), types.toString());
    assertEquals("summary", types.get(types.size() - 1), types.toString());
    assertEquals(1, types.stream().filter("account"::equals).count(), types.toString());
    assertEquals(1, types.stream().filter("summary"::equals).count(), types.toString());

    // the fast model's line comes before the slow one's, each with its index in the query
    List<Line> models = streamed.ofType("model");
    assertEquals(2, models.size(), types.toString());
    Line fast = models.get(0);
    Line slow = models.get(1);
    assertEquals(FAST, fast.json.get("model").getAsString());
    assertEquals(1, fast.json.get("index").getAsInt());
    assertEquals(SLOW, slow.json.get("model").getAsString());
    assertEquals(0, slow.json.get("index").getAsInt());

    // and it arrives while the slow one is still running (timing is the behaviour under test;
    // the bounds are generous): early, and well before the slow line
    assertTrue(fast.atMs < 1_500, "fast line after " + fast.atMs + " ms");
    assertTrue(
        slow.atMs - fast.atMs >= 1_000,
        "fast line at " + fast.atMs + " ms, slow line at " + slow.atMs + " ms");
    assertTrue(slow.atMs >= SLOW_MS - 100, "slow line after " + slow.atMs + " ms");

    // pings kept the connection alive while the slow model was awaited
    long pingsWhileWaiting =
        streamed.lines.stream()
            .filter(line -> line.type().equals("ping"))
            .filter(line -> line.atMs > fast.atMs && line.atMs <= slow.atMs)
            .count();
    assertTrue(pingsWhileWaiting >= 1, "pings: " + types);
    streamed
        .ofType("ping")
        .forEach(ping -> assertEquals(1, ping.json.size(), ping.json.toString()));
  }

  @Test
  void sendsEveryRowWithTheFieldsOfTheJsonApi() throws Exception {
    // WHEN four models are queried: one with quota, one at its limit, one not in the catalog,
    // and a slow one
    Streamed streamed = stream(app, query(FAST, LIMITED, MISSING, SLOW));

    // THEN there is one model line per model, each index once, each with the row's fields
    List<Line> models = streamed.ofType("model");
    assertEquals(4, models.size(), streamed.types().toString());
    Map<Integer, JsonObject> byIndex = new HashMap<>();
    models.forEach(line -> byIndex.put(line.json.get("index").getAsInt(), line.json));
    assertEquals(4, byIndex.size(), "each index exactly once");
    for (JsonObject row : byIndex.values()) {
      for (String field :
          List.of(
              "model",
              "request_limit",
              "request_remaining",
              "model_request_limit",
              "model_request_remaining",
              "error",
              "status",
              "note",
              "latency_ms")) {
        assertTrue(row.has(field), field + " missing in " + row);
      }
    }
    JsonObject fast = byIndex.get(0);
    assertEquals(FAST, fast.get("model").getAsString());
    assertEquals("ok", fast.get("status").getAsString());
    assertEquals(1500, fast.get("request_remaining").getAsLong());
    assertEquals(20, fast.get("model_request_remaining").getAsLong());
    JsonObject limited = byIndex.get(1);
    assertEquals(LIMITED, limited.get("model").getAsString());
    assertEquals("limit_reached", limited.get("status").getAsString());
    assertEquals(0, limited.get("model_request_remaining").getAsLong());
    JsonObject missing = byIndex.get(2);
    assertEquals(MISSING, missing.get("model").getAsString());
    assertEquals("model_unavailable", missing.get("status").getAsString());
    // each row says whether it counts as a success, so a client need not know which statuses do
    assertTrue(fast.get("succeeded").getAsBoolean());
    assertFalse(limited.get("succeeded").getAsBoolean());
    assertFalse(missing.get("succeeded").getAsBoolean());
    assertTrue(missing.get("request_limit").isJsonNull(), "unknown numbers are null, never 0");
    JsonObject slow = byIndex.get(3);
    assertEquals(SLOW, slow.get("model").getAsString());
    assertEquals(10, slow.get("model_request_remaining").getAsLong());
    // the unlisted model cost no chat call
    modelScope.server().verify(3, postRequestedFor(urlPathEqualTo(CHAT)));

    // and the summary counts the successes like the JSON API
    JsonObject summary = streamed.last().json;
    assertEquals("summary", summary.get("type").getAsString());
    assertFalse(summary.get("success").getAsBoolean());
    assertEquals("成功查询 2/4 个模型的余额信息", summary.get("message").getAsString());
    // the numbers behind the message, for a client that says it in its own language
    assertEquals(4, summary.get("models_total").getAsInt());
    assertEquals(2, summary.get("models_succeeded").getAsInt());
    assertFalse(summary.get("balance_only").getAsBoolean());
    String fingerprint = summary.get("key_fingerprint").getAsString();
    assertTrue(fingerprint.contains("…"), fingerprint);
    OffsetDateTime resetsAt = OffsetDateTime.parse(summary.get("resets_at").getAsString());
    assertEquals(8 * 3600, resetsAt.getOffset().getTotalSeconds());
    assertEquals(0, resetsAt.getHour());
    Instant.parse(summary.get("checked_at").getAsString());
    // and it names the key only by its fingerprint, never the key
    assertEquals("ms-…WXYZ", summary.get("key_fingerprint").getAsString());
    assertFalse(streamed.body().contains(KEY), streamed.body());
  }

  @Test
  void sendsTheAccountLineFirstEvenWhenAModelFinishesBeforeIt() throws Exception {
    // GIVEN a balance that takes 800 ms and a model that answers at once
    modelScope.balance(okJson(FakeModelScope.BALANCE_250).withFixedDelay(800));

    // WHEN the fast model is queried
    Streamed streamed = stream(app, query(FAST));

    // THEN the account still comes first, with the account's fields, then the model, then the
    // summary
    List<String> types = streamed.types();
    types.removeIf("ping"::equals);
    assertEquals(List.of("account", "model", "summary"), types);
    JsonObject account = streamed.ofType("account").get(0).json;
    assertEquals("modelscope", account.get("provider").getAsString());
    assertEquals("魔粒", account.get("unit").getAsString());
    assertEquals(250, account.get("available_balance").getAsInt());
    assertEquals(250, account.get("total_balance").getAsInt());
    assertEquals(0, account.get("frozen_amount").getAsInt());
    assertEquals("tester", account.get("user").getAsString());
    assertEquals("ok", account.get("status").getAsString());
    assertTrue(account.get("error").isJsonNull());
    JsonObject summary = streamed.last().json;
    assertTrue(summary.get("success").getAsBoolean());
    assertEquals("成功查询 1 个模型的余额信息", summary.get("message").getAsString());
  }

  @Test
  void theAccountLineIsTheJsonApisAccountWithItsType() throws Exception {
    // WHEN the same balance is read through the stream and through the JSON API
    String query = "{\"api_key\":\"" + KEY + "\"}";
    JsonObject line = stream(app, query).ofType("account").get(0).json.deepCopy();
    JsonObject account =
        HttpCalls.json(HttpCalls.postJson(app.uri("/api/balance"), query))
            .getAsJsonObject("account");

    // THEN the line is the same object, balances included, plus "type":"account"
    assertEquals("account", line.remove("type").getAsString());
    assertEquals(account, line);
    assertEquals(1, line.getAsJsonArray("balances").size(), line.toString());
  }

  @Test
  void streamsABalanceOnlyCheckAsTheAccountAndTheSummary() throws Exception {
    // WHEN no model is named
    Streamed streamed = stream(app, "{\"api_key\":\"" + KEY + "\"}");

    // THEN only the account and the summary come, and no chat call was made
    List<String> types = streamed.types();
    types.removeIf("ping"::equals);
    assertEquals(List.of("account", "summary"), types);
    JsonObject summary = streamed.last().json;
    assertTrue(summary.get("success").getAsBoolean());
    assertEquals("成功查询账户余额", summary.get("message").getAsString());
    assertTrue(summary.get("balance_only").getAsBoolean());
    assertTrue(summary.get("balance_read").getAsBoolean());
    assertEquals(0, summary.get("models_total").getAsInt());
    modelScope.server().verify(0, postRequestedFor(urlPathEqualTo(CHAT)));
  }

  @Test
  void neverStreamsTheKey() throws Exception {
    // GIVEN a balance endpoint that echoes the key in its error
    modelScope.balance(
        aResponse()
            .withStatus(401)
            .withBody(
                Fixtures.read("modelscope/balance-401-echoes-key.json")
                    .replace("ms-TESTKEY-1234567890abcdef", KEY)));

    // WHEN a model is queried
    Streamed streamed = stream(app, query(FAST));

    // THEN the account line says invalid_key, and no line holds the key
    JsonObject account = streamed.ofType("account").get(0).json;
    assertEquals("invalid_key", account.get("status").getAsString());
    assertFalse(streamed.body().contains(KEY), streamed.body());
    assertFalse(streamed.body().contains("0123456789abcdef"), streamed.body());
  }

  @Test
  void refusesAnInvalidRequestWithTheUsualJsonErrorNotAStream() {
    for (String body :
        List.of("{\"models\":[\"" + FAST + "\"]}", "{\"models\":", "[1]", "{\"models\":42}")) {
      // WHEN the request is invalid (no key, broken JSON, wrong types)
      HttpResponse<String> response = HttpCalls.postJson(app.uri("/api/balance/stream"), body);

      // THEN a plain JSON 400, like /api/balance
      assertEquals(400, response.statusCode(), body);
      assertEquals(
          "application/json; charset=utf-8",
          response.headers().firstValue("Content-Type").orElseThrow());
      JsonObject problem = HttpCalls.json(response);
      assertFalse(problem.get("success").getAsBoolean());
      assertFalse(problem.get("message").getAsString().isBlank());
    }
    // and the wrong content type and method are refused the same way
    HttpResponse<String> text =
        HttpCalls.post(
            app.uri("/api/balance/stream"),
            "text/plain",
            query(FAST).getBytes(StandardCharsets.UTF_8));
    assertEquals(415, text.statusCode(), text.body());
    assertFalse(HttpCalls.json(text).get("success").getAsBoolean());
    assertEquals(405, HttpCalls.get(app.uri("/api/balance/stream")).statusCode());
    modelScope.server().verify(0, postRequestedFor(urlPathEqualTo(CHAT)));
  }

  @Test
  void countsStreamsAgainstTheSameRateLimitAsTheJsonApi() throws Exception {
    // GIVEN a limit of 2 queries a minute
    Map<String, String> properties = new HashMap<>(modelScope.properties());
    properties.put("web.rate_limit_per_minute", "2");
    try (RunningApp limited = RunningApp.start(properties)) {
      // WHEN a client streams once, asks the JSON API once, then streams again
      assertEquals(200, stream(limited, "{\"api_key\":\"" + KEY + "\"}").status);
      assertEquals(
          200,
          HttpCalls.postJson(limited.uri("/api/balance"), "{\"api_key\":\"" + KEY + "\"}")
              .statusCode());
      HttpResponse<String> third =
          HttpCalls.postJson(limited.uri("/api/balance/stream"), "{\"api_key\":\"" + KEY + "\"}");

      // THEN the third is refused with the JSON 429 and a Retry-After
      assertEquals(429, third.statusCode());
      assertTrue(third.headers().firstValue("Retry-After").isPresent());
      assertEquals(
          "application/json; charset=utf-8",
          third.headers().firstValue("Content-Type").orElseThrow());
      assertTrue(HttpCalls.json(third).get("message").getAsString().contains("try again"));
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String query(String... models) {
    StringBuilder json = new StringBuilder("{\"api_key\":\"").append(KEY).append("\",\"models\":[");
    for (int i = 0; i < models.length; i++) {
      json.append(i == 0 ? "\"" : ",\"").append(models[i]).append('"');
    }
    return json.append("]}").toString();
  }

  /** Posts the query and reads the answer line by line, noting when each line arrived. */
  private static Streamed stream(RunningApp target, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target.uri("/api/balance/stream").toString()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    long started = System.nanoTime();
    HttpResponse<Stream<String>> response =
        HttpCalls.send(request, Duration.ofSeconds(30), HttpResponse.BodyHandlers.ofLines());
    List<Line> lines = new ArrayList<>();
    try (Stream<String> received = response.body()) {
      Iterator<String> it = received.iterator();
      while (it.hasNext()) {
        String text = it.next();
        long atMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertFalse(text.isBlank(), "blank line in an NDJSON stream");
        lines.add(new Line(atMs, text, JsonParser.parseString(text).getAsJsonObject()));
      }
    }
    return new Streamed(
        response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), lines);
  }

  private record Line(long atMs, String text, JsonObject json) {
    String type() {
      return json.get("type").getAsString();
    }
  }

  private record Streamed(int status, String contentType, List<Line> lines) {
    List<String> types() {
      return new ArrayList<>(lines.stream().map(Line::type).toList());
    }

    List<Line> ofType(String type) {
      return lines.stream().filter(line -> line.type().equals(type)).toList();
    }

    Line last() {
      return lines.get(lines.size() - 1);
    }

    String body() {
      return String.join("\n", lines.stream().map(Line::text).toList());
    }
  }
}

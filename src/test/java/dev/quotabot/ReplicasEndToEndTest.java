package dev.quotabot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.quotabot.support.Await;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import dev.quotabot.support.TcpRelay;
import dev.quotabot.support.TestDatabase;
import dev.quotabot.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replicas sharing PostgreSQL, end to end: real product processes' servers ({@link RunningApp}) on
 * one test database, with no watches (database.url alone makes them share).
 */
final class ReplicasEndToEndTest {
  private static final String KEY = "ms-REPLICAS-0123456789abcdefWXYZ";
  private static final String NO_KEY = "{\"models\":[\"a\"]}";

  private final TestDatabase database = TestDatabases.postgres();

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void twoReplicasShareTheWebRateLimit() {
    // GIVEN two replicas on one PostgreSQL, 30 queries a minute per client
    Map<String, String> config =
        Map.of("database.url", database.config().url(), "web.rate_limit_per_minute", "30");
    try (RunningApp first = RunningApp.start(config);
        RunningApp second = RunningApp.start(config)) {
      // WHEN one client sends 30 queries, to each replica in turn (invalid ones count too)
      for (int i = 0; i < 30; i++) {
        assertEquals(400, query(i % 2 == 0 ? first : second).statusCode(), "query " + i);
      }

      // THEN the 31st is 429 whichever replica answers, and both say their limits are shared
      HttpResponse<String> onFirst = query(first);
      HttpResponse<String> onSecond = query(second);
      assertEquals(429, onFirst.statusCode());
      assertEquals(429, onSecond.statusCode());
      long retryAfter = Long.parseLong(onSecond.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
      JsonObject components = components(first.uri("/health/ready"), 200);
      assertEquals("shared", status(components, "rate_limits"));
      assertEquals("up", status(components, "database"));
    }
  }

  @Test
  void aQueryUnderTheSharedLimitIsAnsweredInFullOnEitherDoor() {
    // GIVEN a replica on PostgreSQL, its limit shared, and ModelScope answering
    try (FakeModelScope modelScope = FakeModelScope.start(0)) {
      Map<String, String> config = new HashMap<>(modelScope.properties());
      config.put("database.url", database.config().url());
      try (RunningApp app = RunningApp.start(config)) {
        String query = "{\"models\":[\"Qwen/Qwen3-32B\"],\"api_key\":\"" + KEY + "\"}";

        // WHEN a key is queried on the JSON API and on the streamed one
        HttpResponse<String> json = HttpCalls.postJson(app.uri("/api/balance"), query);
        HttpResponse<String> stream = HttpCalls.postJson(app.uri("/api/balance/stream"), query);

        // THEN both answer in full: the shared limit sent the exchange to a worker, and the body
        // was
        // still read and the upstream asked
        assertEquals(200, json.statusCode(), json.body());
        assertTrue(HttpCalls.json(json).get("balance_read").getAsBoolean(), json.body());
        assertEquals(200, stream.statusCode(), stream.body());
        assertTrue(stream.body().contains("Qwen/Qwen3-32B"), stream.body());
      }
    }
  }

  @Test
  void aReplicaThatLosesTheDatabaseServesWithLocalLimitsAndSaysSo() {
    // GIVEN a replica whose database is reached through a relay the test can cut
    try (TcpRelay relay = new TcpRelay("127.0.0.1", 5432);
        RunningApp app =
            RunningApp.start(
                Map.of(
                    "database.url",
                    database.config().url().replace("127.0.0.1:5432", "127.0.0.1:" + relay.port()),
                    "web.rate_limit_per_minute",
                    "3"))) {
      assertEquals(400, query(app).statusCode());

      // WHEN the database goes away
      relay.cut();

      // THEN queries are still answered, within a local allowance (3 a minute, fresh)
      assertEquals(400, query(app).statusCode());
      assertEquals(400, query(app).statusCode());
      assertEquals(400, query(app).statusCode());
      assertEquals(429, query(app).statusCode());
      // and /health says so, while /health/ready takes the replica out of rotation
      Await.until(
          "the database to be reported unreachable",
          () -> "unreachable".equals(status(components(app.uri("/health"), 200), "database")));
      JsonObject down = components(app.uri("/health/ready"), 503);
      assertEquals("local_fallback", status(down, "rate_limits"));
      assertEquals(true, down.getAsJsonObject("rate_limits").get("ready").getAsBoolean());

      // WHEN it is back
      relay.restore();

      // THEN the replica is ready again, and its limits shared once a query has found the database
      Await.until(
          "the database to be reported up",
          () -> "up".equals(status(components(app.uri("/health"), 200), "database")));
      Await.until(
          "the rate limits to be shared again",
          Duration.ofSeconds(20),
          () -> {
            query(app);
            return "shared".equals(status(components(app.uri("/health"), 200), "rate_limits"));
          });
      assertEquals(200, HttpCalls.get(app.uri("/health/ready")).statusCode());
    }
  }

  private static HttpResponse<String> query(RunningApp app) {
    return HttpCalls.postJson(app.uri("/api/balance"), NO_KEY);
  }

  private static JsonObject components(URI health, int expectedStatus) {
    HttpResponse<String> answer = HttpCalls.get(health);
    assertEquals(expectedStatus, answer.statusCode(), answer.body());
    return HttpCalls.json(answer).getAsJsonObject("components");
  }

  private static String status(JsonObject components, String name) {
    return components.getAsJsonObject(name).get("status").getAsString();
  }
}

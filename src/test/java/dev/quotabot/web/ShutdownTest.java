package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: queries in flight finish, new requests are told to come back. */
final class ShutdownTest {

  @Test
  void finishesQueriesInFlightAndAnswers503WhileDraining() throws Exception {
    // GIVEN a query whose upstream takes 1.5 s
    try (FakeModelScope modelScope = FakeModelScope.start(0)) {
      modelScope.model(
          "slow/Model", aResponse().withFixedDelay(1500).withStatus(200).withBody("data: {}\n\n"));
      Map<String, String> properties = new HashMap<>(modelScope.properties());
      properties.put("web.shutdown_timeout_ms", "10000");
      RunningApp app = RunningApp.start(properties);
      CompletableFuture<HttpResponse<String>> inFlight =
          CompletableFuture.supplyAsync(
              () ->
                  HttpCalls.postJson(
                      app.uri("/api/balance"),
                      "{\"models\":[\"slow/Model\"],\"api_key\":\"ms-shutdown-0123456789\"}"),
              ShutdownTest::ownThread);
      TimeUnit.MILLISECONDS.sleep(500);
      assertFalse(inFlight.isDone(), "the query must still be running when shutdown starts");

      // WHEN shutdown starts while it runs
      // Not on the common pool: on Java 25 (one common-pool thread on 2 cores) the JDK HttpClient
      // needs that pool to deliver the upstream's answer, and close() blocks while it drains.
      CompletableFuture<Void> closing =
          CompletableFuture.runAsync(app::close, ShutdownTest::ownThread);
      TimeUnit.MILLISECONDS.sleep(200);
      HttpResponse<String> health = HttpCalls.get(app.uri("/health"));

      // THEN new requests get 503 JSON, and the query in flight still gets its full answer
      assertEquals(503, health.statusCode());
      assertEquals("shutting_down", HttpCalls.json(health).get("status").getAsString());
      assertEquals("ModelScope Balance Query", HttpCalls.json(health).get("service").getAsString());
      HttpResponse<String> refused =
          HttpCalls.postJson(app.uri("/api/balance"), "{\"api_key\":\"ms-shutdown-0123456789\"}");
      assertEquals(503, refused.statusCode());
      assertEquals(
          "application/json; charset=utf-8",
          refused.headers().firstValue("Content-Type").orElseThrow());
      assertFalse(HttpCalls.json(refused).get("success").getAsBoolean());
      assertTrue(
          HttpCalls.json(refused).get("message").getAsString().contains("shutting down"),
          refused.body());
      HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
      assertEquals(200, answer.statusCode());
      assertTrue(answer.body().contains("slow/Model"));
      closing.get(10, TimeUnit.SECONDS);
    }
  }

  private static void ownThread(Runnable task) {
    new Thread(task, "shutdown-test").start();
  }
}

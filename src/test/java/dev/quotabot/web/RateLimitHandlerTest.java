package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.config.WebConfig;
import dev.quotabot.health.HealthRegistry;
import dev.quotabot.limits.ClientRateLimit;
import dev.quotabot.limits.Limits;
import dev.quotabot.limits.UserCooldowns;
import dev.quotabot.support.CoreDoubles;
import dev.quotabot.support.HttpCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The web door's rate-limit step with a limit that may block (a shared store), over real HTTP. */
final class RateLimitHandlerTest {

  @Test
  void aLimitThatMayBlockIsAskedOffTheIoThreadAndItsRefusalCounted() {
    // GIVEN a limit that waits on the network, refusing every second query
    Queue<String> askedOn = new ConcurrentLinkedQueue<>();
    ClientRateLimit blocking =
        new ClientRateLimit() {
          @Override
          public long acquire(String clientKey) {
            askedOn.add(Thread.currentThread().getName());
            return askedOn.size() % 2 == 0 ? 7 : 0;
          }

          @Override
          public boolean blocks() {
            return true;
          }
        };
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    try (WebServer server = start(blocking, metrics)) {
      URI balance = URI.create("http://127.0.0.1:" + server.port() + "/api/balance");

      // WHEN a client queries twice
      HttpResponse<String> first = HttpCalls.postJson(balance, "{\"models\":[\"a\"]}");
      HttpResponse<String> second = HttpCalls.postJson(balance, "{\"models\":[\"a\"]}");

      // THEN the limit was asked on worker threads, never an I/O thread; the first query ran (400:
      // no key) and the second got 429 with the limit's wait, counted
      assertEquals(2, askedOn.size());
      assertFalse(askedOn.stream().anyMatch(name -> name.contains("I/O")), askedOn.toString());
      assertEquals(400, first.statusCode(), first.body());
      assertEquals(429, second.statusCode());
      assertEquals("7", second.headers().firstValue("Retry-After").orElseThrow());
      assertEquals(1.0, metrics.get("quotabot.web.rate_limited").counter().count());
      assertTrue(HttpCalls.json(second).get("message").getAsString().contains("7 s"));
    }
  }

  private static WebServer start(ClientRateLimit limit, SimpleMeterRegistry metrics) {
    WebConfig web = new WebConfig("127.0.0.1", 0, 30, false, List.of(), Duration.ofSeconds(2));
    Limits limits =
        new Limits() {
          @Override
          public ClientRateLimit perClient(int perMinute) {
            return limit;
          }

          @Override
          public UserCooldowns perUser(Duration period) {
            throw new AssertionError("the web door has no cooldown");
          }
        };
    return WebServer.start(web, CoreDoubles.unasked(), new HealthRegistry(), metrics, limits);
  }
}

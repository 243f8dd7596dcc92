package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.quotabot.config.WebConfig;
import dev.quotabot.health.HealthIndicator;
import dev.quotabot.health.HealthRegistry;
import dev.quotabot.health.HealthState;
import dev.quotabot.support.CoreDoubles;
import dev.quotabot.support.HttpCalls;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code /health} (liveness) and {@code /health/ready} (readiness), over real HTTP. */
final class HealthEndpointsTest {
  private final HealthRegistry registry = new HealthRegistry();
  @AutoClose private final WebServer server = start(registry);

  private volatile HealthState database = HealthState.ready("up", Map.of("kind", "postgresql"));

  @Test
  void aProcessWithNoPartsAnswersTheSeedsHealthExactlyAndIsReady() {
    HttpResponse<String> health = HttpCalls.get(uri("/health"));

    assertEquals(200, health.statusCode());
    assertEquals(
        "{\"status\":\"healthy\",\"service\":\"ModelScope Balance Query\"}", health.body());
    HttpResponse<String> ready = HttpCalls.get(uri("/health/ready"));
    assertEquals(200, ready.statusCode());
    assertEquals("ready", HttpCalls.json(ready).get("status").getAsString());
  }

  @Test
  void livenessShowsEachPartAndStays200WhenOneIsDown() {
    registry.add(indicator("database", () -> database));
    database = HealthState.notReady("unreachable", Map.of("since", "2026-12-03T07:00:00Z"));

    HttpResponse<String> health = HttpCalls.get(uri("/health"));

    assertEquals(200, health.statusCode());
    JsonObject part =
        HttpCalls.json(health).getAsJsonObject("components").getAsJsonObject("database");
    assertFalse(part.get("ready").getAsBoolean());
    assertEquals("unreachable", part.get("status").getAsString());
    assertEquals("2026-12-03T07:00:00Z", part.get("since").getAsString());
  }

  @Test
  void readinessIs503WhileAPartIsDownAnd200OnceItIsBack() {
    registry.add(indicator("discord", () -> HealthState.ready("connected", Map.of())));
    registry.add(indicator("database", () -> database));
    database = HealthState.notReady("unreachable", Map.of());

    HttpResponse<String> down = HttpCalls.get(uri("/health/ready"));
    database = HealthState.ready("up", Map.of());
    HttpResponse<String> back = HttpCalls.get(uri("/health/ready"));

    assertEquals(503, down.statusCode());
    assertEquals("not_ready", HttpCalls.json(down).get("status").getAsString());
    assertEquals(200, back.statusCode());
    JsonObject components = HttpCalls.json(back).getAsJsonObject("components");
    assertEquals(List.of("discord", "database"), List.copyOf(components.keySet()));
    assertTrue(components.getAsJsonObject("discord").get("ready").getAsBoolean());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HealthIndicator indicator(String name, Supplier<HealthState> state) {
    return new HealthIndicator() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public HealthState check() {
        return state.get();
      }
    };
  }

  private static WebServer start(HealthRegistry registry) {
    WebConfig web = new WebConfig("127.0.0.1", 0, 30, false, List.of(), Duration.ofSeconds(2));
    return WebServer.start(web, CoreDoubles.unasked(), registry);
  }
}

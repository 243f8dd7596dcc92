package dev.quotabot.web;

import dev.quotabot.health.HealthRegistry;
import dev.quotabot.health.HealthState;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} (liveness): the seed's shape, 200 while serving (503 while shutting down),
 * plus each registered part's state under {@code components} when there are any. {@code GET
 * /health/ready} (readiness): 200 when every part is ready, else 503, with the same components.
 */
final class HealthHandler implements HttpHandler {
  static final String SERVICE = "ModelScope Balance Query";
  static final String HEALTHY = "healthy";
  static final String SHUTTING_DOWN = "shutting_down";
  static final String READY = "ready";
  static final String NOT_READY = "not_ready";

  /** The seed's {@code {"status","service"}}. */
  record Health(String status, String service) {}

  /** The same with each part's state (additive). */
  record HealthWithParts(
      String status, String service, Map<String, Map<String, Object>> components) {}

  static Health body(String status) {
    return new Health(status, SERVICE);
  }

  private final HealthRegistry registry;
  private final boolean readiness;

  private HealthHandler(HealthRegistry registry, boolean readiness) {
    this.registry = registry;
    this.readiness = readiness;
  }

  static HealthHandler liveness(HealthRegistry registry) {
    return new HealthHandler(registry, false);
  }

  static HealthHandler readiness(HealthRegistry registry) {
    return new HealthHandler(registry, true);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Map<String, HealthState> states = registry.check();
    Map<String, Map<String, Object>> components = components(states);
    if (!readiness) {
      JsonResponses.send(
          exchange,
          200,
          components.isEmpty() ? body(HEALTHY) : new HealthWithParts(HEALTHY, SERVICE, components));
      return;
    }
    boolean ready = HealthRegistry.allReady(states);
    JsonResponses.send(
        exchange,
        ready ? 200 : 503,
        new HealthWithParts(ready ? READY : NOT_READY, SERVICE, components));
  }

  /** Each part as {@code {"ready":…, "status":…, …details}}. */
  private static Map<String, Map<String, Object>> components(Map<String, HealthState> states) {
    Map<String, Map<String, Object>> components = new LinkedHashMap<>();
    states.forEach(
        (name, state) -> {
          Map<String, Object> shown = new LinkedHashMap<>();
          shown.put("ready", state.ready());
          shown.put("status", state.status());
          shown.putAll(state.details());
          components.put(name, shown);
        });
    return components;
  }
}

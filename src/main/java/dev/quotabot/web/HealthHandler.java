package dev.quotabot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /health}: the seed's shape, 200 while serving (503 while shutting down). */
final class HealthHandler implements HttpHandler {
  static final String SERVICE = "ModelScope Balance Query";
  static final String HEALTHY = "healthy";
  static final String SHUTTING_DOWN = "shutting_down";

  /** The seed's {@code {"status","service"}}. */
  record Health(String status, String service) {}

  static Health body(String status) {
    return new Health(status, SERVICE);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    JsonResponses.send(exchange, 200, body(HEALTHY));
  }
}

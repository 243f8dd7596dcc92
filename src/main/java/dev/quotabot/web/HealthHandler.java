package dev.quotabot.web;

import com.google.gson.JsonObject;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /health}: the seed's shape, 200 while serving (503 while shutting down). */
final class HealthHandler implements HttpHandler {
  static final String SERVICE = "ModelScope Balance Query";

  static JsonObject body(String status) {
    JsonObject body = new JsonObject();
    body.addProperty("status", status);
    body.addProperty("service", SERVICE);
    return body;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    JsonResponses.send(exchange, 200, body("healthy"));
  }
}

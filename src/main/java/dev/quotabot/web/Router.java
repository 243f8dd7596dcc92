package dev.quotabot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact-path routing with JSON answers for the misses: 404 for an unknown path, 405 (with {@code
 * Allow}) for a known path with another method. HEAD is answered wherever GET is.
 */
final class Router implements HttpHandler {
  private final Map<String, Map<HttpString, HttpHandler>> routes = new HashMap<>();

  Router get(String path, HttpHandler handler) {
    return add(Methods.GET, path, handler).add(Methods.HEAD, path, handler);
  }

  Router post(String path, HttpHandler handler) {
    return add(Methods.POST, path, handler);
  }

  private Router add(HttpString method, String path, HttpHandler handler) {
    routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
    return this;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Map<HttpString, HttpHandler> byMethod = routes.get(exchange.getRelativePath());
    if (byMethod == null) {
      JsonResponses.problem(
          exchange,
          404,
          "Not found: this server answers GET /, GET /health, GET /api/config, GET /api/providers,"
              + " GET /api/models, POST /api/balance and POST /api/balance/stream.");
      return;
    }
    HttpHandler handler = byMethod.get(exchange.getRequestMethod());
    if (handler == null) {
      String allowed =
          String.join(", ", byMethod.keySet().stream().map(HttpString::toString).toList());
      exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
      JsonResponses.problem(
          exchange,
          405,
          "Method not allowed on " + exchange.getRelativePath() + ": use " + allowed + ".");
      return;
    }
    handler.handleRequest(exchange);
  }
}

package dev.quotabot.web;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.PathTemplateMatcher;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The API's routes on Undertow's {@link RoutingHandler}, with JSON answers for the misses: 405 with
 * {@code Allow} for a known path asked with another method, and for an unknown path the page's
 * files (GET and HEAD) or else 404. HEAD is answered wherever GET is.
 */
final class Routes {
  static final String NOT_FOUND =
      "Not found: this server answers GET /, GET /health, GET /health/ready, GET /api/config, GET /api/providers,"
          + " GET /api/models, POST /api/balance, POST /api/balance/stream and GET /openapi.json"
          + " (which describes them all).";

  private final RoutingHandler routing = Handlers.routing();

  /**
   * The methods of each path, for {@code Allow}: the RoutingHandler does not tell its 405 handler.
   */
  private final Map<String, Set<HttpString>> methods = new LinkedHashMap<>();

  Routes get(String path, HttpHandler handler) {
    return add(Methods.GET, path, handler).add(Methods.HEAD, path, handler);
  }

  Routes post(String path, HttpHandler handler) {
    return add(Methods.POST, path, handler);
  }

  private Routes add(HttpString method, String path, HttpHandler handler) {
    routing.add(method, path, handler);
    methods.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(method);
    return this;
  }

  /**
   * The routing handler; a path none of the routes knows goes to {@code files} for GET and HEAD
   * ({@code files} answers 404 itself for a file it does not have).
   */
  HttpHandler otherwise(HttpHandler files) {
    PathTemplateMatcher<String> allowed = new PathTemplateMatcher<>();
    methods.forEach(
        (path, verbs) ->
            allowed.add(
                path, String.join(", ", verbs.stream().map(HttpString::toString).toList())));
    return routing
        .setInvalidMethodHandler(exchange -> methodNotAllowed(exchange, allowed))
        .setFallbackHandler(
            exchange -> {
              HttpString method = exchange.getRequestMethod();
              if (method.equals(Methods.GET) || method.equals(Methods.HEAD)) {
                files.handleRequest(exchange);
              } else {
                notFound(exchange);
              }
            });
  }

  static void notFound(HttpServerExchange exchange) {
    JsonResponses.problem(exchange, 404, NOT_FOUND);
  }

  private static void methodNotAllowed(
      HttpServerExchange exchange, PathTemplateMatcher<String> allowed) {
    PathTemplateMatcher.@Nullable PathMatchResult<String> match =
        allowed.match(exchange.getRelativePath());
    if (match == null) {
      notFound(exchange);
      return;
    }
    exchange.getResponseHeaders().put(Headers.ALLOW, match.getValue());
    JsonResponses.problem(
        exchange,
        405,
        "Method not allowed on " + match.getMatchedTemplate() + ": use " + match.getValue() + ".");
  }
}

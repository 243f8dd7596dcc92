package dev.quotabot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cross-origin access for the origins an operator listed in {@code web.cors_origins}, and for no
 * one else: without configuration no CORS header is ever sent.
 */
final class Cors implements HttpHandler {
  private static final HttpString ALLOW_ORIGIN =
      HttpString.tryFromString("Access-Control-Allow-Origin");
  private static final HttpString ALLOW_METHODS =
      HttpString.tryFromString("Access-Control-Allow-Methods");
  private static final HttpString ALLOW_HEADERS =
      HttpString.tryFromString("Access-Control-Allow-Headers");
  private static final HttpString MAX_AGE = HttpString.tryFromString("Access-Control-Max-Age");
  private static final HttpString REQUEST_METHOD =
      HttpString.tryFromString("Access-Control-Request-Method");

  private final Set<String> origins;
  private final HttpHandler next;

  Cors(Set<String> origins, HttpHandler next) {
    this.origins = Set.copyOf(origins);
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    @Nullable String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    boolean allowed = origin != null && (origins.contains(origin) || origins.contains("*"));
    HeaderMap headers = exchange.getResponseHeaders();
    if (!origins.isEmpty()) {
      headers.add(Headers.VARY, "Origin");
    }
    if (allowed) {
      headers.put(ALLOW_ORIGIN, origins.contains("*") ? "*" : origin);
      boolean preflight =
          exchange.getRequestMethod().equals(Methods.OPTIONS)
              && exchange.getRequestHeaders().contains(REQUEST_METHOD);
      if (preflight) {
        headers.put(ALLOW_METHODS, "GET, POST");
        headers.put(ALLOW_HEADERS, "Content-Type, Authorization");
        headers.put(MAX_AGE, "600");
        exchange.setStatusCode(204);
        exchange.endExchange();
        return;
      }
    }
    next.handleRequest(exchange);
  }
}

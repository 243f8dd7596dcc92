package dev.quotabot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * Headers on every answer: nothing is cached (answers describe a key), nothing is sniffed or
 * framed, no referrer leaves the page, and the page may run only its own script and style.
 */
final class SecurityHeaders implements HttpHandler {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final HttpHandler next;

  SecurityHeaders(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(Headers.CACHE_CONTROL, "no-store");
    headers.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
    headers.put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
    headers.put(HttpString.tryFromString("X-Frame-Options"), "DENY");
    headers.put(HttpString.tryFromString("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
    next.handleRequest(exchange);
  }
}

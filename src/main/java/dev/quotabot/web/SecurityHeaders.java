package dev.quotabot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * Headers on every answer: nothing is cached (answers describe a key), nothing is sniffed or
 * framed, no referrer leaves the page, and the page may run only its own script and style. Set as
 * the response is committed, so that no handler on the way (the resource handler clears {@code
 * Cache-Control} on a miss) can drop them.
 */
final class SecurityHeaders implements HttpHandler {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final HttpString NOSNIFF = HttpString.tryFromString("X-Content-Type-Options");
  private static final HttpString REFERRER = HttpString.tryFromString("Referrer-Policy");
  private static final HttpString FRAME = HttpString.tryFromString("X-Frame-Options");
  private static final HttpString CSP = HttpString.tryFromString("Content-Security-Policy");

  private final HttpHandler next;

  SecurityHeaders(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.addResponseCommitListener(SecurityHeaders::put);
    next.handleRequest(exchange);
  }

  private static void put(HttpServerExchange exchange) {
    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(Headers.CACHE_CONTROL, "no-store");
    headers.put(NOSNIFF, "nosniff");
    headers.put(REFERRER, "no-referrer");
    headers.put(FRAME, "DENY");
    headers.put(CSP, CONTENT_SECURITY_POLICY);
  }
}

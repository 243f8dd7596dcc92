package dev.quotabot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import org.jspecify.annotations.Nullable;

/**
 * Headers on every answer: nothing is cached (answers describe a key) unless a handler marked its
 * answer {@link #cacheable} (the API's description), nothing is sniffed or framed, no referrer
 * leaves the page, and the page may run only its own script and style. Set as the response is
 * committed, so that no handler on the way (the resource handler clears {@code Cache-Control} on a
 * miss) can drop them.
 */
final class SecurityHeaders implements HttpHandler {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final HttpString NOSNIFF = HttpString.tryFromString("X-Content-Type-Options");
  private static final HttpString REFERRER = HttpString.tryFromString("Referrer-Policy");
  private static final HttpString FRAME = HttpString.tryFromString("X-Frame-Options");
  private static final HttpString CSP = HttpString.tryFromString("Content-Security-Policy");

  /** Set by a handler whose answer describes no key: how long it may be cached, in seconds. */
  private static final AttachmentKey<Integer> MAX_AGE = AttachmentKey.create(Integer.class);

  private final HttpHandler next;

  SecurityHeaders(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.addResponseCommitListener(SecurityHeaders::put);
    next.handleRequest(exchange);
  }

  /** Marks the answer as one that holds nothing about a key: caches may keep it this long. */
  static void cacheable(HttpServerExchange exchange, int maxAgeSeconds) {
    exchange.putAttachment(MAX_AGE, maxAgeSeconds);
  }

  private static void put(HttpServerExchange exchange) {
    HeaderMap headers = exchange.getResponseHeaders();
    @Nullable Integer maxAge = exchange.getAttachment(MAX_AGE);
    headers.put(
        Headers.CACHE_CONTROL,
        maxAge == null || exchange.getStatusCode() >= 400
            ? "no-store"
            : "public, max-age=" + maxAge + ", must-revalidate");
    headers.put(NOSNIFF, "nosniff");
    headers.put(REFERRER, "no-referrer");
    headers.put(FRAME, "DENY");
    headers.put(CSP, CONTENT_SECURITY_POLICY);
  }
}

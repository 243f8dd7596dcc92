package dev.quotabot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Answers 429 with {@code Retry-After} to a client over its per-minute allowance. */
final class RateLimitHandler implements HttpHandler {
  private final RateLimiter limiter;
  private final ClientAddress clients;
  private final HttpHandler next;

  RateLimitHandler(RateLimiter limiter, ClientAddress clients, HttpHandler next) {
    this.limiter = limiter;
    this.clients = clients;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    long waitSeconds = limiter.acquire(clients.of(exchange));
    if (waitSeconds > 0) {
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(waitSeconds));
      JsonResponses.problem(
          exchange, 429, "Too many queries from your address: try again in " + waitSeconds + " s.");
      return;
    }
    next.handleRequest(exchange);
  }
}

package dev.quotabot.web;

import dev.quotabot.limits.ClientKeys;
import dev.quotabot.limits.ClientRateLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Answers 429 with {@code Retry-After} to a client over its per-minute allowance. */
final class RateLimitHandler implements HttpHandler {
  private final ClientRateLimit limiter;
  private final ClientAddress clients;
  private final Counter refusals;
  private final HttpHandler next;

  RateLimitHandler(
      ClientRateLimit limiter, ClientAddress clients, Counter refusals, HttpHandler next) {
    this.limiter = limiter;
    this.clients = clients;
    this.refusals = refusals;
    this.next = next;
  }

  /** Queries refused with 429 ({@code quotabot_web_rate_limited_total}); no client label. */
  static Counter refusals(MeterRegistry registry) {
    return Counter.builder("quotabot.web.rate_limited")
        .description("Web queries refused with 429: the client was over its per-minute allowance")
        .register(registry);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (limiter.blocks() && exchange.isInIoThread()) {
      // a shared limit is a database round trip: never on the I/O thread
      exchange.dispatch(this);
      return;
    }
    long waitSeconds = limiter.acquire(ClientKeys.of(clients.of(exchange)));
    if (waitSeconds > 0) {
      refusals.increment();
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(waitSeconds));
      JsonResponses.problem(
          exchange, 429, "Too many queries from your address: try again in " + waitSeconds + " s.");
      return;
    }
    next.handleRequest(exchange);
  }
}

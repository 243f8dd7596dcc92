package dev.quotabot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Gives every answer that would otherwise go out without a body the common JSON error shape: the
 * 503 of Undertow's graceful shutdown handler (on {@code /health}, its own shape with {@code
 * "status":"shutting_down"}) and any other bare error Undertow's handlers end an exchange with.
 * Undertow's own error page handler writes HTML, hence this one.
 */
final class JsonErrorPages implements HttpHandler {
  static final String SHUTTING_DOWN = "The server is shutting down: try again in a moment.";

  private final HttpHandler next;

  JsonErrorPages(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.addDefaultResponseListener(JsonErrorPages::write);
    next.handleRequest(exchange);
  }

  /** Runs when an exchange ends without a response; true when it wrote one. */
  private static boolean write(HttpServerExchange exchange) {
    int status = exchange.getStatusCode();
    if (!exchange.isResponseChannelAvailable() || status < 400) {
      return false;
    }
    if (status == 503) {
      // only the graceful shutdown handler ends an exchange with a bare 503
      exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
      if (exchange.getRelativePath().equals("/health")) {
        JsonResponses.send(exchange, 503, HealthHandler.body(HealthHandler.SHUTTING_DOWN));
      } else {
        JsonResponses.problem(exchange, 503, SHUTTING_DOWN);
      }
      return true;
    }
    JsonResponses.problem(
        exchange,
        status,
        status == 404
            ? Routes.NOT_FOUND
            : "The request could not be completed (HTTP " + status + ").");
    return true;
  }
}

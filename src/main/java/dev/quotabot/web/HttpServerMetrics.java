package dev.quotabot.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Times every request the web port answers ({@code http_server_requests_seconds}), labelled by
 * method, route template and status. Written here because Micrometer has no Undertow binder. The
 * labels are bounded whatever a client sends: the template a route matched ({@code /api/balance}),
 * never the raw path, else {@code static} for the page's files and {@code unmatched} for a miss; a
 * method outside the standard ones is {@code OTHER}.
 */
final class HttpServerMetrics implements HttpHandler {
  static final String REQUESTS = "http.server.requests";
  static final String STATIC = "static";
  static final String UNMATCHED = "unmatched";
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final MeterRegistry registry;
  private final HttpHandler next;

  HttpServerMetrics(MeterRegistry registry, HttpHandler next) {
    this.registry = registry;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    long started = System.nanoTime();
    exchange.addExchangeCompleteListener(
        (done, nextListener) -> {
          try {
            record(done, System.nanoTime() - started);
          } finally {
            nextListener.proceed();
          }
        });
    next.handleRequest(exchange);
  }

  private void record(HttpServerExchange exchange, long nanos) {
    int status = exchange.getStatusCode();
    Timer.builder(REQUESTS)
        .description("Requests the web port answered, by method, route template and status")
        .tag("method", method(exchange.getRequestMethod()))
        .tag("uri", route(exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY), status))
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private static String method(HttpString method) {
    String name = method.toString();
    return METHODS.contains(name) ? name : "OTHER";
  }

  /** The matched route's template; a request no route matched was the page's or a miss. */
  private static String route(@Nullable PathTemplateMatch match, int status) {
    if (match != null) {
      return match.getMatchedTemplate();
    }
    return status < 400 ? STATIC : UNMATCHED;
  }
}

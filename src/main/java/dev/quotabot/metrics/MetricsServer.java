package dev.quotabot.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management listener: {@code GET /metrics} in Prometheus's text format, on its own address and
 * port so that the web port (often public, behind a proxy) never serves it. Anything else is 404.
 */
public final class MetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  static final String PATH = "/metrics";

  /**
   * Prometheus's text exposition format, the one {@link PrometheusMeterRegistry#scrape()} writes.
   */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Undertow undertow;

  private MetricsServer(Undertow undertow) {
    this.undertow = undertow;
  }

  /** Starts listening on {@code host:port} (0 picks a free port). */
  public static MetricsServer start(String host, int port, PrometheusMeterRegistry registry) {
    HttpHandler routes =
        Handlers.routing()
            .get(PATH, exchange -> scrape(exchange, registry))
            .setFallbackHandler(MetricsServer::notFound)
            .setInvalidMethodHandler(MetricsServer::notFound);
    Undertow undertow = Undertow.builder().addHttpListener(port, host).setHandler(routes).build();
    undertow.start();
    MetricsServer server = new MetricsServer(undertow);
    LOG.info("Metrics listening on http://{}:{}{}", host, server.port(), PATH);
    return server;
  }

  /** Answered on the IO thread: a scrape only reads the meters, it never waits for anything. */
  private static void scrape(HttpServerExchange exchange, PrometheusMeterRegistry registry) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
    exchange.getResponseSender().send(registry.scrape(), StandardCharsets.UTF_8);
  }

  private static void notFound(HttpServerExchange exchange) {
    exchange.setStatusCode(404);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
    exchange.getResponseSender().send("Not found: this listener serves GET " + PATH + ".\n");
  }

  /** The port actually bound (useful when the configured port is 0). */
  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  @Override
  public void close() {
    undertow.stop();
  }
}

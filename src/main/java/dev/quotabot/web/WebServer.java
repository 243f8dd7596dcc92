package dev.quotabot.web;

import dev.quotabot.config.WebConfig;
import dev.quotabot.health.HealthRegistry;
import dev.quotabot.limits.ClientRateLimit;
import dev.quotabot.limits.Limits;
import dev.quotabot.quota.QueryMeters;
import dev.quotabot.quota.QuotaService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.ExceptionHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.util.HashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/** The web door: page, JSON API and health check on one Undertow listener. */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  private static final int MAX_HEADER_BYTES = 32 * 1024;

  private final WebConfig config;
  private final Undertow undertow;
  private final GracefulShutdownHandler shutdown;

  private WebServer(WebConfig config, Undertow undertow, GracefulShutdownHandler shutdown) {
    this.config = config;
    this.undertow = undertow;
    this.shutdown = shutdown;
  }

  /** Builds the handler chain and starts listening, with no parts to report in {@code /health}. */
  public static WebServer start(WebConfig config, QuotaService service) {
    return start(config, service, new HealthRegistry());
  }

  /**
   * Builds the handler chain and starts listening; {@code /health} and {@code /health/ready} show
   * what {@code health} holds at each request.
   */
  public static WebServer start(WebConfig config, QuotaService service, HealthRegistry health) {
    return start(config, service, health, new CompositeMeterRegistry());
  }

  /**
   * The same, recording its requests, queries and rate-limit refusals in {@code metrics}.
   *
   * @param metrics the process's registry (one that records nothing while metrics are off)
   */
  public static WebServer start(
      WebConfig config, QuotaService service, HealthRegistry health, MeterRegistry metrics) {
    return start(config, service, health, metrics, Limits.local());
  }

  /**
   * The same, with the clients' rate limit kept where {@code limits} keeps it (shared by every
   * replica when the database is PostgreSQL).
   */
  public static WebServer start(
      WebConfig config,
      QuotaService service,
      HealthRegistry health,
      MeterRegistry metrics,
      Limits limits) {
    GracefulShutdownHandler shutdown =
        new GracefulShutdownHandler(
            jsonErrors(
                cors(
                    config,
                    routes(
                        config,
                        service,
                        health,
                        metrics,
                        limits.perClient(config.rateLimitPerMinute())))));
    // outermost first: each request is timed and logged, gets the security headers, and any answer
    // without a body (the 503 while shutting down included) gets a JSON one
    HttpHandler chain =
        new HttpServerMetrics(
            metrics, AccessLog.around(new SecurityHeaders(new JsonErrorPages(shutdown))));
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(config.port(), config.host())
            .setHandler(chain)
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 10_000)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
            .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
            // for the access log's time
            .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
            .setSocketOption(Options.REUSE_ADDRESSES, true)
            .build();
    undertow.start();
    WebServer server = new WebServer(config, undertow, shutdown);
    LOG.info("Web page and API listening on http://{}:{}/", config.host(), server.port());
    return server;
  }

  private static HttpHandler routes(
      WebConfig config,
      QuotaService service,
      HealthRegistry health,
      MeterRegistry metrics,
      ClientRateLimit limiter) {
    ClientAddress clients = new ClientAddress(config.trustProxy());
    QueryRequests requests = new QueryRequests(service);
    QueryMeters queries = new QueryMeters(metrics);
    Counter refusals = RateLimitHandler.refusals(metrics);
    HttpHandler balance =
        new RateLimitHandler(
            limiter, clients, refusals, new BalanceHandler(service, requests, queries));
    HttpHandler stream =
        new RateLimitHandler(
            limiter, clients, refusals, new BalanceStreamHandler(service, requests, queries));
    return new Routes()
        .get("/health", HealthHandler.liveness(health))
        .get("/health/ready", HealthHandler.readiness(health))
        .get("/api/config", new PageSettingsHandler(service))
        .get("/api/providers", new ProvidersHandler(service))
        .get("/api/models", new ModelsHandler(service))
        .post("/api/balance", balance)
        .post("/api/balance/stream", stream)
        .get("/openapi.json", OpenApiHandler.fromClassPath())
        .otherwise(PageFiles.handler());
  }

  /** Whatever a handler throws becomes the JSON error {@link Problems} maps it to. */
  private static HttpHandler jsonErrors(HttpHandler next) {
    return new ExceptionHandler(next)
        .addExceptionHandler(
            Throwable.class,
            exchange ->
                Problems.send(exchange, exchange.getAttachment(ExceptionHandler.THROWABLE)));
  }

  private static HttpHandler cors(WebConfig config, HttpHandler next) {
    return config.corsOrigins().isEmpty()
        ? next
        : new Cors(new HashSet<>(config.corsOrigins()), next);
  }

  /** The port actually bound (useful when the configured port is 0). */
  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** Stops taking new requests (503), lets those in flight finish (bounded), then closes. */
  @Override
  public void close() {
    shutdown.shutdown();
    try {
      if (!shutdown.awaitShutdown(config.shutdownTimeout().toMillis())) {
        LOG.warn(
            "Shutdown timeout of {} ms passed with requests still running",
            config.shutdownTimeout().toMillis());
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      undertow.stop();
    }
  }
}

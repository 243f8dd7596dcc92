package dev.quotabot.web;

import dev.quotabot.config.WebConfig;
import dev.quotabot.quota.QuotaService;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
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
  private final RequestTracker tracker;

  private WebServer(WebConfig config, Undertow undertow, RequestTracker tracker) {
    this.config = config;
    this.undertow = undertow;
    this.tracker = tracker;
  }

  /** Builds the routes and starts listening. */
  public static WebServer start(WebConfig config, QuotaService service) {
    RequestTracker tracker =
        new RequestTracker(new SecurityHeaders(cors(config, routes(config, service))));
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(config.port(), config.host())
            .setHandler(tracker)
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 10_000)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
            .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
            .setSocketOption(Options.REUSE_ADDRESSES, true)
            .build();
    undertow.start();
    WebServer server = new WebServer(config, undertow, tracker);
    LOG.info("Web page and API listening on http://{}:{}/", config.host(), server.port());
    return server;
  }

  private static HttpHandler routes(WebConfig config, QuotaService service) {
    RateLimiter limiter = new RateLimiter(config.rateLimitPerMinute(), System::nanoTime);
    ClientAddress clients = new ClientAddress(config.trustProxy());
    QueryRequests requests = new QueryRequests(service);
    HttpHandler balance =
        new RateLimitHandler(limiter, clients, new BalanceHandler(service, requests));
    HttpHandler stream =
        new RateLimitHandler(limiter, clients, new BalanceStreamHandler(service, requests));
    StaticAsset page = StaticAsset.load("index.html", "text/html; charset=utf-8");
    return new Router()
        .get("/", page)
        .get("/index.html", page)
        .get("/app.js", StaticAsset.load("app.js", "text/javascript; charset=utf-8"))
        .get("/app.css", StaticAsset.load("app.css", "text/css; charset=utf-8"))
        .get("/favicon.svg", StaticAsset.load("favicon.svg", "image/svg+xml"))
        .get("/health", new HealthHandler())
        .get("/api/config", new PageSettingsHandler(service))
        .get("/api/providers", new ProvidersHandler(service))
        .get("/api/models", new ModelsHandler(service))
        .post("/api/balance", balance)
        .post("/api/balance/stream", stream);
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

  /** Stops taking new requests, lets those in flight finish (bounded), then closes the listener. */
  @Override
  public void close() {
    try {
      if (!tracker.drain(config.shutdownTimeout())) {
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

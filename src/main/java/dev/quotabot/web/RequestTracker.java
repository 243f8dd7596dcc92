package dev.quotabot.web;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Redaction;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost handler: counts requests in flight so shutdown can wait for them, answers 503 once
 * draining has begun, writes the access log (method, path, status, time; never a query string,
 * header or body), and turns anything a handler throws into a JSON error.
 */
final class RequestTracker implements HttpHandler {
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.quotabot.access");
  private static final int MAX_LOGGED_PATH = 100;

  private final HttpHandler next;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;

  RequestTracker(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    long started = System.nanoTime();
    inFlight.incrementAndGet();
    exchange.addDefaultResponseListener(RequestTracker::jsonErrorPage);
    exchange.addExchangeCompleteListener(
        (done, nextListener) -> {
          try {
            inFlight.decrementAndGet();
            log(done, started);
          } finally {
            nextListener.proceed();
          }
        });
    if (draining) {
      exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
      JsonResponses.send(exchange, 503, shuttingDown(exchange));
      return;
    }
    try {
      next.handleRequest(exchange);
    } catch (Exception | StackOverflowError failure) {
      Problems.send(exchange, failure);
    }
  }

  boolean draining() {
    return draining;
  }

  /** Refuses new requests from now on and waits up to {@code timeout} for those in flight. */
  boolean drain(Duration timeout) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return inFlight.get() == 0;
  }

  private static void log(HttpServerExchange exchange, long started) {
    if (!ACCESS.isInfoEnabled()) {
      return;
    }
    String path = exchange.getRelativePath();
    if (path.length() > MAX_LOGGED_PATH) {
      path = path.substring(0, MAX_LOGGED_PATH) + "…";
    }
    ACCESS.info(
        "{} {} {} {} {}ms",
        exchange.getSourceAddress() == null
            ? "-"
            : exchange.getSourceAddress().getAddress().getHostAddress(),
        exchange.getRequestMethod(),
        Redaction.tokens(path).replaceAll("\\p{Cntrl}", "?"),
        exchange.getStatusCode(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /** What a request gets while the server shuts down; /health says so in its own words. */
  private static JsonObject shuttingDown(HttpServerExchange exchange) {
    if (exchange.getRelativePath().equals("/health")) {
      return HealthHandler.body("shutting_down");
    }
    return JsonResponses.problemBody("The server is shutting down: try again in a moment.");
  }

  /** Undertow's own error answers (a request it could not finish) also get a JSON body. */
  private static boolean jsonErrorPage(HttpServerExchange exchange) {
    if (!exchange.isResponseChannelAvailable() || exchange.getStatusCode() < 400) {
      return false;
    }
    JsonResponses.problem(
        exchange,
        exchange.getStatusCode(),
        "The request could not be completed (HTTP " + exchange.getStatusCode() + ").");
    return true;
  }
}

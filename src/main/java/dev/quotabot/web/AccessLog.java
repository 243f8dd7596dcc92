package dev.quotabot.web;

import dev.quotabot.quota.Redaction;
import io.undertow.attribute.CompositeExchangeAttribute;
import io.undertow.attribute.ConstantExchangeAttribute;
import io.undertow.attribute.ExchangeAttribute;
import io.undertow.attribute.ReadOnlyAttributeException;
import io.undertow.attribute.RequestMethodAttribute;
import io.undertow.attribute.ResponseCodeAttribute;
import io.undertow.attribute.ResponseTimeAttribute;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import io.undertow.server.handlers.accesslog.AccessLogReceiver;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undertow's access log, one line per request into SLF4J's {@code dev.quotabot.access} logger:
 * method, path, status and time ({@code POST /api/balance 200 231ms}). Never a query string, a
 * header or a body; a key-shaped token in the path is redacted, and the path is cut short.
 */
final class AccessLog {
  static final String LOGGER = "dev.quotabot.access";
  static final int MAX_LOGGED_PATH = 100;
  private static final Logger ACCESS = LoggerFactory.getLogger(LOGGER);

  private AccessLog() {}

  /**
   * Logs every request {@code next} handles, once it completes. Needs {@code
   * UndertowOptions.RECORD_REQUEST_START_TIME} for the time.
   */
  static HttpHandler around(HttpHandler next) {
    ExchangeAttribute space = new ConstantExchangeAttribute(" ");
    ExchangeAttribute line =
        new CompositeExchangeAttribute(
            new ExchangeAttribute[] {
              RequestMethodAttribute.INSTANCE,
              space,
              new LoggedPath(),
              space,
              ResponseCodeAttribute.INSTANCE,
              space,
              new ResponseTimeAttribute(TimeUnit.MILLISECONDS),
              new ConstantExchangeAttribute("ms")
            });
    AccessLogReceiver toSlf4j = message -> ACCESS.info("{}", message);
    return new AccessLogHandler(
        next, toSlf4j, "%m <path, redacted> %s %Dms", line, exchange -> ACCESS.isInfoEnabled());
  }

  /** The path without its query string, shortened, with keys and control characters replaced. */
  private static final class LoggedPath implements ExchangeAttribute {
    @Override
    public String readAttribute(HttpServerExchange exchange) {
      // redacted before it is cut, so that no cut leaves part of a key unrecognised
      String path = Redaction.tokens(exchange.getRelativePath()).replaceAll("\\p{Cntrl}", "?");
      return path.length() > MAX_LOGGED_PATH ? path.substring(0, MAX_LOGGED_PATH) + "…" : path;
    }

    @Override
    public void writeAttribute(HttpServerExchange exchange, String newValue)
        throws ReadOnlyAttributeException {
      throw new ReadOnlyAttributeException("logged path", newValue);
    }
  }
}

package dev.quotabot;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.quotabot.config.ConfigKey;
import dev.quotabot.config.LogFormat;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Switches the console to the configured {@code log.format} once the configuration is read (logback
 * has already read logback.xml by then, so a file setting could not reach it). JSON lines come from
 * logback's own {@link JsonEncoder} on the same appender, so they pass the same filters as text
 * lines: the logger levels of logback.xml and {@code JdaPayloadRedaction}, a turbo filter that acts
 * before any appender. The product's code never hands a key to a logger in either format.
 */
final class ConsoleLogs {
  /** The console appender's name in logback.xml. */
  static final String APPENDER = "CONSOLE";

  private ConsoleLogs() {}

  /**
   * Before the configuration is read: JSON at once when the environment asks for it, so that a
   * container's every line is JSON, a configuration error's included. Any other value waits for the
   * configuration (which refuses a bad one in a text line).
   */
  static void useEarly(Map<String, String> environment) {
    if ("json".equalsIgnoreCase(environment.get(ConfigKey.LOG_FORMAT.environmentName()))) {
      use(LogFormat.JSON);
    }
  }

  /** Writes every later line in {@code format}; text is what logback.xml already does. */
  static void use(LogFormat format) {
    if (format == LogFormat.TEXT
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Appender<ILoggingEvent> console =
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
    if (!(console instanceof OutputStreamAppender<ILoggingEvent> stream)) {
      // a logback configuration of the operator's own: it decides the format
      LoggerFactory.getLogger(ConsoleLogs.class)
          .warn("log.format=json ignored: logback has no console appender named {}", APPENDER);
      return;
    }
    if (stream.getEncoder() instanceof JsonEncoder) {
      return;
    }
    stream.stop();
    stream.setEncoder(jsonEncoder(context));
    stream.start();
  }

  /**
   * One object per line: {@code timestamp} (epoch ms), {@code level}, {@code threadName}, {@code
   * loggerName}, {@code message} (the template), {@code formattedMessage} (the line), and {@code
   * throwable} when there is one. The arguments are not repeated apart (they are in the line).
   */
  private static JsonEncoder jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}

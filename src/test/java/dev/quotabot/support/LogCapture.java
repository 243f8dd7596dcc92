package dev.quotabot.support;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records every log line (message, arguments and stack traces) written while it is open, at DEBUG
 * and above, so a test can assert that a secret never reached any log.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<String> lines = new ArrayList<>();
  private final Logger root;
  private final Level previousLevel;

  private LogCapture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    previousLevel = root.getLevel();
    setContext(context);
    setName("test-capture");
    start();
    root.addAppender(this);
    root.setLevel(Level.DEBUG);
  }

  public static LogCapture open() {
    return new LogCapture();
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ');
    line.append(event.getFormattedMessage());
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append('\n').append(ThrowableProxyUtil.asString(thrown));
    }
    lines.add(line.toString());
  }

  public synchronized String text() {
    return String.join("\n", lines);
  }

  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * Asserts that no line holds any of {@code keys}, whole or in part (its characters 4 to 24), and
   * closes the capture either way.
   */
  public void assertNoKeyAndClose(List<String> keys) {
    try {
      String text = text();
      for (String key : keys) {
        assertFalse(text.contains(key), "a log line holds a key");
        assertFalse(text.contains(key.substring(4, 24)), "a log line holds part of a key");
      }
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    root.detachAppender(this);
    root.setLevel(previousLevel);
    stop();
  }
}

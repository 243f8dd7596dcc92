package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The product's logging configuration ({@code logback.xml}, in a context of its own) withholds the
 * stack trace JDA logs when Discord cannot be asked for the shard count, and nothing else of JDA's
 * rate limiter.
 */
final class ShardCountFailureFilterTest {
  private LoggerContext context;
  private ListAppender<ILoggingEvent> captured;
  private Logger rateLimiter;

  @BeforeEach
  void loadTheProductsLoggingConfiguration() throws Exception {
    context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(ShardCountFailureFilterTest.class.getResource("/logback.xml"));
    captured = new ListAppender<>();
    captured.setContext(context);
    captured.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(captured);
    rateLimiter = context.getLogger(ShardCountFailureFilter.RATE_LIMITER);
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void withholdsTheFailedShardCountRequest() {
    rateLimiter.error(
        ShardCountFailureFilter.FAILED_REQUEST,
        new UncheckedIOException(new ConnectException("Failed to connect")));

    assertEquals(0, captured.list.size());
  }

  @Test
  void keepsAnyOtherFailureOfARequest() {
    rateLimiter.error(ShardCountFailureFilter.FAILED_REQUEST, new IllegalStateException("bug"));

    assertEquals(1, captured.list.size());
  }

  @Test
  void keepsTheRateLimitersOtherLines() {
    rateLimiter.warn("Encountered 429 on route {}", "GET/gateway/bot");

    assertEquals(1, captured.list.size());
    assertEquals(Level.WARN, captured.list.get(0).getLevel());
  }

  @Test
  void keepsTheSameLineFromAnotherLogger() {
    context
        .getLogger("dev.quotabot.discord.DiscordBot")
        .error(ShardCountFailureFilter.FAILED_REQUEST, new UncheckedIOException(new IOException()));

    assertEquals(1, captured.list.size());
  }
}

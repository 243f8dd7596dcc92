package dev.quotabot.discord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;

/**
 * Keeps one JDA stack trace out of the logs: when Discord cannot be reached while the shard manager
 * asks it for the recommended shard count ({@code GET /gateway/bot}), JDA's rate limiter logs the
 * I/O failure with its stack trace, and the login then fails with the same cause, which {@link
 * DiscordBot} reports in one line. Only that case is withheld: an {@link UncheckedIOException}
 * (ordinary requests report I/O errors through the requester, never this way). Installed from
 * {@code logback-discord.xml}.
 */
public final class ShardCountFailureFilter extends TurboFilter {
  static final String RATE_LIMITER = "net.dv8tion.jda.api.requests.RestRateLimiter";
  static final String FAILED_REQUEST = "Encountered exception trying to execute request";

  @Override
  public FilterReply decide(
      @Nullable Marker marker,
      Logger logger,
      Level level,
      @Nullable String format,
      Object @Nullable [] params,
      @Nullable Throwable t) {
    boolean repeated =
        t instanceof UncheckedIOException
            && FAILED_REQUEST.equals(format)
            && RATE_LIMITER.equals(logger.getName());
    return repeated ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}

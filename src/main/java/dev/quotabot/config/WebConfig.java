package dev.quotabot.config;

import java.time.Duration;
import java.util.List;

/**
 * The web door.
 *
 * @param host address to bind
 * @param port port to bind (0 picks a free one)
 * @param rateLimitPerMinute queries one client may send per minute
 * @param trustProxy whether the first X-Forwarded-For hop names the client
 * @param corsOrigins origins allowed to call the API from a browser (empty: no CORS headers)
 * @param shutdownTimeout how long shutdown waits for queries in flight
 */
public record WebConfig(
    String host,
    int port,
    int rateLimitPerMinute,
    boolean trustProxy,
    List<String> corsOrigins,
    Duration shutdownTimeout) {

  public WebConfig {
    corsOrigins = List.copyOf(corsOrigins);
  }
}

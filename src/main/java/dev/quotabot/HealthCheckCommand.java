package dev.quotabot;

import dev.quotabot.config.WebConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code java -jar quota-bot.jar --healthcheck}: asks the running product's /health on the port the
 * same configuration names, so a container health check needs no curl and follows PORT.
 */
final class HealthCheckCommand {
  static final String FLAG = "--healthcheck";
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private HealthCheckCommand() {}

  /** Returns the process exit status: 0 when /health answers 200. */
  static int run(WebConfig web) {
    String host =
        web.host().equals("0.0.0.0") || web.host().equals("::") ? "127.0.0.1" : web.host();
    URI health =
        URI.create(
            "http://"
                + (host.contains(":") ? "[" + host + "]" : host)
                + ":"
                + web.port()
                + "/health");
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    try {
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(health).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200 ? 0 : 1;
    } catch (IOException unreachable) {
      return 1;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}

package dev.quotabot;

import dev.quotabot.config.WebConfig;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

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
    String health =
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + web.port() + "/health";
    // the product's one HTTP library; a plain client: this call goes to our own loopback port
    OkHttpClient client = new OkHttpClient.Builder().callTimeout(TIMEOUT).build();
    try (Response response = client.newCall(new Request.Builder().url(health).build()).execute()) {
      return response.code() == 200 ? 0 : 1;
    } catch (IOException unreachable) {
      return 1;
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}

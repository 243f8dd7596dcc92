package dev.quotabot.support;

import dev.quotabot.Application;
import dev.quotabot.config.AppConfig;
import dev.quotabot.config.ConfigKey;
import dev.quotabot.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** The real product on a random loopback port, configured like an operator would. */
public final class RunningApp implements AutoCloseable {
  private final Application application;

  private RunningApp(Application application) {
    this.application = application;
  }

  /**
   * Starts the product with these bot.properties entries (web.host and web.port are set to loopback
   * and a free port, and the rate limit high enough never to trip, unless given).
   */
  public static RunningApp start(Map<String, String> properties) {
    return start(properties, Clock.systemUTC());
  }

  /** The same, watches scheduled and dated by {@code clock}. */
  public static RunningApp start(Map<String, String> properties, Clock clock) {
    Map<String, String> all = new HashMap<>();
    all.put("web.host", "127.0.0.1");
    all.put("web.port", "0");
    all.put("web.shutdown_timeout_ms", "2000");
    // Tests of the limiter set their own value.
    all.put("web.rate_limit_per_minute", "1000000");
    // Unless a test names its fake, upstream calls go to a closed loopback port, never the
    // internet.
    all.put("modelscope.api_base_url", "http://127.0.0.1:9/v1");
    all.put("modelscope.openapi_base_url", "http://127.0.0.1:9/openapi/v1");
    for (ConfigKey key : ConfigKey.values()) {
      key.providerId().ifPresent(id -> all.put(key.key(), "http://127.0.0.1:9/" + id));
    }
    all.putAll(properties);
    AppConfig config = ConfigLoader.fromMaps(all, "test", Map.of());
    return new RunningApp(Application.start(config, clock));
  }

  /** Checks the due watches now and waits for them ({@link Application#runDueWatches}). */
  public void runDueWatches() {
    application.runDueWatches();
  }

  public int port() {
    return application.webPort();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** The metrics listener's port; empty while metrics are off. */
  public OptionalInt metricsPort() {
    return application.metricsPort();
  }

  /** The whole Prometheus text the metrics listener serves (metrics must be on). */
  public String scrape() {
    HttpResponse<String> response =
        HttpCalls.get(URI.create("http://127.0.0.1:" + metricsPort().orElseThrow() + "/metrics"));
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /metrics answered " + response.statusCode());
    }
    return response.body();
  }

  @Override
  public void close() {
    application.close();
  }
}

package dev.quotabot.support;

import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.TimeoutScheduler;
import dev.quotabot.quota.modelscope.ModelScopeProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The core wired the way {@code dev.quotabot.Application} wires it (one shared HTTP/2-preferring
 * client with a connect timeout, no redirects and its own executor; one {@link TimeoutScheduler}),
 * pointed at a fake upstream.
 */
public final class UpstreamProbes implements AutoCloseable {
  /** A distinctive fake key: tests assert it never shows up in rows, messages or logs. */
  public static final String KEY = "ms-TESTKEY-1234567890abcdef";

  private final ExecutorService executor;
  private final TimeoutScheduler timeouts;
  private final HttpClient http;
  private final ModelScopeProbe probe;

  private UpstreamProbes(URI apiBaseUrl) {
    executor = Executors.newCachedThreadPool();
    timeouts = new TimeoutScheduler();
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
    probe = new ModelScopeProbe(http, apiBaseUrl, timeouts);
  }

  /** Probes against {@code apiBaseUrl} (ModelScope's {@code …/v1}). */
  public static UpstreamProbes against(String apiBaseUrl) {
    return new UpstreamProbes(URI.create(apiBaseUrl));
  }

  public ModelScopeProbe probe() {
    return probe;
  }

  public QuotaService service(QuotaSettings settings) {
    return new QuotaService(probe, settings, Clock.systemUTC());
  }

  /** Settings for a test: generous model limit, the given timing and cap. */
  public static QuotaSettings settings(
      int maxConcurrentProbes, Duration probeTimeout, Duration queryDeadline) {
    return new QuotaSettings(List.of(), 50, probeTimeout, queryDeadline, maxConcurrentProbes);
  }

  @Override
  public void close() throws InterruptedException {
    timeouts.close();
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}

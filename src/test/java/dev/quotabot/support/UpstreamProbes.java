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
import javax.net.ssl.SSLContext;

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

  private UpstreamProbes(URI apiBaseUrl, SSLContext tls) {
    executor = Executors.newCachedThreadPool();
    timeouts = new TimeoutScheduler();
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor);
    if (tls != null) {
      builder.sslContext(tls);
    }
    http = builder.build();
    probe = new ModelScopeProbe(http, apiBaseUrl, timeouts);
  }

  /** Probes against {@code apiBaseUrl} (ModelScope's {@code …/v1}). */
  public static UpstreamProbes against(String apiBaseUrl) {
    return new UpstreamProbes(URI.create(apiBaseUrl), null);
  }

  /**
   * Probes against an {@code https://} upstream with a self-signed certificate (WireMock's), so the
   * client negotiates HTTP/2 as it does with ModelScope. Only the certificate check differs from
   * production.
   */
  public static UpstreamProbes againstSelfSigned(String apiBaseUrl) {
    return new UpstreamProbes(URI.create(apiBaseUrl), TrustEverything.context());
  }

  public ModelScopeProbe probe() {
    return probe;
  }

  public QuotaService service(QuotaSettings settings) {
    return new QuotaService(
        probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG, settings, Clock.systemUTC());
  }

  /** Settings for a test: generous model limit, the given timing and cap. */
  public static QuotaSettings settings(
      int maxConcurrentProbes, Duration probeTimeout, Duration queryDeadline) {
    return new QuotaSettings(List.of(), 50, probeTimeout, queryDeadline, maxConcurrentProbes);
  }

  @Override
  public void close() {
    timeouts.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}

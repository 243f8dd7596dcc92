package dev.quotabot.support;

import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.modelscope.ModelScopeProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ModelScope's real probe on the production upstream clients ({@link UpstreamClient}), pointed at a
 * fake upstream; and a service that probes with it (the balance and the model list are stand-ins).
 */
public final class UpstreamProbes implements AutoCloseable {
  /** A distinctive fake key: tests assert it never shows up in rows, messages or logs. */
  public static final String KEY = "ms-TESTKEY-1234567890abcdef";

  private final UpstreamClient client;
  private final ModelScopeProvider provider;

  private UpstreamProbes(URI apiBaseUrl, UpstreamClient client) {
    this.client = client;
    provider =
        new ModelScopeProvider(
            client.clients(),
            apiBaseUrl,
            URI.create("http://127.0.0.1:9/openapi/v1"),
            Duration.ofHours(1),
            List.of());
  }

  /** Probes against {@code apiBaseUrl} (ModelScope's {@code …/v1}). */
  public static UpstreamProbes against(String apiBaseUrl) {
    return new UpstreamProbes(URI.create(apiBaseUrl), new UpstreamClient());
  }

  /**
   * Probes against an {@code https://} upstream presenting {@link LocalTls}'s certificate, so the
   * client negotiates HTTP/2 as it does with ModelScope. Only the trusted certificate differs from
   * production; the chain and host-name checks stay on.
   */
  public static UpstreamProbes againstLocalTls(String apiBaseUrl) {
    return new UpstreamProbes(URI.create(apiBaseUrl), UpstreamClient.trustingLocalTls());
  }

  public ModelScopeProvider provider() {
    return provider;
  }

  /** One probe of {@code model} with {@code key}. */
  public CompletableFuture<ModelQuota> probe(String key, String model, Duration timeout) {
    return provider.probe(
        new ProviderRequest(ApiKey.of(key), List.of(model), null, null, timeout), model);
  }

  /** A service whose probes are real; its balance and model list are stand-ins. */
  public QuotaService service(QuotaSettings settings) {
    return CoreDoubles.service(
        settings,
        Clock.systemUTC(),
        CoreDoubles.prober(provider::probe, CoreDoubles.ACCOUNT, CoreDoubles.NO_CATALOG));
  }

  /** Settings for a test: generous model limit, the given timing and cap. */
  public static QuotaSettings settings(
      int maxConcurrentProbes, Duration probeTimeout, Duration queryDeadline) {
    return new QuotaSettings(List.of(), 50, probeTimeout, queryDeadline, maxConcurrentProbes);
  }

  @Override
  public void close() {
    client.close();
  }
}

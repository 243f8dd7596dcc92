package dev.quotabot.support;

import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.modelscope.ModelScopeProbe;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The core wired the way {@code dev.quotabot.Application} wires it (its upstream client and one
 * {@link dev.quotabot.quota.TimeoutScheduler}, see {@link UpstreamClient}), pointed at a fake
 * upstream.
 */
public final class UpstreamProbes implements AutoCloseable {
  /** A distinctive fake key: tests assert it never shows up in rows, messages or logs. */
  public static final String KEY = "ms-TESTKEY-1234567890abcdef";

  private final UpstreamClient client;
  private final ModelScopeProbe probe;

  private UpstreamProbes(URI apiBaseUrl, UpstreamClient client) {
    this.client = client;
    probe = new ModelScopeProbe(client.http(), apiBaseUrl, client.timeouts());
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
    return new UpstreamProbes(
        URI.create(apiBaseUrl), new UpstreamClient(LocalTls.trustingLocalCertificate()));
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
    client.close();
  }
}

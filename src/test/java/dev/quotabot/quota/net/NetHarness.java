package dev.quotabot.quota.net;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the tests of this package share: the clients a test builds, closed after it (hold the
 * harness in an {@code @AutoClose} field); settings under which every name is loopback; and a GET
 * that must complete normally.
 */
final class NetHarness implements AutoCloseable {
  /** The body cap of the clients the tests call through, unless a test is about the cap. */
  static final int CAP = 64 * 1024;

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final List<UpstreamClients> opened = new ArrayList<>();

  /** Private addresses allowed, and every name resolving to 127.0.0.1 (where the fakes listen). */
  static UpstreamClients.Builder loopback() {
    return UpstreamClients.builder()
        .allowPrivateAddresses(true)
        .resolver(host -> InetAddress.getAllByName("127.0.0.1"));
  }

  /** Clients built with {@code settings}, closed with this harness. */
  UpstreamClients open(UpstreamClients.Builder settings) {
    UpstreamClients clients = settings.build();
    opened.add(clients);
    return clients;
  }

  /** The guarded client ({@link #CAP}) of clients built with {@code settings}. */
  UpstreamHttp guarded(UpstreamClients.Builder settings) {
    return open(settings).guarded(CAP);
  }

  /** A GET of {@code url} within {@link #TIMEOUT}, the upstream named "the relay" in texts. */
  static UpstreamResponse get(UpstreamHttp http, String url, Map<String, String> headers) {
    return get(http, url, headers, TIMEOUT, "the relay");
  }

  /**
   * A GET of {@code url} within {@code timeout}, {@code upstream} naming it in failure texts; it
   * must complete normally, and within 5 s more.
   */
  static UpstreamResponse get(
      UpstreamHttp http,
      String url,
      Map<String, String> headers,
      Duration timeout,
      String upstream) {
    return http.get(URI.create(url), headers, timeout, upstream)
        .orTimeout(timeout.toSeconds() + 5, TimeUnit.SECONDS)
        .join();
  }

  @Override
  public void close() {
    opened.forEach(UpstreamClients::close);
  }
}

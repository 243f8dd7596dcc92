package dev.quotabot.quota.provider;

import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.InetAddress;

/**
 * The HTTP the providers get in production (the trusted client with {@link
 * OfficialProviders#MAX_BODY_BYTES}, see {@link UpstreamClient}) for the provider tests; reading
 * and checking an account is {@link dev.quotabot.support.AccountChecks}.
 */
final class ProviderHarness implements AutoCloseable {
  private final UpstreamClient client = new UpstreamClient();
  private final UpstreamHttp http = client.clients().trusted(OfficialProviders.MAX_BODY_BYTES);

  UpstreamHttp http() {
    return http;
  }

  /** Production's clients, as {@link OfficialProviders#create} is given them. */
  UpstreamClients clients() {
    return client.clients();
  }

  /**
   * A client of production's make that resolves every host name to loopback, so a provider's real
   * host names (and the Host header they send) reach the stand-in; for its guarded clients.
   */
  static UpstreamClient resolvingEveryHostToLoopback() {
    return new UpstreamClient(
        UpstreamClients.builder()
            .allowPrivateAddresses(true)
            .resolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()}));
  }

  @Override
  public void close() {
    client.close();
  }
}

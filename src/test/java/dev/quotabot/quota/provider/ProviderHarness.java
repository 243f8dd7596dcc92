package dev.quotabot.quota.provider;

import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.quota.net.UpstreamHttp;

/**
 * The HTTP the providers get in production (the trusted client with {@link
 * OfficialProviders#MAX_BODY_BYTES}, see {@link UpstreamClient}), and the checks every provider
 * test shares (reading an account: {@link dev.quotabot.support.AccountChecks}).
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

  @Override
  public void close() {
    client.close();
  }
}

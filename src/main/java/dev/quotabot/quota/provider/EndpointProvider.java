package dev.quotabot.quota.provider;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A provider whose whole check is one GET of its balance endpoint at an operator-configured
 * address: subclasses only read the answer's JSON into an {@link Account}.
 */
abstract class EndpointProvider implements Provider {
  final BalanceEndpoint endpoint;
  private final ProviderInfo info;

  /**
   * @param endpoint its balance endpoint, whose id, name and unit the provider's info repeats, so
   *     they are given once
   * @param keyPrefixes how its keys start, as its documentation (or a secret scanner's rule) says
   */
  EndpointProvider(BalanceEndpoint endpoint, String... keyPrefixes) {
    this.endpoint = endpoint;
    this.info =
        new ProviderInfo(
                endpoint.provider(),
                endpoint.name(),
                EnumSet.of(Capability.BALANCES),
                endpoint.unit(),
                List.of(),
                "sk-…")
            .withKeyPrefixes(keyPrefixes);
  }

  @Override
  public final ProviderInfo info() {
    return info;
  }

  @Override
  public final CompletableFuture<ProviderResult> readAccount(ProviderRequest request) {
    return endpoint.check(request, this::read);
  }

  /** Reads a successful answer; failures are built with {@link #endpoint}'s helpers. */
  abstract Account read(JsonObject root, ApiKey key);
}

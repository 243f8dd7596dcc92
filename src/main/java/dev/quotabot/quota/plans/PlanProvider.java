package dev.quotabot.quota.plans;

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
 * A coding plan whose whole check is one GET of its {@link PlanEndpoint}: subclasses only read the
 * answer's JSON into an {@link Account}. Its info takes the id and name from the endpoint, so they
 * are given once, and reports no unit, since a plan's windows are not money.
 */
abstract class PlanProvider implements Provider {
  final PlanEndpoint endpoint;
  private final ProviderInfo info;

  /**
   * @param keyHint how a key looks, for the page's key field
   * @param consoleUrl where the plan's use is shown
   * @param keyPrefixes how its keys start, when they have a prefix of their own
   */
  PlanProvider(PlanEndpoint endpoint, String keyHint, String consoleUrl, String... keyPrefixes) {
    this.endpoint = endpoint;
    this.info =
        new ProviderInfo(
                endpoint.provider(),
                endpoint.name(),
                EnumSet.of(Capability.BALANCES),
                null,
                List.of(),
                keyHint)
            .withConsoleUrl(consoleUrl)
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

  /** Reads a 200 answer's JSON object; failures are built with {@link #endpoint}'s helpers. */
  abstract Account read(JsonObject root, ApiKey key);
}

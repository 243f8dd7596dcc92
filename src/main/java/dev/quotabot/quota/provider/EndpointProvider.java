package dev.quotabot.quota.provider;

import com.google.gson.JsonObject;
import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.BalanceProvider;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;

/**
 * A provider whose whole check is one GET of its balance endpoint: subclasses only read the
 * answer's JSON into an {@link AccountBalance}.
 */
abstract class EndpointProvider implements BalanceProvider {
  final BalanceEndpoint endpoint;
  private final String id;
  private final String name;

  EndpointProvider(BalanceEndpoint endpoint, String id, String name) {
    this.endpoint = endpoint;
    this.id = id;
    this.name = name;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String displayName() {
    return name;
  }

  /** The address is configured by the operator, never given in a query. */
  @Override
  public final boolean needsBaseUrl() {
    return false;
  }

  @Override
  public final CompletableFuture<ProviderResult> check(ProviderRequest request) {
    return endpoint.check(request, this::read);
  }

  /** Reads a successful answer; failures are built with {@link #endpoint}'s helpers. */
  abstract AccountBalance read(JsonObject root, ApiKey key);

  /** A balance read: only what can be spent, with the account's name and a note when known. */
  final AccountBalance ok(String unit, BigDecimal available, String user, String note) {
    return new AccountBalance(
        id, unit, available, null, null, null, null, null, user, note, ProbeStatus.OK, null);
  }
}

package dev.quotabot.quota;

import java.util.concurrent.CompletableFuture;

/**
 * A provider whose key's balance is read from its own endpoints (relays and AI providers other than
 * ModelScope). One class per provider; adding one is a new class and a line in {@link
 * ProviderRegistry}.
 */
public interface BalanceProvider {

  /** The name queries use: {@code deepseek}. */
  String id();

  /** How people call it: {@code DeepSeek}. */
  String displayName();

  /** Whether a query must name the site ({@code base_url}): relays, which anyone can host. */
  boolean needsBaseUrl();

  /**
   * Reads the balance, and where the provider has them the models the key may use. The future
   * always completes normally within {@code request.timeout()} (plus jitter): failures are an
   * account with a failure status.
   */
  CompletableFuture<ProviderResult> check(ProviderRequest request);
}

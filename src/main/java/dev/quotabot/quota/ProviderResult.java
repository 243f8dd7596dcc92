package dev.quotabot.quota;

import java.util.List;

/**
 * A provider's answer: the balance, and one row per model where the provider has them (a relay's
 * models this key may use); empty otherwise.
 */
public record ProviderResult(AccountBalance account, List<ModelQuota> models) {
  public ProviderResult {
    models = List.copyOf(models);
  }

  public static ProviderResult balanceOnly(AccountBalance account) {
    return new ProviderResult(account, List.of());
  }
}

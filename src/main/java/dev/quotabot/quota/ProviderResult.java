package dev.quotabot.quota;

import java.util.List;
import java.util.Objects;

/**
 * What reading an account gave: the account, and for a provider that {@link
 * Capability#LISTS_KEY_MODELS lists the key's models} one row per model (empty otherwise).
 */
public record ProviderResult(Account account, List<ModelQuota> models) {
  public ProviderResult {
    Objects.requireNonNull(account, "account");
    models = List.copyOf(models);
  }

  public static ProviderResult balanceOnly(Account account) {
    return new ProviderResult(account, List.of());
  }
}

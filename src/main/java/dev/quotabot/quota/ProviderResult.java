package dev.quotabot.quota;

import java.util.List;

/**
 * A provider's answer: the balance, and one row per model where the provider has them (a relay's
 * models this key may use); empty otherwise.
 *
 * @param listFailure why the provider's model list could not be read ({@code TIMEOUT}, {@code
 *     NETWORK_ERROR}, {@code UPSTREAM_ERROR}); null when it was read or the provider has none
 * @param listProblem a human explanation of {@code listFailure}, without secrets; null with it
 */
public record ProviderResult(
    AccountBalance account, List<ModelQuota> models, ProbeStatus listFailure, String listProblem) {
  public ProviderResult {
    models = List.copyOf(models);
  }

  /** An answer whose model list, if the provider has one, was read. */
  public ProviderResult(AccountBalance account, List<ModelQuota> models) {
    this(account, models, null, null);
  }

  public static ProviderResult balanceOnly(AccountBalance account) {
    return new ProviderResult(account, List.of());
  }

  /** The same answer with another balance. */
  public ProviderResult withAccount(AccountBalance other) {
    return new ProviderResult(other, models, listFailure, listProblem);
  }
}

package dev.quotabot.quota;

import java.net.URI;
import java.util.List;

/**
 * One question: "how much does this key have left (for these models)?". Build it with {@link
 * QuotaQueryFactory}, which checks the input.
 *
 * @param key the API key
 * @param models model ids to probe (ModelScope) or to look for (relays); empty for balance only
 * @param provider the provider's id ({@link ProviderRegistry#MODELSCOPE} by default)
 * @param baseUrl a relay's site root, checked and normalized; null for other providers
 * @param admin a relay's admin access, or null
 */
public record QuotaQuery(
    ApiKey key, List<String> models, String provider, URI baseUrl, AdminAccess admin) {
  public QuotaQuery {
    models = List.copyOf(models);
  }

  /** A ModelScope query. */
  public QuotaQuery(ApiKey key, List<String> models) {
    this(key, models, ProviderRegistry.MODELSCOPE, null, null);
  }

  public boolean isModelScope() {
    return ProviderRegistry.MODELSCOPE.equals(provider);
  }

  @Override
  public String toString() {
    return "QuotaQuery[provider=" + provider + ", key=" + key + ", models=" + models.size() + "]";
  }
}

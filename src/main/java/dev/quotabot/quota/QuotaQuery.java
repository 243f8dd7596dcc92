package dev.quotabot.quota;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One question: "how much does this key have left (for these models)?". Build it with {@link
 * QuotaService#check}, which checks the input.
 *
 * @param key the API key
 * @param models model ids to probe or to look for; empty for the balance only
 * @param provider the provider's id
 * @param baseUrl a relay's site root, checked and normalized; null for other providers
 * @param admin a relay's admin access, or null
 */
public record QuotaQuery(
    ApiKey key,
    List<String> models,
    String provider,
    @Nullable URI baseUrl,
    @Nullable AdminAccess admin) {
  public QuotaQuery {
    models = List.copyOf(models);
  }

  @Override
  public String toString() {
    return "QuotaQuery[provider=" + provider + ", key=" + key + ", models=" + models.size() + "]";
  }
}

package dev.quotabot.quota;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Provider} is asked.
 *
 * @param key the API key
 * @param models the models asked (checked and de-duplicated); empty for none
 * @param baseUrl the site root for providers that need one (relays), already checked and normalized
 *     (no trailing {@code /v1} or slash); null otherwise
 * @param admin the relay's admin access (user id + system access token), or null
 * @param timeout time for the whole call (the account read, or one probe)
 */
public record ProviderRequest(
    ApiKey key,
    List<String> models,
    @Nullable URI baseUrl,
    @Nullable AdminAccess admin,
    Duration timeout) {

  public ProviderRequest {
    models = List.copyOf(models);
  }

  /** The same request with another time limit. */
  public ProviderRequest withTimeout(Duration other) {
    return new ProviderRequest(key, models, baseUrl, admin, other);
  }

  @Override
  public String toString() {
    return "ProviderRequest[key="
        + key
        + ", models="
        + models.size()
        + ", baseUrl="
        + baseUrl
        + ", admin="
        + admin
        + "]";
  }
}

package dev.quotabot.quota;

import java.net.URI;
import java.time.Duration;

/**
 * What a {@link BalanceProvider} is asked.
 *
 * @param key the API key
 * @param baseUrl the site root for providers that need one (relays), already checked and normalized
 *     (no trailing {@code /v1} or slash); null otherwise
 * @param admin the relay's admin access (user id + system access token), or null
 * @param timeout time for the whole check
 */
public record ProviderRequest(ApiKey key, URI baseUrl, AdminAccess admin, Duration timeout) {

  @Override
  public String toString() {
    return "ProviderRequest[key=" + key + ", baseUrl=" + baseUrl + ", admin=" + admin + "]";
  }
}

package dev.quotabot.config;

import java.net.URI;
import java.util.Map;

/**
 * The providers other than ModelScope, and how far a relay address given in a query is trusted.
 *
 * @param baseUrls each built-in provider's API base by its id ({@code deepseek} → {@code
 *     https://api.deepseek.com}), from the {@code provider.<id>.base_url} keys
 * @param allowHttp whether a relay address given in a query may use plain http
 * @param allowPrivateAddresses whether a relay address given in a query may resolve to loopback,
 *     private, link-local or other internal addresses (tests and private deployments only)
 */
public record ProvidersConfig(
    Map<String, URI> baseUrls, boolean allowHttp, boolean allowPrivateAddresses) {

  public ProvidersConfig {
    baseUrls = Map.copyOf(baseUrls);
  }

  /**
   * The configured base of provider {@code id}.
   *
   * @throws IllegalArgumentException when no {@code provider.<id>.base_url} key exists: a
   *     programming error, every built-in provider has one with its default
   */
  public URI baseUrl(String id) {
    URI url = baseUrls.get(id);
    if (url == null) {
      throw new IllegalArgumentException("No provider." + id + ".base_url key is defined");
    }
    return url;
  }
}

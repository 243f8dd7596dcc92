package dev.quotabot.config;

import dev.quotabot.quota.custom.CustomProviderSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The providers other than ModelScope, and how far a relay address given in a query is trusted.
 *
 * @param baseUrls each built-in provider's API base by its id ({@code deepseek} → {@code
 *     https://api.deepseek.com}), from the {@code provider.<id>.base_url} keys
 * @param allowHttp whether a relay address given in a query may use plain http
 * @param allowPrivateAddresses whether a relay address given in a query may resolve to loopback,
 *     private, link-local or other internal addresses (tests and private deployments only)
 * @param custom the operator-defined providers ({@code provider.custom.<id>.*}), ordered by id
 */
public record ProvidersConfig(
    Map<String, URI> baseUrls,
    boolean allowHttp,
    boolean allowPrivateAddresses,
    List<CustomProviderSpec> custom) {

  public ProvidersConfig {
    baseUrls = Map.copyOf(baseUrls);
    custom = List.copyOf(custom);
  }

  /** Without operator-defined providers. */
  public ProvidersConfig(
      Map<String, URI> baseUrls, boolean allowHttp, boolean allowPrivateAddresses) {
    this(baseUrls, allowHttp, allowPrivateAddresses, List.of());
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

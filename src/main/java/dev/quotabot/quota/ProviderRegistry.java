package dev.quotabot.quota;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The providers a query may name, in the order they are offered. The first is the default: a query
 * that names none asks it.
 */
public final class ProviderRegistry {
  private final Map<String, Provider> providers = new LinkedHashMap<>();

  /**
   * @param providers at least one; the first is the default
   * @throws IllegalArgumentException for none, or for two with the same id
   */
  public ProviderRegistry(List<Provider> providers) {
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("at least one provider is needed");
    }
    for (Provider provider : providers) {
      if (this.providers.putIfAbsent(provider.info().id(), provider) != null) {
        throw new IllegalArgumentException("two providers are named " + provider.info().id());
      }
    }
  }

  /** The provider a query without one asks. */
  public Provider defaultProvider() {
    return providers.values().iterator().next();
  }

  /**
   * A provider id as typed, in the form the registry knows it: stripped and lower case, the
   * default's when nothing (or only blanks) was given. Whether the id is known is not checked here.
   */
  public String normalize(@Nullable String raw) {
    return raw == null || raw.isBlank()
        ? defaultProvider().info().id()
        : raw.strip().toLowerCase(Locale.ROOT);
  }

  public Optional<Provider> find(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  /** Every provider a query may name, the default first. */
  public List<ProviderInfo> infos() {
    return providers.values().stream().map(Provider::info).toList();
  }

  /** The ids of the providers that can do {@code capability}, for messages. */
  List<String> idsThatCan(Capability capability) {
    return infos().stream().filter(info -> info.can(capability)).map(ProviderInfo::id).toList();
  }
}

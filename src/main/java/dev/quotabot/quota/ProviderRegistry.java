package dev.quotabot.quota;

import java.util.ArrayList;
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

  /**
   * The providers a key's prefix points to: those declaring the longest of the declared prefixes
   * the key starts with. One provider is a match; several ({@code sk-} is everybody's) mean the
   * asker must choose; none means the prefix says nothing.
   */
  KeyOwners ownersOf(String key) {
    String longest = "";
    List<ProviderInfo> owners = List.of();
    for (ProviderInfo info : infos()) {
      for (String prefix : info.keyPrefixes()) {
        if (key.startsWith(prefix) && prefix.length() >= longest.length()) {
          if (prefix.length() > longest.length()) {
            longest = prefix;
            owners = new ArrayList<>();
          }
          if (!owners.contains(info)) {
            owners.add(info);
          }
        }
      }
    }
    return new KeyOwners(longest, List.copyOf(owners));
  }

  /**
   * @param prefix the longest declared prefix the key starts with; empty when none
   * @param providers the providers declaring it
   */
  record KeyOwners(String prefix, List<ProviderInfo> providers) {}

  /** The ids of the providers that can do {@code capability}, for messages. */
  List<String> idsThatCan(Capability capability) {
    return infos().stream().filter(info -> info.can(capability)).map(ProviderInfo::id).toList();
  }
}

package dev.quotabot.quota;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The providers a query may name. ModelScope is built in; the others are {@link BalanceProvider}s.
 */
public final class ProviderRegistry {
  public static final String MODELSCOPE = "modelscope";
  public static final String MODELSCOPE_NAME = "ModelScope";

  /** A provider as the doors list it. */
  public record Listed(String id, String displayName, boolean needsBaseUrl) {}

  /** What ModelScope's account balance counts. */
  public static final String MODELSCOPE_UNIT = "魔粒";

  private final Map<String, BalanceProvider> providers = new LinkedHashMap<>();

  public ProviderRegistry(List<BalanceProvider> providers) {
    providers.forEach(provider -> this.providers.put(provider.id(), provider));
  }

  /**
   * A provider id as typed, in the form the registry knows it: stripped and lower case, ModelScope
   * when nothing (or only blanks) was given. Whether the id is known is not checked here.
   */
  public static String normalize(String raw) {
    return raw == null || raw.isBlank() ? MODELSCOPE : raw.strip().toLowerCase(Locale.ROOT);
  }

  public Optional<BalanceProvider> find(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  /** Every name a query may use, ModelScope first. */
  public List<String> ids() {
    return listing().stream().map(Listed::id).toList();
  }

  /** Every provider a query may name, ModelScope first, with its display name. */
  public List<Listed> listing() {
    List<Listed> listing = new ArrayList<>();
    listing.add(new Listed(MODELSCOPE, MODELSCOPE_NAME, false));
    providers
        .values()
        .forEach(p -> listing.add(new Listed(p.id(), p.displayName(), p.needsBaseUrl())));
    return listing;
  }

  /** The provider's display name, or the id itself for a provider the registry does not know. */
  public String displayName(String id) {
    if (MODELSCOPE.equals(id)) {
      return MODELSCOPE_NAME;
    }
    return find(id).map(BalanceProvider::displayName).orElse(id);
  }

  public List<BalanceProvider> providers() {
    return List.copyOf(providers.values());
  }
}

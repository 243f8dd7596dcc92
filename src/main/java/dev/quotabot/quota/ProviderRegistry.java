package dev.quotabot.quota;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers a query may name. ModelScope is built in; the others are {@link BalanceProvider}s.
 */
public final class ProviderRegistry {
  public static final String MODELSCOPE = "modelscope";

  /** What ModelScope's account balance counts. */
  public static final String MODELSCOPE_UNIT = "魔粒";

  private final Map<String, BalanceProvider> providers = new LinkedHashMap<>();

  public ProviderRegistry(List<BalanceProvider> providers) {
    providers.forEach(provider -> this.providers.put(provider.id(), provider));
  }

  public Optional<BalanceProvider> find(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  /** Every name a query may use, ModelScope first. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>();
    ids.add(MODELSCOPE);
    ids.addAll(providers.keySet());
    return ids;
  }

  public List<BalanceProvider> providers() {
    return List.copyOf(providers.values());
  }
}

package dev.quotabot.discord;

import dev.quotabot.quota.BalanceProvider;
import dev.quotabot.quota.ProviderRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the bot names providers: ModelScope first, then the registry's, by display name. Read once
 * from the registry, which is complete before the bot starts.
 */
final class ProviderNames {
  static final String MODELSCOPE_NAME = "ModelScope";

  private final Map<String, String> names = new LinkedHashMap<>();

  ProviderNames(ProviderRegistry registry) {
    names.put(ProviderRegistry.MODELSCOPE, MODELSCOPE_NAME);
    for (BalanceProvider provider : registry.providers()) {
      names.put(provider.id(), provider.displayName());
    }
  }

  /** The display name, or the id itself for a provider the registry does not know. */
  String of(String id) {
    return id == null ? MODELSCOPE_NAME : names.getOrDefault(id, id);
  }

  /** Every provider's id and display name, ModelScope first. */
  Map<String, String> all() {
    return Collections.unmodifiableMap(names);
  }
}

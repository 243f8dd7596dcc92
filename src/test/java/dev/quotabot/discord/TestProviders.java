package dev.quotabot.discord;

import dev.quotabot.quota.BalanceProvider;
import dev.quotabot.quota.ProviderRegistry;
import dev.quotabot.quota.QuotaQueryFactory;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.net.BaseUrlRules;
import dev.quotabot.support.CoreDoubles;
import java.util.List;

/**
 * A registry like the product's (a relay and a balance-only provider) for the door's unit tests;
 * nothing here is ever asked for a balance.
 */
final class TestProviders {
  static final ProviderRegistry REGISTRY =
      new ProviderRegistry(
          List.of(
              provider("newapi", "New API relay", true), provider("deepseek", "DeepSeek", false)));

  private TestProviders() {}

  static QuotaOptions options(QuotaSettings settings) {
    return new QuotaOptions(
        new QuotaQueryFactory(settings, REGISTRY, new BaseUrlRules(false)),
        REGISTRY,
        settings.defaultModels());
  }

  static BalanceProvider provider(String id, String name, boolean needsBaseUrl) {
    return CoreDoubles.provider(
        id,
        name,
        needsBaseUrl,
        request -> {
          throw new AssertionError("a door test asked " + id + " for a balance");
        });
  }
}

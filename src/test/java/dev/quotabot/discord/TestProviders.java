package dev.quotabot.discord;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.support.CoreDoubles;
import java.time.Clock;

/**
 * Providers like the product's (one that probes, with the settings' default models, a relay and a
 * balance-only provider) for the door's unit tests; nothing here is ever asked for a balance.
 */
final class TestProviders {
  private TestProviders() {}

  static QuotaService service(QuotaSettings settings) {
    return CoreDoubles.service(
        settings,
        Clock.systemUTC(),
        CoreDoubles.prober(
            settings.defaultModels(),
            (request, model) -> {
              throw new AssertionError("a door test probed " + model);
            },
            request -> {
              throw new AssertionError("a door test asked modelscope for a balance");
            },
            CoreDoubles.NO_CATALOG),
        provider("newapi", "New API relay", true),
        provider("deepseek", "DeepSeek", false));
  }

  static QuotaOptions options(QuotaSettings settings) {
    return new QuotaOptions(service(settings));
  }

  static Provider provider(String id, String name, boolean needsBaseUrl) {
    return CoreDoubles.provider(
        id,
        name,
        needsBaseUrl,
        request -> {
          throw new AssertionError("a door test asked " + id + " for a balance");
        });
  }
}

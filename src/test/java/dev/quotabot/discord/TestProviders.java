package dev.quotabot.discord;

import dev.quotabot.quota.ModelDirectory;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.support.CoreDoubles;
import java.time.Clock;
import java.time.Duration;

/**
 * Providers like the product's for the door's unit tests: one that probes models (the default, id
 * {@code modelscope}, proposing the settings' default models), a relay ({@code newapi}) and one
 * that reads balances only ({@code deepseek}). Nothing here is ever asked for a balance or a probe.
 */
final class TestProviders {
  private TestProviders() {}

  static QuotaService service(QuotaSettings settings) {
    return service(settings, CoreDoubles.NO_CATALOG);
  }

  /** The same, the prober offering {@code catalog}. */
  static QuotaService service(QuotaSettings settings, ModelDirectory catalog) {
    return CoreDoubles.service(
        settings,
        Clock.systemUTC(),
        CoreDoubles.prober(
            settings.defaultModels(),
            (request, model) -> {
              throw new AssertionError("a door test probed " + model);
            },
            request -> {
              throw new AssertionError("a door test asked the prober for a balance");
            },
            catalog),
        provider("newapi", "New API relay", true),
        provider("deepseek", "DeepSeek", false));
  }

  static QuotaOptions options(QuotaSettings settings) {
    return new QuotaOptions(service(settings));
  }

  /** The form over {@link #service}; a form submitted to it is never answered in a unit test. */
  static QuotaModal modal(QuotaSettings settings) {
    QuotaService service = service(settings);
    return new QuotaModal(
        new QuotaOptions(service),
        new QuotaReply(
            service, new Cooldown(Duration.ZERO, System::nanoTime), new PendingReplies()));
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

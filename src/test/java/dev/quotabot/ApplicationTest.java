package dev.quotabot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quotabot.config.AppConfig;
import dev.quotabot.config.ConfigLoader;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.modelscope.ModelScopeProvider;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** How the application builds its providers from the configuration. */
final class ApplicationTest {
  @AutoClose private final UpstreamClient client = new UpstreamClient();

  @Test
  void givesModelScopeTheConfiguredFlagshipPriceAsWhatAProbeMayCost() {
    // GIVEN a configuration that prices a flagship call at 3 魔粒
    AppConfig config =
        ConfigLoader.fromMaps(Map.of("modelscope.price_flagship", "3"), "f", Map.of());

    // WHEN the providers are built
    List<Provider> providers = Application.providers(config, client.clients());

    // THEN ModelScope (first, the default) declares a probe may spend 3 魔粒
    assertEquals(ModelScopeProvider.ID, providers.get(0).info().id());
    assertEquals(
        new ProbeCost(new BigDecimal("3"), "魔粒", ProbeCost.Kind.SPENDS),
        providers.get(0).info().probeCost());
  }
}

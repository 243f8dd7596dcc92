package dev.quotabot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quotabot.config.AppConfig;
import dev.quotabot.config.ConfigException;
import dev.quotabot.config.ConfigLoader;
import dev.quotabot.config.ProvidersConfig;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.custom.CustomAuth;
import dev.quotabot.quota.custom.CustomProviderSpec;
import dev.quotabot.quota.custom.JsonPointer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Where {@link Application#providers} puts operator-defined providers, and what it refuses. */
final class CustomProviderRegistrationTest {
  @AutoClose private final UpstreamClient client = new UpstreamClient();

  private static AppConfig withCustom(String... ids) {
    AppConfig defaults = ConfigLoader.fromMaps(Map.of(), "test", Map.of());
    ProvidersConfig providers = defaults.providers();
    List<CustomProviderSpec> custom =
        List.of(ids).stream()
            .map(
                id ->
                    new CustomProviderSpec(
                        id,
                        "Custom " + id,
                        URI.create("https://" + id + ".example/balance"),
                        CustomAuth.BEARER,
                        "USD",
                        JsonPointer.parse("/left"),
                        null,
                        null,
                        null))
            .toList();
    return new AppConfig(
        defaults.web(),
        defaults.discord(),
        defaults.modelScope(),
        defaults.quota(),
        new ProvidersConfig(
            providers.baseUrls(), providers.allowHttp(), providers.allowPrivateAddresses(), custom),
        defaults.watch(),
        defaults.metrics(),
        defaults.logFormat());
  }

  @Test
  void customProvidersComeAfterEveryBuiltInInTheirOrder() {
    // GIVEN two custom providers
    // WHEN the registry's list is built
    List<Provider> all = Application.providers(withCustom("alpha", "zeta"), client.clients());

    // THEN they are the last two, in the configuration's order, after the built-ins unchanged
    List<String> ids = all.stream().map(p -> p.info().id()).toList();
    assertEquals(List.of("alpha", "zeta"), ids.subList(ids.size() - 2, ids.size()));
    assertEquals(
        ProductionProviders.all(client.clients()).stream().map(p -> p.info().id()).toList(),
        ids.subList(0, ids.size() - 2));
  }

  @Test
  void aCustomProviderTakingABuiltInIdStopsStartUpWithOneLine() {
    // GIVEN a custom provider named like a built-in (past the configuration's own check)
    AppConfig config = withCustom("newapi");

    // WHEN the registry's list is built
    ConfigException invalid =
        assertThrows(ConfigException.class, () -> Application.providers(config, client.clients()));

    // THEN one line names the key, and start-up reports just that line
    assertEquals(
        "Invalid configuration: provider.custom.newapi.name: the id newapi is a built-in"
            + " provider's; give the custom provider another id.",
        invalid.getMessage());
    assertEquals(invalid.getMessage(), StartupFailure.describe(invalid, config));
  }
}

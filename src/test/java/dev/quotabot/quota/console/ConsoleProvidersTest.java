package dev.quotabot.quota.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.ProductionProviders;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The key-check providers as built for the registry, beside every other registered provider. */
final class ConsoleProvidersTest {
  @AutoClose private final UpstreamClient client = new UpstreamClient();

  @Test
  void buildsTheSevenInOrderEachWithItsConsole() {
    List<Provider> built =
        ConsoleProviders.create(client.clients(), id -> URI.create("https://" + id + ".example"));

    assertEquals(
        List.of("gemini", "mistral", "dashscope", "volcengine", "qianfan", "fireworks", "together"),
        built.stream().map(provider -> provider.info().id()).toList());
    for (Provider provider : built) {
      assertTrue(provider.info().capabilities().isEmpty(), provider.info().toString());
      assertTrue(provider.info().consoleUrl().startsWith("https://"), provider.info().toString());
    }
  }

  @Test
  void eachDeclaredPrefixNamesOneProviderAmongAllRegistered() {
    // GIVEN every provider the application registers
    List<ProviderInfo> all =
        ProductionProviders.all(client.clients()).stream().map(Provider::info).toList();

    // WHEN the prefixes these providers declare are looked up among all
    // THEN each is declared by its provider alone (a key with it goes nowhere else), and no other
    // provider's prefix starts with it or is started by it
    for (String prefix : List.of("AIza", "fw_", "bce-v3/")) {
      List<String> owners =
          all.stream()
              .filter(
                  info ->
                      info.keyPrefixes().stream()
                          .anyMatch(other -> other.startsWith(prefix) || prefix.startsWith(other)))
              .map(ProviderInfo::id)
              .toList();
      assertEquals(1, owners.size(), prefix + " is declared by " + owners);
    }
  }
}

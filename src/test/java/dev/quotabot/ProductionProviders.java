package dev.quotabot;

import dev.quotabot.config.ConfigLoader;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamClients;
import java.util.List;
import java.util.Map;

/**
 * Tests only: every provider exactly as the application registers them, with the default
 * configuration, so a test can check what they declare together (their key prefixes). It lives
 * here, not in {@code support}, to reach the package-visible list.
 */
public final class ProductionProviders {
  private ProductionProviders() {}

  /** The providers in the application's order, ModelScope (the default) first. */
  public static List<Provider> all(UpstreamClients clients) {
    return Application.providers(ConfigLoader.fromMaps(Map.of(), "test", Map.of()), clients);
  }
}

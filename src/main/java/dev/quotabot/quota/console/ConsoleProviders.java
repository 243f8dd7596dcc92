package dev.quotabot.quota.console;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * The providers whose balance only their console shows, built from their operator-configured base
 * URLs (trusted, so they are reached on the {@link UpstreamClients#trusted trusted} client).
 */
public final class ConsoleProviders {
  private ConsoleProviders() {}

  /**
   * Gemini, Mistral, DashScope, Volcengine Ark, Qianfan, Fireworks and Together, in that order.
   *
   * @param baseUrl each one's configured base by provider id
   */
  public static List<Provider> create(UpstreamClients clients, Function<String, URI> baseUrl) {
    UpstreamHttp http = clients.trusted(KeyCheckProvider.MAX_BODY_BYTES);
    return List.of(
        new GeminiProvider(http, baseUrl.apply(GeminiProvider.ID)),
        new MistralProvider(http, baseUrl.apply(MistralProvider.ID)),
        new DashScopeProvider(http, baseUrl.apply(DashScopeProvider.ID)),
        new VolcengineProvider(http, baseUrl.apply(VolcengineProvider.ID)),
        new QianfanProvider(http, baseUrl.apply(QianfanProvider.ID)),
        new FireworksProvider(http, baseUrl.apply(FireworksProvider.ID)),
        new TogetherProvider(http, baseUrl.apply(TogetherProvider.ID)));
  }
}

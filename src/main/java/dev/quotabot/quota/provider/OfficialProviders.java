package dev.quotabot.quota.provider;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * The providers with an official balance endpoint, built from their operator-configured base URLs
 * (trusted, so they are reached on the {@link UpstreamClients#trusted trusted} client).
 */
public final class OfficialProviders {
  /** The most of a balance answer that is read. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private OfficialProviders() {}

  /**
   * DeepSeek, SiliconFlow, OpenRouter, Moonshot, StepFun, Novita, 302.AI, Poe, Venice and
   * DeepInfra, in that order.
   *
   * @param baseUrl each one's configured base by provider id ({@code deepseek} → {@code
   *     https://api.deepseek.com}; a {@code siliconflow.com} or {@code moonshot.ai} host reports
   *     USD)
   */
  public static List<Provider> create(UpstreamClients clients, Function<String, URI> baseUrl) {
    UpstreamHttp http = clients.trusted(MAX_BODY_BYTES);
    return List.of(
        new DeepSeekProvider(http, baseUrl.apply(DeepSeekProvider.ID)),
        new SiliconFlowProvider(http, baseUrl.apply(SiliconFlowProvider.ID)),
        new OpenRouterProvider(http, baseUrl.apply(OpenRouterProvider.ID)),
        new MoonshotProvider(http, baseUrl.apply(MoonshotProvider.ID)),
        new StepFunProvider(http, baseUrl.apply(StepFunProvider.ID)),
        new NovitaProvider(http, baseUrl.apply(NovitaProvider.ID)),
        new Ai302Provider(http, baseUrl.apply(Ai302Provider.ID)),
        new PoeProvider(http, baseUrl.apply(PoeProvider.ID)),
        new VeniceProvider(http, baseUrl.apply(VeniceProvider.ID)),
        new DeepInfraProvider(http, baseUrl.apply(DeepInfraProvider.ID)));
  }
}

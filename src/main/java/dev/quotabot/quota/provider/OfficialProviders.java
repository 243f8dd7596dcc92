package dev.quotabot.quota.provider;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.List;

/**
 * The providers with an official balance endpoint, built from their operator-configured base URLs
 * (trusted, so they are reached on the {@link UpstreamClients#trusted trusted} client).
 */
public final class OfficialProviders {
  /** The most of a balance answer that is read. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private OfficialProviders() {}

  /**
   * DeepSeek, SiliconFlow, OpenRouter, Moonshot, StepFun, Novita and 302.AI, in that order.
   *
   * @param deepseek e.g. {@code https://api.deepseek.com}
   * @param siliconflow e.g. {@code https://api.siliconflow.com} (a {@code siliconflow.com} host
   *     reports USD, any other CNY)
   * @param openrouter e.g. {@code https://openrouter.ai}
   * @param moonshot e.g. {@code https://api.moonshot.cn} (a {@code moonshot.ai} host reports USD)
   * @param stepfun e.g. {@code https://api.stepfun.com}
   * @param novita e.g. {@code https://api.novita.ai}
   * @param ai302 e.g. {@code https://api.302.ai}
   */
  public static List<Provider> create(
      UpstreamClients clients,
      URI deepseek,
      URI siliconflow,
      URI openrouter,
      URI moonshot,
      URI stepfun,
      URI novita,
      URI ai302) {
    UpstreamHttp http = clients.trusted(MAX_BODY_BYTES);
    return List.of(
        new DeepSeekProvider(http, deepseek),
        new SiliconFlowProvider(http, siliconflow),
        new OpenRouterProvider(http, openrouter),
        new MoonshotProvider(http, moonshot),
        new StepFunProvider(http, stepfun),
        new NovitaProvider(http, novita),
        new Ai302Provider(http, ai302));
  }
}

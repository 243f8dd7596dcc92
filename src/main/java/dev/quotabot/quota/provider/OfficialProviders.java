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
   * DeepSeek, SiliconFlow, OpenRouter and Moonshot, in that order.
   *
   * @param deepseek e.g. {@code https://api.deepseek.com}
   * @param siliconflow e.g. {@code https://api.siliconflow.cn}
   * @param openrouter e.g. {@code https://openrouter.ai}
   * @param moonshot e.g. {@code https://api.moonshot.cn} (a {@code moonshot.ai} host reports USD)
   */
  public static List<Provider> create(
      UpstreamClients clients, URI deepseek, URI siliconflow, URI openrouter, URI moonshot) {
    UpstreamHttp http = clients.trusted(MAX_BODY_BYTES);
    return List.of(
        new DeepSeekProvider(http, deepseek),
        new SiliconFlowProvider(http, siliconflow),
        new OpenRouterProvider(http, openrouter),
        new MoonshotProvider(http, moonshot));
  }
}

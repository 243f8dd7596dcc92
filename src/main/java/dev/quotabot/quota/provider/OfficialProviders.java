package dev.quotabot.quota.provider;

import dev.quotabot.quota.BalanceProvider;
import dev.quotabot.quota.TimeoutScheduler;
import dev.quotabot.quota.net.DirectHttp;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;

/**
 * The providers with an official balance endpoint, built from their operator-configured base URLs
 * (trusted, so they are reached {@link DirectHttp directly}).
 */
public final class OfficialProviders {
  /** The most of a balance answer that is read. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private OfficialProviders() {}

  /** The HTTP the providers need, on the shared client, with the body cap. */
  public static UpstreamHttp http(HttpClient client, TimeoutScheduler timeouts) {
    return new DirectHttp(client, timeouts, MAX_BODY_BYTES);
  }

  /**
   * DeepSeek, SiliconFlow, OpenRouter and Moonshot, in that order.
   *
   * @param deepseek e.g. {@code https://api.deepseek.com}
   * @param siliconflow e.g. {@code https://api.siliconflow.cn}
   * @param openrouter e.g. {@code https://openrouter.ai}
   * @param moonshot e.g. {@code https://api.moonshot.cn} (a {@code moonshot.ai} host reports USD)
   */
  public static List<BalanceProvider> create(
      UpstreamHttp http, URI deepseek, URI siliconflow, URI openrouter, URI moonshot) {
    return List.of(
        new DeepSeekProvider(http, deepseek),
        new SiliconFlowProvider(http, siliconflow),
        new OpenRouterProvider(http, openrouter),
        new MoonshotProvider(http, moonshot));
  }
}

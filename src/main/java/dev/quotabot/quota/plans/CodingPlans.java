package dev.quotabot.quota.plans;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * The coding plans, built from their operator-configured base URLs (trusted, so they are reached on
 * the {@link UpstreamClients#trusted trusted} client).
 */
public final class CodingPlans {
  /** The most of a quota answer that is read. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private CodingPlans() {}

  /**
   * Zhipu, Z.ai, MiniMax and Kimi Code, in that order.
   *
   * @param zhipu e.g. {@code https://open.bigmodel.cn}
   * @param zai e.g. {@code https://api.z.ai}
   * @param minimax e.g. {@code https://api.minimax.io}
   * @param kimiCode e.g. {@code https://api.kimi.com}
   * @param clock when an answer came (a refill given as time left counts from it)
   */
  public static List<Provider> create(
      UpstreamClients clients, URI zhipu, URI zai, URI minimax, URI kimiCode, Clock clock) {
    UpstreamHttp http = clients.trusted(MAX_BODY_BYTES);
    return List.of(
        GlmCodingPlanProvider.zhipu(http, zhipu),
        GlmCodingPlanProvider.zai(http, zai),
        new MiniMaxPlanProvider(http, minimax, clock),
        new KimiCodeProvider(http, kimiCode));
  }
}

package dev.quotabot.quota.modelscope;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelDirectory;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.net.UpstreamClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ModelScope API-Inference: the account's 魔粒 balance and today's grants from the OpenAPI (free),
 * with the calls they pay for estimated per price tier; a 1-token probe per model whose response
 * headers carry the per-model quota when ModelScope still sends them (a probe that works spends 魔粒:
 * at most a flagship call's price); and the model list to skip ids that cannot work. Its quota
 * resets daily at 00:00 Asia/Shanghai.
 */
public final class ModelScopeProvider implements Provider {
  public static final String ID = "modelscope";
  static final String UNIT = "魔粒";

  /** Its name, a value of its texts: never translated. */
  static final String NAME = "ModelScope";

  /** Its website, where a person signs in, binds accounts and finds tokens. */
  static final String SITE = "modelscope.cn";

  /** A model id of the form its list uses, for the texts that show one. */
  private static final String EXAMPLE_MODEL = "Qwen/Qwen3-32B";

  /**
   * ModelScope access tokens start with {@code ms-} (notes §1; "用户自建令牌（ms-、39 字符）" in
   * HUIdada1/AgentHub docs/ModelScope渠道反代接入方案.md §2.1, whose OAuth tokens start {@code ms_oauth}
   * instead).
   */
  static final String KEY_PREFIX = "ms-";

  /**
   * Where a person sees the 魔粒 spent per day and tier, which no API tells: ModelScope's 魔粒 usage
   * page (Weidows/userscripts scripts/modelscope-magicube-checkin.user.js, URL_PAGE).
   */
  static final String CONSOLE_URL = "https://modelscope.cn/magicube/usage?tab=consume";

  private final ProviderInfo info;
  private final ModelScopeAccount account;
  private final ModelScopeProbe probe;
  private final ModelCatalog catalog;

  /**
   * @param apiBaseUrl API-Inference base, e.g. {@code https://api-inference.modelscope.cn/v1}
   * @param openApiBaseUrl the OpenAPI base, e.g. {@code https://modelscope.cn/openapi/v1}
   * @param catalogTtl how long the model list is served from memory
   * @param defaultModels the models the doors propose
   */
  public ModelScopeProvider(
      UpstreamClients clients,
      URI apiBaseUrl,
      URI openApiBaseUrl,
      Duration catalogTtl,
      List<String> defaultModels) {
    this(
        clients,
        apiBaseUrl,
        openApiBaseUrl,
        catalogTtl,
        defaultModels,
        TierPrices.PUBLISHED,
        Clock.systemUTC());
  }

  /**
   * @param prices what a call of each tier costs in 魔粒 (configuration)
   * @param clock when probe answers come, for the daily windows' reset
   */
  public ModelScopeProvider(
      UpstreamClients clients,
      URI apiBaseUrl,
      URI openApiBaseUrl,
      Duration catalogTtl,
      List<String> defaultModels,
      TierPrices prices,
      Clock clock) {
    this.info =
        new ProviderInfo(
                ID,
                NAME,
                EnumSet.of(
                    Capability.BALANCES,
                    Capability.PROBES_MODELS,
                    Capability.MODEL_CATALOG,
                    Capability.DAILY_RESET),
                UNIT,
                defaultModels,
                KEY_PREFIX + "…")
            .withKeyPrefixes(KEY_PREFIX)
            // a probe that works is a real call, billed by the model's tier; which tier a model is
            // in is not told, so the worst case
            .withProbeCost(new ProbeCost(prices.flagship(), UNIT, ProbeCost.Kind.SPENDS))
            .withConsoleUrl(CONSOLE_URL);
    this.account =
        new ModelScopeAccount(
            clients.trusted(ModelScopeAccount.MAX_BODY_BYTES), openApiBaseUrl, prices);
    this.probe =
        new ModelScopeProbe(
            clients.trusted(ModelScopeProbe.MAX_ERROR_BODY_BYTES), apiBaseUrl, clock);
    this.catalog =
        new ModelCatalog(clients.trusted(ModelCatalog.MAX_BODY_BYTES), apiBaseUrl, catalogTtl);
  }

  @Override
  public ProviderInfo info() {
    return info;
  }

  @Override
  public CompletableFuture<ProviderResult> readAccount(ProviderRequest request) {
    CompletableFuture<Account> read = account.read(request.key(), request.timeout());
    CompletableFuture<ProviderResult> result = read.thenApply(ProviderResult::balanceOnly);
    // the run gave up on it (cancelled, or overdue): close the upstream call at once
    result.whenComplete(
        (done, failure) -> {
          if (result.isCancelled()) {
            read.cancel(true);
          }
        });
    return result;
  }

  @Override
  public CompletableFuture<ModelQuota> probe(ProviderRequest request, String model) {
    return probe.probe(request.key(), model, request.timeout());
  }

  @Override
  public ModelQuota unlisted(String model) {
    return ModelQuota.failed(
        model,
        ProbeStatus.MODEL_UNAVAILABLE,
        Text.of("modelscope.unlisted", "upstream", NAME, "example", EXAMPLE_MODEL),
        0);
  }

  @Override
  public ModelDirectory catalog() {
    return catalog;
  }

  @Override
  public OffsetDateTime nextReset(Instant now) {
    return DailyReset.after(now);
  }
}

package dev.quotabot.quota.modelscope;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelDirectory;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.net.UpstreamClients;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ModelScope API-Inference: the account's 魔粒 balance from the OpenAPI (free), a 1-token probe per
 * model whose response headers carry the per-model quota, and the model list to skip ids that
 * cannot work. Its quota resets daily at 00:00 Asia/Shanghai.
 */
public final class ModelScopeProvider implements Provider {
  public static final String ID = "modelscope";
  static final String UNIT = "魔粒";

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
    ProviderInfo declared =
        new ProviderInfo(
            ID,
            "ModelScope",
            EnumSet.of(
                Capability.BALANCES,
                Capability.PROBES_MODELS,
                Capability.MODEL_CATALOG,
                Capability.DAILY_RESET),
            UNIT,
            defaultModels,
            "ms-…");
    // access tokens start "ms-" and a UUID (public API-Inference clients document
    // MODELSCOPE_API_KEY=ms-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)
    this.info = declared.withKeyPrefixes("ms-");
    this.account =
        new ModelScopeAccount(clients.trusted(ModelScopeAccount.MAX_BODY_BYTES), openApiBaseUrl);
    this.probe =
        new ModelScopeProbe(clients.trusted(ModelScopeProbe.MAX_ERROR_BODY_BYTES), apiBaseUrl);
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
        "Not in ModelScope's model list, so it was not probed: check the id (it is"
            + " Organization/Model, e.g. Qwen/Qwen3-32B).",
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

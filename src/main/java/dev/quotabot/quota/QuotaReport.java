package dev.quotabot.quota;

import java.time.Instant;
import java.util.List;

/**
 * Everything one query found, in the order the models were asked. Renderers (JSON, page, embed) are
 * pure functions of this.
 */
public record QuotaReport(String keyFingerprint, List<ModelQuota> models, Instant checkedAt) {

  public QuotaReport {
    models = List.copyOf(models);
  }

  public long successCount() {
    return models.stream().filter(ModelQuota::isSuccess).count();
  }

  /** True when every model was probed successfully (and there was at least one). */
  public boolean allSucceeded() {
    return !models.isEmpty() && successCount() == models.size();
  }
}

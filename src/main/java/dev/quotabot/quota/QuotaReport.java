package dev.quotabot.quota;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything one query found, in the order the models were asked. Renderers (JSON, page, embed) are
 * pure functions of this.
 *
 * @param keyFingerprint the key as it may be shown ({@code ms-…a1b2})
 * @param account the account's balance (read for free beside the probes)
 * @param models one row per model asked; empty for a balance-only check
 * @param checkedAt when the query finished
 * @param resetsAt when the daily per-model quota resets next
 */
public record QuotaReport(
    String keyFingerprint,
    AccountBalance account,
    List<ModelQuota> models,
    Instant checkedAt,
    OffsetDateTime resetsAt) {

  public QuotaReport {
    models = List.copyOf(models);
  }

  public long successCount() {
    return models.stream().filter(ModelQuota::isSuccess).count();
  }

  /** A check of the free balance only: no model was probed. */
  public boolean balanceOnly() {
    return models.isEmpty();
  }

  /**
   * True when every model was probed successfully; for a balance-only check, when the balance was
   * read.
   */
  public boolean allSucceeded() {
    return balanceOnly() ? account.isKnown() : successCount() == models.size();
  }
}

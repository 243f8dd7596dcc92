package dev.quotabot.quota;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything one query found, in the order the models were asked. Renderers (JSON, page, embed) are
 * pure functions of this.
 *
 * @param provider who was asked, with what it can do
 * @param keyFingerprint the key as it may be shown ({@code ms-…a1b2})
 * @param account the account's balances (read for free beside the probes)
 * @param models one row per model asked (or listed); empty for a balance-only check
 * @param checkedAt when the query finished
 * @param resetsAt when the daily per-model quota resets next; null for a provider without one
 */
public record QuotaReport(
    ProviderInfo provider,
    String keyFingerprint,
    Account account,
    List<ModelQuota> models,
    Instant checkedAt,
    @Nullable OffsetDateTime resetsAt) {

  public QuotaReport {
    models = List.copyOf(models);
  }

  public long successCount() {
    return models.stream().filter(ModelQuota::isSuccess).count();
  }

  /** A check of the free balance only: no model was probed or listed. */
  public boolean balanceOnly() {
    return models.isEmpty();
  }

  /**
   * True when every model was checked successfully; for a balance-only check, when the balance was
   * read.
   */
  public boolean allSucceeded() {
    return balanceOnly() ? account.isKnown() : successCount() == models.size();
  }
}

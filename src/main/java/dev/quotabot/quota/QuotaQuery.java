package dev.quotabot.quota;

import java.util.List;

/**
 * One question: "how much does this key have left for these models?". Build it with {@link
 * QuotaQueryFactory}, which checks the input.
 */
public record QuotaQuery(ApiKey key, List<String> models) {
  public QuotaQuery {
    models = List.copyOf(models);
  }

  @Override
  public String toString() {
    return "QuotaQuery[key=" + key + ", models=" + models.size() + "]";
  }
}

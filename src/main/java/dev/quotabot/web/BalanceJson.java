package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.RateLimits;
import java.time.format.DateTimeFormatter;

/**
 * Renders a report in the seed's JSON contract ({@code success}, {@code data}, {@code message}),
 * plus the fields added since ({@code status}, {@code note}, {@code latency_ms}, {@code
 * checked_at}, {@code resets_at}, {@code account}). Unknown numbers are null, never 0.
 */
final class BalanceJson {
  private BalanceJson() {}

  static JsonObject render(QuotaReport report) {
    JsonArray data = new JsonArray();
    report.models().forEach(row -> data.add(row(row)));
    JsonObject body = new JsonObject();
    body.addProperty("success", report.allSucceeded());
    body.add("data", data);
    addVerdict(body, report);
    body.add("account", account(report.account()));
    return body;
  }

  /** The last line of a stream: the verdict, once every row has been sent. */
  static JsonObject summary(QuotaReport report) {
    JsonObject summary = new JsonObject();
    summary.addProperty("type", "summary");
    summary.addProperty("success", report.allSucceeded());
    addVerdict(summary, report);
    return summary;
  }

  /** The fields a whole answer and a stream's summary share, after {@code success}. */
  private static void addVerdict(JsonObject json, QuotaReport report) {
    json.addProperty("message", message(report));
    json.addProperty("checked_at", report.checkedAt().toString());
    json.addProperty("resets_at", resetsAt(report));
  }

  static JsonObject row(ModelQuota row) {
    RateLimits limits = row.limits();
    JsonObject json = new JsonObject();
    json.addProperty("model", row.model());
    json.addProperty("request_limit", limits.requestLimit());
    json.addProperty("request_remaining", limits.requestRemaining());
    json.addProperty("model_request_limit", limits.modelRequestLimit());
    json.addProperty("model_request_remaining", limits.modelRequestRemaining());
    json.addProperty("error", row.error());
    json.addProperty("status", row.status().wireName());
    json.addProperty("note", row.note());
    json.addProperty("latency_ms", row.latencyMs());
    return json;
  }

  /**
   * The account: ModelScope's names ({@code available_balance}, {@code total_balance}, {@code
   * frozen_amount}) and the relay names ({@code currency}, {@code total}, {@code used}, {@code
   * remaining}, {@code unlimited}, {@code expires_at}) side by side, for every provider.
   */
  static JsonObject account(AccountBalance account) {
    JsonObject json = new JsonObject();
    json.addProperty("provider", account.provider());
    json.addProperty("unit", account.unit());
    json.addProperty("currency", account.unit());
    json.addProperty("available_balance", account.availableBalance());
    json.addProperty("total_balance", account.totalBalance());
    json.addProperty("frozen_amount", account.frozenAmount());
    json.addProperty("total", account.totalBalance());
    json.addProperty("used", account.used());
    json.addProperty("remaining", account.availableBalance());
    json.addProperty("unlimited", account.unlimited());
    json.addProperty(
        "expires_at", account.expiresAt() == null ? null : account.expiresAt().toString());
    json.addProperty("user", account.user());
    json.addProperty("note", account.note());
    json.addProperty("error", account.error());
    json.addProperty("status", account.status().wireName());
    return json;
  }

  /**
   * "成功查询 3 个模型的余额信息" when all worked, "成功查询 2/3 个模型的余额信息" otherwise; for a balance-only check,
   * whether the balance was read.
   */
  static String message(QuotaReport report) {
    if (report.balanceOnly()) {
      return report.account().isKnown() ? "成功查询账户余额" : "账户余额查询失败";
    }
    long total = report.models().size();
    long ok = report.successCount();
    return ok == total ? "成功查询 " + total + " 个模型的余额信息" : "成功查询 " + ok + "/" + total + " 个模型的余额信息";
  }

  private static String resetsAt(QuotaReport report) {
    return report.resetsAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}

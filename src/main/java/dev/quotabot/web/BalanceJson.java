package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.RateLimits;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Renders a report in the seed's JSON contract ({@code success}, {@code data}, {@code message}),
 * plus the fields added since ({@code status}, {@code note}, {@code latency_ms}, {@code
 * checked_at}, {@code resets_at} for a provider with a daily reset, {@code account} with its {@code
 * balances}). Unknown numbers are null, never 0.
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
   * The account: its outcome, the first balance's figures flat (the names the API has always had:
   * {@code unit}, {@code available_balance}, {@code total_balance}, {@code frozen_amount}, {@code
   * used}, {@code unlimited}, {@code expires_at}) and every balance in {@code balances}.
   */
  static JsonObject account(Account account) {
    Balance first = account.primary();
    JsonObject json = new JsonObject();
    json.addProperty("provider", account.provider());
    json.addProperty("unit", account.unit());
    json.addProperty("available_balance", first == null ? null : first.available());
    json.addProperty("total_balance", first == null ? null : first.total());
    json.addProperty("frozen_amount", first == null ? null : first.frozen());
    json.addProperty("used", first == null ? null : first.used());
    json.addProperty("unlimited", first == null ? null : first.unlimited());
    json.addProperty("expires_at", first == null ? null : time(first.expiresAt()));
    json.addProperty("user", account.user());
    json.addProperty("note", account.note());
    json.addProperty("error", account.error());
    json.addProperty("status", account.status().wireName());
    JsonArray balances = new JsonArray();
    account.balances().forEach(balance -> balances.add(balance(balance)));
    json.add("balances", balances);
    return json;
  }

  /** One balance entry: only what the upstream reported is filled in, the rest null. */
  static JsonObject balance(Balance balance) {
    JsonObject json = new JsonObject();
    json.addProperty("scope", balance.scope().wireName());
    json.addProperty("unit", balance.unit());
    json.addProperty("available", balance.available());
    json.addProperty("total", balance.total());
    json.addProperty("used", balance.used());
    json.addProperty("frozen", balance.frozen());
    json.addProperty("unlimited", balance.unlimited());
    json.addProperty("expires_at", time(balance.expiresAt()));
    JsonObject parts = new JsonObject();
    balance.parts().forEach((name, amount) -> parts.addProperty(name, amount));
    json.add("parts", parts);
    json.addProperty("requests", balance.requests());
    return json;
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
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
    return report.resetsAt() == null
        ? null
        : report.resetsAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}

package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.RateLimits;

/**
 * Renders a report in the seed's JSON contract ({@code success}, {@code data}, {@code message}),
 * plus the fields added since ({@code status}, {@code note}, {@code latency_ms}, {@code
 * checked_at}). Unknown numbers are null, never 0.
 */
final class BalanceJson {
  private BalanceJson() {}

  static JsonObject render(QuotaReport report) {
    JsonArray data = new JsonArray();
    report.models().forEach(row -> data.add(row(row)));
    JsonObject body = new JsonObject();
    body.addProperty("success", report.allSucceeded());
    body.add("data", data);
    body.addProperty("message", message(report));
    body.addProperty("checked_at", report.checkedAt().toString());
    return body;
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

  /** "成功查询 3 个模型的余额信息" when all worked, "成功查询 2/3 个模型的余额信息" otherwise. */
  static String message(QuotaReport report) {
    long total = report.models().size();
    long ok = report.successCount();
    return ok == total ? "成功查询 " + total + " 个模型的余额信息" : "成功查询 " + ok + "/" + total + " 个模型的余额信息";
  }
}

package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.CallEstimate;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ModelSpend;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Site;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders a report in the seed's JSON contract ({@code success}, {@code data}, {@code message}),
 * plus the fields added since ({@code status}, {@code note}, {@code latency_ms}, {@code
 * checked_at}, {@code resets_at} for a provider with a daily reset, {@code key_fingerprint}, {@code
 * account} with its {@code balances}). Unknown numbers are null, never 0.
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
    // The numbers behind the message, so a client can say it in its own language.
    json.addProperty("balance_only", report.balanceOnly());
    json.addProperty("models_total", report.models().size());
    json.addProperty("models_succeeded", report.successCount());
    json.addProperty("balance_read", report.account().isKnown());
    // The key as it may be shown (ms-…a1b2), never the key itself: the page keeps a key's history
    // under it.
    json.addProperty("key_fingerprint", report.keyFingerprint());
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
    // Whether the probe worked (the status counts as a success), so a client need not know which.
    json.addProperty("succeeded", row.isSuccess());
    json.addProperty("note", row.note());
    json.addProperty("latency_ms", row.latencyMs());
    JsonArray windows = new JsonArray();
    row.windows().forEach(window -> windows.add(JsonResponses.tree(WindowJson.of(window))));
    json.add("limits", windows);
    return json;
  }

  /**
   * One entry of a row's or the account's {@code limits}: a named quota window, unknown numbers
   * null; {@code used_percent} for a provider that reports a share rather than counts.
   */
  record WindowJson(
      String name,
      @Nullable Long limit,
      @Nullable Long remaining,
      @Nullable String resetsAt,
      @Nullable BigDecimal usedPercent) {

    static WindowJson of(RateWindow window) {
      return new WindowJson(
          window.name(),
          window.limit(),
          window.remaining(),
          time(window.resetsAt()),
          window.usedPercent());
    }
  }

  /** One entry of {@code account.spend}: what a model spent, from the provider's recent log. */
  record SpendJson(
      String model, BigDecimal amount, String unit, long calls, @Nullable String since) {

    static SpendJson of(ModelSpend spend) {
      return new SpendJson(
          spend.model(), spend.amount(), spend.unit(), spend.calls(), time(spend.since()));
    }
  }

  /**
   * {@code account.site}: the software a relay runs, its version, and the operator's name for the
   * site.
   */
  record SiteJson(@Nullable String software, @Nullable String version, @Nullable String name) {

    static @Nullable SiteJson of(@Nullable Site site) {
      return site == null ? null : new SiteJson(site.software(), site.version(), site.name());
    }
  }

  /** One entry of {@code account.estimated_calls}: calls of a price tier the balance pays for. */
  record EstimateJson(String tier, BigDecimal price, long calls) {

    static EstimateJson of(CallEstimate estimate) {
      return new EstimateJson(estimate.tier(), estimate.price(), estimate.calls());
    }
  }

  /**
   * {@code account}: its outcome, the first balance's figures flat under the names the API has
   * always had, and every balance in {@code balances}.
   */
  record AccountJson(
      String provider,
      @Nullable String unit,
      @Nullable BigDecimal availableBalance,
      @Nullable BigDecimal totalBalance,
      @Nullable BigDecimal frozenAmount,
      @Nullable BigDecimal used,
      @Nullable Boolean unlimited,
      @Nullable String expiresAt,
      @Nullable String user,
      @Nullable String note,
      @Nullable String error,
      String status,
      List<BalanceEntry> balances,
      List<EstimateJson> estimatedCalls,
      List<WindowJson> limits,
      List<SpendJson> spend,
      @Nullable String flavour,
      @Nullable SiteJson site) {

    static AccountJson of(Account account) {
      @Nullable Balance first = account.primary();
      return new AccountJson(
          account.provider(),
          account.unit(),
          first == null ? null : first.available(),
          first == null ? null : first.total(),
          first == null ? null : first.frozen(),
          first == null ? null : first.used(),
          first == null ? null : first.unlimited(),
          first == null ? null : time(first.expiresAt()),
          account.user(),
          account.note(),
          account.error(),
          account.status().wireName(),
          account.balances().stream().map(BalanceEntry::of).toList(),
          account.estimatedCalls().stream().map(EstimateJson::of).toList(),
          account.limits().stream().map(WindowJson::of).toList(),
          account.spend().stream().map(SpendJson::of).toList(),
          account.site() == null ? null : account.site().flavour(),
          SiteJson.of(account.site()));
    }
  }

  /** One entry of {@code account.balances}: only what the upstream reported is filled in. */
  record BalanceEntry(
      String scope,
      String unit,
      @Nullable BigDecimal available,
      @Nullable BigDecimal total,
      @Nullable BigDecimal used,
      @Nullable BigDecimal frozen,
      @Nullable Boolean unlimited,
      @Nullable String expiresAt,
      Map<String, BigDecimal> parts,
      @Nullable Long requests) {

    static BalanceEntry of(Balance balance) {
      return new BalanceEntry(
          balance.scope().wireName(),
          balance.unit(),
          balance.available(),
          balance.total(),
          balance.used(),
          balance.frozen(),
          balance.unlimited(),
          time(balance.expiresAt()),
          balance.parts(),
          balance.requests());
    }
  }

  /** The account as a JSON object: the {@code account} of an answer, or a stream's line. */
  static JsonObject account(Account account) {
    return JsonResponses.tree(AccountJson.of(account));
  }

  private static @Nullable String time(@Nullable Instant instant) {
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

  private static @Nullable String resetsAt(QuotaReport report) {
    @Nullable OffsetDateTime at = report.resetsAt();
    return at == null ? null : at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}

package dev.quotabot.quota.relay;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ModelSpend;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.net.UpstreamResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * sub2api's {@code GET /v1/usage} with the key as Bearer (Wei-Shaw/sub2api
 * backend/internal/handler/gateway_handler.go Usage; read here from the fork youxuanxue/sub2api at
 * 58eefbb, same module). It answers in one of three shapes, all amounts in US dollars:
 *
 * <ul>
 *   <li>{@code "mode":"quota_limited"}: the key has its own {@code quota{limit,used,remaining}}
 *       and/or {@code rate_limits[{window 5h|1d|7d, limit, used, remaining, reset_at}]} (spend
 *       windows in dollars), and a key {@code status} (active, quota_exhausted, expired);
 *   <li>{@code "mode":"unrestricted"} with {@code subscription{daily|weekly|monthly_usage_usd,
 *       …_limit_usd, weekly_window_start, expires_at}}: the key's group is a plan named {@code
 *       planName}; {@code remaining} is the least left of its capped periods, -1 when none is
 *       capped;
 *   <li>{@code "mode":"unrestricted"} with {@code balance}: the account's wallet; its {@code
 *       planName} is the placeholder {@value #WALLET_PLACEHOLDER}, not a plan.
 * </ul>
 *
 * Each may carry {@code usage{today,total{requests, cost, actual_cost}}} (the key's own spend; the
 * {@code actual_cost} is what was charged) and {@code model_stats[{model, requests, actual_cost}]}.
 * Older builds send only {@code isValid, planName, remaining, unit}.
 */
final class Sub2ApiUsage {
  static final String PATH = "v1/usage";
  static final String WALLET_PLACEHOLDER = "钱包余额";
  static final Text SPEND_NOTE = Text.of("relay.sub2api_spend");
  private static final String DEFAULT_UNIT = "USD";
  private static final int UNIT_MAX = 8;
  private static final int MAX_MODELS = 500;
  private static final BigDecimal NO_PERIOD_CAPPED = BigDecimal.ONE.negate();

  private Sub2ApiUsage() {}

  /**
   * Whether {@code /v1/usage} is worth asking: the site has no {@code /api/status} (sub2api answers
   * it 404, new-api 200: zh667/TokenLedger src/adapters/detect.js, measured on live sites) or
   * answers it with something that is not JSON.
   */
  static boolean worthAsking(UpstreamResponse status) {
    return status.answered()
        && (status.status() == 404
            || (status.status() == 200 && RelayJson.parse(status.body()) == null));
  }

  /**
   * Whether the site is sub2api: its {@code /v1/usage} answered with {@code isValid}, or refused
   * the key (401/403) where new-api has no such route (404).
   */
  static boolean answeredBy(@Nullable UpstreamResponse answer) {
    if (answer == null || !answer.answered()) {
      return false;
    }
    if (answer.status() == 401 || answer.status() == 403) {
      return true;
    }
    JsonObject root = answer.status() == 200 ? RelayJson.parse(answer.body()) : null;
    return root != null && root.has("isValid");
  }

  static Account read(UpstreamResponse answer, ProviderRequest request) {
    JsonObject error = RelayJson.object(RelayJson.parse(answer.body()), "error");
    if (answer.status() == 403 && "subscription_error".equals(RelayJson.string(error, "type"))) {
      // a plan's key without an active subscription (Wei-Shaw/sub2api at d3e73f1, Usage)
      String message = RelayText.clean(RelayJson.string(error, "message"), request);
      return failed(
          ProbeStatus.INSUFFICIENT_BALANCE,
          Text.of("relay.sub2api_no_subscription", "said", RelayText.said(message)));
    }
    if (answer.status() != 200) {
      Reading refused =
          Refusals.of(
              answer,
              "/" + PATH,
              Refusals.Credential.KEY,
              RelayStatus.unknown(Text.of("relay.status_not_sub2api")),
              request,
              RelayText.THE_SUB2API_SITE);
      return failed(refused.failure(), RelayText.problem(refused));
    }
    JsonObject root = RelayJson.parse(answer.body());
    if (Boolean.FALSE.equals(RelayJson.flag(root, "isValid"))) {
      String status = RelayText.name(RelayJson.string(root, "status"), request);
      return failed(
          ProbeStatus.INVALID_KEY,
          status == null
              ? Text.of("relay.sub2api_invalid")
              : Text.of("relay.sub2api_invalid_status", "status", status));
    }
    String unit = unit(root, request);
    Shape shape = new Shape(root, unit, request);
    return shape.account();
  }

  /** A failed sub2api account: every failure here names the same provider and unit. */
  private static Account failed(@Nullable ProbeStatus status, Text why) {
    return Account.failed(
        RelayAccount.PROVIDER,
        DEFAULT_UNIT,
        status == null ? ProbeStatus.UPSTREAM_ERROR : status,
        why);
  }

  private static String unit(JsonObject root, ProviderRequest request) {
    String unit = RelayJson.string(root, "unit");
    if (unit == null) {
      unit = RelayJson.string(RelayJson.object(root, "quota"), "unit");
    }
    String clean = UpstreamText.cut(RelayText.clean(unit, request), UNIT_MAX);
    // the handler writes "unit":"USD" wherever it writes a unit: every amount is in dollars
    return clean == null || clean.isBlank() ? DEFAULT_UNIT : clean.strip();
  }

  /** One answer read: balances, windows, spend and the words that go with them. */
  private static final class Shape {
    private final JsonObject root;
    private final String unit;
    private final ProviderRequest request;
    private final @Nullable JsonObject today;
    private final @Nullable JsonObject total;

    Shape(JsonObject root, String unit, ProviderRequest request) {
      this.root = root;
      this.unit = unit;
      this.request = request;
      JsonObject usage = RelayJson.object(root, "usage");
      this.today = RelayJson.object(usage, "today");
      this.total = RelayJson.object(usage, "total");
    }

    Account account() {
      List<Balance> balances = new ArrayList<>();
      List<RateWindow> windows = new ArrayList<>();
      List<Text> note = new ArrayList<>();
      ProbeStatus status = ProbeStatus.OK;
      Text error = null;
      JsonObject subscription = RelayJson.object(root, "subscription");
      String mode = RelayJson.string(root, "mode");
      if ("quota_limited".equals(mode)) {
        balances.add(ownQuota());
        windows.addAll(Sub2ApiWindows.ofKey(root));
        note.add(Text.of("relay.sub2api_key_limited"));
        String keyStatus = RelayJson.string(root, "status");
        if ("quota_exhausted".equals(keyStatus)) {
          status = ProbeStatus.INSUFFICIENT_BALANCE;
          error = Text.of("relay.sub2api_used_up");
        } else if ("expired".equals(keyStatus)) {
          status = ProbeStatus.INVALID_KEY;
          error = Text.of("relay.sub2api_expired");
        }
      } else if (subscription != null || isPlan()) {
        balances.add(plan(subscription));
        balances.add(keySpend());
        windows.addAll(Sub2ApiWindows.ofPlan(subscription));
        note.add(planNote());
      } else {
        BigDecimal wallet = RelayJson.decimal(root, "balance");
        balances.add(
            Balance.of(Balance.Scope.ACCOUNT, unit)
                .available(wallet != null ? wallet : RelayJson.decimal(root, "remaining"))
                .build());
        balances.add(keySpend());
        note.add(Text.of("relay.sub2api_wallet"));
      }
      // a shape without a figure for a balance (no quota, no usage summary) leaves it out
      balances.removeIf(
          balance ->
              balance.figures().isEmpty()
                  && balance.unlimited() == null
                  && balance.expiresAt() == null);
      List<ModelSpend> spend = spend();
      if (!spend.isEmpty()) {
        note.add(SPEND_NOTE);
      }
      return new Account(
              RelayAccount.PROVIDER,
              unit,
              status,
              error,
              null,
              Notes.join(note.toArray(Text[]::new)),
              balances)
          .withLimits(windows)
          .withSpend(spend);
    }

    /** An older answer without {@code mode}: a plan unless it names the wallet placeholder. */
    private boolean isPlan() {
      String plan = RelayJson.string(root, "planName");
      return RelayJson.string(root, "mode") == null
          && RelayJson.decimal(root, "balance") == null
          && plan != null
          && !plan.isBlank()
          && !WALLET_PLACEHOLDER.equals(plan.strip());
    }

    private Balance ownQuota() {
      JsonObject quota = RelayJson.object(root, "quota");
      return withSpend(
              Balance.of(Balance.Scope.KEY, unit)
                  .available(RelayJson.decimal(quota, "remaining"))
                  .total(RelayJson.decimal(quota, "limit"))
                  .used(RelayJson.decimal(quota, "used"))
                  .unlimited(quota == null ? null : false)
                  .expiresAt(LenientJson.instant(root, "expires_at")))
          .build();
    }

    private Balance plan(@Nullable JsonObject subscription) {
      BigDecimal remaining = RelayJson.decimal(root, "remaining");
      boolean unlimited = remaining != null && remaining.compareTo(NO_PERIOD_CAPPED) == 0;
      return Balance.of(Balance.Scope.ACCOUNT, unit)
          .available(unlimited ? null : remaining)
          .unlimited(remaining == null ? null : unlimited)
          .expiresAt(LenientJson.instant(subscription, "expires_at"))
          .build();
    }

    /** The key's own spend, when the answer carries it. */
    private Balance keySpend() {
      return withSpend(
              Balance.of(Balance.Scope.KEY, unit).used(RelayJson.decimal(total, "actual_cost")))
          .build();
    }

    private Balance.Builder withSpend(Balance.Builder balance) {
      BigDecimal requests = RelayJson.decimal(total, "requests");
      return balance
          .part("spent_today", RelayJson.decimal(today, "actual_cost"))
          .part("spent_total", RelayJson.decimal(total, "actual_cost"))
          .requests(requests == null ? null : wholeOrNull(requests));
    }

    private Text planNote() {
      String plan = RelayText.name(RelayJson.string(root, "planName"), request);
      BigDecimal remaining = RelayJson.decimal(root, "remaining");
      boolean unlimited = remaining != null && remaining.compareTo(NO_PERIOD_CAPPED) == 0;
      if (plan == null || plan.isBlank()) {
        return unlimited
            ? Text.of("relay.sub2api_plan_uncapped")
            : Text.of("relay.sub2api_plan_capped");
      }
      return unlimited
          ? Text.of("relay.sub2api_named_plan_uncapped", "plan", plan.strip())
          : Text.of("relay.sub2api_named_plan_capped", "plan", plan.strip());
    }

    /** {@code model_stats}: what each model charged this key, most first. */
    private List<ModelSpend> spend() {
      JsonArray stats = LenientJson.arrayField(root, "model_stats");
      List<ModelSpend> spend = new ArrayList<>();
      if (stats == null) {
        return spend;
      }
      for (JsonElement element : stats) {
        JsonObject entry = element.isJsonObject() ? element.getAsJsonObject() : null;
        String model = RelayText.name(RelayJson.string(entry, "model"), request);
        BigDecimal cost = RelayJson.decimal(entry, "actual_cost");
        BigDecimal requests = RelayJson.decimal(entry, "requests");
        if (model == null || model.isBlank() || cost == null) {
          continue;
        }
        Long calls = requests == null ? null : wholeOrNull(requests);
        spend.add(new ModelSpend(model, cost, unit, calls == null ? 0 : calls, null));
        if (spend.size() == MAX_MODELS) {
          break;
        }
      }
      spend.sort(Comparator.comparing(ModelSpend::amount).reversed());
      return spend;
    }
  }

  private static @Nullable Long wholeOrNull(BigDecimal number) {
    try {
      return number.longValueExact();
    } catch (ArithmeticException notWhole) {
      return null;
    }
  }
}

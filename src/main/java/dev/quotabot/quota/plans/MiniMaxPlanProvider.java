package dev.quotabot.quota.plans;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * MiniMax's Coding Plan: {@code GET {base}/v1/api/openplatform/coding_plan/remains} with the key as
 * a Bearer token answers {@code {"base_resp":{"status_code":0,"status_msg":…},
 * "model_remains":[{"model_name","current_interval_total_count","current_interval_usage_count",
 * "start_time","end_time","remains_time"},…]}} (times in epoch milliseconds, {@code remains_time}
 * the milliseconds left).
 *
 * <p>Despite its name, {@code current_interval_usage_count} is what is <em>left</em> of the window
 * (the remains API's behaviour, which public clients of it all account for), so it is the window's
 * remaining count; an explicit {@code current_interval_remaining_count} wins when sent. Each entry
 * is a window named after its model and its length ({@code MiniMax-M2_5h}); it refills at {@code
 * end_time}, or {@code remains_time} after the answer when that is all there is.
 *
 * <p>The newer (Token Plan) answer puts these under {@code data}, adds the week's window in the
 * same words ({@code current_weekly_total_count}, {@code current_weekly_usage_count}, {@code
 * weekly_start_time}, {@code weekly_end_time}, {@code weekly_remains_time}: {@code <model>_weekly})
 * and may report a window only as the share left ({@code current_interval_remaining_percent},
 * {@code current_weekly_remaining_percent}) with both counts 0: then the counts are unknown and the
 * share used is 100 minus the share left.
 *
 * <p>A {@code base_resp.status_code} other than 0 is a failure: 1004 ("not authorized") and the
 * words "invalid api key" are {@code invalid_key}, anything else {@code upstream_error}, with the
 * provider's words.
 */
public final class MiniMaxPlanProvider extends PlanProvider {
  static final String ID = "minimax";
  private static final String NAME = "MiniMax";
  private static final String PATH = "v1/api/openplatform/coding_plan/remains";
  private static final String CONSOLE =
      "https://platform.minimax.io/user-center/payment/coding-plan";
  private static final String NOT_AUTHORIZED = "1004";
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private static final Fields INTERVAL =
      new Fields(
          "current_interval_total_count",
          "current_interval_usage_count",
          "current_interval_remaining_count",
          "current_interval_remaining_percent",
          "start_time",
          "end_time",
          "remains_time");
  private static final Fields WEEKLY =
      new Fields(
          "current_weekly_total_count",
          "current_weekly_usage_count",
          null,
          "current_weekly_remaining_percent",
          "weekly_start_time",
          "weekly_end_time",
          "weekly_remains_time");

  private final Clock clock;

  /**
   * @param baseUrl e.g. {@code https://api.minimax.io} (China: {@code https://api.minimaxi.com}; a
   *     trailing {@code /v1} or {@code /anthropic} is dropped)
   * @param clock when an answer came, the start of a refill given as time left
   */
  public MiniMaxPlanProvider(UpstreamHttp http, URI baseUrl, Clock clock) {
    super(
        new PlanEndpoint(
            http,
            Urls.under(baseUrl, PATH, "/anthropic/v1", "/anthropic", "/v1"),
            ID,
            NAME,
            PlanEndpoint::bearer),
        "API key",
        CONSOLE);
    this.clock = clock;
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    Instant answered = clock.instant();
    // the newer answer wraps its fields in "data"; the older one has them at the top
    JsonObject data = LenientJson.objectField(root, "data");
    JsonObject body = data == null ? root : data;
    JsonObject status = LenientJson.objectField(body, "base_resp");
    if (status == null) {
      status = LenientJson.objectField(root, "base_resp");
    }
    String code = LenientJson.text(status, "status_code");
    if (code != null && !code.strip().equals("0")) {
      String words = LenientJson.text(status, "status_msg");
      boolean keyRefused =
          code.strip().equals(NOT_AUTHORIZED)
              || (words != null
                  && words.strip().toLowerCase(Locale.ROOT).equals("invalid api key"));
      return keyRefused ? endpoint.rejectedKey(words, key) : endpoint.reportedFailure(words, key);
    }
    JsonArray remains = LenientJson.arrayField(body, "model_remains");
    if (remains == null) {
      return endpoint.missing("model_remains");
    }
    List<RateWindow> windows = new ArrayList<>();
    for (JsonElement element : remains) {
      if (element.isJsonObject()) {
        JsonObject entry = element.getAsJsonObject();
        String model = PlanFigures.label(LenientJson.text(entry, "model_name"));
        String what = model == null ? "model" : model;
        addIfKnown(windows, what, null, INTERVAL, entry, answered);
        addIfKnown(windows, what, "weekly", WEEKLY, entry, answered);
      }
    }
    String plan =
        PlanFigures.words(firstText(body, "current_subscribe_title", "plan_name", "plan"));
    return endpoint.windows(
        windows, plan == null ? null : Text.of("plans.minimax_plan", "plan", plan), CONSOLE);
  }

  /**
   * One of an entry's windows, when it reports one: a count needs a total above 0 (a window
   * reported as a share sends 0 for both counts, which are then unknown, never 0).
   */
  private static void addIfKnown(
      List<RateWindow> windows,
      String what,
      @Nullable String fixedPeriod,
      Fields fields,
      JsonObject entry,
      Instant answered) {
    Long total = PlanFigures.count(entry, fields.total());
    BigDecimal remainingPercent = PlanFigures.percent(entry, fields.remainingPercent());
    boolean counted = total != null && total > 0;
    if (!counted && remainingPercent == null) {
      return;
    }
    Long remaining = null;
    if (counted) {
      String alias = fields.remainingAlias();
      remaining = alias == null ? null : PlanFigures.count(entry, alias);
      if (remaining == null) {
        remaining = PlanFigures.count(entry, fields.left());
      }
    }
    Instant start = PlanFigures.epoch(entry, fields.start());
    Instant end = PlanFigures.epoch(entry, fields.end());
    String period = fixedPeriod;
    if (period == null && start != null && end != null && end.isAfter(start)) {
      period = PlanFigures.period(Duration.between(start, end).toMinutes());
    }
    Instant resets = end;
    Long millisLeft = PlanFigures.count(entry, fields.millisLeft());
    if (resets == null && millisLeft != null && millisLeft > 0) {
      resets = answered.plusMillis(millisLeft);
    }
    BigDecimal usedPercent =
        remainingPercent == null || remainingPercent.compareTo(HUNDRED) > 0
            ? null
            : HUNDRED.subtract(remainingPercent);
    windows.add(
        new RateWindow(
            PlanFigures.windowName(what, period),
            counted ? total : null,
            remaining,
            resets,
            usedPercent));
  }

  private static @Nullable String firstText(JsonObject root, String... names) {
    for (String name : names) {
      String text = LenientJson.text(root, name);
      if (text != null && !text.isBlank()) {
        return text;
      }
    }
    return null;
  }

  /** Where one window's figures are in an entry: the interval's or the week's. */
  private record Fields(
      String total,
      String left,
      @Nullable String remainingAlias,
      String remainingPercent,
      String start,
      String end,
      String millisLeft) {}
}

package dev.quotabot.quota.relay;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.RateWindow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * sub2api's spend windows, in dollars: a quota-limited key's {@code rate_limits[{window, limit,
 * used, reset_at}]} and a plan's capped periods ({@code
 * subscription.daily|weekly|monthly_usage_usd} against {@code …_limit_usd}). See {@link
 * Sub2ApiUsage} for the source.
 */
final class Sub2ApiWindows {
  private static final BigDecimal HUNDRED = new BigDecimal(100);

  /** sub2api's key-window names (service.RateLimitWindow5h/1d/7d) and ours. */
  private static final Map<String, String> KEY_WINDOWS =
      Map.of("5h", "usd_per_5_hours", "1d", "usd_per_day", "7d", "usd_per_week");

  private Sub2ApiWindows() {}

  /** The key's spend windows; a window sub2api names otherwise is left out, not guessed. */
  static List<RateWindow> ofKey(JsonObject root) {
    JsonArray list = LenientJson.arrayField(root, "rate_limits");
    List<RateWindow> windows = new ArrayList<>();
    if (list == null) {
      return windows;
    }
    for (JsonElement element : list) {
      JsonObject entry = element.isJsonObject() ? element.getAsJsonObject() : null;
      String name = KEY_WINDOWS.get(RelayJson.string(entry, "window"));
      if (name == null) {
        continue;
      }
      // reset_at is absent once a window lapsed: the next request opens a new one
      add(
          windows,
          name,
          RelayJson.decimal(entry, "used"),
          RelayJson.decimal(entry, "limit"),
          LenientJson.instant(entry, "reset_at"));
    }
    return windows;
  }

  /** A plan's capped periods; an uncapped one (null limit) is no window. */
  static List<RateWindow> ofPlan(@Nullable JsonObject subscription) {
    List<RateWindow> windows = new ArrayList<>();
    if (subscription == null) {
      return windows;
    }
    Instant opened = LenientJson.instant(subscription, "weekly_window_start");
    add(windows, "usd_per_day", subscription, "daily", null);
    // the weekly period rolls over a week after it opened (zh667/TokenLedger src/balance.js)
    add(
        windows,
        "usd_per_week",
        subscription,
        "weekly",
        opened == null ? null : opened.plus(Duration.ofDays(7)));
    add(windows, "usd_per_month", subscription, "monthly", null);
    return windows;
  }

  private static void add(
      List<RateWindow> windows,
      String name,
      JsonObject subscription,
      String period,
      @Nullable Instant resetsAt) {
    add(
        windows,
        name,
        RelayJson.decimal(subscription, period + "_usage_usd"),
        RelayJson.decimal(subscription, period + "_limit_usd"),
        resetsAt);
  }

  /**
   * A spend window as the share used: its limits are dollars, which a window's whole-number counts
   * cannot hold (the dollars are in the key's balance and the plan's remaining).
   */
  private static void add(
      List<RateWindow> windows,
      String name,
      @Nullable BigDecimal used,
      @Nullable BigDecimal limit,
      @Nullable Instant resetsAt) {
    if (limit == null || limit.signum() <= 0) {
      return;
    }
    BigDecimal percent =
        used == null
            ? null
            : used.multiply(HUNDRED).divide(limit, 2, RoundingMode.HALF_EVEN).stripTrailingZeros();
    if (percent != null && percent.scale() < 0) {
      percent = percent.setScale(0);
    }
    windows.add(new RateWindow(name, null, null, resetsAt, percent));
  }
}

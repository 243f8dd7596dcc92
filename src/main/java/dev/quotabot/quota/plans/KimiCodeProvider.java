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
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Kimi Code's plan (kimi.com/code, not the Moonshot platform): {@code GET {base}/coding/v1/usages}
 * with the key as a Bearer token answers {@code {"user":{"membership":
 * {"level":"LEVEL_…"}},"usage":{"limit","used","remaining","resetTime"},"limits":[{"window":
 * {"duration":300,"timeUnit":"TIME_UNIT_MINUTE"},"detail":{"limit","used","remaining",
 * "resetTime"}}]}}, the counts as strings and the times in RFC 3339.
 *
 * <p>The top-level {@code usage} is the week's allowance ({@code requests_weekly}); each of {@code
 * limits} is a shorter window named by its length ({@code requests_5h}). {@code remaining} is read
 * as sent, or worked out from {@code limit} and {@code used}.
 */
public final class KimiCodeProvider extends PlanProvider {
  static final String ID = "kimicode";
  private static final String NAME = "Kimi Code";
  private static final String PATH = "coding/v1/usages";
  private static final String CONSOLE = "https://www.kimi.com/code/console";
  private static final String WHAT = "requests";

  /**
   * @param baseUrl e.g. {@code https://api.kimi.com} (a trailing {@code /coding/v1} or {@code
   *     /coding} is dropped)
   */
  public KimiCodeProvider(UpstreamHttp http, URI baseUrl) {
    super(
        new PlanEndpoint(
            http,
            Urls.under(baseUrl, PATH, "/coding/v1", "/coding"),
            ID,
            NAME,
            PlanEndpoint::bearer),
        "sk-kimi-…",
        CONSOLE,
        // Kimi Code console keys start sk-kimi- (clients such as hermes-agent route them to
        // api.kimi.com/coding by that prefix); longer than Moonshot's sk-, so not ambiguous
        "sk-kimi-");
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    List<RateWindow> windows = new ArrayList<>();
    JsonArray limits = LenientJson.arrayField(root, "limits");
    if (limits != null) {
      for (JsonElement element : limits) {
        if (element.isJsonObject()) {
          JsonObject limit = element.getAsJsonObject();
          String period = period(LenientJson.objectField(limit, "window"));
          add(
              windows,
              PlanFigures.windowName(WHAT, period),
              LenientJson.objectField(limit, "detail"));
        }
      }
    }
    // the week's allowance first: it is the plan's main meter
    List<RateWindow> ordered = new ArrayList<>();
    add(ordered, PlanFigures.windowName(WHAT, "weekly"), LenientJson.objectField(root, "usage"));
    ordered.addAll(windows);
    JsonObject membership =
        LenientJson.objectField(LenientJson.objectField(root, "user"), "membership");
    String level = level(LenientJson.text(membership, "level"));
    return endpoint.windows(
        ordered, level == null ? null : Text.of("plans.kimi_level", "level", level), CONSOLE);
  }

  private static void add(List<RateWindow> windows, String name, @Nullable JsonObject detail) {
    if (detail == null) {
      return;
    }
    Long limit = PlanFigures.count(detail, "limit");
    Long remaining = PlanFigures.count(detail, "remaining");
    if (remaining == null) {
      remaining = PlanFigures.left(limit, PlanFigures.count(detail, "used"));
    }
    RateWindow window =
        new RateWindow(name, limit, remaining, LenientJson.instant(detail, "resetTime"), null);
    if (window.known()) {
      windows.add(window);
    }
  }

  /** {@code {"duration":300,"timeUnit":"TIME_UNIT_MINUTE"}} → {@code 5h}; null when unknown. */
  private static @Nullable String period(@Nullable JsonObject window) {
    Long duration = PlanFigures.count(window, "duration");
    String unit = LenientJson.text(window, "timeUnit");
    if (duration == null || unit == null) {
      return null;
    }
    long minutes =
        switch (unit.strip().toUpperCase(Locale.ROOT).replace("TIME_UNIT_", "")) {
          case "SECOND", "SECONDS" -> duration % 60 == 0 ? duration / 60 : 0;
          case "MINUTE", "MINUTES" -> duration;
          case "HOUR", "HOURS" -> duration * 60;
          case "DAY", "DAYS" -> duration * 24 * 60;
          case "WEEK", "WEEKS" -> duration * 7 * 24 * 60;
          default -> 0;
        };
    return PlanFigures.period(minutes);
  }

  /** {@code LEVEL_INTERMEDIATE} → {@code intermediate}. */
  private static @Nullable String level(@Nullable String raw) {
    String words = PlanFigures.words(raw);
    return words == null ? null : words.replaceFirst("^LEVEL_", "").toLowerCase(Locale.ROOT);
  }
}

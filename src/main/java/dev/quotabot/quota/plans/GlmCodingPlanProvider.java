package dev.quotabot.quota.plans;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The GLM Coding Plan of Zhipu (open.bigmodel.cn) and of Z.ai (api.z.ai), one API on two hosts:
 * {@code GET {base}/api/monitor/usage/quota/limit} with the key itself as {@code Authorization} (no
 * {@code Bearer}, as Z.ai's own plugins send it) answers {@code {"code":200,"msg":…,
 * "success":true,"data":{"limits":[{"type","unit","number","usage","currentValue","remaining",
 * "percentage","nextResetTime"},…],"level":"lite"}}}.
 *
 * <p>Each limit is a window: {@code percentage} is the share used, {@code nextResetTime} when it
 * refills (epoch milliseconds), and where the plan counts, {@code usage} is the window's size,
 * {@code currentValue} what is used and {@code remaining} what is left. {@code type} says what is
 * counted ({@code TOKENS_LIMIT} tokens, {@code CREDIT_LIMIT} the credits of the newer plans, {@code
 * TIME_LIMIT} the month's MCP tool calls), {@code unit} and {@code number} the window's length
 * ({@code unit} 1 days, 3 hours, 5 minutes, 6 weeks: 3/5 is the 5-hour window, 6/1 the week). A
 * limit of another type is not shown.
 *
 * <p>Failures may come as HTTP 200 with {@code "success":false} and a code: the platform's
 * authentication codes (1000 to 1005) are {@code invalid_key}, an expired plan (1309) or an account
 * in arrears (1113) is {@code insufficient_balance}, anything else {@code upstream_error}, always
 * with the provider's words.
 */
public final class GlmCodingPlanProvider extends PlanProvider {
  private static final String PATH = "api/monitor/usage/quota/limit";
  private static final String[] REDUNDANT = {
    "/api/coding/paas/v4", "/api/paas/v4", "/api/anthropic", "/api"
  };
  private static final Set<String> SUCCESS_CODES = Set.of("0", "200");

  /** The platform's authentication codes (https://docs.bigmodel.cn/cn/faq/api-code). */
  private static final Set<String> KEY_CODES =
      Set.of("1000", "1001", "1002", "1003", "1004", "1005");

  private static final Set<String> ENDED_CODES = Set.of("1113", "1309");

  private GlmCodingPlanProvider(
      UpstreamHttp http, URI baseUrl, String id, String name, String consoleUrl) {
    super(
        new PlanEndpoint(http, Urls.under(baseUrl, PATH, REDUNDANT), id, name, PlanEndpoint::raw),
        "API key",
        consoleUrl);
  }

  /**
   * Zhipu's plan (bigmodel.cn).
   *
   * @param baseUrl e.g. {@code https://open.bigmodel.cn} (a trailing {@code /api/anthropic} or
   *     {@code /api/paas/v4} is dropped)
   */
  public static GlmCodingPlanProvider zhipu(UpstreamHttp http, URI baseUrl) {
    return new GlmCodingPlanProvider(
        http, baseUrl, "zhipu", "Zhipu", "https://bigmodel.cn/coding-plan/personal/usage");
  }

  /**
   * Z.ai's plan (the international platform).
   *
   * @param baseUrl e.g. {@code https://api.z.ai}
   */
  public static GlmCodingPlanProvider zai(UpstreamHttp http, URI baseUrl) {
    return new GlmCodingPlanProvider(
        http, baseUrl, "zai", "Z.ai", "https://z.ai/manage-apikey/coding-plan/personal/my-plan");
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    String code = LenientJson.text(root, "code");
    boolean refused = Boolean.FALSE.equals(LenientJson.flag(root, "success"));
    if (refused || (code != null && !SUCCESS_CODES.contains(code.strip()))) {
      return declaredFailure(code == null ? "" : code.strip(), root, key);
    }
    JsonObject data = LenientJson.objectField(root, "data");
    if (data == null) {
      return endpoint.missing("data");
    }
    JsonArray limits = LenientJson.arrayField(data, "limits");
    List<RateWindow> windows = new ArrayList<>();
    if (limits != null) {
      for (JsonElement element : limits) {
        if (element.isJsonObject()) {
          RateWindow window = window(element.getAsJsonObject());
          if (window != null && window.known()) {
            windows.add(window);
          }
        }
      }
    }
    String level = PlanFigures.words(LenientJson.text(data, "level"));
    return endpoint.windows(
        windows,
        level == null ? null : Text.of("plans.glm_level", "level", level),
        info().consoleUrl());
  }

  private Account declaredFailure(String code, JsonObject root, ApiKey key) {
    String words = LenientJson.errorMessage(root);
    if (KEY_CODES.contains(code)) {
      return endpoint.rejectedKey(words, key);
    }
    if (ENDED_CODES.contains(code)) {
      return endpoint.failed(
          ProbeStatus.INSUFFICIENT_BALANCE,
          Text.of(
              "plans.plan_unusable",
              "upstream",
              endpoint.name(),
              "url",
              info().consoleUrl(),
              "said",
              PlanEndpoint.said(words, key)));
    }
    return endpoint.reportedFailure(words, key);
  }

  /** One limit as a window; null for a type this plan is not known to have. */
  private static @Nullable RateWindow window(JsonObject limit) {
    String what = what(LenientJson.text(limit, "type"));
    if (what == null) {
      return null;
    }
    // the official plugin names every TIME_LIMIT "MCP usage(1 Month)"
    String period =
        what.equals("mcp") ? "monthly" : period(limit, PlanFigures.count(limit, "unit"));
    Long size = PlanFigures.count(limit, "usage");
    Long remaining = PlanFigures.count(limit, "remaining");
    if (remaining == null) {
      remaining = PlanFigures.left(size, PlanFigures.count(limit, "currentValue"));
    }
    return new RateWindow(
        PlanFigures.windowName(what, period),
        size,
        remaining,
        PlanFigures.epoch(limit, "nextResetTime"),
        PlanFigures.percent(limit, "percentage"));
  }

  private static @Nullable String what(@Nullable String type) {
    if (type == null) {
      return null;
    }
    return switch (type.strip().toUpperCase(Locale.ROOT)) {
      case "TOKENS_LIMIT" -> "tokens";
      case "CREDIT_LIMIT" -> "credits";
      case "TIME_LIMIT" -> "mcp";
      default -> null;
    };
  }

  /** The window's length from its unit code and number; null when either is unknown. */
  private static @Nullable String period(JsonObject limit, @Nullable Long unit) {
    Long number = PlanFigures.count(limit, "number");
    if (unit == null || number == null) {
      return null;
    }
    long minutesPerUnit =
        switch (unit.intValue()) {
          case 1 -> 24 * 60;
          case 3 -> 60;
          case 5 -> 1;
          case 6 -> 7 * 24 * 60;
          default -> 0;
        };
    return PlanFigures.period(number * minutesPerUnit);
  }
}

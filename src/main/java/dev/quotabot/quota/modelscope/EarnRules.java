package dev.quotabot.quota.modelscope;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.net.UpstreamResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Today's 魔粒 grants from {@code GET {openapi}/magicubes/earn/rules}, ModelScope's list of ways to
 * earn 魔粒 with today's progress on each. No public document describes it; its shape is the one a
 * live capture shows (Zelnlll/ai-checkin tests/fixtures/ms_capture.json, "SDK令牌可通", fixture
 * earn-rules-200.json), and other clients read the same fields (Zelnlll/ai-checkin
 * app/platforms/modelscope.py sums {@code today_earned_amount} of {@code daily_active} and {@code
 * aliyun_bindlogin}; xxy9468615/cat_checkin scripts/modelscope.py reads {@code today_used}):
 *
 * <pre>
 * {"success":true,"data":[{"rule_key":"daily_active","category_key":"daily","scene":"short_term",
 *   "amount":200,"expire_days":1,"daily_cap":1,"today_used":1,"today_remain":0,
 *   "today_earned_amount":200,…},…]}
 * </pre>
 *
 * {@code today_used} and {@code today_remain} count times a rule paid today (and may still pay),
 * not 魔粒; {@code amount} is what one time pays; {@code today_earned_amount} is 魔粒. Anything else in
 * the answer, or a rule without a figure, leaves that figure unknown: this read never fails the
 * balance.
 */
final class EarnRules {
  /** Parts of the 魔粒 balance entry. */
  static final String EARNED_TODAY = "earned_today";

  static final String TO_EARN_TODAY = "to_earn_today";
  static final String SHORT_TERM_EARNED_TODAY = "short_term_earned_today";

  /**
   * The daily sign-in grants (200 for signing in, 50 with an Alibaba Cloud account bound), under
   * {@code category_key} "daily" in the capture; by their rule keys when a rule has no category.
   */
  private static final String DAILY_CATEGORY = "daily";

  private static final Set<String> DAILY_RULES = Set.of("daily_active", "aliyun_bindlogin");

  /** A rule whose 魔粒 last a day ({@code expire_days} 1); long-term ones last 90 days. */
  private static final String SHORT_TERM = "short_term";

  private EarnRules() {}

  /**
   * Today's progress, or null when the answer holds none of it.
   *
   * @param earnedToday every 魔粒 granted today (all rules' {@code today_earned_amount})
   * @param toEarnToday what the daily sign-in grants still give today ({@code today_remain} ×
   *     {@code amount})
   * @param shortTermEarnedToday what was granted today as short-term 魔粒, which last a day from
   *     their grant
   */
  record Grants(
      @Nullable BigDecimal earnedToday,
      @Nullable BigDecimal toEarnToday,
      @Nullable BigDecimal shortTermEarnedToday) {

    /** {@code balance} with the known figures added to its parts. */
    Balance addedTo(Balance balance) {
      Map<String, BigDecimal> parts = new LinkedHashMap<>();
      put(parts, EARNED_TODAY, earnedToday);
      put(parts, TO_EARN_TODAY, toEarnToday);
      put(parts, SHORT_TERM_EARNED_TODAY, shortTermEarnedToday);
      return balance.withParts(parts);
    }

    private static void put(Map<String, BigDecimal> parts, String name, @Nullable BigDecimal v) {
      if (v != null) {
        parts.put(name, v);
      }
    }
  }

  /** Reads the answer; null when it failed, was refused, or had no figure in it. */
  static @Nullable Grants read(UpstreamResponse answer) {
    if (!answer.answered() || answer.status() != 200) {
      return null;
    }
    JsonObject root = LenientJson.object(answer.body());
    if (root == null || Boolean.FALSE.equals(LenientJson.flag(root, "success"))) {
      return null;
    }
    JsonArray rules = LenientJson.arrayField(root, "data");
    if (rules == null) {
      return null;
    }
    Sum earned = new Sum();
    Sum toEarn = new Sum();
    Sum shortTerm = new Sum();
    for (JsonElement element : rules) {
      if (!element.isJsonObject()) {
        continue;
      }
      JsonObject rule = element.getAsJsonObject();
      BigDecimal earnedByRule = nonNegative(LenientJson.amount(rule, "today_earned_amount"));
      earned.add(earnedByRule);
      if (SHORT_TERM.equals(LenientJson.text(rule, "scene"))) {
        shortTerm.add(earnedByRule);
      }
      if (isDailyGrant(rule)) {
        BigDecimal times = nonNegative(LenientJson.amount(rule, "today_remain"));
        BigDecimal amount = nonNegative(LenientJson.amount(rule, "amount"));
        toEarn.add(times == null || amount == null ? null : times.multiply(amount));
      }
    }
    Grants grants = new Grants(earned.total, toEarn.total, shortTerm.total);
    return grants.earnedToday() == null
            && grants.toEarnToday() == null
            && grants.shortTermEarnedToday() == null
        ? null
        : grants;
  }

  private static boolean isDailyGrant(JsonObject rule) {
    String category = LenientJson.text(rule, "category_key");
    return category != null
        ? DAILY_CATEGORY.equals(category)
        : DAILY_RULES.contains(String.valueOf(LenientJson.text(rule, "rule_key")));
  }

  private static @Nullable BigDecimal nonNegative(@Nullable BigDecimal figure) {
    return figure == null || figure.signum() < 0 ? null : figure;
  }

  /** A sum that stays unknown until one figure is known; unknown figures add nothing. */
  private static final class Sum {
    private @Nullable BigDecimal total;

    void add(@Nullable BigDecimal figure) {
      if (figure != null) {
        total = total == null ? figure : total.add(figure);
      }
    }
  }
}

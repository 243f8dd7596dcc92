package dev.quotabot.discord;

import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import org.jspecify.annotations.Nullable;

/**
 * Everything the bot says, in English (the default) and Simplified Chinese. The reply language
 * follows the caller's Discord locale: {@code zh-*} gets Chinese, everything else English.
 *
 * <p>No text names a provider or a unit of its own: a provider's name, unit and key hint come from
 * what the provider declares, passed in by the caller (already made inert where they are shown in
 * Markdown).
 */
enum BotText {
  EN,
  ZH;

  private static final Pattern COUNTED_PERIOD = Pattern.compile("(\\d{1,4})(min|h|d|w)");
  private static final Pattern SUFFIXED_PERIOD =
      Pattern.compile("([a-z_]+)_(hourly|daily|weekly|monthly|\\d{1,4}(?:min|h|d|w))");
  private static final Pattern SEVERAL_UNITS =
      Pattern.compile("(\\d{1,4})_(second|minute|hour|day|week|month)s?");

  static BotText of(@Nullable DiscordLocale locale) {
    return locale != null && locale.getLocale().startsWith("zh") ? ZH : EN;
  }

  private String pick(String english, String chinese) {
    return this == ZH ? chinese : english;
  }

  /** {@code " (a, b)"} in English, {@code "（a，b）"} in Chinese; nothing for no items. */
  private String parenthesized(List<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    return pick(" (" + String.join(", ", items) + ")", "（" + String.join("，", items) + "）");
  }

  // --- the command as Discord lists it (English default, zh-CN localization) ---

  String commandDescription() {
    return pick(
        "Check how much quota an API key has left per model (only you see the answer)",
        "查询 API Key 每个模型的剩余额度（仅你可见）");
  }

  String modelsOptionDescription() {
    return pick(
        "Model ids, comma-separated (default: the configured list)", "模型 ID，多个用逗号分隔（默认使用预设列表）");
  }

  String balanceOnlyOptionDescription() {
    return pick(
        "Only read the balance: free, no model is called (models is then ignored)",
        "仅查询余额：免费，不调用任何模型（此时忽略 models）");
  }

  String keyOptionDescription() {
    return pick(
        "Your API key; leave empty to enter it privately in a form", "你的 API Key；留空则在私密弹窗中填写");
  }

  String providerOptionName() {
    return pick("provider", "服务商");
  }

  /**
   * @param defaultProvider the name of the provider asked when none is chosen
   */
  String providerOptionDescription(String defaultProvider) {
    return pick(
        "Whose balance to read (default: " + defaultProvider + ")",
        "查询哪家服务商的余额（默认 " + defaultProvider + "）");
  }

  String baseUrlOptionName() {
    return pick("base_url", "中转地址");
  }

  String baseUrlOptionDescription() {
    return pick(
        "A relay's address, such as https://relay.example (only for a relay)",
        "中转站地址（仅用于中转站），例如 https://relay.example");
  }

  // --- the modal ---

  /** The form's title for a provider that probes models. */
  String modalTitle(String provider) {
    return pick("Check " + provider + " quota", "查询 " + provider + " 额度");
  }

  /** The form's title for a provider that reads balances only (or lists the key's models). */
  String modalBalanceTitle(String provider) {
    return pick("Check " + provider + " balance", "查询 " + provider + " 余额");
  }

  /** The form's title for a provider whose balance a key cannot read, which probes no model. */
  String modalAccountTitle(String provider) {
    return pick("Check " + provider + " account", "查询 " + provider + " 账户");
  }

  String modalKeyLabel() {
    return pick("API key", "API Key");
  }

  /**
   * @param keyHint how its keys start ({@code ms-…})
   */
  String modalKeyDescription(String provider, String keyHint) {
    return pick(
        provider + " API key (" + keyHint + "). Used for this check only, never stored.",
        provider + " 的 API Key（" + keyHint + "），仅用于本次查询，不会保存。");
  }

  String modalModelsLabel() {
    return pick("Models (optional)", "模型（可选）");
  }

  /**
   * @param unit what the provider's balance counts, or null when that depends on the account
   */
  String modalModelsDescription(@Nullable String unit) {
    return pick(
        "Model ids, comma-separated. Leave empty to check only the "
            + unitBefore(unit)
            + "balance (free).",
        "模型 ID，多个用逗号分隔。留空则只查询" + unitOrEmpty(unit) + "余额（免费）。");
  }

  String modalModelsPlaceholder(@Nullable String unit) {
    return pick(
        "Empty: only the " + unitBefore(unit) + "balance (free, no model called)",
        "留空：只查询" + unitOrEmpty(unit) + "余额（免费，不调用模型）");
  }

  /**
   * The models field of a provider whose probe spends money or points: what checking costs at most,
   * before anything is sent.
   *
   * @param perModel the most one model costs, formatted
   * @param unit what it is counted in, already cut
   * @param models how many models the field starts out with; their sum is shown for two or more
   * @param total the most those models cost together, formatted
   */
  String modalSpendsDescription(String perModel, String unit, int models, String total) {
    return models > 1
        ? pick(
            "Each model checked costs at most "
                + perModel
                + " "
                + unit
                + " ("
                + models
                + " models: "
                + total
                + ").",
            "每查询一个模型最多消耗 " + perModel + " " + unit + "（" + models + " 个模型：" + total + "）。")
        : pick(
            "Each model checked costs at most " + perModel + " " + unit + ".",
            "每查询一个模型最多消耗 " + perModel + " " + unit + "。");
  }

  /**
   * The models field of a provider whose probe counts against the key's rate limits.
   *
   * @param perModel how much of them one model uses, formatted
   * @param unit what that is counted in ({@code requests}), already cut
   */
  String modalCountsDescription(String perModel, String unit) {
    boolean one = "1".equals(perModel);
    return pick(
        "Each model checked uses "
            + perModel
            + " "
            + englishUnit(unit, one)
            + " of your rate limits.",
        "每查询一个模型占用你速率限额中的 " + perModel + " " + chineseUnit(unit) + "。");
  }

  /** Added to a cost when the form's models field may be emptied for the free balance check. */
  String modalFreeBalanceSuffix(@Nullable String unit) {
    return pick(
        " Empty: free " + unitBefore(unit) + "balance check.",
        "留空则只免费查询" + unitOrEmpty(unit) + "余额。");
  }

  /** The models field of a provider that reads no balance: at least one model is needed. */
  String modalRequiredModelsLabel() {
    return pick("Models", "模型");
  }

  String modalRequiredModelsDescription() {
    return pick(
        "Model ids, comma-separated: what is left comes with each model's answer.",
        "模型 ID，多个用逗号分隔：剩余额度随每个模型的回复返回。");
  }

  String modalRequiredModelsPlaceholder() {
    return pick("Model ids, comma-separated (at least one)", "模型 ID，多个用逗号分隔（至少一个）");
  }

  /**
   * {@code 1 request}, {@code 2 requests}: a unit declared in the plural, made singular for one.
   */
  private static String englishUnit(String unit, boolean one) {
    return one && unit.length() > 1 && unit.endsWith("s")
        ? unit.substring(0, unit.length() - 1)
        : unit;
  }

  /** The units a probe is counted in, in Chinese; any other as declared. */
  private static String chineseUnit(String unit) {
    return switch (unit) {
      case "requests", "request" -> "次请求";
      case "tokens", "token" -> "个 Token";
      default -> unit;
    };
  }

  String modalBaseUrlLabel() {
    return pick("Relay address", "中转地址");
  }

  String modalBaseUrlDescription() {
    return pick(
        "The relay site's address, such as https://relay.example (a trailing /v1 is fine).",
        "中转站地址，例如 https://relay.example（末尾带 /v1 也可以）。");
  }

  String modalKeyModelsDescription() {
    return pick(
        "Model ids to look for, comma-separated. Empty: list the models this key may use.",
        "要查找的模型 ID，多个用逗号分隔。留空则列出此 Key 可用的模型。");
  }

  String modalKeyModelsPlaceholder() {
    return pick("Empty: the models this key may use", "留空：列出此 Key 可用的模型");
  }

  String modalUserIdLabel() {
    return pick("Admin user id (optional)", "管理员用户 ID（可选）");
  }

  String modalUserIdDescription() {
    return pick(
        "With the access token, reads the account wallet (needed for unlimited tokens).",
        "与访问令牌一起填写时读取账户钱包余额（无限额度的 Key 需要）。");
  }

  String modalAccessTokenLabel() {
    return pick("Admin access token (optional)", "系统访问令牌（可选）");
  }

  String modalAccessTokenDescription() {
    return pick(
        "From the relay's personal settings. A secret like the key: used once, never stored.",
        "在中转站个人设置中生成。与 Key 一样是机密：仅用于本次查询，不会保存。");
  }

  // --- short replies ---

  String cooldown(long seconds) {
    return pick(
        "⏳ Please wait " + seconds + " s before checking again.", "⏳ 请等待 " + seconds + " 秒后再查询。");
  }

  String invalid(String problem) {
    return pick("⚠️ Cannot check: " + problem, "⚠️ 无法查询：" + problem);
  }

  /** A form submitted without a key (Discord should not let that happen). */
  String keyMissing(String provider, String keyHint) {
    return pick(
        "⚠️ Enter your " + provider + " API key (" + keyHint + ").",
        "⚠️ 请填写你的 " + provider + " API Key（" + keyHint + "）。");
  }

  String optionsOutdated() {
    return pick(
        "⚠️ Discord sent /quota in a form this bot does not know (Discord may still be updating"
            + " the command): please try again in a minute.",
        "⚠️ Discord 发送的 /quota 格式与本机器人不符（Discord 可能仍在更新该命令），请一分钟后重试。");
  }

  String formOutdated() {
    return pick("⚠️ This form is out of date: run /quota again.", "⚠️ 此表单已过期，请重新运行 /quota。");
  }

  String failedUnexpectedly() {
    return pick("⚠️ Something went wrong while checking; please try again.", "⚠️ 查询时出错，请重试。");
  }

  // --- the embed: titles ---

  /** A check of models a provider probed. */
  String probedTitle(String provider) {
    return pick(provider + " quota", provider + " 额度");
  }

  /** A balance-only check of a provider that could have probed models: it spent nothing. */
  String freeCheckTitle(String provider, @Nullable String unit) {
    return pick(
        provider + " " + unitBefore(unit) + "balance (free check)",
        provider + " " + unitOrEmpty(unit) + "余额（免费查询）");
  }

  /** A check of the balance and the models the key may use. */
  String listedTitle(String provider) {
    return pick(provider + " balance and models", provider + " 余额与模型");
  }

  /** A check of a provider that reads balances only. */
  String balanceTitle(String provider) {
    return pick(provider + " balance", provider + " 余额");
  }

  /** A check of an account described by its quota windows (a coding plan), not by money. */
  String limitsTitle(String provider) {
    return pick(provider + " usage limits", provider + " 用量限额");
  }

  /** A check of a provider whose balance a key cannot read: what can be read, and where to look. */
  String accountTitle(String provider) {
    return pick(provider + " account", provider + " 账户");
  }

  // --- the embed: description ---

  String keyLine(String fingerprint) {
    return pick("Key `" + fingerprint + "`", "密钥 `" + fingerprint + "`");
  }

  /**
   * After the key, when no provider was chosen and the key's prefix named it.
   *
   * @param provider the provider's name, already made inert
   */
  String providerFromKey(String provider) {
    return pick(
        " · " + provider + ", recognised from the key's prefix", " · 按 Key 前缀识别为 " + provider);
  }

  /**
   * The site a key belongs to: its operator's display name and the software it runs, either of
   * which may be unknown (null), not both.
   *
   * @param name the site's display name, already made inert
   * @param flavour the software and its version ({@code new-api v0.6.10}), already made inert
   */
  String siteLine(@Nullable String name, @Nullable String flavour) {
    if (name == null) {
      return pick("🌐 Site runs " + flavour, "🌐 站点程序：" + flavour);
    }
    return flavour == null
        ? pick("🌐 Site: **" + name + "**", "🌐 站点：**" + name + "**")
        : pick(
            "🌐 Site: **" + name + "** · runs " + flavour,
            "🌐 站点：**" + name + "** · 程序 " + flavour);
  }

  /**
   * One quota window of the account (a coding plan's 5-hour or weekly window) in one line: {@code
   * ⏱️ 5-hour window: ▰▰▱▱▱ 40% used (60 / 100 left) · resets <t:…:R>}.
   *
   * @param name the window's name for people, already made inert
   * @param usage what is known of its use ({@link #usedShare}, {@link #leftCounts}, or both), or
   *     {@link #unknown()}
   * @param resetsAt when it is full again, in epoch seconds; null when not said
   */
  String limitLine(String name, String usage, @Nullable Long resetsAt) {
    return pick("⏱️ " + name + ": " + usage, "⏱️ " + name + "：" + usage)
        + (resetsAt == null ? "" : windowResets(resetsAt));
  }

  /** How much of a window is used: {@code ▰▰▱▱▱ 40% used}. */
  String usedShare(String bar, String percent) {
    return pick(bar + " " + percent + " used", bar + " 已用 " + percent);
  }

  /**
   * What is left of a window in counts: {@code 60 / 100 left}; either number may be unknown (null),
   * not both.
   */
  String leftCounts(@Nullable Long remaining, @Nullable Long limit) {
    if (remaining == null) {
      return pick("limit " + limit + ", " + unknown() + " left", "上限 " + limit + "，剩余" + unknown());
    }
    if (limit == null) {
      return pick(
          remaining + " left (" + limitUnknown() + ")",
          "剩余 " + remaining + "（" + limitUnknown() + "）");
    }
    return pick(remaining + " / " + limit + " left", "剩余 " + remaining + " / " + limit);
  }

  /** The two together: {@code ▰▰▱▱▱ 40% used (60 / 100 left)}. */
  String usedAndLeft(String used, String left) {
    return pick(used + " (" + left + ")", used + "（" + left + "）");
  }

  /** The field of what each model spent of the key's quota: recent, from the key's log. */
  String spendFieldName() {
    return pick("Recent spend by model", "近期各模型消耗");
  }

  /** Above the rows, when the log says how far back it goes. */
  String spendSince(long epochSecond) {
    return pick(
        "*From the key's recent log, since <t:" + epochSecond + ":f>*",
        "*来自此 Key 的近期日志，自 <t:" + epochSecond + ":f> 起*");
  }

  /**
   * One model's spend: {@code `gpt-4o-mini`: 1.25 USD · 12 calls}.
   *
   * @param model the model, already made safe for a code span
   * @param amount what it spent, formatted, with its unit
   */
  String spendRow(String model, String amount, long calls) {
    return pick(
        "`" + model + "`: " + amount + " · " + calls + (calls == 1 ? " call" : " calls"),
        "`" + model + "`：" + amount + " · " + calls + " 次调用");
  }

  /** After the rows shown: how many models were left out. */
  String spendMore(int count) {
    return pick(
        "and " + count + (count == 1 ? " more model" : " more models"), "另有 " + count + " 个模型");
  }

  /**
   * One balance entry in one line: {@code 💰 CNY balance: **110.00** available (granted 10.00,
   * topped up 100.00)}, {@code 💰 USD wallet: **25** available (used 5, 7 requests)}. The amounts
   * are already formatted; {@code details} are the known ones only (unknown: left out), {@code
   * name} may be null.
   *
   * @param unit the entry's unit, already made inert; may be empty
   * @param available the amount, {@link #unknown()} or {@link #unlimited()}
   */
  String balanceLine(
      Balance.Scope scope,
      String unit,
      String available,
      List<String> details,
      @Nullable String name) {
    String named = name == null ? "" : pick(" · name ", " · 名称 ") + name;
    return pick(
            "💰 " + scopeLabel(scope, unit) + ": **" + available + "** available",
            "💰 " + scopeLabel(scope, unit) + "：可用 **" + available + "**")
        + parenthesized(details)
        + named;
  }

  /** {@code CNY balance}, {@code USD key quota}, {@code tokens wallet}; the noun alone without. */
  private String scopeLabel(Balance.Scope scope, String unit) {
    String noun =
        switch (scope) {
          case ACCOUNT -> pick("balance", "余额");
          case KEY -> pick("key quota", "Key 额度");
          case WALLET -> pick("wallet", "钱包");
        };
    if (unit.isEmpty()) {
      return this == ZH ? noun : Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }
    // Chinese runs a Chinese unit into its noun (魔粒余额) but keeps a space after a Latin one
    char last = unit.charAt(unit.length() - 1);
    boolean latin = last < 0x80 && Character.isLetterOrDigit(last);
    return this == ZH && !latin ? unit + noun : unit + " " + noun;
  }

  /**
   * The account's or token's name on a line of its own, where there is no balance line to carry it.
   *
   * @param name already made inert
   */
  String nameLine(String name) {
    return pick("👤 Name " + name, "👤 名称 " + name);
  }

  String totalDetail(String amount) {
    return pick("total ", "总额 ") + amount;
  }

  String usedDetail(String amount) {
    return pick("used ", "已用 ") + amount;
  }

  String frozenDetail(String amount) {
    return pick("frozen ", "冻结 ") + amount;
  }

  /**
   * The words upstreams use for the parts of a balance, translated; null for any other name (shown
   * as sent).
   */
  @Nullable String partName(String name) {
    return switch (name) {
      case "granted" -> pick("granted", "赠送");
      case "topped_up" -> pick("topped up", "充值");
      case "charged" -> pick("charged", "充值");
      case "voucher" -> pick("voucher", "代金券");
      case "cash" -> pick("cash", "现金");
      case "earned_today" -> pick("earned today", "今日已获得");
      case "to_earn_today" -> pick("still to earn today", "今日还可获得");
      case "lifetime_topped_up" -> pick("lifetime top-ups", "累计充值");
      case "lifetime_granted" -> pick("lifetime grants", "累计赠送");
      case "lifetime_used" -> pick("lifetime use", "累计使用");
      case "spent_today" -> pick("spent today", "今日消耗");
      case "spent_total" -> pick("spent in all", "累计消耗");
      case "prepaid" -> pick("prepaid", "预付");
      case "unbilled_usage" -> pick("unbilled usage", "未结算用量");
      case "outstanding_invoices" -> pick("outstanding invoices", "未付账单");
      case "pending_charges" -> pick("pending charges", "待扣费用");
      case "credit_limit" -> pick("credit limit", "信用额度");
      case "credit" -> pick("credit", "信用额度");
      case "bonus" -> pick("bonus", "赠金");
      default -> null;
    };
  }

  /** One part of the upstream's split: {@code granted 10.00}. */
  String partDetail(String name, String amount) {
    return name + " " + amount;
  }

  String requestsDetail(long count) {
    return pick(count + (count == 1 ? " request" : " requests"), count + " 次请求");
  }

  String moreBalancesLine(int count) {
    return pick(
        "💰 +" + count + (count == 1 ? " more balance" : " more balances"),
        "💰 另外 " + count + " 项余额");
  }

  /**
   * The words providers use for their price tiers, translated; null for any other (shown as sent).
   */
  @Nullable String tierName(String tier) {
    return switch (tier) {
      case "light" -> pick("light", "轻量");
      case "standard" -> pick("standard", "标准");
      case "flagship" -> pick("flagship", "旗舰");
      default -> null;
    };
  }

  /** One tier's estimate: {@code 500 light}, {@code 轻量 500 次}. */
  String tierCalls(long calls, String tier) {
    return pick(calls + " " + tier, tier + " " + calls + " 次");
  }

  /**
   * How many calls the balance pays for, saying it is an estimate and at which prices: {@code ≈ 500
   * light / 250 standard / 125 flagship calls (estimate at 0.5 / 1 / 2 魔粒 a call)}.
   *
   * @param calls each tier's {@link #tierCalls}
   * @param prices each tier's price per call, formatted, in the same order
   * @param unit what the prices count, already made inert; may be empty
   */
  String estimateLine(List<String> calls, List<String> prices, String unit) {
    String priced = String.join(" / ", prices) + (unit.isEmpty() ? "" : " " + unit);
    return pick(
        "≈ " + String.join(" / ", calls) + " calls (estimate at " + priced + " a call)",
        "≈ 可调用 " + String.join(" / ", calls) + "（估算，按每次 " + priced + " 计）");
  }

  /**
   * A provider whose balance a key cannot read.
   *
   * @param consoleUrl where a person sees it, ready to show; null when unknown
   */
  String balanceNotReadableLine(@Nullable String consoleUrl) {
    return consoleUrl == null
        ? pick("💰 The balance cannot be read with an API key", "💰 无法用 API Key 读取余额")
        : pick(
            "💰 The balance cannot be read with an API key: see " + consoleUrl,
            "💰 无法用 API Key 读取余额，请在 " + consoleUrl + " 查看");
  }

  /**
   * @param unit what the balance counts when the provider said, already made inert; may be empty
   * @param status the failure's name ({@link #status})
   * @param error the human reason, already made inert; may be null
   */
  String balanceFailedLine(String unit, String status, @Nullable String error) {
    String why = error == null ? "" : " — " + error;
    String what = unit.isEmpty() ? "" : unit + " ";
    return pick(
        "⚠️ The " + what + "balance could not be read: **" + status + "**" + why,
        "⚠️ 无法读取" + unit + "余额：**" + status + "**" + why);
  }

  /**
   * A provider whose balance a key cannot read could not check the key either.
   *
   * @param status the failure's name ({@link #status})
   * @param error the human reason, already made inert; may be null
   */
  String keyCheckFailedLine(String status, @Nullable String error) {
    String why = error == null ? "" : " — " + error;
    return pick(
        "⚠️ The key could not be checked: **" + status + "**" + why,
        "⚠️ 无法检查此 Key：**" + status + "**" + why);
  }

  String unlimited() {
    return pick("Unlimited", "无限额度");
  }

  String expiresLine(long epochSecond, boolean past) {
    return past
        ? pick("⏳ Expired <t:" + epochSecond + ":R>", "⏳ 已于 <t:" + epochSecond + ":R> 过期")
        : pick("⏳ Expires <t:" + epochSecond + ":R>", "⏳ 将于 <t:" + epochSecond + ":R> 过期");
  }

  /** How probed models went. */
  String probedSummaryLine(long ok, int total) {
    long failed = total - ok;
    return pick(
        total
            + (total == 1 ? " model" : " models")
            + " checked: "
            + ok
            + " ok, "
            + failed
            + " failed",
        "共查询 " + total + " 个模型：成功 " + ok + " 个，失败 " + failed + " 个");
  }

  /** How many of the models looked for the key may use. */
  String listedSummaryLine(long usable, int total) {
    return pick(
        total + (total == 1 ? " model" : " models") + ": " + usable + " usable with this key",
        "共 " + total + " 个模型：此 Key 可用 " + usable + " 个");
  }

  /**
   * @param time the reset's local time ({@code 00:00})
   * @param zone its UTC offset ({@code UTC+8})
   */
  String resetLine(long epochSecond, String time, String zone) {
    return pick(
        "Daily quota resets <t:" + epochSecond + ":R> (" + time + " " + zone + ")",
        "每日额度将于 <t:" + epochSecond + ":R> 重置（" + zone + " " + time + "）");
  }

  /** A balance-only check of a provider that could have probed models. */
  String balanceOnlyLine(@Nullable String unit) {
    return pick(
        "Balance only: no model was called, so this check used no quota"
            + (unit == null ? "." : " and no " + unit + "."),
        "仅查询余额：未调用任何模型，本次查询不消耗额度" + (unit == null ? "。" : "和" + unit + "。"));
  }

  String modelsIgnoredLine() {
    return pick(
        "The models you gave were ignored because balance_only was set.",
        "已设置 balance_only，因此忽略了你填写的模型。");
  }

  // --- the embed: footers ---

  /**
   * Models were probed: what that may cost, and when the quota resets.
   *
   * @param unit what the provider's balance counts, or null
   * @param time the local time its quota resets daily ({@code 00:00}), or null when it does not
   * @param zone that time's UTC offset ({@code UTC+8}), or null
   */
  String probedFooter(@Nullable String unit, @Nullable String time, @Nullable String zone) {
    return probedFooter(unit, time, zone, true);
  }

  /**
   * The same, for a provider that reads balances ({@code balanceFree}: reading it is free and
   * {@code balance_only} does it) or not.
   */
  String probedFooter(
      @Nullable String unit, @Nullable String time, @Nullable String zone, boolean balanceFree) {
    boolean resets = time != null && zone != null;
    return pick(
        "Each check makes one real 1-token call per model, which can use up one call of its"
            + " quota"
            + (unit == null ? "" : " or some " + unit)
            + "."
            + (resets ? " Resets daily at " + time + " " + zone + "." : "")
            + (balanceFree ? " Reading the balance is free (balance_only)." : ""),
        "每次查询会对每个模型发起一次真实的 1 token 调用，可能消耗一次额度"
            + (unit == null ? "" : "或少量" + unit)
            + "。"
            + (resets ? "每日 " + zone + " " + time + " 重置。" : "")
            + (balanceFree ? "查询余额免费（balance_only）。" : ""));
  }

  /** A balance-only check of a provider that could have probed models. */
  String freeCheckFooter(@Nullable String unit) {
    return pick(
        "Reading the "
            + unitBefore(unit)
            + "balance is free. Add models (or leave balance_only off) to check per-model quota.",
        "查询" + unitOrEmpty(unit) + "余额是免费的。填写模型（或不设置 balance_only）即可查询各模型额度。");
  }

  /** No model was called: the provider reads balances only, or lists the key's models. */
  String balanceFooter() {
    return pick("Reading the balance is free: no model was called.", "查询余额是免费的：未调用任何模型。");
  }

  /** No model was called, and there was no balance to read: the check cost nothing. */
  String nothingCalledFooter() {
    return pick("No model was called: this check cost nothing.", "未调用任何模型：本次查询不产生费用。");
  }

  // --- the embed: fields ---

  String accountLabel() {
    return pick("Account", "账户");
  }

  String modelLabel() {
    return pick("Model", "模型");
  }

  String unknown() {
    return pick("unknown", "未知");
  }

  String limitUnknown() {
    return pick("limit unknown", "上限未知");
  }

  /**
   * A rate-limit window's wire name for people: {@code requests_per_day} is {@code requests/day}
   * ({@code 请求/天}), {@code input_tokens_per_minute} {@code input tokens/minute}; a word this does
   * not know is shown as sent, underscores as spaces. Not yet made inert.
   */
  String windowName(String wire) {
    int per = wire.indexOf("_per_");
    if (per >= 0) {
      return windowCounts(wire.substring(0, per))
          + "/"
          + windowPeriod(wire.substring(per + "_per_".length()));
    }
    // a coding plan's what_period: tokens_5h, tokens_weekly, mcp_monthly
    Matcher suffixed = SUFFIXED_PERIOD.matcher(wire);
    if (suffixed.matches()) {
      return windowCounts(suffixed.group(1)) + "/" + shortPeriod(suffixed.group(2));
    }
    return windowCounts(wire);
  }

  /**
   * {@code weekly} is {@code week}, {@code 5h} is {@code 5 hours}, {@code 30min} {@code 30
   * minutes}.
   */
  private String shortPeriod(String period) {
    Matcher counted = COUNTED_PERIOD.matcher(period);
    if (!counted.matches()) {
      return windowPeriod(
          switch (period) {
            case "hourly" -> "hour";
            case "daily" -> "day";
            case "weekly" -> "week";
            default -> "month";
          });
    }
    String unit =
        switch (counted.group(2)) {
          case "min" -> "minute";
          case "h" -> "hour";
          case "d" -> "day";
          default -> "week";
        };
    return windowPeriod(counted.group(1) + "_" + unit);
  }

  private String windowCounts(String what) {
    return switch (what) {
      case "requests" -> pick("requests", "请求");
      case "tokens" -> pick("tokens", "Token");
      case "input_tokens" -> pick("input tokens", "输入 Token");
      case "output_tokens" -> pick("output tokens", "输出 Token");
      case "model_requests" -> pick("model requests", "模型请求");
      case "credits" -> pick("credits", "积分");
      case "usd" -> "USD";
      case "mcp" -> pick("MCP calls", "MCP 调用");
      default -> what.replace('_', ' ');
    };
  }

  private String windowPeriod(String period) {
    // a period of several units, as coding plans have them: 5_hours
    Matcher several = SEVERAL_UNITS.matcher(period);
    if (several.matches()) {
      String count = several.group(1);
      String unit = windowPeriod(several.group(2));
      return this == ZH ? count + " " + unit : count + " " + unit + "s";
    }
    return switch (period) {
      case "second" -> pick("second", "秒");
      case "minute" -> pick("minute", "分钟");
      case "hour" -> pick("hour", "小时");
      case "day" -> pick("day", "天");
      case "week" -> pick("week", "周");
      case "month" -> pick("month", "月");
      default -> period.replace('_', ' ');
    };
  }

  /** After a window's numbers: when it is full again. */
  String windowResets(long epochSecond) {
    return pick(" · resets <t:" + epochSecond + ":R>", " · <t:" + epochSecond + ":R> 重置");
  }

  String moreWindowsLine(int count) {
    return pick(
        "+" + count + (count == 1 ? " more limit" : " more limits"), "另外 " + count + " 项限额");
  }

  /**
   * A probe worked but the provider reported no quota numbers.
   *
   * @param unit what the provider's balance counts, or null
   */
  String unknownNumbersNote(String provider, @Nullable String unit) {
    return unknownNumbersNote(provider, unit, true, null);
  }

  /**
   * The same, for any provider.
   *
   * @param balanceAbove whether the provider reads a balance, shown above as the real budget
   * @param spentAtMost what the call may have spent ({@code 2 魔粒}), for a provider whose probe
   *     spends; null otherwise
   */
  String unknownNumbersNote(
      String provider, @Nullable String unit, boolean balanceAbove, @Nullable String spentAtMost) {
    return pick(
        provider
            + " did not report per-model quota for this call: unknown, not zero."
            + (spentAtMost == null
                ? ""
                : " The call worked; what it cost is unknown (at most " + spentAtMost + ").")
            + (balanceAbove
                ? " The " + unitBefore(unit) + "balance above is the account's real budget."
                : ""),
        provider
            + " 本次未返回该模型的额度：未知，而不是 0。"
            + (spentAtMost == null ? "" : "调用成功，实际消耗未知（最多 " + spentAtMost + "）。")
            + (balanceAbove ? "上方的" + unitOrEmpty(unit) + "余额才是账户的实际预算。" : ""));
  }

  String usableWithKey() {
    return pick("Usable with this key", "此 Key 可用");
  }

  String moreName(int count) {
    return pick("+" + count + " more", "另外 " + count + " 个模型");
  }

  String moreCounts(long ok, long failed) {
    return pick(ok + " ok, " + failed + " failed", ok + " 个成功，" + failed + " 个失败");
  }

  /** The status's name; an upstream error names the provider that made it. */
  String status(ProbeStatus status, String provider) {
    return switch (status) {
      case OK -> pick("OK", "正常");
      case NO_QUOTA_HEADERS -> pick("No quota numbers", "未返回额度");
      case LIMIT_REACHED -> pick("Limit reached", "已达上限");
      case INVALID_KEY -> pick("Invalid key", "密钥无效");
      case MODEL_UNAVAILABLE -> pick("Model unavailable", "模型不可用");
      case INSUFFICIENT_BALANCE -> pick("Balance exhausted", "余额不足");
      case UPSTREAM_ERROR -> pick(provider + " error", provider + " 出错");
      case TIMEOUT -> pick("Timed out", "超时");
      case NETWORK_ERROR -> pick("Network error", "网络错误");
    };
  }

  /** {@code "魔粒 "} before a noun in English; nothing without a unit. */
  private static String unitBefore(@Nullable String unit) {
    return unit == null || unit.isEmpty() ? "" : unit + " ";
  }

  private static String unitOrEmpty(@Nullable String unit) {
    return unit == null ? "" : unit;
  }

  // --- buttons under an answer (issue 13; to be moved to the resource bundles at merge) ---

  /** The button that opens the form again with what the answer was for. */
  String againButton() {
    return pick("Check again", "再查一次");
  }

  /** The button that opens the form for the free balance-only check. */
  String balanceOnlyButton() {
    return pick("Balance only (free)", "仅查余额（免费）");
  }

  /**
   * The button that opens the form to probe models.
   *
   * @param models how many models the form starts with; 0 when it starts empty
   * @param atMost what probing them costs at most ({@code 3 魔粒}), or null when the provider
   *     declares no cost
   */
  String probeButton(int models, @Nullable String atMost) {
    String cost = atMost == null ? "" : pick(" (≤ " + atMost + ")", "（≤ " + atMost + "）");
    if (models == 0) {
      return pick("Probe models", "检测模型") + cost;
    }
    return pick("Probe " + models + (models == 1 ? " model" : " models"), "检测 " + models + " 个模型")
        + cost;
  }

  /** A button whose answer is no longer remembered (after 24 hours, or a restart of the bot). */
  String buttonExpired() {
    return pick(
        "⌛ This button has expired (buttons last 24 hours and not across a restart of the bot):"
            + " run /quota again.",
        "⌛ 此按钮已过期（按钮有效期 24 小时，机器人重启后失效），请重新运行 /quota。");
  }

  /** A button under someone else's answer. */
  String buttonNotYours() {
    return pick(
        "🔒 This button belongs to another person's answer: run /quota to check your own key.",
        "🔒 此按钮属于他人的查询结果，请运行 /quota 查询你自己的 Key。");
  }

  // ==========================================================================================
  // --- issue 13, helper "modal": the form's provider picker and the answer's expiry tonight ---
  // New texts of this section only; the lead moves them into the resource bundles at merge time.
  // ==========================================================================================

  /** The title of the form with a provider picker: the provider is picked in it. */
  String modalPickerTitle() {
    return pick("Check an API key", "查询 API Key");
  }

  /** The provider select's label. */
  String modalProviderLabel() {
    return pick("Provider", "服务商");
  }

  /** The second provider select's label, when the providers do not fit in one. */
  String modalMoreProvidersLabel() {
    return pick("More providers", "更多服务商");
  }

  /** Under the provider select(s): what picking nothing means. */
  String modalProviderDescription() {
    return pick(
        "Pick one; \"Detect from the key\" lets the key's prefix decide.",
        "选择一项；选“按 Key 识别”则由 Key 的前缀决定。");
  }

  /** The select's first option: no provider picked, the key's prefix picks it. */
  String modalDetectOption() {
    return pick("Detect from the key", "按 Key 识别");
  }

  /**
   * The first option's description.
   *
   * @param defaultProvider the name of the provider asked when the prefix names none
   */
  String modalDetectDescription(String defaultProvider) {
    return pick(
        "The key's prefix picks the provider (else " + defaultProvider + ")",
        "由 Key 前缀决定服务商（无法识别时为 " + defaultProvider + "）");
  }

  /** The key field's description in the form with a provider picker. */
  String modalPickerKeyDescription() {
    return pick(
        "The API key of the provider picked above. Used for this check only, never stored.",
        "上面所选服务商的 API Key，仅用于本次查询，不会保存。");
  }

  /** The optional base URL field's label in the form with a provider picker. */
  String modalOptionalBaseUrlLabel() {
    return pick("Base URL (optional)", "接口地址（可选）");
  }

  /** The optional base URL field's description: only relays and self-hosted sites take one. */
  String modalOptionalBaseUrlDescription() {
    return pick(
        "Only for relays and self-hosted sites, such as https://relay.example. Leave empty"
            + " otherwise.",
        "仅用于中转站和自建站点，例如 https://relay.example；其他服务商请留空。");
  }

  /**
   * The models field's description when the pre-selected provider takes no models: it is for a
   * provider picked instead.
   */
  String modalPickerModelsDescription() {
    return pick(
        "Model ids, for a provider that checks models; the balance needs none.",
        "模型 ID，仅对检查模型的服务商有效；查询余额无需填写。");
  }

  /**
   * Both provider selects were changed: which one is meant is not guessed. A problem, shown after
   * {@link #invalid}'s words.
   *
   * @param first what the first select picked (a provider's name, or the detect option's words)
   * @param second what the second select picked
   */
  String modalTwoProviders(String first, String second) {
    return pick(
        "two providers were picked ("
            + first
            + " and "
            + second
            + "): run /quota again and pick one.",
        "选择了两个服务商（" + first + " 和 " + second + "），请重新运行 /quota 并只选一个。");
  }

  /**
   * An entry that expires before the daily reset, on the day it was checked.
   *
   * @param amount what it holds, null when unknown (or unlimited)
   * @param unit its unit, already made inert
   * @param epochSecond when it expires
   * @param clock the local time it expires, {@code 23:59}
   * @param zone the reset's zone, {@code UTC+8}
   */
  String expiresTonightLine(
      @Nullable String amount, String unit, long epochSecond, String clock, String zone) {
    String what = amount == null ? "" : amount + (unit.isEmpty() ? "" : " " + unit);
    return amount == null
        ? pick(
            "⏳ Expires tonight at " + clock + " " + zone + " (<t:" + epochSecond + ":R>)",
            "⏳ 今晚 " + clock + "（" + zone + "）过期（<t:" + epochSecond + ":R>）")
        : pick(
            "⏳ **"
                + what
                + "** expire tonight at "
                + clock
                + " "
                + zone
                + " (<t:"
                + epochSecond
                + ":R>)",
            "⏳ **" + what + "** 将于今晚 " + clock + "（" + zone + "）过期（<t:" + epochSecond + ":R>）");
  }
}

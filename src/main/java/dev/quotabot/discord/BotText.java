package dev.quotabot.discord;

import dev.quotabot.quota.ProbeStatus;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.interactions.DiscordLocale;

/**
 * Everything the bot says, in English (the default) and Simplified Chinese. The reply language
 * follows the caller's Discord locale: {@code zh-*} gets Chinese, everything else English.
 */
enum BotText {
  EN,
  ZH;

  static BotText of(DiscordLocale locale) {
    return locale != null && locale.getLocale().startsWith("zh") ? ZH : EN;
  }

  private String pick(String english, String chinese) {
    return this == ZH ? chinese : english;
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
        "Only read the 魔粒 balance: free, no model is called (models is then ignored)",
        "仅查询魔粒余额：免费，不调用任何模型（此时忽略 models）");
  }

  String keyOptionDescription() {
    return pick(
        "Your API key (ModelScope: access token); leave empty to enter it privately in a form",
        "你的 API Key（ModelScope 为访问令牌）；留空则在私密弹窗中填写");
  }

  String providerOptionName() {
    return pick("provider", "服务商");
  }

  String providerOptionDescription() {
    return pick("Whose balance to read (default: ModelScope)", "查询哪家服务商的余额（默认 ModelScope）");
  }

  String baseUrlOptionName() {
    return pick("base_url", "中转地址");
  }

  String baseUrlOptionDescription() {
    return pick(
        "The relay's address for provider newapi, such as https://relay.example",
        "中转站地址（仅 newapi），例如 https://relay.example");
  }

  // --- the modal ---

  String modalTitle(String provider) {
    return pick("Check " + provider + " quota", "查询 " + provider + " 额度");
  }

  String modalKeyLabel() {
    return pick("API key", "API Key");
  }

  String modalModelsLabel() {
    return pick("Models (optional)", "模型（可选）");
  }

  String modalModelsDescription(String unit) {
    return pick(
        "Model ids, comma-separated. Leave empty to check only the " + unit + " balance (free).",
        "模型 ID，多个用逗号分隔。留空则只查询" + unit + "余额（免费）。");
  }

  String modalProviderTitle(String provider) {
    return pick("Check " + provider + " balance", "查询 " + provider + " 余额");
  }

  String modalProviderKeyDescription(String provider) {
    return pick(
        provider + " API key. Used for this check only, never stored.",
        provider + " 的 API Key，仅用于本次查询，不会保存。");
  }

  String modalBaseUrlLabel() {
    return pick("Relay address", "中转地址");
  }

  String modalBaseUrlDescription() {
    return pick(
        "The relay site's address, such as https://relay.example (a trailing /v1 is fine).",
        "中转站地址，例如 https://relay.example（末尾带 /v1 也可以）。");
  }

  String modalRelayModelsDescription() {
    return pick(
        "Model ids to look for, comma-separated. Empty: list the models this key may use.",
        "要查找的模型 ID，多个用逗号分隔。留空则列出此 Key 可用的模型。");
  }

  String modalRelayModelsPlaceholder() {
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

  String modalModelsPlaceholder(String unit) {
    return pick(
        "Empty: only the " + unit + " balance (free, no model called)",
        "留空：只查询" + unit + "余额（免费，不调用模型）");
  }

  // --- short replies ---

  String cooldown(long seconds) {
    return pick(
        "⏳ Please wait " + seconds + " s before checking again.", "⏳ 请等待 " + seconds + " 秒后再查询。");
  }

  String invalid(String problem) {
    return pick("⚠️ Cannot check: " + problem, "⚠️ 无法查询：" + problem);
  }

  String keyMissing() {
    return pick(
        "⚠️ Enter your ModelScope access token (API key).", "⚠️ 请填写你的 ModelScope 访问令牌（API Key）。");
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

  // --- the embed ---

  String title() {
    return pick("ModelScope quota", "ModelScope 额度");
  }

  String balanceOnlyTitle() {
    return pick("ModelScope 魔粒 balance (free check)", "ModelScope 魔粒余额（免费查询）");
  }

  String providerTitle(String provider) {
    return pick(provider + " balance and models", provider + " 余额与模型");
  }

  String providerBalanceOnlyTitle(String provider) {
    return pick(provider + " balance", provider + " 余额");
  }

  String unlimited() {
    return pick("Unlimited", "无限额度");
  }

  /**
   * {@code 💰 Balance: **$8.00** remaining (total $10.00, used $2.00) · name my-token}; the amounts
   * are already formatted, {@code total}, {@code used}, {@code frozen} and {@code name} may be null
   * (unknown: left out).
   */
  String providerBalanceLine(
      String remaining, String total, String used, String frozen, String name) {
    List<String> details = new ArrayList<>();
    if (total != null) {
      details.add(pick("total ", "总额 ") + total);
    }
    if (used != null) {
      details.add(pick("used ", "已用 ") + used);
    }
    if (frozen != null) {
      details.add(pick("frozen ", "冻结 ") + frozen);
    }
    String more =
        details.isEmpty()
            ? ""
            : pick(" (" + String.join(", ", details) + ")", "（" + String.join("，", details) + "）");
    String named = name == null ? "" : pick(" · name ", " · 名称 ") + name;
    return pick("💰 Balance: **" + remaining + "** remaining", "💰 余额：剩余 **" + remaining + "**")
        + more
        + named;
  }

  String providerBalanceFailedLine(String status, String error) {
    String why = error == null ? "" : " — " + error;
    return pick(
        "⚠️ The balance could not be read: **" + status + "**" + why,
        "⚠️ 无法读取余额：**" + status + "**" + why);
  }

  String expiresLine(long epochSecond, boolean past) {
    return past
        ? pick("⏳ Expired <t:" + epochSecond + ":R>", "⏳ 已于 <t:" + epochSecond + ":R> 过期")
        : pick("⏳ Expires <t:" + epochSecond + ":R>", "⏳ 将于 <t:" + epochSecond + ":R> 过期");
  }

  String relaySummaryLine(long usable, int total) {
    return pick(
        total + (total == 1 ? " model" : " models") + ": " + usable + " usable with this key",
        "共 " + total + " 个模型：此 Key 可用 " + usable + " 个");
  }

  String relayModelUsable() {
    return pick("Usable with this key", "此 Key 可用");
  }

  String providerFooter() {
    return pick("Reading the balance is free: no model was called.", "查询余额是免费的：未调用任何模型。");
  }

  String keyLine(String fingerprint) {
    return pick("Key `" + fingerprint + "`", "密钥 `" + fingerprint + "`");
  }

  /**
   * {@code 💰 魔粒 balance: **250** available (total 250, frozen 0) · account tester}; the amounts
   * are already formatted, {@code total}, {@code frozen} and {@code user} may be null (unknown:
   * left out).
   */
  String balanceLine(String unit, String available, String total, String frozen, String user) {
    List<String> details = new ArrayList<>();
    if (total != null) {
      details.add(pick("total ", "总额 ") + total);
    }
    if (frozen != null) {
      details.add(pick("frozen ", "冻结 ") + frozen);
    }
    String more =
        details.isEmpty()
            ? ""
            : pick(" (" + String.join(", ", details) + ")", "（" + String.join("，", details) + "）");
    String account = user == null ? "" : pick(" · account ", " · 账户 ") + user;
    return pick(
            "💰 " + unit + " balance: **" + available + "** available",
            "💰 " + unit + "余额：可用 **" + available + "**")
        + more
        + account;
  }

  String balanceFailedLine(String unit, String status, String error) {
    String why = error == null ? "" : " — " + error;
    return pick(
        "⚠️ The " + unit + " balance could not be read: **" + status + "**" + why,
        "⚠️ 无法读取" + unit + "余额：**" + status + "**" + why);
  }

  String balanceOnlyLine() {
    return pick(
        "Balance only: no model was called, so this check used no quota and no 魔粒.",
        "仅查询余额：未调用任何模型，本次查询不消耗额度和魔粒。");
  }

  String modelsIgnoredLine() {
    return pick(
        "The models you gave were ignored because balance_only was set.",
        "已设置 balance_only，因此忽略了你填写的模型。");
  }

  String summaryLine(long ok, int total) {
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

  String resetLine(long epochSecond) {
    return pick(
        "Daily quota resets <t:" + epochSecond + ":R> (00:00 UTC+8)",
        "每日额度将于 <t:" + epochSecond + ":R> 重置（UTC+8 00:00）");
  }

  String footer() {
    return pick(
        "Each check makes one real 1-token call per model, which can use up one call of its"
            + " quota or some 魔粒. Resets daily at 00:00 UTC+8. Reading the balance is free"
            + " (balance_only).",
        "每次查询会对每个模型发起一次真实的 1 token 调用，可能消耗一次额度或少量魔粒。每日 UTC+8 00:00 重置。" + "查询余额免费（balance_only）。");
  }

  String balanceOnlyFooter() {
    return pick(
        "Reading the 魔粒 balance is free. Add models (or leave balance_only off) to check"
            + " per-model quota.",
        "查询魔粒余额是免费的。填写模型（或不设置 balance_only）即可查询各模型额度。");
  }

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

  String unknownNumbersNote() {
    return pick(
        "ModelScope did not report per-model quota for this call: unknown, not zero. The 魔粒"
            + " balance above is the account's real budget.",
        "ModelScope 本次未返回该模型的额度：未知，而不是 0。上方的魔粒余额才是账户的实际预算。");
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
}

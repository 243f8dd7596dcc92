package dev.quotabot.discord;

import dev.quotabot.quota.ProbeStatus;
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

  String keyOptionDescription() {
    return pick(
        "Your ModelScope access token; leave empty to enter it privately in a form",
        "你的 ModelScope 访问令牌；留空则在私密弹窗中填写");
  }

  // --- the modal ---

  String modalTitle() {
    return pick("Check ModelScope quota", "查询 ModelScope 额度");
  }

  String modalKeyLabel() {
    return pick("API key", "API Key");
  }

  String modalKeyDescription() {
    return pick(
        "ModelScope access token (ms-…). Used for this check only, never stored.",
        "ModelScope 访问令牌（ms-…），仅用于本次查询，不会保存。");
  }

  String modalModelsLabel() {
    return pick("Models (optional)", "模型（可选）");
  }

  String modalModelsDescription() {
    return pick(
        "Model ids, comma-separated. Leave empty for the default list.",
        "模型 ID，多个用逗号分隔。留空则使用默认列表。");
  }

  String modalModelsPlaceholder(int defaults) {
    return pick(
        "Empty: the default list (" + defaults + " models)", "留空：默认列表（" + defaults + " 个模型）");
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

  String failedUnexpectedly() {
    return pick("⚠️ Something went wrong while checking; please try again.", "⚠️ 查询时出错，请重试。");
  }

  // --- the embed ---

  String title() {
    return pick("ModelScope quota", "ModelScope 额度");
  }

  String keyLine(String fingerprint) {
    return pick("Key `" + fingerprint + "`", "密钥 `" + fingerprint + "`");
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
            + " quota. Resets daily at 00:00 UTC+8.",
        "每次查询会对每个模型发起一次真实的 1 token 调用，可能消耗一次额度。每日 UTC+8 00:00 重置。");
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
        "ModelScope did not report these numbers for this call: they are unknown, not zero.",
        "ModelScope 本次未返回这些数值：它们是未知，而不是 0。");
  }

  String moreName(int count) {
    return pick("+" + count + " more", "另外 " + count + " 个模型");
  }

  String moreCounts(long ok, long failed) {
    return pick(ok + " ok, " + failed + " failed", ok + " 个成功，" + failed + " 个失败");
  }

  String status(ProbeStatus status) {
    return switch (status) {
      case OK -> pick("OK", "正常");
      case NO_QUOTA_HEADERS -> pick("No quota numbers", "未返回额度");
      case LIMIT_REACHED -> pick("Limit reached", "已达上限");
      case INVALID_KEY -> pick("Invalid key", "密钥无效");
      case MODEL_UNAVAILABLE -> pick("Model unavailable", "模型不可用");
      case INSUFFICIENT_BALANCE -> pick("Balance exhausted", "余额不足");
      case UPSTREAM_ERROR -> pick("ModelScope error", "ModelScope 出错");
      case TIMEOUT -> pick("Timed out", "超时");
      case NETWORK_ERROR -> pick("Network error", "网络错误");
    };
  }
}

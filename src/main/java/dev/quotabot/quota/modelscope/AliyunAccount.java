package dev.quotabot.quota.modelscope;

import dev.quotabot.quota.Text;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What to do when ModelScope refuses a key because of the Alibaba Cloud (Aliyun) account behind it.
 * API-Inference needs the ModelScope account bound to an Alibaba Cloud account that passed
 * real-name verification (ModelScope's limits page,
 * https://modelscope.cn/docs/model-service/API-Inference/limits, and its binding tutorial,
 * https://www.modelscope.cn/docs/accounts/aliyun-binding-and-authorization). ModelScope says so in
 * two answers, quoted in HUIdada1/AgentHub docs/ModelScope渠道反代接入方案.md §2.7 (measured on two
 * accounts):
 *
 * <ul>
 *   <li>401 {@code "Please bind your Alibaba Cloud account before use."} (not bound);
 *   <li>403 {@code "To use API-Inference, please make sure your associated Aliyun account is
 *       real-name verified. You can do so at your account setting page
 *       https://www.modelscope.cn/my/accountsettings."} (bound, not verified).
 * </ul>
 *
 * The words are matched loosely (any mention of Aliyun, Alibaba Cloud or 阿里云), since ModelScope
 * words them in more than one way.
 */
final class AliyunAccount {
  /** ModelScope's account settings page, as its own 403 message names it. */
  static final String ACCOUNT_SETTINGS = "https://www.modelscope.cn/my/accountsettings";

  static final String BINDING_TUTORIAL =
      "https://www.modelscope.cn/docs/accounts/aliyun-binding-and-authorization";

  /** What to do when the account is not bound: bind one, then have it verified. */
  static final Text BIND =
      Text.of(
          "modelscope.aliyun_bind",
          "upstream",
          ModelScopeProvider.NAME,
          "site",
          ModelScopeProvider.SITE,
          "settings",
          ACCOUNT_SETTINGS,
          "steps",
          BINDING_TUTORIAL);

  /** What to do when the bound account lacks its real-name verification. */
  static final Text VERIFY =
      Text.of(
          "modelscope.aliyun_verify",
          "upstream",
          ModelScopeProvider.NAME,
          "site",
          ModelScopeProvider.SITE,
          "settings",
          ACCOUNT_SETTINGS);

  private AliyunAccount() {}

  /**
   * The sentence that says what to do when {@code message} is about the Alibaba Cloud account (it
   * follows the refusal as a sentence of its own); null otherwise.
   */
  static @Nullable Text hint(@Nullable String message) {
    if (message == null) {
      return null;
    }
    String text = message.toLowerCase(Locale.ROOT);
    boolean aliyun =
        text.contains("aliyun") || text.contains("alibaba cloud") || text.contains("阿里云");
    if (!aliyun) {
      return null;
    }
    boolean verification =
        text.contains("real-name") || text.contains("real name") || text.contains("实名");
    return verification ? VERIFY : BIND;
  }
}

package dev.quotabot.quota.modelscope;

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

  static final String BIND =
      " The ModelScope account is not bound to an Alibaba Cloud (Aliyun) account, which"
          + " API-Inference needs: sign in on modelscope.cn, bind one in your account settings ("
          + ACCOUNT_SETTINGS
          + "; steps: "
          + BINDING_TUTORIAL
          + "), complete its real-name verification, then check again.";

  static final String VERIFY =
      " The Alibaba Cloud (Aliyun) account bound to this ModelScope account has not passed"
          + " real-name verification, which API-Inference needs: complete it from your account"
          + " settings on modelscope.cn ("
          + ACCOUNT_SETTINGS
          + "), then check again.";

  private AliyunAccount() {}

  /**
   * The sentence (with a leading space) that says what to do when {@code message} is about the
   * Alibaba Cloud account; empty otherwise.
   */
  static String hint(@Nullable String message) {
    if (message == null) {
      return "";
    }
    String text = message.toLowerCase(Locale.ROOT);
    boolean aliyun =
        text.contains("aliyun") || text.contains("alibaba cloud") || text.contains("阿里云");
    if (!aliyun) {
      return "";
    }
    boolean verification =
        text.contains("real-name") || text.contains("real name") || text.contains("实名");
    return verification ? VERIFY : BIND;
  }
}

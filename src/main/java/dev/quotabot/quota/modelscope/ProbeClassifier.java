package dev.quotabot.quota.modelscope;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.net.UpstreamResponse;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Turns ModelScope's answer to a probe into a row: status, numbers and a human explanation. */
final class ProbeClassifier {
  static final String UNKNOWN_QUOTA_NOTE =
      "ModelScope did not report per-model quota for this call, so these numbers are unknown"
          + " (not zero).";

  private ProbeClassifier() {}

  /**
   * @param answer an answer (not a failed call): its status, headers and (error) body
   */
  static ModelQuota classify(String model, UpstreamResponse answer, ApiKey key, long latencyMs) {
    int status = answer.status();
    RateLimits limits = QuotaHeaders.read(answer);
    if (status >= 200 && status < 300 && isWebPage(answer)) {
      // a proxy's or a login page answered, not ModelScope's chat API: the call did not work
      return new ModelQuota(
          model,
          limits,
          ProbeStatus.UPSTREAM_ERROR,
          "ModelScope answered HTTP "
              + status
              + " with a web page instead of a chat answer: a proxy or login page may be in the"
              + " way.",
          null,
          latencyMs);
    }
    if (status >= 200 && status < 300) {
      return limits.complete()
          ? new ModelQuota(model, limits, ProbeStatus.OK, null, null, latencyMs)
          : new ModelQuota(
              model, limits, ProbeStatus.NO_QUOTA_HEADERS, null, UNKNOWN_QUOTA_NOTE, latencyMs);
    }
    // Recognised on the whole message; only a cleaned, shortened copy is shown.
    String message = LenientJson.errorMessage(LenientJson.object(answer.body()));
    String upstream = UpstreamText.clean(message, key);
    ProbeStatus failure = failureStatus(status, message);
    return new ModelQuota(
        model, limits, failure, explain(failure, status, message, upstream), null, latencyMs);
  }

  private static boolean isWebPage(UpstreamResponse answer) {
    String header = answer.header("Content-Type");
    String type = header == null ? "" : header.strip().toLowerCase(Locale.ROOT);
    return type.startsWith("text/html") || type.startsWith("application/xhtml+xml");
  }

  private static ProbeStatus failureStatus(int status, @Nullable String message) {
    return switch (status) {
      case 401, 403 -> ProbeStatus.INVALID_KEY;
      case 402 -> ProbeStatus.INSUFFICIENT_BALANCE;
      case 429 -> ProbeStatus.LIMIT_REACHED;
      // A 404 without such a message is more likely a wrong base URL than a missing model.
      case 400, 404 ->
          mentionsMissingModel(message)
              ? ProbeStatus.MODEL_UNAVAILABLE
              : ProbeStatus.UPSTREAM_ERROR;
      default -> ProbeStatus.UPSTREAM_ERROR;
    };
  }

  private static boolean mentionsMissingModel(@Nullable String message) {
    if (message == null) {
      return false;
    }
    String text = message.toLowerCase(Locale.ROOT);
    return text.contains("no provider")
        || text.contains("not found")
        || text.contains("not exist")
        || text.contains("not support")
        || text.contains("unsupported model")
        || text.contains("invalid model");
  }

  private static String explain(
      ProbeStatus failure, int status, @Nullable String message, @Nullable String upstream) {
    String lead =
        switch (failure) {
          case INVALID_KEY -> "ModelScope rejected the key (HTTP " + status + ")";
          case INSUFFICIENT_BALANCE ->
              "The account's balance or quota is exhausted (HTTP " + status + ")";
          case LIMIT_REACHED -> "Rate or daily limit reached (HTTP " + status + ")";
          case MODEL_UNAVAILABLE ->
              "Model not available on ModelScope API-Inference (HTTP " + status + ")";
          default -> "ModelScope answered HTTP " + status;
        };
    String hint = failure == ProbeStatus.INVALID_KEY ? aliyunHint(message) : "";
    return (upstream == null ? lead + "." : lead + ": " + upstream) + hint;
  }

  /** ModelScope refuses keys whose account is not bound to Aliyun; say how to fix it. */
  private static String aliyunHint(@Nullable String message) {
    if (message == null) {
      return " Check that it is a ModelScope access token (modelscope.cn → Access Tokens).";
    }
    String text = message.toLowerCase(Locale.ROOT);
    if (text.contains("aliyun") || text.contains("阿里云") || text.contains("alibaba cloud")) {
      return " Bind your Alibaba Cloud (Aliyun) account on modelscope.cn, then try again.";
    }
    return "";
  }
}

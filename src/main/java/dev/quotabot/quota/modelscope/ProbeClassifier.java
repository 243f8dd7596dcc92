package dev.quotabot.quota.modelscope;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.net.UpstreamResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Turns ModelScope's answer to a probe into a row: status, numbers and a human explanation. */
final class ProbeClassifier {
  /**
   * A call that worked without the quota headers. Since ModelScope bills calls in 魔粒 the headers
   * may not come (a client's spike saw none: "推理响应无任何限流/额度响应头", notes §2b); the call still spent
   * 魔粒, how many is not said, and at most a flagship call's price ({@link TierPrices}, declared as
   * the probe's cost).
   */
  static final Text UNKNOWN_QUOTA_NOTE =
      Text.of(
          "modelscope.unknown_quota_note",
          "upstream",
          ModelScopeProvider.NAME,
          "unit",
          ModelScopeProvider.UNIT);

  /** The user's daily calls, across models ({@code modelscope-ratelimit-requests-*}). */
  static final String REQUESTS_PER_DAY = "requests_per_day";

  /** This model's daily calls ({@code modelscope-ratelimit-model-requests-*}). */
  static final String MODEL_REQUESTS_PER_DAY = "model_requests_per_day";

  private ProbeClassifier() {}

  /**
   * @param answer an answer (not a failed call): its status, headers and (error) body
   * @param now when the answer came: the daily windows reset at the next 00:00 UTC+8
   */
  static ModelQuota classify(
      String model, UpstreamResponse answer, ApiKey key, long latencyMs, Instant now) {
    int status = answer.status();
    RateLimits limits = QuotaHeaders.read(answer);
    List<RateWindow> windows = windows(limits, DailyReset.after(now).toInstant());
    if (status >= 200 && status < 300 && isWebPage(answer)) {
      // a proxy's or a login page answered, not ModelScope's chat API: the call did not work
      return new ModelQuota(
          model,
          limits,
          ProbeStatus.UPSTREAM_ERROR,
          Text.of("modelscope.web_page", "upstream", ModelScopeProvider.NAME, "status", status),
          null,
          latencyMs,
          windows);
    }
    if (status >= 200 && status < 300) {
      return limits.complete()
          ? new ModelQuota(model, limits, ProbeStatus.OK, null, null, latencyMs, windows)
          : new ModelQuota(
              model,
              limits,
              ProbeStatus.NO_QUOTA_HEADERS,
              null,
              UNKNOWN_QUOTA_NOTE,
              latencyMs,
              windows);
    }
    // Recognised on the whole message; only a cleaned, shortened copy is shown.
    String message = LenientJson.errorMessage(LenientJson.object(answer.body()));
    String upstream = UpstreamText.clean(message, key);
    ProbeStatus failure = failureStatus(status, message);
    return new ModelQuota(
        model,
        limits,
        failure,
        explain(failure, status, message, upstream),
        null,
        latencyMs,
        windows);
  }

  /**
   * The seed's four numbers as the two daily windows they are, each when ModelScope reported any of
   * it; the quota resets daily at 00:00 Asia/Shanghai (notes §1).
   */
  private static List<RateWindow> windows(RateLimits limits, Instant resetsAt) {
    List<RateWindow> windows = new ArrayList<>(2);
    if (limits.requestLimit() != null || limits.requestRemaining() != null) {
      windows.add(
          new RateWindow(
              REQUESTS_PER_DAY, limits.requestLimit(), limits.requestRemaining(), resetsAt));
    }
    if (limits.modelRequestLimit() != null || limits.modelRequestRemaining() != null) {
      windows.add(
          new RateWindow(
              MODEL_REQUESTS_PER_DAY,
              limits.modelRequestLimit(),
              limits.modelRequestRemaining(),
              resetsAt));
    }
    return windows;
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

  private static Text explain(
      ProbeStatus failure, int status, @Nullable String message, @Nullable String upstream) {
    String name = ModelScopeProvider.NAME;
    Text said = Wording.said(upstream);
    Text refusal =
        switch (failure) {
          case INVALID_KEY ->
              Text.of("net.rejected_key", "upstream", name, "status", status, "said", said);
          case INSUFFICIENT_BALANCE ->
              Text.of("modelscope.exhausted", "status", status, "said", said);
          case LIMIT_REACHED -> Text.of("modelscope.limit_reached", "status", status, "said", said);
          case MODEL_UNAVAILABLE ->
              Text.of(
                  "modelscope.model_unavailable", "upstream", name, "status", status, "said", said);
          default ->
              Text.of("modelscope.answered", "upstream", name, "status", status, "said", said);
        };
    return Wording.withHint(refusal, failure == ProbeStatus.INVALID_KEY ? keyHint(message) : null);
  }

  /**
   * What to do about a refused key: the Alibaba Cloud account's fix when ModelScope names it
   * (matched on the whole message, not the shortened copy shown); what a valid key is when it said
   * nothing; else null.
   */
  private static @Nullable Text keyHint(@Nullable String message) {
    if (message == null) {
      return Text.of(
          "modelscope.key_hint",
          "upstream",
          ModelScopeProvider.NAME,
          "site",
          ModelScopeProvider.SITE);
    }
    return AliyunAccount.hint(message);
  }
}

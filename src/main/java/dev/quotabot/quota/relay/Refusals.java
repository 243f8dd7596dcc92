package dev.quotabot.quota.relay;

import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.net.UpstreamResponse;
import java.util.regex.Pattern;

/**
 * Turns an answer that holds no figures into a {@link Reading}: a refused key, a used-up quota
 * (relays then often say what is left: {@code token remain quota: ＄0.14}, which is kept, scrubbed,
 * in the text), a missing route, or no answer.
 */
final class Refusals {
  private static final Pattern USED_UP =
      Pattern.compile(
          "(?i)quota is not enough|remain(ing)?[ _]quota|insufficient[ _](user[ _])?quota"
              + "|quota[ _](exhausted|exceeded)|额度不足|额度已用尽|余额不足");

  private Refusals() {}

  /**
   * @param what how the endpoint is named in the text ({@code /api/usage/token/})
   * @param credential what was sent: {@code key} or {@code access token}
   */
  static Reading of(
      UpstreamResponse answer, String what, String credential, ProviderRequest request) {
    if (!answer.answered()) {
      return Reading.failed(answer.failure(), answer.failureText());
    }
    String message =
        RelayText.clean(LenientJson.errorMessage(LenientJson.object(answer.body())), request);
    int status = answer.status();
    if (message != null && USED_UP.matcher(message).find()) {
      return Reading.failed(
          ProbeStatus.INSUFFICIENT_BALANCE,
          "The relay says this "
              + credential
              + "'s quota is used up (HTTP "
              + status
              + "): "
              + message);
    }
    if (status == 401 || status == 403) {
      return Reading.failed(
          ProbeStatus.INVALID_KEY,
          "The relay rejected the "
              + credential
              + " (HTTP "
              + status
              + ")"
              + (message == null ? "." : ": " + message));
    }
    if (status == 429) {
      return Reading.failed(
          ProbeStatus.LIMIT_REACHED,
          "The relay is limiting requests (HTTP 429)" + (message == null ? "." : ": " + message));
    }
    return Reading.unusable(
        what
            + " answered HTTP "
            + status
            + (message == null ? " without usable figures." : ": " + message));
  }
}

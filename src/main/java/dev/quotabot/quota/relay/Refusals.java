package dev.quotabot.quota.relay;

import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.net.UpstreamResponse;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns an answer that holds no figures into a {@link Reading}: a refused key, a used-up quota
 * (relays then often say what is left: {@code token remain quota: ＄0.14}, which is kept, scrubbed,
 * in the text, and read as the key's balance in the site's display unit), a missing route, or no
 * answer.
 */
final class Refusals {
  private static final Pattern USED_UP =
      Pattern.compile(
          "(?i)quota is not enough|remain(ing)?[ _]quota|insufficient[ _](user[ _])?quota"
              + "|quota[ _](exhausted|exceeded)|额度不足|额度已用尽|余额不足");

  /** new-api's words for what is left, in its display unit: {@code remain quota: ＄0.14}. */
  private static final Pattern REMAINING =
      Pattern.compile(
          "(?i)remain(?:ing)?[ _]quota:\\s*[^\\s\\d,.-]{0,3}\\s*(-?\\d{1,18}(?:\\.\\d{1,18})?)");

  private Refusals() {}

  /**
   * @param what how the endpoint is named in the text ({@code /api/usage/token/})
   * @param credential what was sent: {@code key} or {@code access token}
   * @param status the relay's units, for what a used-up quota says is left
   */
  static Reading of(
      UpstreamResponse answer,
      String what,
      String credential,
      RelayStatus status,
      ProviderRequest request) {
    if (!answer.answered()) {
      return Reading.failed(answer.failure(), String.valueOf(answer.failureText()));
    }
    String message =
        RelayText.clean(LenientJson.errorMessage(LenientJson.object(answer.body())), request);
    int code = answer.status();
    if (message != null && USED_UP.matcher(message).find()) {
      return Reading.usedUp(
          "The relay says this "
              + credential
              + "'s quota is used up (HTTP "
              + code
              + "): "
              + message,
          leftover(message, status));
    }
    if (code == 401 || code == 403) {
      return Reading.failed(
          ProbeStatus.INVALID_KEY,
          "The relay rejected the "
              + credential
              + " (HTTP "
              + code
              + ")"
              + (message == null ? "." : ": " + message));
    }
    if (code == 429) {
      return Reading.failed(
          ProbeStatus.LIMIT_REACHED,
          "The relay is limiting requests (HTTP 429)" + (message == null ? "." : ": " + message));
    }
    return Reading.unusable(
        what
            + " answered HTTP "
            + code
            + (message == null ? " without usable figures." : ": " + message));
  }

  /** What the refusal says is left, as the key's figures; null when it says nothing usable. */
  private static @Nullable Figures leftover(String message, RelayStatus status) {
    Matcher remaining = REMAINING.matcher(message);
    if (!remaining.find()) {
      return null;
    }
    BigDecimal left = status.fromDisplay(new BigDecimal(remaining.group(1)));
    return new Figures(
        status.displayUnit(), left, null, null, false, null, null, null, status.displayNote());
  }
}

package dev.quotabot.quota.relay;

import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.Text;
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
  /** What was sent to the endpoint: each has its own sentences. */
  enum Credential {
    KEY,
    ACCESS_TOKEN
  }

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
   * @param credential what was sent: the key or the access token
   * @param status the relay's units, for what a used-up quota says is left
   */
  static Reading of(
      UpstreamResponse answer,
      String what,
      Credential credential,
      RelayStatus status,
      ProviderRequest request) {
    return of(answer, what, credential, status, request, RelayText.THE_RELAY);
  }

  /**
   * As {@link #of(UpstreamResponse, String, Credential, RelayStatus, ProviderRequest)}, naming the
   * site {@code site} ("The sub2api site") where its sentences name the relay.
   */
  static Reading of(
      UpstreamResponse answer,
      String what,
      Credential credential,
      RelayStatus status,
      ProviderRequest request,
      Text site) {
    if (!answer.answered()) {
      return Reading.failed(answer.failure(), RelayText.failure(answer));
    }
    String message =
        RelayText.clean(LenientJson.errorMessage(LenientJson.object(answer.body())), request);
    int code = answer.status();
    if (message != null && USED_UP.matcher(message).find()) {
      Text words = Text.upstream(message);
      return Reading.usedUp(
          credential == Credential.KEY
              ? Text.of("relay.used_up_key", "relay", site, "status", code, "words", words)
              : Text.of(
                  "relay.used_up_access_token", "relay", site, "status", code, "words", words),
          leftover(message, status));
    }
    if (code == 401 || code == 403) {
      Text said = RelayText.said(message);
      return Reading.failed(
          ProbeStatus.INVALID_KEY,
          credential == Credential.KEY
              ? Text.of("relay.rejected_key", "relay", site, "status", code, "said", said)
              : Text.of(
                  "relay.rejected_access_token", "relay", site, "status", code, "said", said));
    }
    if (code == 429) {
      return Reading.failed(
          ProbeStatus.LIMIT_REACHED,
          Text.of("relay.limiting", "relay", site, "said", RelayText.said(message)));
    }
    return Reading.unusable(
        message == null
            ? Text.of("relay.endpoint_unusable", "endpoint", what, "status", code)
            : Text.of(
                "relay.endpoint_said",
                "endpoint",
                what,
                "status",
                code,
                "words",
                Text.upstream(message)));
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

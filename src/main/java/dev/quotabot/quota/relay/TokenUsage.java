package dev.quotabot.quota.relay;

import com.google.gson.JsonObject;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.net.UpstreamResponse;
import java.math.BigDecimal;

/**
 * new-api's {@code GET /api/usage/token/} (the key as Bearer): {@code {"code":true,"data":{"name",
 * "total_granted","total_used","total_available","unlimited_quota","expires_at"}}} in raw quota
 * units. An unlimited token is one with {@code unlimited_quota} or a negative {@code
 * total_available} (the relay keeps counting down past zero); its remaining is then unknown, not
 * the number shown.
 */
final class TokenUsage {
  static final String PATH = "api/usage/token/";

  private TokenUsage() {}

  static Reading read(UpstreamResponse answer, RelayStatus status, ProviderRequest request) {
    JsonObject root = answer.answered() ? RelayJson.parse(answer.body()) : null;
    JsonObject data = RelayJson.data(root);
    if (answer.status() != 200 || data == null || RelayJson.declaresFailure(root)) {
      return Refusals.of(answer, "/" + PATH, Refusals.Credential.KEY, status, request);
    }
    BigDecimal available = RelayJson.decimal(data, "total_available");
    BigDecimal granted = RelayJson.decimal(data, "total_granted");
    BigDecimal used = RelayJson.decimal(data, "total_used");
    boolean unlimited =
        Boolean.TRUE.equals(RelayJson.flag(data, "unlimited_quota"))
            || (available != null && available.signum() < 0);
    if (!unlimited && available == null && granted == null) {
      return Reading.unusable(Text.of("relay.no_amounts", "endpoint", "/" + PATH));
    }
    if (!unlimited && available == null && used != null) {
      available = granted.subtract(used);
    }
    return Reading.of(
        new Figures(
            status.quotaUnit(),
            unlimited ? null : status.fromQuota(available),
            unlimited ? null : status.fromQuota(granted),
            status.fromQuota(used),
            unlimited,
            Expiry.of(RelayJson.decimal(data, "expires_at")),
            RelayText.name(RelayJson.string(data, "name"), request),
            null,
            status.quotaNote()));
  }

  /** Whether the answer holds no token figures but the billing endpoints may still have them. */
  static boolean worthFallingBack(UpstreamResponse answer, ProviderRequest request) {
    return read(answer, RelayStatus.unknown(Text.of("relay.status_not_needed")), request).tryNext();
  }
}

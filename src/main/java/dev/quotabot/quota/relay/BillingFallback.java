package dev.quotabot.quota.relay;

import com.google.gson.JsonObject;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.net.UpstreamResponse;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAI-style billing endpoints both relays serve (the seed's "Token Balance Query"), for
 * relays without {@code /api/usage/token/}: {@code GET /v1/dashboard/billing/subscription} gives
 * {@code hard_limit_usd} (granted, despite the name in the site's display unit) and {@code
 * access_until}; {@code GET /v1/dashboard/billing/usage} gives {@code total_usage} in hundredths of
 * that unit. Remaining = hard limit − total usage / 100. An unlimited token reports the sentinel
 * {@code 100000000} as its limit.
 */
final class BillingFallback {
  static final String SUBSCRIPTION = "v1/dashboard/billing/subscription";
  static final String USAGE = "v1/dashboard/billing/usage";
  static final BigDecimal UNLIMITED_SENTINEL = new BigDecimal(100_000_000);
  private static final BigDecimal HUNDRED = new BigDecimal(100);

  private BillingFallback() {}

  static Reading read(
      UpstreamResponse subscription,
      UpstreamResponse usage,
      RelayStatus status,
      ProviderRequest request) {
    JsonObject limits = answer(subscription);
    BigDecimal hardLimit = RelayJson.decimal(limits, "hard_limit_usd");
    if (hardLimit == null) {
      return Refusals.of(
          subscription, "/" + SUBSCRIPTION, Refusals.Credential.KEY, status, request);
    }
    JsonObject spent = answer(usage);
    BigDecimal hundredths = RelayJson.decimal(spent, "total_usage");
    BigDecimal used = hundredths == null ? null : hundredths.divide(HUNDRED);
    boolean unlimited = hardLimit.compareTo(UNLIMITED_SENTINEL) == 0;
    BigDecimal remaining = used == null || unlimited ? null : hardLimit.subtract(used);
    if (remaining != null && remaining.signum() < 0) {
      unlimited = true;
      remaining = null;
    }
    Text note = Notes.join(status.displayNote(), Text.of("relay.billing_endpoints"));
    if (used == null && !unlimited) {
      Reading why = Refusals.of(usage, "/" + USAGE, Refusals.Credential.KEY, status, request);
      note = Notes.join(note, Text.of("relay.left_unknown", "problem", RelayText.problem(why)));
    }
    return Reading.of(
        new Figures(
            status.displayUnit(),
            status.fromDisplay(remaining),
            unlimited ? null : status.fromDisplay(hardLimit),
            status.fromDisplay(used),
            unlimited,
            Expiry.of(RelayJson.decimal(limits, "access_until")),
            null,
            null,
            note));
  }

  private static @Nullable JsonObject answer(UpstreamResponse response) {
    if (!response.answered() || response.status() != 200) {
      return null;
    }
    JsonObject root = RelayJson.parse(response.body());
    return root == null || RelayJson.declaresFailure(root) ? null : root;
  }
}

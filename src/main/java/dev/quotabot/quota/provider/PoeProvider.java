package dev.quotabot.quota.provider;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

/**
 * Poe's point balance: {@code GET {base}/usage/current_balance} with the key as a Bearer token
 * answers {@code {"current_point_balance":1234}}, an integer count of points (plan points and
 * add-on points together), documented at https://creator.poe.com/api-reference/getCurrentBalance (a
 * 401 {@code authentication_error} for an invalid key). Points are Poe's own unit, not money.
 */
public final class PoeProvider extends EndpointProvider {
  static final String ID = "poe";
  private static final String NAME = "Poe";
  static final String UNIT = "points";

  /**
   * @param baseUrl Poe's API base, e.g. {@code https://api.poe.com} (a trailing {@code /v1}, the
   *     OpenAI-compatible base people paste, is dropped)
   */
  public PoeProvider(UpstreamHttp http, URI baseUrl) {
    super(
        new BalanceEndpoint(
            http, Urls.under(baseUrl, "usage/current_balance", "/v1"), ID, NAME, UNIT));
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    BigDecimal points = LenientJson.amount(root, "current_point_balance");
    if (points == null) {
      return endpoint.noBalance();
    }
    Balance balance = Balance.of(Balance.Scope.ACCOUNT, UNIT).available(points).build();
    return Account.read(
        ID,
        List.of(balance),
        null,
        points.signum() <= 0
            ? Text.of("provider.poe_no_points", "upstream", NAME, "status", 402)
            : null);
  }
}

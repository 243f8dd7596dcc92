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
import java.util.Locale;

/**
 * StepFun's balance: {@code GET {base}/v1/accounts} answers {@code {"object":"account",
 * "type":"prepaid","balance":0.00,"total_cash_balance":0.00,"total_voucher_balance":26.00}} in CNY
 * (platform.stepfun.com/docs/zh/api-reference/accounts/get).
 *
 * <p>{@code balance} is what is left to spend (可用余额). The other two are lifetime totals, not what
 * is left: {@code total_cash_balance} is everything ever topped up (总充值金额) and {@code
 * total_voucher_balance} everything ever granted (总赠送金额). They are shown as {@code
 * parts.lifetime_topped_up} and {@code parts.lifetime_granted}, never as available or total. A
 * postpaid account ({@code type} {@code postpaid}) is billed afterwards, which the note says.
 */
public final class StepFunProvider extends EndpointProvider {
  static final String ID = "stepfun";
  private static final String NAME = "StepFun";
  private static final String UNIT = "CNY";
  private static final String LIFETIME_TOPPED_UP = "lifetime_topped_up";
  private static final String LIFETIME_GRANTED = "lifetime_granted";

  /**
   * @param baseUrl StepFun's API base, e.g. {@code https://api.stepfun.com} (a trailing {@code /v1}
   *     is dropped)
   */
  public StepFunProvider(UpstreamHttp http, URI baseUrl) {
    super(new BalanceEndpoint(http, Urls.under(baseUrl, "v1/accounts", "/v1"), ID, NAME, UNIT));
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    if (root.has("error")) {
      return endpoint.declaredFailure(root, key);
    }
    BigDecimal available = LenientJson.amount(root, "balance");
    if (available == null) {
      return endpoint.noBalance();
    }
    NoteParts note = new NoteParts();
    String type = LenientJson.text(root, "type");
    if (type != null && type.strip().toLowerCase(Locale.ROOT).equals("postpaid")) {
      note.add(Text.of("provider.stepfun_postpaid", "upstream", NAME));
    }
    if (available.signum() <= 0 && note.isEmpty()) {
      note.add(Text.of("provider.top_up", "upstream", NAME));
    }
    BigDecimal toppedUp = LenientJson.amount(root, "total_cash_balance");
    BigDecimal granted = LenientJson.amount(root, "total_voucher_balance");
    if (toppedUp != null || granted != null) {
      note.add(
          Text.of(
              "provider.lifetime_totals",
              "topped_up",
              LIFETIME_TOPPED_UP,
              "granted",
              LIFETIME_GRANTED));
    }
    Balance balance =
        Balance.of(Balance.Scope.ACCOUNT, UNIT)
            .available(available)
            .part(LIFETIME_TOPPED_UP, toppedUp)
            .part(LIFETIME_GRANTED, granted)
            .build();
    return Account.read(ID, List.of(balance), null, note.joined());
  }
}

package dev.quotabot.quota.provider;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.net.UpstreamHttp;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

/**
 * SiliconFlow's balance: {@code GET {base}/v1/user/info} answers {@code
 * {"code":20000,"message":"OK","status":true,"data":{"name","balance":"0.88",
 * "chargeBalance":"88.00","totalBalance":"88.88",…}}} with the amounts as strings, in CNY.
 *
 * <p>{@code totalBalance} is what can be spent (granted {@code balance} plus {@code
 * chargeBalance}), so it is the available balance; when it is missing the sum of the two parts is
 * used. The split is {@code parts.granted} and {@code parts.charged}. A {@code code} other than
 * 20000 or {@code status:false} is a failure. The e-mail address is not shown.
 */
public final class SiliconFlowProvider extends EndpointProvider {
  static final String ID = "siliconflow";
  private static final String NAME = "SiliconFlow";
  private static final String UNIT = "CNY";
  private static final String OK_CODE = "20000";

  /**
   * @param baseUrl SiliconFlow's API base, e.g. {@code https://api.siliconflow.cn} (a trailing
   *     {@code /v1} is dropped)
   */
  public SiliconFlowProvider(UpstreamHttp http, URI baseUrl) {
    super(
        new BalanceEndpoint(
            http, BalanceEndpoint.under(baseUrl, "v1/user/info", "/v1"), ID, NAME, UNIT),
        ID,
        NAME,
        UNIT,
        // SiliconFlow's console hands out "sk-…" keys (SILICONFLOW_API_KEY=sk-… in public clients)
        "sk-");
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    String code = LenientJson.text(root, "code");
    if ((code != null && !code.strip().equals(OK_CODE))
        || Boolean.FALSE.equals(LenientJson.flag(root, "status"))) {
      return endpoint.declaredFailure(root, key);
    }
    JsonObject data = LenientJson.objectField(root, "data");
    if (data == null) {
      return endpoint.noBalance();
    }
    BigDecimal granted = LenientJson.amount(data, "balance");
    BigDecimal charged = LenientJson.amount(data, "chargeBalance");
    BigDecimal total = LenientJson.amount(data, "totalBalance");
    if (total == null && granted != null && charged != null) {
      total = granted.add(charged);
    }
    if (total == null) {
      return endpoint.noBalance();
    }
    Balance balance =
        Balance.of(Balance.Scope.ACCOUNT, UNIT)
            .available(total)
            .part("granted", granted)
            .part("charged", charged)
            .build();
    return Account.read(
        ID, List.of(balance), UpstreamText.name(LenientJson.text(data, "name"), key), null);
  }
}
